"""Figura da lição Regularização (``docs/assets/regularizacao/``): o aumento de dados, visto.

Um dígito do treino da página (pixels em [0, 1]) e cinco versões dele passadas por ``aumentar``
com o giro escolhido na página (até 20°) e deslocamento de até 1 pixel, num mosaico de 2 × 3.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from pytorchdl_snippets.figuras import gravar_png
from pytorchdl_snippets.regularizacao import aumentar


def digitos_de_treino() -> torch.Tensor:
    """Os 100 dígitos de treino da página, com forma ``(100, 8, 8)``."""
    digitos = load_digits()
    X = torch.tensor(digitos.data, dtype=torch.float32) / 16
    y = torch.tensor(digitos.target)
    X_treino, _, _, _ = train_test_split(X, y, train_size=100, random_state=0, stratify=y)
    return X_treino.view(-1, 8, 8)


def mosaico(imagem: torch.Tensor, copias: int = 5, graus: float = 20, pixels: float = 1) -> torch.Tensor:
    """A imagem original seguida de ``copias`` versões aumentadas (semente fixa)."""
    gerador = torch.Generator().manual_seed(0)
    aumentadas = aumentar(imagem.expand(copias, -1, -1), graus, pixels, gerador=gerador)
    return torch.cat([imagem.unsqueeze(0), aumentadas])


def exemplos_de_aumento(destino: Path) -> Path:
    imagens = mosaico(digitos_de_treino()[0])
    fig, eixos = plt.subplots(2, 3, figsize=(4.2, 3.0))
    for eixo, imagem, titulo in zip(
        eixos.flat, imagens, ["original"] + [f"aumento {i}" for i in range(1, 6)], strict=True
    ):
        eixo.imshow(imagem.numpy(), cmap="gray_r", vmin=0, vmax=1)
        eixo.set_title(titulo, fontsize=10)
        eixo.axis("off")
    return gravar_png(fig, Path(destino) / "exemplos_de_aumento.png", dpi=110, cores=32)


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [exemplos_de_aumento(destino)]
