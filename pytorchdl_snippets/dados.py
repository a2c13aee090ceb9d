"""Conjuntos de dados que funcionam offline: tudo vem de pacotes instalados ou é gerado por código."""

from __future__ import annotations

from typing import NamedTuple

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


class Divisao(NamedTuple):
    """Uma divisão treino/teste já em tensores."""

    X_treino: torch.Tensor
    X_teste: torch.Tensor
    y_treino: torch.Tensor
    y_teste: torch.Tensor


def carregar_digitos(fracao_teste: float = 0.25, semente: int = 0) -> Divisao:
    """Dígitos manuscritos 8×8 do scikit-learn (1797 imagens, 10 classes), divididos em treino/teste.

    As imagens voltam como ``float32`` no formato ``(N, 1, 8, 8)`` com valores em ``[0, 1]``
    e os rótulos como ``int64`` no formato ``(N,)``. A divisão é estratificada e reprodutível.
    """
    if not isinstance(fracao_teste, float) or not 0.0 < fracao_teste < 1.0:
        raise ValueError(f"fracao_teste: esperava um float entre 0 e 1 (exclusive), recebi {fracao_teste!r}")
    digitos = load_digits()
    X = torch.tensor(digitos.images, dtype=torch.float32).unsqueeze(1) / 16.0
    y = torch.tensor(digitos.target, dtype=torch.int64)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=fracao_teste, random_state=semente, stratify=y)
    return Divisao(X_tr, X_te, y_tr, y_te)
