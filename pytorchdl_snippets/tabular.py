"""Dados tabulares com colunas categóricas: uma tabela sintética e um codificador de categorias.

``gerar_tabela`` cria uma tabela de vendas com duas colunas numéricas (``preco``, ``temperatura``),
uma ou mais colunas categóricas (por exemplo ``cidade`` com 5 níveis e ``produto`` com 200) e o
alvo ``vendas``: uma função das colunas numéricas, mais um efeito próprio de cada categoria, mais
ruído. Os efeitos verdadeiros ficam em ``tabela.attrs["efeitos"]``, para conferir o que um modelo
aprendeu.

``CodificadorCategorias`` troca cada categoria por um índice inteiro, ajustado **só no treino**, e
reserva o índice 0 para a categoria "desconhecida" (uma que não apareceu no treino)::

    >>> from pytorchdl_snippets.tabular import CodificadorCategorias
    >>> cod = CodificadorCategorias.ajustar(["SP", "RJ", "SP"])
    >>> cod.codificar(["RJ", "SP", "Recife"]).tolist()
    [1, 2, 0]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from numbers import Real

import numpy as np
import pandas as pd
import torch

from pytorchdl_snippets.validacao import inteiro

DESCONHECIDA = "<desconhecida>"
_RESERVADOS = ("preco", "temperatura", "vendas")


def _niveis_validos(niveis) -> dict[str, int]:
    if not isinstance(niveis, Mapping) or not niveis:
        raise ValueError(f"niveis: esperava um dicionário não vazio {{coluna: níveis}}, recebi {niveis!r}")
    for coluna, quantos in niveis.items():
        if not isinstance(coluna, str) or coluna in _RESERVADOS:
            raise ValueError(
                f"niveis: o nome {coluna!r} não serve para uma coluna categórica "
                f"(esperava um texto fora de {_RESERVADOS})"
            )
        inteiro(f"niveis[{coluna!r}]", quantos)
    return dict(niveis)


def gerar_tabela(
    n: int,
    niveis: Mapping[str, int] | None = None,
    ruido: float = 0.5,
    semente: int = 0,
) -> pd.DataFrame:
    """Tabela de ``n`` vendas: ``preco``, ``temperatura``, as colunas de ``niveis`` e ``vendas``.

    ``niveis`` dá, para cada coluna categórica, quantos níveis ela tem (padrão:
    ``{"cidade": 5, "produto": 200}``); os níveis se chamam ``cidade_0``…, com o número preenchido
    com zeros (``produto_007``) e são sorteados com a mesma probabilidade. Cada nível tem um efeito
    sorteado de uma normal(0, 1) que soma no alvo. ``ruido`` é o desvio-padrão do ruído gaussiano
    do alvo: é o menor erro que um modelo pode esperar. O alvo vem arredondado a 2 casas. Com a
    mesma ``semente``, a mesma tabela; o ruído tem gerador próprio, então mudar ``ruido`` não muda
    o resto. ``tabela.attrs`` guarda os ``"efeitos"`` de cada nível e a ``"parte_numerica"``.
    """
    inteiro("n", n)
    niveis = _niveis_validos({"cidade": 5, "produto": 200} if niveis is None else niveis)
    if isinstance(ruido, bool) or not isinstance(ruido, Real):
        raise TypeError(f"ruido: esperava um número >= 0, recebi {type(ruido).__name__} ({ruido!r})")
    if not ruido >= 0:
        raise ValueError(f"ruido: esperava um número >= 0, recebi {ruido!r}")
    inteiro("semente", semente, minimo=0)

    gerador = np.random.default_rng(semente)
    preco = np.round(gerador.uniform(5.0, 50.0, n), 2)
    temperatura = np.round(gerador.normal(25.0, 5.0, n), 1)
    # o preço derruba as vendas; dias muito frios ou muito quentes vendem mais
    parte_numerica = 6.0 - 0.08 * preco + 0.04 * (temperatura - 25.0) ** 2
    colunas = {"preco": preco, "temperatura": temperatura}
    vendas = parte_numerica.copy()
    efeitos = {}
    for coluna, quantos in niveis.items():
        efeitos[coluna] = gerador.normal(0.0, 1.0, quantos)
        nivel = gerador.integers(0, quantos, n)
        casas = len(str(quantos - 1))
        colunas[coluna] = [f"{coluna}_{i:0{casas}d}" for i in nivel]
        vendas = vendas + efeitos[coluna][nivel]
    ruido_gaussiano = np.random.default_rng([semente, 1]).normal(0.0, 1.0, n)
    colunas["vendas"] = np.round(vendas + ruido * ruido_gaussiano, 2)
    tabela = pd.DataFrame(colunas)
    tabela.attrs["efeitos"] = efeitos
    tabela.attrs["parte_numerica"] = parte_numerica
    return tabela


def _lista_de_valores(valores) -> list:
    if isinstance(valores, (str, bytes)) or not isinstance(valores, Iterable):
        raise TypeError(
            f"valores: esperava uma lista ou uma coluna (pandas.Series) de categorias, "
            f"recebi {type(valores).__name__} ({valores!r})"
        )
    return list(valores)


class CodificadorCategorias:
    """Categoria → índice inteiro; o índice 0 é a categoria ``"<desconhecida>"``.

    Crie com ``CodificadorCategorias.ajustar(coluna_de_treino)``: as categorias vistas no treino
    recebem os índices 1, 2, … (em ordem alfabética); qualquer outra, inclusive uma que só aparece
    na validação ou no teste, vira 0. ``len(codificador)`` é o número de índices (categorias + 1):
    o tamanho certo para ``nn.Embedding`` e para ``one_hot(..., num_classes=...)``.
    """

    def __init__(self, categorias: Iterable) -> None:
        self.categorias = tuple(_lista_de_valores(categorias))
        if len(set(self.categorias)) != len(self.categorias):
            raise ValueError(f"categorias: esperava categorias sem repetição, recebi {self.categorias!r}")
        self._indices = {c: i + 1 for i, c in enumerate(self.categorias)}

    @classmethod
    def ajustar(cls, valores, minimo: int = 1) -> CodificadorCategorias:
        """Aprende as categorias de ``valores`` (a coluna de **treino**).

        Categorias com menos de ``minimo`` ocorrências ficam de fora e vão para "desconhecida":
        assim o índice 0 também é treinado, com as categorias raras.
        """
        lista = _lista_de_valores(valores)
        if not lista:
            raise ValueError("valores: esperava pelo menos uma categoria, recebi uma coluna vazia")
        inteiro("minimo", minimo)
        contagem = Counter(lista)
        mantidas = sorted(c for c, k in contagem.items() if k >= minimo)
        if not mantidas:
            raise ValueError(
                f"minimo: nenhuma categoria aparece {minimo} vezes ou mais "
                f"(a mais frequente aparece {max(contagem.values())})"
            )
        return cls(mantidas)

    def __len__(self) -> int:
        return len(self.categorias) + 1

    def codificar(self, valores) -> torch.Tensor:
        """Tensor ``long`` com o índice de cada valor (0 para uma categoria desconhecida)."""
        lista = _lista_de_valores(valores)
        return torch.tensor([self._indices.get(v, 0) for v in lista], dtype=torch.long)

    def __repr__(self) -> str:
        return f"CodificadorCategorias({len(self.categorias)} categorias + {DESCONHECIDA!r})"
