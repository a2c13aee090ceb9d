"""Figuras do capítulo "Além do curso": ``python -m pytorchdl_snippets.figuras alem``."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from pytorchdl_snippets.figuras import gravar_png

DPI = 100
CORES = {"dados": "#fde2c8", "rank": "#d6e6f5", "coletiva": "#f7c6c0", "pesos": "#d9f0d3"}


def _caixa(ax, x, y, largura, altura, texto, cor, tamanho=10):
    ax.add_patch(
        FancyBboxPatch(
            (x - largura / 2, y - altura / 2),
            largura,
            altura,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor=cor,
            edgecolor="#444444",
            linewidth=1,
        )
    )
    ax.text(x, y, texto, ha="center", va="center", fontsize=tamanho)


def _seta(ax, de, para):
    ax.add_patch(FancyArrowPatch(de, para, arrowstyle="-|>", mutation_scale=12, color="#444444", linewidth=1))


def paralelismo_de_dados(destino: Path) -> Path:
    """Um passo do DDP com 2 processos: dados repartidos, gradientes, all-reduce, pesos iguais."""
    fig, ax = plt.subplots(figsize=(7.2, 5.6))
    ax.set(xlim=(0, 10), ylim=(0, 10))
    ax.axis("off")
    _caixa(ax, 5, 9.3, 6.4, 0.8, "lote de 64 exemplos, repartido pelo DistributedSampler", CORES["dados"])
    colunas = {0: 2.6, 1: 7.4}
    for rank, x in colunas.items():
        _seta(ax, (5 + (rank - 0.5) * 3.0, 8.9), (x, 8.25))
        _caixa(ax, x, 7.8, 4.0, 0.8, f"rank {rank}: 32 exemplos", CORES["dados"])
        _seta(ax, (x, 7.4), (x, 6.85))
        _caixa(ax, x, 6.2, 4.0, 1.2, f"cópia do modelo (processo {rank})\nforward + backward", CORES["rank"])
        _seta(ax, (x, 5.6), (x, 5.05))
        _caixa(ax, x, 4.6, 4.0, 0.8, f"gradiente $g_{rank}$ da sua metade", CORES["rank"])
        _seta(ax, (x, 4.2), (x, 3.65))
        _seta(ax, (x, 2.75), (x, 2.25))
        _caixa(ax, x, 1.8, 4.0, 0.8, "optimizer.step()", CORES["rank"])
    _caixa(
        ax,
        5,
        3.2,
        8.8,
        0.8,
        "all-reduce: os dois recebem a média $(g_0 + g_1)/2$",
        CORES["coletiva"],
    )
    _seta(ax, (2.6, 1.4), (4.3, 0.75))
    _seta(ax, (7.4, 1.4), (5.7, 0.75))
    _caixa(ax, 5, 0.4, 5.6, 0.7, "pesos idênticos nos dois processos", CORES["pesos"])
    return gravar_png(fig, destino / "paralelismo_de_dados.png", dpi=DPI, cores=256)


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [paralelismo_de_dados(destino)]
