"""A figura de Estratégias de treino é desenhada a partir da tabela que a página imprime (sem refazer
o estudo): regenerada, sai igual à commitada."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pytorchdl_snippets.figuras import estrategias as figuras
from tests.paginas.harness import SO_COM_O_MATPLOTLIB_FIXADO, matplotlib_fixado

RAIZ = Path(__file__).resolve().parents[3]
ASSETS = RAIZ / "docs" / "assets" / "estrategias"


@pytest.mark.skipif(not matplotlib_fixado(), reason=SO_COM_O_MATPLOTLIB_FIXADO)
def test_figura_regenerada_da_tabela_da_pagina_igual_a_do_repositorio(tmp_path):
    nova = figuras.acuracia_por_rotulos(tmp_path)
    with Image.open(nova) as a, Image.open(ASSETS / nova.name) as b:
        assert a.size == b.size
        diferenca = np.abs(np.asarray(a.convert("RGB"), float) - np.asarray(b.convert("RGB"), float))
    assert diferenca.max() == 0, (
        f"{nova.name} mudou: regenere com python -m pytorchdl_snippets.figuras estrategias"
    )
