"""Repetir um experimento com várias sementes e resumir: média ± desvio-padrão.

Uma comparação feita com uma semente só mede, em parte, a sorte daquela semente. As páginas que
comparam métodos rodam cada um com várias sementes e imprimem ``média ± desvio``::

    >>> from pytorchdl_snippets.estatistica import medir
    >>> print(medir([0.91, 0.93, 0.95]))
    0,93 ± 0,02 (3 sementes)

Quando dois métodos rodaram com as **mesmas** sementes, ``diferenca`` resume a diferença semente a
semente e ``empatam`` diz se ela está dentro do ruído: o teste *t* pareado, isto é, se o intervalo de
95 % de confiança da diferença média (``intervalo_da_diferenca``) contém o zero. O intervalo usa o
quantil da distribuição *t* de Student com ``n - 1`` graus de liberdade (4,30 para 3 sementes, 2,78
para 5, 2,26 para 10), e não o 1,96 da normal, que só vale com muitas sementes.

Um braço caótico (em que uma perturbação mínima muda muito o resultado) é resumido melhor pela
mediana e pela faixa::

    >>> print(medir([0.32, 0.11, 0.30, 0.29, 0.45]).formatar_mediana())
    0,30 (0,11 a 0,45)
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable
from typing import NamedTuple

from scipy import stats

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

    @property
    def mediana(self) -> float:
        return statistics.median(self.valores)

    def formatar_mediana(self, casas: int = 2, escala: float = 1.0, sufixo: str = "") -> str:
        """Texto ``mediana (mínimo a máximo)``, para braços caóticos: ``0,30 (0,11 a 0,45)``."""
        inteiro("casas", casas, minimo=0)
        mediana, menor, maior = (escala * v for v in (self.mediana, min(self.valores), max(self.valores)))
        texto = f"{mediana:.{casas}f}{sufixo} ({menor:.{casas}f} a {maior:.{casas}f}{sufixo})"
        return texto.replace(".", ",")

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


def quantil_t(sementes: int, confianca: float = 0.95) -> float:
    """Quantil bilateral da distribuição *t* com ``sementes - 1`` graus de liberdade.

    É quantos erros-padrão cabem na metade do intervalo de confiança: 4,30 com 3 sementes, 2,78
    com 5 e 2,26 com 10 (a 95 %); com muitas sementes, tende ao 1,96 da normal.
    """
    inteiro("sementes", sementes, minimo=2)
    if not 0 < confianca < 1:
        raise ValueError(f"confianca: esperava um número entre 0 e 1 (exclusive), recebi {confianca!r}")
    return float(stats.t.ppf(0.5 + confianca / 2, sementes - 1))


def intervalo_da_diferenca(a: Medida, b: Medida, confianca: float = 0.95) -> tuple[float, float]:
    """Intervalo de confiança da diferença média ``a - b`` (teste *t* pareado, mesmas sementes)."""
    d = diferenca(a, b)
    n = len(d.valores)
    meia_largura = quantil_t(n, confianca) * d.desvio / math.sqrt(n)
    return d.media - meia_largura, d.media + meia_largura


def empatam(a: Medida, b: Medida, confianca: float = 0.95) -> bool:
    """``True`` quando o intervalo de confiança da diferença média ``a - b`` contém o zero.

    É o teste *t* pareado: a diferença média precisa passar de ``quantil_t(n)`` erros-padrão
    (``desvio / √n`` das diferenças semente a semente) para estar fora do ruído. Com 3 sementes,
    isso é 4,30 erros-padrão: poucas sementes só separam diferenças grandes.
    """
    inicio, fim = intervalo_da_diferenca(a, b, confianca)
    return inicio <= 0 <= fim
