"""A segunda metade das páginas no Chromium (a primeira e a verificação estão em test_navegador.py)."""

import pytest

from tests.site.navegador import CAMINHOS
from tests.site.test_navegador import conferir_pagina

pytestmark = pytest.mark.lento


@pytest.mark.parametrize("caminho", CAMINHOS[len(CAMINHOS) // 2 :], ids=lambda c: c or "index")
def test_pagina_carrega_limpa_com_matematica_e_acessivel(visita, servidor, axe, caminho):
    conferir_pagina(visita, servidor, axe, caminho)
