"""Sequências de caracteres: os nomes dos municípios, o vocabulário e a divisão dos nomes.

Usado a partir da lição "Sequências e tokens" (``docs/sequencias/tokens.md``), que constrói cada
peça à mão antes de importá-la daqui.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources

from pytorchdl_snippets.dados import dividir_indices

ESPECIAL = "."


def carregar_municipios() -> list[str]:
    """Os nomes dos 5289 municípios brasileiros distintos, em minúsculas e sem acentos, ordenados.

    Vêm do arquivo ``dados_texto/municipios.txt`` do pacote (dados públicos do IBGE, via brutils
    2.5.0; veja o ``LEIAME.md`` ao lado). Nada é baixado: o arquivo viaja com o pacote.
    """
    arquivo = resources.files("pytorchdl_snippets") / "dados_texto" / "municipios.txt"
    return [linha for linha in arquivo.read_text(encoding="utf-8").splitlines() if linha]


class Vocabulario:
    """Caracteres como tokens: ``itos`` (índice → caractere) e ``stoi`` (caractere → índice).

    O índice 0 é o token especial ``especial`` (``"."``), que marca o início e o fim de um nome;
    os demais são os caracteres de ``textos`` em ordem alfabética. ``codificar("acre")`` devolve a
    lista de índices e ``decodificar`` faz o caminho de volta.
    """

    def __init__(self, textos: Iterable[str], especial: str = ESPECIAL) -> None:
        if isinstance(textos, str):
            raise TypeError("textos: esperava uma lista de textos (str), recebi um str só")
        textos = list(textos)
        if not textos or not all(isinstance(t, str) for t in textos):
            raise TypeError("textos: esperava uma lista não vazia de textos (str)")
        if not isinstance(especial, str) or len(especial) != 1:
            raise ValueError(f"especial: esperava um único caractere, recebi {especial!r}")
        caracteres = sorted(set("".join(textos)))
        if especial in caracteres:
            raise ValueError(f"especial: o caractere {especial!r} já aparece nos textos")
        self.especial = especial
        self.itos: list[str] = [especial, *caracteres]
        self.stoi: dict[str, int] = {c: i for i, c in enumerate(self.itos)}

    def __len__(self) -> int:
        return len(self.itos)

    def __repr__(self) -> str:
        return f"Vocabulario({len(self)} tokens: {''.join(self.itos)!r})"

    def codificar(self, texto: str) -> list[int]:
        """Os índices dos caracteres de ``texto``; caractere fora do vocabulário é ``ValueError``."""
        if not isinstance(texto, str):
            raise TypeError(f"texto: esperava um str, recebi {type(texto).__name__}")
        indices = []
        for posicao, caractere in enumerate(texto):
            if caractere not in self.stoi:
                raise ValueError(
                    f"codificar: caractere desconhecido {caractere!r} na posição {posicao} de "
                    f"{texto!r};\no vocabulário tem {len(self)} tokens: {''.join(self.itos)!r}"
                )
            indices.append(self.stoi[caractere])
        return indices

    def decodificar(self, indices: Iterable[int]) -> str:
        """O texto dos ``indices`` (ints ou um tensor de inteiros); índice fora de 0..V-1 é ``ValueError``."""
        if hasattr(indices, "tolist"):
            indices = indices.tolist()
        caracteres = []
        for posicao, indice in enumerate(indices):
            if isinstance(indice, bool) or not isinstance(indice, int):
                raise TypeError(
                    f"decodificar: esperava índices inteiros, recebi {type(indice).__name__} "
                    f"({indice!r}) na posição {posicao}"
                )
            if not 0 <= indice < len(self):
                raise ValueError(
                    f"decodificar: índice {indice} (posição {posicao}) fora de 0 a {len(self) - 1}"
                )
            caracteres.append(self.itos[indice])
        return "".join(caracteres)


def dividir_nomes(
    nomes: Sequence[str], fracoes: Sequence[float] = (0.8, 0.1, 0.1), semente: int = 0
) -> list[list[str]]:
    """Embaralha ``nomes`` com a ``semente`` e os divide em partes (treino, validação, teste).

    Usa :func:`pytorchdl_snippets.dados.dividir_indices`: as partes são disjuntas, cobrem todos os
    nomes e são as mesmas em qualquer máquina para a mesma semente.
    """
    if isinstance(nomes, str) or not isinstance(nomes, Sequence):
        raise TypeError(f"nomes: esperava uma lista de str, recebi {type(nomes).__name__}")
    if not all(isinstance(n, str) for n in nomes):
        raise TypeError("nomes: esperava uma lista de str, e há itens que não são str")
    partes = dividir_indices(len(nomes), fracoes, semente=semente)
    return [[nomes[i] for i in parte.tolist()] for parte in partes]
