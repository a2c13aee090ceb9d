import re
from pathlib import Path

import pytest

import pytorchdl_snippets

RAIZ = Path(__file__).resolve().parents[2]


def test_versao():
    assert re.fullmatch(r"\d+\.\d+\.\d+", pytorchdl_snippets.__version__)


def test_toda_imagem_referenciada_existe():
    faltando = []
    for pagina in (RAIZ / "docs").rglob("*.md"):
        for alvo in re.findall(r"!\[[^\]]*\]\(([^)\s]+)", pagina.read_text(encoding="utf-8")):
            if not alvo.startswith(("http://", "https://")) and not (pagina.parent / alvo).exists():
                faltando.append(f"{pagina.relative_to(RAIZ)} → {alvo}")
    assert not faltando, faltando


def test_salvar_figura_com_paleta_fica_menor_e_fecha_a_figura(tmp_path):
    import matplotlib.pyplot as plt
    import numpy as np

    from pytorchdl_snippets.figuras import gravar_png

    def figura():
        fig, ax = plt.subplots()
        ax.imshow(np.random.default_rng(0).random((64, 64)), cmap="viridis")
        return fig

    cheia = gravar_png(figura(), tmp_path / "cheia.png")
    fig = figura()
    com_paleta = gravar_png(fig, tmp_path / "paleta.png", cores=16)
    assert com_paleta.stat().st_size < cheia.stat().st_size
    assert not plt.fignum_exists(fig.number)
    with pytest.raises(ValueError, match="cores: esperava None ou um inteiro entre 2 e 256"):
        gravar_png(figura(), tmp_path / "x.png", cores=1000)
    plt.close("all")
