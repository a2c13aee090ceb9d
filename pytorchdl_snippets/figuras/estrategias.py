"""Figura da página "Estratégias de treino" (``docs/assets/estrategias/``).

Regere com ``python -m pytorchdl_snippets.figuras estrategias``. A figura não refaz o estudo: ela
desenha a tabela de acurácias de teste que a página imprime depois de ``print(tabela(resultados))``
(``saida_da_pagina`` e ``transferencia.ler_tabela``). Essa saída é conferida pelos testes da
página, então a figura mostra os mesmos números que o leitor vê, em qualquer CPU, sem treinar nada.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from pytorchdl_snippets.figuras import gravar_png, saida_da_pagina
from pytorchdl_snippets.transferencia import ESTRATEGIAS, NOMES, ler_tabela

DPI = 100
PAGINA = Path(__file__).resolve().parents[2] / "docs" / "convolucionais" / "estrategias-de-treino.md"
ESTILOS = {
    "congelada": ("tab:blue", "o"),
    "ajuste_fino": ("tab:green", "s"),
    "completo": ("tab:orange", "^"),
    "do_zero": ("tab:red", "D"),
}


def acuracia_por_rotulos(destino: Path, acuracias: dict | None = None) -> Path:
    """Acurácia de teste (média ± desvio entre sementes) × rótulos por classe, uma linha por estratégia.

    ``acuracias``: ``{(estrategia, orcamento): (média, desvio)}`` em %; por padrão, a tabela da página.
    """
    if acuracias is None:
        acuracias = ler_tabela(saida_da_pagina("print(tabela(resultados))", PAGINA))
    orcamentos = sorted({o for _, o in acuracias})
    fig, ax = plt.subplots(figsize=(5.4, 4.2))
    for i, estrategia in enumerate(ESTRATEGIAS):
        cor, marcador = ESTILOS[estrategia]
        medias = [acuracias[estrategia, o][0] for o in orcamentos]
        desvios = [acuracias[estrategia, o][1] for o in orcamentos]
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
    return gravar_png(fig, Path(destino) / "acuracia_por_rotulos.png", dpi=DPI, cores=64)


def gerar(destino: Path) -> list[Path]:
    return [acuracia_por_rotulos(Path(destino))]
