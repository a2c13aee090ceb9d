"""Figura da página "Estratégias de treino" (``docs/assets/estrategias/``).

Regere com ``python -m pytorchdl_snippets.figuras estrategias``. A figura refaz o estudo da página
com ``pytorchdl_snippets.transferencia.estudo_da_pagina`` (os mesmos dados, sementes e grades).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import torch
from matplotlib.ticker import FuncFormatter

from pytorchdl_snippets.figuras import salvar_figura
from pytorchdl_snippets.transferencia import ESTRATEGIAS, NOMES, estudo_da_pagina

DPI = 100
ESTILOS = {
    "congelada": ("tab:blue", "o"),
    "ajuste_fino": ("tab:green", "s"),
    "completo": ("tab:orange", "^"),
    "do_zero": ("tab:red", "D"),
}


def acuracia_por_rotulos(destino: Path, resultados: dict | None = None) -> Path:
    """Acurácia de teste (média ± desvio entre sementes) × rótulos por classe, uma linha por estratégia."""
    if resultados is None:
        torch.set_num_threads(1)
        resultados = estudo_da_pagina()
    orcamentos = sorted({o for _, o in resultados})
    fig, ax = plt.subplots(figsize=(5.4, 4.2))
    for i, estrategia in enumerate(ESTRATEGIAS):
        cor, marcador = ESTILOS[estrategia]
        medias = [100 * resultados[estrategia, o].teste.media for o in orcamentos]
        desvios = [100 * resultados[estrategia, o].teste.desvio for o in orcamentos]
        deslocados = [o * 1.04 ** (i - 1.5) for o in orcamentos]  # barras não se sobrepõem
        ax.errorbar(
            deslocados,
            medias,
            yerr=desvios,
            color=cor,
            marker=marcador,
            capsize=3,
            label=NOMES[estrategia],
        )
    ax.set_xscale("log")
    ax.set_xticks(orcamentos, [str(o) for o in orcamentos])
    ax.minorticks_off()
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f} %"))
    ax.set_xlabel("rótulos por classe na tarefa nova (escala logarítmica)")
    ax.set_ylabel("acurácia de teste")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=11)
    for item in [ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()]:
        item.set_fontsize(12)
    return salvar_figura(fig, Path(destino) / "acuracia_por_rotulos.png", dpi=DPI, cores=64)


def gerar(destino: Path) -> list[Path]:
    return [acuracia_por_rotulos(Path(destino))]
