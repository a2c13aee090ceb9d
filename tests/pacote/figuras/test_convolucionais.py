"""As figuras explicativas de Redes convolucionais (baratas de gerar) saem iguais às commitadas (o
resto das figuras: test_figuras_dos_capitulos)."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pytorchdl_snippets.figuras import convolucionais as figuras
from tests.paginas.harness import SO_COM_O_MATPLOTLIB_FIXADO, matplotlib_fixado

RAIZ = Path(__file__).resolve().parents[3]
ASSETS = RAIZ / "docs" / "assets" / "convolucionais"


@pytest.mark.skipif(not matplotlib_fixado(), reason=SO_COM_O_MATPLOTLIB_FIXADO)
@pytest.mark.parametrize("funcao", [figuras.janela_deslizante, figuras.campo_receptivo])
def test_figura_explicativa_regenerada_igual_a_do_repositorio(funcao, tmp_path):
    nova = funcao(tmp_path)
    with Image.open(nova) as a, Image.open(ASSETS / nova.name) as b:
        assert a.size == b.size
        diferenca = np.abs(np.asarray(a.convert("RGB"), float) - np.asarray(b.convert("RGB"), float))
    assert diferenca.mean() < 2.0, f"{nova.name} mudou: regenere com python -m pytorchdl_snippets.figuras"
