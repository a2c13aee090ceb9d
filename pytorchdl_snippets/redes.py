"""Redes neurais densas: o perceptron multicamadas (MLP) e a contagem de parâmetros."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn


def _inteiro_positivo(nome: str, valor) -> int:
    if isinstance(valor, bool) or not isinstance(valor, int):
        raise TypeError(f"{nome}: esperava um int, recebi {type(valor).__name__}")
    if valor <= 0:
        raise ValueError(f"{nome}: esperava um inteiro positivo, recebi {valor}")
    return valor


class MLP(nn.Module):
    """Perceptron multicamadas: ``Linear`` + ativação para cada camada escondida e uma ``Linear`` final.

    A saída são *logits* (nenhuma ativação depois da última camada), prontos para
    ``CrossEntropyLoss`` ou ``BCEWithLogitsLoss``.

    >>> MLP(2, [8, 8], 1)
    MLP(
      (camadas): Sequential(
        (0): Linear(in_features=2, out_features=8, bias=True)
        (1): ReLU()
        (2): Linear(in_features=8, out_features=8, bias=True)
        (3): ReLU()
        (4): Linear(in_features=8, out_features=1, bias=True)
      )
    )
    """

    def __init__(
        self,
        entradas: int,
        escondidas: Sequence[int],
        saidas: int,
        ativacao: type[nn.Module] = nn.ReLU,
    ) -> None:
        super().__init__()
        entradas = _inteiro_positivo("entradas", entradas)
        saidas = _inteiro_positivo("saidas", saidas)
        if isinstance(escondidas, (str, bytes)) or not isinstance(escondidas, Sequence):
            raise TypeError(
                f"escondidas: esperava uma sequência de ints como [16, 8], recebi {type(escondidas).__name__}"
            )
        escondidas = [_inteiro_positivo(f"escondidas[{i}]", n) for i, n in enumerate(escondidas)]
        if not (isinstance(ativacao, type) and issubclass(ativacao, nn.Module)):
            raise TypeError(f"ativacao: esperava uma classe de nn.Module como nn.ReLU, recebi {ativacao!r}")
        self.entradas = entradas
        camadas: list[nn.Module] = []
        anterior = entradas
        for n in escondidas:
            camadas += [nn.Linear(anterior, n), ativacao()]
            anterior = n
        camadas.append(nn.Linear(anterior, saidas))
        self.camadas = nn.Sequential(*camadas)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not isinstance(x, torch.Tensor):
            raise TypeError(f"x: esperava um torch.Tensor, recebi {type(x).__name__}")
        if x.ndim != 2 or x.shape[1] != self.entradas:
            raise ValueError(f"x: esperava formato (N, {self.entradas}), recebi {tuple(x.shape)}")
        return self.camadas(x)


def contar_parametros(modelo: nn.Module, apenas_treinaveis: bool = True) -> int:
    """Número de parâmetros (escalares) do ``modelo``; por padrão, só os que exigem gradiente."""
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo: esperava um nn.Module, recebi {type(modelo).__name__}")
    return sum(p.numel() for p in modelo.parameters() if p.requires_grad or not apenas_treinaveis)
