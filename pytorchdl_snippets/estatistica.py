"""Repetir um experimento com várias sementes e resumir: média ± desvio-padrão.

Uma comparação feita com uma semente só mede, em parte, a sorte daquela semente. As páginas que
comparam métodos rodam cada um com várias sementes e imprimem ``média ± desvio``::

    >>> from pytorchdl_snippets.estatistica import medir
    >>> print(medir([0.91, 0.93, 0.95]))
    0,93 ± 0,02 (3 sementes)

Quando dois métodos rodaram com as **mesmas** sementes, ``diferenca`` resume a diferença semente a
semente e ``empatam`` diz se ela está dentro do ruído (o intervalo de ±2 erros-padrão da diferença
média contém o zero).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable
from typing import NamedTuple

from pytorchdl_snippets.dispositivo import fixar_semente
from pytorchdl_snippets.validacao import inteiro


def formatar_media_desvio(media: float, desvio: float, casas: int = 2, sufixo: str = "") -> str:
    """``0,93 ± 0,02``: vírgula decimal, como na prosa das páginas. ``sufixo`` vem no fim (``" %"``)."""
    inteiro("casas", casas, minimo=0)
    texto = f"{media:.{casas}f} ± {desvio:.{casas}f}".replace(".", ",")
    return texto + sufixo


class Medida(NamedTuple):
    """Média e desvio-padrão amostral (``n - 1`` no denominador) de um experimento repetido."""

    media: float
    desvio: float
    valores: tuple[float, ...]

    def formatar(self, casas: int = 2, escala: float = 1.0, sufixo: str = "") -> str:
        """Texto ``média ± desvio``; ``escala=100, sufixo=" %"`` escreve uma fração como porcentagem."""
        return formatar_media_desvio(self.media * escala, self.desvio * escala, casas, sufixo)

    def __str__(self) -> str:
        return f"{self.formatar()} ({len(self.valores)} sementes)"


def medir(valores: Iterable[float]) -> Medida:
    """Resume uma lista de resultados (um por semente) em média ± desvio-padrão amostral."""
    try:
        lista = tuple(float(v) for v in valores)
    except (TypeError, ValueError) as erro:
        raise TypeError(f"valores: esperava números (um por semente), recebi {valores!r}") from erro
    if len(lista) < 2:
        raise ValueError(f"valores: esperava pelo menos 2 resultados para um desvio, recebi {len(lista)}")
    if not all(math.isfinite(v) for v in lista):
        raise ValueError(f"valores: esperava números finitos, recebi {lista}")
    return Medida(statistics.fmean(lista), statistics.stdev(lista), lista)


def repetir(experimento: Callable[[int], float], sementes: Iterable[int] = range(5)) -> Medida:
    """Roda ``experimento(semente)`` uma vez por semente, depois de ``fixar_semente(semente)``.

    ``experimento`` devolve um número (uma acurácia, um erro). O resultado é a ``Medida`` deles.
    """
    if not callable(experimento):
        raise TypeError(f"experimento: esperava uma função de uma semente, recebi {experimento!r}")
    resultados = []
    for semente in sementes:
        fixar_semente(semente)
        resultados.append(experimento(semente))
    return medir(resultados)


def diferenca(a: Medida, b: Medida) -> Medida:
    """Diferença ``a - b`` semente a semente (as duas medidas precisam das mesmas sementes, em ordem)."""
    if len(a.valores) != len(b.valores):
        raise ValueError(
            f"b: esperava {len(a.valores)} resultados, como em a (mesmas sementes), recebi {len(b.valores)}"
        )
    return medir(x - y for x, y in zip(a.valores, b.valores, strict=True))


def empatam(a: Medida, b: Medida, erros_padrao: float = 2.0) -> bool:
    """``True`` quando a diferença média está dentro de ±``erros_padrao`` erros-padrão de zero.

    O erro-padrão da diferença média é ``desvio / √n`` das diferenças semente a semente. Com poucas
    sementes isto é uma regra prática, não um teste de hipótese rigoroso: ela diz quando a diferença
    é pequena demais, diante da variação entre sementes, para sustentar uma conclusão.
    """
    d = diferenca(a, b)
    erro_padrao = d.desvio / math.sqrt(len(d.valores))
    return abs(d.media) <= erros_padrao * erro_padrao
