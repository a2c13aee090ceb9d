"""As figuras explicativas de Redes convolucionais (baratas de gerar) saem iguais às commitadas (o
resto das figuras: test_figuras_dos_capitulos). As duas da LeNet desenham as saídas que a página
imprime (sem treinar): também saem iguais, em qualquer CPU."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pytorchdl_snippets.figuras import convolucionais as figuras
from pytorchdl_snippets.figuras import saida_da_pagina
from tests.paginas.harness import SO_COM_O_MATPLOTLIB_FIXADO, matplotlib_fixado

RAIZ = Path(__file__).resolve().parents[3]
ASSETS = RAIZ / "docs" / "assets" / "convolucionais"


@pytest.mark.skipif(not matplotlib_fixado(), reason=SO_COM_O_MATPLOTLIB_FIXADO)
@pytest.mark.parametrize(
    "funcao",
    [figuras.janela_deslizante, figuras.campo_receptivo, figuras.confusao_lenet, figuras.erros_lenet],
)
def test_figura_explicativa_regenerada_igual_a_do_repositorio(funcao, tmp_path):
    nova = funcao(tmp_path)
    with Image.open(nova) as a, Image.open(ASSETS / nova.name) as b:
        assert a.size == b.size
        diferenca = np.abs(np.asarray(a.convert("RGB"), float) - np.asarray(b.convert("RGB"), float))
    assert diferenca.mean() < 2.0, f"{nova.name} mudou: regenere com python -m pytorchdl_snippets.figuras"


def test_as_figuras_da_lenet_leem_as_saidas_da_pagina():
    matriz = figuras.matriz_da_pagina()
    assert matriz.shape == (10, 10)
    erros = figuras.erros_da_pagina()
    fora_da_diagonal = int(matriz.sum() - np.trace(matriz))
    assert len(erros) == fora_da_diagonal  # a lista de erros e a matriz são da mesma rede
    assert all(matriz[verdadeiro, previsto] >= 1 for _, verdadeiro, previsto in erros)


def test_saida_da_pagina_exige_uma_chamada(tmp_path):
    pagina = tmp_path / "p.md"
    pagina.write_text("```pycon\n>>> 1 + 1\n2\n>>> f(\n...     3)\n4\n```\n", encoding="utf-8")
    assert saida_da_pagina("1 + 1", pagina) == "2\n"
    assert saida_da_pagina("f(", pagina) == "4\n"
    with pytest.raises(ValueError, match="chamada: esperava uma linha '>>> print\\(x\\)'"):
        saida_da_pagina("print(x)", pagina)
