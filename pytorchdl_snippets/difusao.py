"""Ferramentas da lição Difusão: os dados em duas luas, a agenda de ruído e a distância de energia.

``luas`` gera pontos das duas luas do scikit-learn como tensor ``float32``; ``agenda_linear`` dá os
:math:`\\beta_t`, :math:`\\alpha_t` e :math:`\\bar\\alpha_t` de uma agenda linear de ruído;
``distancia_de_energia`` compara duas nuvens de pontos (zero só quando as distribuições são
iguais)::

    >>> from pytorchdl_snippets.difusao import distancia_de_energia, luas
    >>> luas(500, semente=0).shape
    torch.Size([500, 2])
    >>> distancia_de_energia(luas(500, semente=0), luas(500, semente=0))
    0.0

A agenda e a distância são ensinadas, escritas à mão, na lição Difusão; as páginas seguintes as
importam daqui.
"""

from __future__ import annotations

import math
from numbers import Real

import torch
from sklearn.datasets import make_moons
from torch import Tensor

from pytorchdl_snippets.validacao import inteiro


def _real(nome: str, valor) -> float:
    if isinstance(valor, bool) or not isinstance(valor, Real):
        raise TypeError(f"{nome}: esperava um número, recebi {type(valor).__name__} ({valor!r})")
    return float(valor)


def luas(n: int, semente: int, ruido: float = 0.1) -> Tensor:
    """``n`` pontos das duas luas (``make_moons``), com ruído gaussiano de desvio ``ruido``.

    Devolve um tensor ``float32`` de forma ``(n, 2)``; a mesma ``semente`` dá os mesmos pontos.
    """
    inteiro("n", n, minimo=2)
    inteiro("semente", semente, minimo=0)
    ruido = _real("ruido", ruido)
    if not math.isfinite(ruido) or ruido < 0:
        raise ValueError(f"ruido: esperava um número >= 0, recebi {ruido!r}")
    pontos, _ = make_moons(n, noise=ruido, random_state=semente)
    return torch.tensor(pontos, dtype=torch.float32)


def agenda_linear(passos: int, beta_inicial: float, beta_final: float) -> tuple[Tensor, Tensor, Tensor]:
    """``(betas, alfas, alfas_barra)`` de uma agenda linear de ``passos`` passos de ruído.

    ``betas`` vai de ``beta_inicial`` a ``beta_final`` em linha reta; ``alfas = 1 - betas`` e
    ``alfas_barra`` é o produto acumulado dos ``alfas`` (quanto do sinal sobra no passo ``t``).
    """
    inteiro("passos", passos, minimo=1)
    inicial, final = _real("beta_inicial", beta_inicial), _real("beta_final", beta_final)
    for nome, valor in (("beta_inicial", inicial), ("beta_final", final)):
        if not 0 < valor < 1:
            raise ValueError(f"{nome}: esperava um número entre 0 e 1 (exclusive), recebi {valor!r}")
    if final < inicial:
        raise ValueError(f"beta_final: esperava um número >= beta_inicial ({inicial!r}), recebi {final!r}")
    betas = torch.linspace(inicial, final, passos)
    alfas = 1 - betas
    return betas, alfas, torch.cumprod(alfas, dim=0)


def _nuvem(nome: str, pontos) -> Tensor:
    if not isinstance(pontos, Tensor):
        raise TypeError(f"{nome}: esperava um tensor com forma (N, D), recebi {type(pontos).__name__}")
    if pontos.dim() != 2:
        raise ValueError(f"{nome}: esperava um tensor com forma (N, D), recebi {tuple(pontos.shape)}")
    if pontos.shape[0] < 1:
        raise ValueError(f"{nome}: esperava pelo menos 1 ponto, recebi forma {tuple(pontos.shape)}")
    return pontos


def distancia_de_energia(x: Tensor, y: Tensor) -> float:
    """Distância de energia entre as amostras ``x`` ``(N, D)`` e ``y`` ``(M, D)``.

    :math:`2\\,E\\lVert X - Y\\rVert - E\\lVert X - X'\\rVert - E\\lVert Y - Y'\\rVert`, com as médias
    sobre todos os pares (inclusive um ponto com ele mesmo, como ``scipy.stats.energy_distance``,
    que devolve a raiz deste número em uma dimensão). É zero para nuvens iguais e, com muitos pontos,
    só é zero quando as duas distribuições são a mesma.
    """
    x, y = _nuvem("x", x), _nuvem("y", y)
    if y.shape[1] != x.shape[1]:
        raise ValueError(f"y: esperava forma (M, {x.shape[1]}), como x, recebi {tuple(y.shape)}")
    x, y = x.double(), y.double()
    entre = torch.cdist(x, y).mean()
    return float(2 * entre - torch.cdist(x, x).mean() - torch.cdist(y, y).mean())
