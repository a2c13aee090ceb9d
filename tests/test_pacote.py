import re
from pathlib import Path

import pytest

import pytorchdl_snippets
from pytorchdl_snippets.figuras import capitulos, gerar_todas

RAIZ = Path(__file__).resolve().parent.parent


def test_versao():
    assert re.fullmatch(r"\d+\.\d+\.\d+", pytorchdl_snippets.__version__)


def test_figuras_de_capitulo_desconhecido_tem_erro_claro(tmp_path):
    with pytest.raises(ValueError, match="capítulos desconhecidos"):
        gerar_todas(tmp_path, ["capitulo-que-nao-existe"])


def test_todo_modulo_de_figuras_tem_gerar():
    import importlib

    for nome in capitulos():
        modulo = importlib.import_module(f"pytorchdl_snippets.figuras.{nome}")
        assert callable(modulo.gerar), nome


def test_toda_imagem_referenciada_existe():
    faltando = []
    for pagina in (RAIZ / "docs").rglob("*.md"):
        for alvo in re.findall(r"!\[[^\]]*\]\(([^)\s]+)", pagina.read_text(encoding="utf-8")):
            if not alvo.startswith(("http://", "https://")) and not (pagina.parent / alvo).exists():
                faltando.append(f"{pagina.relative_to(RAIZ)} → {alvo}")
    assert not faltando, faltando
