"""Ferramentas da lição Regularização: rótulos com ruído e aumento de dados em imagens pequenas.

``rotulos_com_ruido`` troca uma fração dos rótulos por classes sorteadas (o regime em que uma rede
decora o treino); ``aumentar`` aplica a cada imagem do lote uma rotação e um deslocamento pequenos,
sorteados por imagem, com ``affine_grid``/``grid_sample``::

    >>> import torch
    >>> from pytorchdl_snippets.regularizacao import aumentar
    >>> aumentar(torch.rand(5, 8, 8), graus=10, pixels=1).shape
    torch.Size([5, 8, 8])
"""

from __future__ import annotations

import math
from numbers import Real

import torch
import torch.nn.functional as F
from torch import Tensor

from pytorchdl_snippets.validacao import inteiro


def _gerador(gerador) -> torch.Generator | None:
    if gerador is not None and not isinstance(gerador, torch.Generator):
        raise TypeError(f"gerador: esperava None ou um torch.Generator, recebi {type(gerador).__name__}")
    return gerador


def _real(nome: str, valor, minimo: float, maximo: float | None = None) -> float:
    if isinstance(valor, bool) or not isinstance(valor, Real):
        raise TypeError(f"{nome}: esperava um número, recebi {type(valor).__name__} ({valor!r})")
    valor = float(valor)
    faixa = f"entre {minimo:g} e {maximo:g}" if maximo is not None else f">= {minimo:g}"
    if not math.isfinite(valor) or valor < minimo or (maximo is not None and valor > maximo):
        raise ValueError(f"{nome}: esperava um número {faixa}, recebi {valor!r}")
    return valor


def rotulos_com_ruido(
    rotulos: Tensor, fracao: float, classes: int = 10, gerador: torch.Generator | None = None
) -> Tensor:
    """Cópia de ``rotulos`` em que cada rótulo, com probabilidade ``fracao``, vira uma classe sorteada.

    A classe sorteada pode coincidir com a verdadeira (com ``classes`` classes, isso acontece em
    ``1 / classes`` dos sorteios): a fração de rótulos errados fica perto de
    ``fracao · (1 - 1 / classes)``.
    """
    if not isinstance(rotulos, Tensor) or rotulos.dim() != 1 or rotulos.is_floating_point():
        forma = tuple(rotulos.shape) if isinstance(rotulos, Tensor) else type(rotulos).__name__
        raise TypeError(f"rotulos: esperava um tensor de inteiros com forma (N,), recebi {forma}")
    fracao = _real("fracao", fracao, 0.0, 1.0)
    inteiro("classes", classes, minimo=2)
    gerador = _gerador(gerador)
    n = rotulos.shape[0]
    trocar = torch.rand(n, generator=gerador) < fracao
    sorteados = torch.randint(0, classes, (n,), generator=gerador)
    return torch.where(trocar, sorteados, rotulos)


def aumentar(
    imagens: Tensor,
    graus: float = 10.0,
    pixels: float = 1.0,
    gerador: torch.Generator | None = None,
) -> Tensor:
    """Gira cada imagem até ``±graus`` e a desloca até ``±pixels`` em cada direção, ao acaso.

    ``imagens`` tem forma ``(N, H, W)`` ou ``(N, C, H, W)``; a saída tem a mesma forma. Cada imagem
    recebe o seu próprio sorteio (uniforme nas duas faixas); os pixels que entram pela borda valem
    zero, o fundo dos dígitos. A interpolação é bilinear, então deslocamentos fracionários valem.
    """
    if not isinstance(imagens, Tensor) or imagens.dim() not in (3, 4):
        forma = tuple(imagens.shape) if isinstance(imagens, Tensor) else type(imagens).__name__
        raise ValueError(f"imagens: esperava um tensor (N, H, W) ou (N, C, H, W), recebi {forma}")
    if not imagens.is_floating_point():
        raise TypeError(f"imagens: esperava um tensor de ponto flutuante, recebi {imagens.dtype}")
    graus = _real("graus", graus, 0.0, 180.0)
    pixels = _real("pixels", pixels, 0.0)
    gerador = _gerador(gerador)
    lote = imagens if imagens.dim() == 4 else imagens.unsqueeze(1)
    n, _, altura, largura = lote.shape
    # sorteios uniformes em [-1, 1], um ângulo e um deslocamento (x, y) por imagem
    angulo = (2 * torch.rand(n, generator=gerador) - 1) * math.radians(graus)
    desloc = 2 * torch.rand(n, 2, generator=gerador) - 1
    # affine_grid mede posições de -1 a 1: um pixel vale 2 / largura (ou 2 / altura)
    tx = desloc[:, 0] * pixels * 2 / largura
    ty = desloc[:, 1] * pixels * 2 / altura
    cos, sen = torch.cos(angulo), torch.sin(angulo)
    theta = torch.stack([torch.stack([cos, -sen, tx], dim=1), torch.stack([sen, cos, ty], dim=1)], dim=1).to(
        lote.dtype
    )
    grade = F.affine_grid(theta, list(lote.shape), align_corners=False)
    saida = F.grid_sample(lote, grade, align_corners=False, padding_mode="zeros")
    return saida if imagens.dim() == 4 else saida.squeeze(1)
