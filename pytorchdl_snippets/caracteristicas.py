"""Machine learning tradicional × deep learning nos dígitos 8×8.

- ``caracteristicas_digitos``: 17 características desenhadas à mão (tinta por região, simetria,
  centro de massa, cruzamentos), o estágio de extração de características do ML tradicional;
- ``cnn_pequena`` e ``treinar_cnn``: a rede convolucional que aprende as próprias características.
"""

from __future__ import annotations

import time
from typing import NamedTuple

import torch
from torch import nn

from pytorchdl_snippets.treino import acuracia
from pytorchdl_snippets.validacao import inteiro

NOMES_CARACTERISTICAS = (
    "tinta_total",
    "tinta_quadrante_sup_esq",
    "tinta_quadrante_sup_dir",
    "tinta_quadrante_inf_esq",
    "tinta_quadrante_inf_dir",
    "tinta_faixa_topo",
    "tinta_faixa_meio_horizontal",
    "tinta_faixa_base",
    "tinta_faixa_esquerda",
    "tinta_faixa_meio_vertical",
    "tinta_faixa_direita",
    "assimetria_esq_dir",
    "assimetria_cima_baixo",
    "centro_x",
    "centro_y",
    "cruzamentos_horizontais",
    "cruzamentos_verticais",
)

_FAIXAS = ((0, 3), (3, 5), (5, 8))  # topo/meio/base (linhas) ou esquerda/meio/direita (colunas)


def _validar_imagens(X, nome: str = "X") -> torch.Tensor:
    """Aceita ``(N, 1, 8, 8)`` ou ``(N, 8, 8)`` em ponto flutuante e devolve ``(N, 8, 8)``."""
    if not isinstance(X, torch.Tensor):
        raise TypeError(f"{nome}: esperava um torch.Tensor, recebi {type(X).__name__}")
    if not X.is_floating_point():
        raise TypeError(f"{nome}: esperava um tensor de ponto flutuante (float32), recebi {X.dtype}")
    formato = tuple(X.shape)
    if X.ndim == 4 and X.shape[1] == 1:
        X = X[:, 0]
    if X.ndim != 3 or tuple(X.shape[1:]) != (8, 8):
        raise ValueError(f"{nome}: esperava formato (N, 1, 8, 8) ou (N, 8, 8), recebi {formato}")
    if len(X) == 0:
        raise ValueError(f"{nome}: esperava ao menos uma imagem, recebi um conjunto vazio")
    return X


def caracteristicas_digitos(X: torch.Tensor, limiar: float = 0.5) -> torch.Tensor:
    """As 17 características de ``NOMES_CARACTERISTICAS`` de cada imagem: tensor ``(N, 17)``.

    ``X`` tem formato ``(N, 1, 8, 8)`` (ou ``(N, 8, 8)``) com tinta em ``[0, 1]``. Os cruzamentos
    contam quantas vezes, nas 4 linhas (ou colunas) centrais, o traço passa de "sem tinta" para
    "com tinta" (pixel > ``limiar``) ou vice-versa, em média.
    """
    X = _validar_imagens(X)
    tinta = X.sum(dim=(1, 2))
    quadrantes = [X[:, i : i + 4, j : j + 4].sum(dim=(1, 2)) for i in (0, 4) for j in (0, 4)]
    faixas_h = [X[:, a:b, :].sum(dim=(1, 2)) for a, b in _FAIXAS]
    faixas_v = [X[:, :, a:b].sum(dim=(1, 2)) for a, b in _FAIXAS]
    assimetria_lr = (X - X.flip(2)).abs().sum(dim=(1, 2))
    assimetria_ud = (X - X.flip(1)).abs().sum(dim=(1, 2))
    posicoes = torch.arange(8, dtype=X.dtype)
    massa = tinta.clamp_min(1e-6)  # imagem em branco: centro 0 em vez de divisão por zero
    centro_x = (X.sum(dim=1) * posicoes).sum(dim=1) / massa
    centro_y = (X.sum(dim=2) * posicoes).sum(dim=1) / massa
    binaria = (limiar < X).to(X.dtype)
    cruz_h = (binaria[:, 2:6, 1:] - binaria[:, 2:6, :-1]).abs().sum(dim=2).mean(dim=1)
    cruz_v = (binaria[:, 1:, 2:6] - binaria[:, :-1, 2:6]).abs().sum(dim=1).mean(dim=1)
    colunas = [tinta, *quadrantes, *faixas_h, *faixas_v, assimetria_lr, assimetria_ud]
    return torch.stack([*colunas, centro_x, centro_y, cruz_h, cruz_v], dim=1)


def cnn_pequena(canais: tuple[int, int] = (16, 32), classes: int = 10) -> nn.Sequential:
    """Rede convolucional pequena para imagens ``(N, 1, 8, 8)``: devolve logits ``(N, classes)``.

    Duas camadas convolucionais 3×3 (com ReLU e *max pooling* 2×2) extraem as características;
    uma camada linear as classifica — é uma regressão logística sobre características aprendidas.
    """
    c1, c2 = canais
    return nn.Sequential(
        nn.Conv2d(1, c1, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 8×8 → 4×4
        nn.Conv2d(c1, c2, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 4×4 → 2×2
        nn.Flatten(),
        nn.Linear(c2 * 2 * 2, classes),
    )


class ResultadoCNN(NamedTuple):
    modelo: nn.Module
    acuracia: float
    tempo_s: float


def treinar_cnn(
    X_treino: torch.Tensor,
    X_teste: torch.Tensor,
    y_treino: torch.Tensor,
    y_teste: torch.Tensor,
    epocas: int = 20,
    tamanho_lote: int = 128,
    taxa: float = 0.01,
    semente: int = 0,
) -> ResultadoCNN:
    """Treina ``cnn_pequena()`` com Adam em lotes embaralhados; mede a acurácia de teste e o tempo.

    Os argumentos seguem a ordem de ``carregar_digitos()``: ``treinar_cnn(*carregar_digitos())``.
    """
    _validar_imagens(X_treino, "X_treino")
    _validar_imagens(X_teste, "X_teste")
    if y_treino.dtype != torch.int64:
        raise TypeError(f"y_treino: esperava rótulos int64, recebi {y_treino.dtype}")
    if len(y_treino) != len(X_treino):
        raise ValueError(f"y_treino: esperava {len(X_treino)} rótulos, recebi {len(y_treino)}")
    inteiro("epocas", epocas)
    torch.manual_seed(semente)
    modelo = cnn_pequena()
    otimizador = torch.optim.Adam(modelo.parameters(), lr=taxa, fused=True)
    perda_fn = nn.CrossEntropyLoss()
    inicio = time.perf_counter()
    modelo.train()
    for _ in range(epocas):
        ordem = torch.randperm(len(X_treino))
        for i in range(0, len(ordem), tamanho_lote):
            lote = ordem[i : i + tamanho_lote]
            otimizador.zero_grad()
            perda = perda_fn(modelo(X_treino[lote]), y_treino[lote])
            perda.backward()
            otimizador.step()
    tempo_s = time.perf_counter() - inicio
    modelo.eval()
    with torch.no_grad():
        acerto = acuracia(modelo(X_teste), y_teste)
    return ResultadoCNN(modelo, acerto, tempo_s)
