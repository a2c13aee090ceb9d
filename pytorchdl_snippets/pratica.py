"""Ferramentas da parte "Na prática": diagnosticar um treino.

``faixa_de_taxas`` é o teste de faixa da taxa de aprendizado (Smith, 2017; o ``lr_find`` do fast.ai)
escrito à mão na lição "Quando o treino não funciona": a taxa cresce em progressão geométrica a
cada passo, e a perda de cada passo é registrada até explodir. ``taxa_do_minimo`` lê o resultado::

    >>> import torch
    >>> from torch import nn
    >>> _ = torch.manual_seed(0)
    >>> X, y = torch.randn(100, 4), torch.randint(0, 2, (100,))
    >>> taxas, perdas = faixa_de_taxas(nn.Linear(4, 2), X, y, passos=20)
    >>> len(taxas) == len(perdas) <= 20
    True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F
from torch import nn

from pytorchdl_snippets.validacao import inteiro


def _tensor(nome: str, valor) -> torch.Tensor:
    if not isinstance(valor, torch.Tensor):
        raise TypeError(f"{nome}: esperava um torch.Tensor, recebi {type(valor).__name__}")
    return valor


def faixa_de_taxas(
    modelo: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    perda_fn: Callable = F.cross_entropy,
    lr_min: float = 1e-4,
    lr_max: float = 10.0,
    passos: int = 100,
    momento: float = 0.9,
    parada: float | None = 4.0,
) -> tuple[list[float], list[float]]:
    """Teste de faixa: SGD com ``momento`` em lote inteiro, a taxa indo de ``lr_min`` a ``lr_max``.

    A cada passo a taxa é multiplicada pelo mesmo fator; a perda registrada é a do passo, antes da
    atualização (a primeira é a do modelo sem treino). Para quando a perda deixa de ser finita ou
    passa de ``parada`` vezes a menor já vista (``parada=None``: vai até o fim). **Treina**
    ``modelo``: use um modelo novo, igual ao que vai treinar de verdade.

    Devolve ``(taxas, perdas)``, listas do mesmo tamanho.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo: esperava um torch.nn.Module, recebi {type(modelo).__name__}")
    X, y = _tensor("X", X), _tensor("y", y)
    if len(y) != len(X):
        raise ValueError(f"y: esperava {len(X)} rótulos, um por linha de X, recebi {len(y)}")
    if not (isinstance(lr_min, (int, float)) and lr_min > 0):
        raise ValueError(f"lr_min: esperava um número > 0, recebi {lr_min!r}")
    if not (isinstance(lr_max, (int, float)) and lr_max > lr_min):
        raise ValueError(f"lr_max: esperava um número maior que lr_min ({lr_min}), recebi {lr_max!r}")
    inteiro("passos", passos, minimo=2)
    if parada is not None and not (isinstance(parada, (int, float)) and parada > 1):
        raise ValueError(f"parada: esperava None ou um número > 1, recebi {parada!r}")
    otimizador = torch.optim.SGD(modelo.parameters(), lr=lr_min, momentum=momento)
    fator = (lr_max / lr_min) ** (1 / (passos - 1))
    taxas: list[float] = []
    perdas: list[float] = []
    for passo in range(passos):
        lr = lr_min * fator**passo
        for grupo in otimizador.param_groups:
            grupo["lr"] = lr
        perda = perda_fn(modelo(X), y)
        otimizador.zero_grad()
        perda.backward()
        otimizador.step()
        taxas.append(lr)
        perdas.append(perda.item())
        if not math.isfinite(perdas[-1]):
            break
        if parada is not None and perdas[-1] > parada * min(perdas):
            break
    return taxas, perdas


def taxa_do_minimo(taxas: Sequence[float], perdas: Sequence[float]) -> float:
    """A taxa em que a perda finita foi a menor. A regra prática: treinar com uma taxa entre um
    décimo dela e ela, na descida da curva."""
    if len(taxas) != len(perdas):
        raise ValueError(f"perdas: esperava {len(taxas)} valores, um por taxa, recebi {len(perdas)}")
    finitas = [(p, t) for t, p in zip(taxas, perdas, strict=True) if math.isfinite(p)]
    if not finitas:
        raise ValueError("perdas: esperava pelo menos uma perda finita, recebi só nan/inf")
    return min(finitas)[1]
