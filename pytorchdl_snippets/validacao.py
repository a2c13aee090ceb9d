"""Validação de argumentos compartilhada pelos módulos do pacote, com mensagens em português."""

from __future__ import annotations


def inteiro(nome: str, valor, minimo: int = 1) -> int:
    """Devolve ``valor`` se for um ``int`` (não ``bool``) maior ou igual a ``minimo``.

    Tipo errado gera ``TypeError``; valor pequeno demais, ``ValueError``. A mensagem diz o nome do
    argumento, o que se esperava e o que chegou: ``passos: esperava um int >= 1, recebi 0``.
    """
    if isinstance(valor, bool) or not isinstance(valor, int):
        raise TypeError(f"{nome}: esperava um int >= {minimo}, recebi {type(valor).__name__} ({valor!r})")
    if valor < minimo:
        raise ValueError(f"{nome}: esperava um int >= {minimo}, recebi {valor!r}")
    return valor
