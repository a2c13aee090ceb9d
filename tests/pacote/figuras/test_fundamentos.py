"""As figuras do capítulo Fundamentos existem, são pequenas e estão referenciadas nas páginas."""

import re
from pathlib import Path

import pytest

from pytorchdl_snippets.figuras import capitulos
from pytorchdl_snippets.figuras.fundamentos import _mascaras_a_mao

RAIZ = Path(__file__).resolve().parents[3]
ASSETS = RAIZ / "docs" / "assets" / "fundamentos"
FIGURAS = ["digitos", "filtros_vs_caracteristicas", "aproximacoes", "erro_vs_neuronios", "circulos"]


def test_capitulo_registrado():
    assert "fundamentos" in capitulos()


@pytest.mark.parametrize("nome", FIGURAS)
def test_figura_existe_e_e_pequena(nome):
    caminho = ASSETS / f"{nome}.png"
    assert caminho.exists(), f"gere {caminho.name} com `python -m pytorchdl_snippets.figuras fundamentos`"
    assert caminho.stat().st_size < 150_000


def test_toda_figura_e_usada_numa_pagina_com_texto_alternativo():
    texto = "".join(p.read_text(encoding="utf-8") for p in (RAIZ / "docs" / "fundamentos").glob("*.md"))
    usadas = set(re.findall(r"!\[[^\]]{20,}\]\(\.\./assets/fundamentos/([a-z_]+)\.png\)", texto))
    assert usadas == set(FIGURAS)


def test_mascaras_das_caracteristicas():
    mascaras = _mascaras_a_mao()
    assert len(mascaras) == 10
    assert all(m.shape == (8, 8) for _, m in mascaras)
    assert [m.sum() for _, m in mascaras[:4]] == [16] * 4
