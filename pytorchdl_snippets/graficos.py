"""Gráficos reutilizados pelas páginas: fronteira de decisão de um modelo em 2D."""

from __future__ import annotations

import numpy as np
import torch
from matplotlib.axes import Axes

from pytorchdl_snippets.validacao import inteiro


def _validar_pontos(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X.detach().cpu() if isinstance(X, torch.Tensor) else X, dtype=float)
    y = np.asarray(y.detach().cpu() if isinstance(y, torch.Tensor) else y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X: esperava formato (N, 2), recebi {tuple(X.shape)}")
    if len(X) == 0:
        raise ValueError("X: esperava ao menos um ponto, recebi um conjunto vazio")
    if y.shape != (len(X),):
        raise ValueError(f"y: esperava formato ({len(X)},), recebi {tuple(y.shape)}")
    return X, y


def prever_grade(modelo: torch.nn.Module, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Classe prevista pelo ``modelo`` em cada ponto da grade ``xs × ys``.

    Com uma saída, a classe é ``saida > 0`` (logit positivo); com várias, é o ``argmax`` dos logits.
    """
    xx, yy = np.meshgrid(xs, ys)
    pontos = torch.tensor(np.c_[xx.ravel(), yy.ravel()], dtype=torch.float32)
    parametro = next(modelo.parameters(), None)
    if parametro is not None:
        pontos = pontos.to(parametro.device)
    estava_treinando = modelo.training
    modelo.eval()
    with torch.no_grad():
        saida = modelo(pontos)
    modelo.train(estava_treinando)
    if saida.ndim == 1 or saida.shape[1] == 1:
        classes = (saida.reshape(-1) > 0).long()
    else:
        classes = saida.argmax(dim=1)
    return classes.cpu().numpy().reshape(xx.shape)


def fronteira_de_decisao(
    ax: Axes, modelo: torch.nn.Module, X, y, resolucao: int = 200, margem: float = 0.5
) -> Axes:
    """Pinta as regiões de decisão do ``modelo`` e os pontos ``X`` ``(N, 2)`` coloridos por ``y``."""
    X, y = _validar_pontos(X, y)
    inteiro("resolucao", resolucao, minimo=2)
    xs = np.linspace(X[:, 0].min() - margem, X[:, 0].max() + margem, resolucao)
    ys = np.linspace(X[:, 1].min() - margem, X[:, 1].max() + margem, resolucao)
    regioes = prever_grade(modelo, xs, ys)
    # níveis e escala fixos pelas classes: a cor de cada classe não depende de quais aparecem na grade
    n_classes = int(max(regioes.max(), y.max())) + 1
    cores = {"cmap": "coolwarm", "vmin": 0, "vmax": max(n_classes - 1, 1)}
    ax.contourf(xs, ys, regioes, levels=np.arange(n_classes + 1) - 0.5, alpha=0.25, **cores)
    ax.scatter(X[:, 0], X[:, 1], c=y, edgecolors="k", s=20, **cores)
    return ax
