"""Parte "Modelos generativos": os dígitos 8×8 em [0, 1], divididos, e o mosaico que os desenha.

``dividir_digitos`` dá o treino, a validação e o teste que as lições de autoencoders usam (as
imagens achatadas em 64 pixels, o formato que entra numa camada linear); ``mosaico`` põe várias
imagens numa grade, para mostrar com ``imshow`` reconstruções, amostras e interpolações::

    >>> from pytorchdl_snippets.generativos import dividir_digitos, mosaico
    >>> d = dividir_digitos()
    >>> d.X_treino.shape, d.X_treino.max().item()
    (torch.Size([1078, 64]), 1.0)
    >>> mosaico(d.X_teste[:10], colunas=5).shape
    torch.Size([17, 44])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import torch
from sklearn.datasets import load_digits

from pytorchdl_snippets.dados import dividir_indices
from pytorchdl_snippets.validacao import inteiro


class DigitosDivididos(NamedTuple):
    """Treino, validação e teste dos dígitos: imagens ``(N, 64)`` em [0, 1] e rótulos ``(N,)``."""

    X_treino: torch.Tensor
    X_val: torch.Tensor
    X_teste: torch.Tensor
    y_treino: torch.Tensor
    y_val: torch.Tensor
    y_teste: torch.Tensor


def dividir_digitos(fracoes: Sequence[float] = (0.6, 0.2, 0.2), semente: int = 0) -> DigitosDivididos:
    """Os 1797 dígitos 8×8 do scikit-learn, pixels divididos por 16 (em [0, 1]), em três partes.

    As imagens voltam achatadas, ``float32`` no formato ``(N, 64)``; os rótulos, ``int64``. A divisão
    embaralha com ``dividir_indices(1797, fracoes, semente)``: reprodutível, partes disjuntas.
    """
    inteiro("semente", semente, minimo=0)
    fracoes = list(fracoes)
    if len(fracoes) != 3:
        raise ValueError(f"fracoes: esperava três frações (treino, validação, teste), recebi {fracoes!r}")
    digitos = load_digits()
    X = torch.tensor(digitos.data, dtype=torch.float32) / 16.0
    y = torch.tensor(digitos.target, dtype=torch.int64)
    treino, val, teste = dividir_indices(len(X), fracoes, semente=semente)
    return DigitosDivididos(X[treino], X[val], X[teste], y[treino], y[val], y[teste])


def mosaico(imagens: torch.Tensor, colunas: int, espaco: int = 1, fundo: float = 1.0) -> torch.Tensor:
    """Uma grade 2-D com as ``imagens`` lado a lado, ``colunas`` por linha, para ``plt.imshow``.

    ``imagens`` tem o formato ``(N, h, w)`` ou ``(N, lado²)`` (imagens quadradas achatadas, como os
    dígitos ``(N, 64)``). Entre as imagens ficam ``espaco`` pixels com o valor ``fundo`` (branco,
    1, por padrão; num ``imshow`` com ``cmap="gray_r"``, use 0); as células que sobram na última
    linha também ficam com o fundo. O resultado é um tensor sem gradiente.
    """
    if not isinstance(imagens, torch.Tensor):
        raise TypeError(f"imagens: esperava um torch.Tensor, recebi {type(imagens).__name__}")
    inteiro("colunas", colunas)
    inteiro("espaco", espaco, minimo=0)
    formato = tuple(imagens.shape)
    if imagens.dim() == 2 and math.isqrt(formato[1]) ** 2 == formato[1]:
        lado = math.isqrt(formato[1])
        imagens = imagens.reshape(-1, lado, lado)
    elif imagens.dim() != 3:
        raise ValueError(f"imagens: esperava o formato (N, h, w) ou (N, lado²), recebi {formato}")
    if len(imagens) == 0:
        raise ValueError(f"imagens: esperava pelo menos uma imagem, recebi {formato}")
    n, h, w = imagens.shape
    linhas = math.ceil(n / colunas)
    grade = torch.full((linhas * (h + espaco) - espaco, colunas * (w + espaco) - espaco), float(fundo))
    imagens = imagens.detach().to(grade.dtype)
    for i, imagem in enumerate(imagens):
        linha, coluna = divmod(i, colunas)
        topo, esquerda = linha * (h + espaco), coluna * (w + espaco)
        grade[topo : topo + h, esquerda : esquerda + w] = imagem
    return grade
