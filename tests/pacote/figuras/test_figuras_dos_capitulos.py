"""As figuras commitadas (``docs/assets/<pasta>/``): cada uma é feita por um bloco visível de uma página
(``salvar_figura(fig, "pasta/nome.png")``); toda figura é leve (< 150 KB) e aparece numa página com um texto
alternativo de verdade (20 caracteres ou mais)."""

import re
from pathlib import Path

import pytest

from tests.paginas.harness import figuras_das_paginas

RAIZ = Path(__file__).resolve().parents[3]
ASSETS = RAIZ / "docs" / "assets"
LIMITE_BYTES = 150_000
IMAGEM = re.compile(r"!\[(.*?)\]\(\.\./assets/([a-z]+)/([\w-]+\.png)\)", re.DOTALL)  # alt pode quebrar linha


def _citadas() -> dict[tuple[str, str], str]:
    """(capítulo, arquivo) → o texto alternativo mais curto com que a figura aparece nas páginas."""
    citadas: dict[tuple[str, str], str] = {}
    for pagina in (RAIZ / "docs").rglob("*.md"):
        for alt, capitulo, nome in IMAGEM.findall(pagina.read_text(encoding="utf-8")):
            anterior = citadas.get((capitulo, nome))
            citadas[capitulo, nome] = alt if anterior is None else min(anterior, alt, key=len)
    return citadas


def test_toda_figura_e_feita_por_uma_pagina():
    paginas = figuras_das_paginas()
    commitadas = {str(p.relative_to(ASSETS)) for p in ASSETS.glob("*/*.png")}
    orfas = sorted(commitadas - paginas)
    assert not orfas, f"figuras que nenhuma página faz (apague-as ou desenhe-as num bloco da página): {orfas}"
    assert not (RAIZ / "pytorchdl_snippets" / "figuras" / "__main__.py").exists()
    modulos = sorted(p.name for p in (RAIZ / "pytorchdl_snippets" / "figuras").glob("*.py"))
    assert modulos == ["__init__.py"], f"figuras desenhadas fora das páginas: {modulos}"
    assert figuras_das_paginas(), "o padrão de salvar_figura nas páginas não acha nada"


@pytest.mark.parametrize("capitulo", sorted({p.parent.name for p in ASSETS.glob("*/*.png")}))
def test_figuras_leves_e_citadas_com_texto_alternativo(capitulo):
    commitadas = sorted((ASSETS / capitulo).glob("*.png"))
    assert commitadas, f"docs/assets/{capitulo}/ sem figuras: rode `make figuras`"
    citadas = _citadas()
    for figura in commitadas:
        assert figura.stat().st_size < LIMITE_BYTES, f"{figura.name}: {figura.stat().st_size} bytes"
        alt = citadas.get((capitulo, figura.name))
        assert alt is not None, f"docs/assets/{capitulo}/{figura.name} não aparece em nenhuma página"
        assert len(alt) >= 20, f"{figura.name}: texto alternativo curto demais: {alt!r}"
