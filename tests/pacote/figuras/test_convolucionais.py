"""As figuras do capítulo Redes convolucionais existem, são pequenas, estão nas páginas com texto
alternativo, e as explicativas (baratas de gerar) saem iguais às que estão no repositório."""

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pytorchdl_snippets.figuras import capitulos
from pytorchdl_snippets.figuras import convolucionais as figuras
from tests.paginas.harness import SO_COM_O_MATPLOTLIB_FIXADO, matplotlib_fixado

RAIZ = Path(__file__).resolve().parents[3]
ASSETS = RAIZ / "docs" / "assets" / "convolucionais"
FIGURAS = [
    "sinal_1d",
    "bordas_2d",
    "filtros_classicos",
    "casamento_de_padrao",
    "confusao_lenet",
    "erros_lenet",
    "campo_receptivo",
    "janela_deslizante",
]


def test_capitulo_registrado():
    assert "convolucionais" in capitulos()


@pytest.mark.parametrize("nome", FIGURAS)
def test_figura_existe_e_e_pequena(nome):
    caminho = ASSETS / f"{nome}.png"
    assert caminho.exists(), f"gere {caminho.name} com `python -m pytorchdl_snippets.figuras convolucionais`"
    assert caminho.stat().st_size < 150_000


def test_toda_figura_e_usada_numa_pagina_com_texto_alternativo():
    texto = "".join(p.read_text(encoding="utf-8") for p in (RAIZ / "docs" / "convolucionais").glob("*.md"))
    padrao = r"!\[(.{20,}?)\]\(\.\./assets/convolucionais/([a-z_0-9]+)\.png\)"
    usadas = {nome for _, nome in re.findall(padrao, texto)}
    assert usadas == set(FIGURAS)


@pytest.mark.skipif(not matplotlib_fixado(), reason=SO_COM_O_MATPLOTLIB_FIXADO)
@pytest.mark.parametrize("funcao", [figuras.janela_deslizante, figuras.campo_receptivo])
def test_figura_explicativa_regenerada_igual_a_do_repositorio(funcao, tmp_path):
    nova = funcao(tmp_path)
    with Image.open(nova) as a, Image.open(ASSETS / nova.name) as b:
        assert a.size == b.size
        diferenca = np.abs(np.asarray(a.convert("RGB"), float) - np.asarray(b.convert("RGB"), float))
    assert diferenca.mean() < 2.0, f"{nova.name} mudou: regenere com python -m pytorchdl_snippets.figuras"
