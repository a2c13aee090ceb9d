"""Figura da lição Inicialização (``docs/assets/inicializacao/``): norma do gradiente por camada.

Refaz os dados e as redes da página (200 dígitos de treino padronizados com a média e o desvio do
treino, ``mlp_profundo`` de 16 camadas com semente 0) e desenha ``normas_do_gradiente`` de quatro redes.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from pytorchdl_snippets.figuras import gravar_png
from pytorchdl_snippets.inicializacao import mlp_profundo, normas_do_gradiente

PROFUNDIDADE = 16  # como na página
REDES = {
    "sigmoide": {"ativacao": "sigmoide"},
    "ReLU": {"ativacao": "relu"},
    "ReLU + He": {"ativacao": "relu", "inicializacao": "he"},
    "sigmoide + BatchNorm": {"ativacao": "sigmoide", "normalizacao": True},
}


def treino_padronizado() -> tuple[torch.Tensor, torch.Tensor]:
    digitos = load_digits()
    X = torch.tensor(digitos.data, dtype=torch.float32)
    y = torch.tensor(digitos.target)
    X_treino, _, y_treino, _ = train_test_split(X, y, train_size=200, random_state=0, stratify=y)
    media, desvio = X_treino.mean(dim=0), X_treino.std(dim=0) + 1e-6
    return (X_treino - media) / desvio, y_treino


def normas_por_camada(destino: Path) -> Path:
    X, y = treino_padronizado()
    fig, ax = plt.subplots(figsize=(5.6, 4.0))
    for (nome, config), marcador in zip(REDES.items(), "osd^", strict=True):
        torch.manual_seed(0)
        normas = normas_do_gradiente(mlp_profundo(PROFUNDIDADE, **config), X, y)
        ax.semilogy(range(1, len(normas) + 1), normas, marker=marcador, label=nome)
    ax.set_xlabel("camada (1 = entrada)")
    ax.set_ylabel("norma do gradiente do peso")
    ax.set_xticks([1, 4, 8, 12, 16])
    ax.legend(fontsize=9)
    ax.grid(alpha=0.3)
    return gravar_png(fig, Path(destino) / "normas_por_camada.png", cores=64)


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [normas_por_camada(destino)]
