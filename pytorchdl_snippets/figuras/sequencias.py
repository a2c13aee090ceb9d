"""Figuras do capítulo "Sequências e atenção": ``python -m pytorchdl_snippets.figuras sequencias``."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

from pytorchdl_snippets.figuras import salvar_figura
from pytorchdl_snippets.sequencias import Vocabulario, carregar_municipios, dividir_nomes

DPI = 100


def contagens_de_bigramas() -> tuple[np.ndarray, list[str]]:
    """A tabela ``N[a, b]`` da lição "Sequências e tokens" (treino, semente 0) e os tokens."""
    nomes = carregar_municipios()
    vocab = Vocabulario(nomes)
    treino, _, _ = dividir_nomes(nomes, [0.8, 0.1, 0.1], semente=0)
    N = np.zeros((len(vocab), len(vocab)), dtype=np.int64)
    for nome in treino:
        indices = [0, *vocab.codificar(nome), 0]
        for a, b in pairwise(indices):
            N[a, b] += 1
    return N, vocab.itos


def contagens_bigramas(destino: Path) -> Path:
    """Mapa de calor (escala logarítmica) das contagens de bigramas: linha = atual, coluna = próximo."""
    N, itos = contagens_de_bigramas()
    rotulos = ["␣" if c == " " else c for c in itos]
    fig, ax = plt.subplots(figsize=(7.2, 6.4))
    imagem = ax.imshow(np.ma.masked_equal(N, 0), cmap="viridis", norm=LogNorm(vmin=1, vmax=N.max()))
    ax.set_facecolor("#eeeeee")
    ax.set_xticks(range(len(itos)), rotulos, fontsize=9)
    ax.set_yticks(range(len(itos)), rotulos, fontsize=9)
    ax.tick_params(length=0)
    ax.set_xlabel("próximo caractere")
    ax.set_ylabel("caractere atual")
    ax.set_title("Contagens de bigramas no treino (cinza: nunca visto)")
    barra = fig.colorbar(imagem, ax=ax, shrink=0.8)
    barra.set_label("contagem (escala log)")
    return salvar_figura(fig, destino / "contagens_bigramas.png", dpi=DPI, cores=64)


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [contagens_bigramas(destino)]
