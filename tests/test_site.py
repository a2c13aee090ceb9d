"""O site: build estrito sem avisos, nenhum recurso de terceiros, toda página no menu, imagens com alt."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from tests.harness import DOCS, RAIZ, paginas
from tests.site_local import RecursosDaPagina, construir_site

pytestmark = pytest.mark.lento


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, str]:
    destino = tmp_path_factory.mktemp("site")
    return destino, construir_site(destino)


def test_build_estrito_sem_avisos(site):
    _, saida = site
    avisos = [linha for linha in saida.splitlines() if "WARNING" in linha or "ERROR" in linha]
    assert not avisos, "\n".join(avisos)


def _paginas_html(site_dir: Path):
    """Cada página HTML do site com os recursos que ela carrega, já coletados."""
    for pagina in sorted(site_dir.rglob("*.html")):
        coletor = RecursosDaPagina()
        coletor.feed(pagina.read_text(encoding="utf-8"))
        yield pagina.relative_to(site_dir), coletor


def _de_terceiros(endereco: str) -> bool:
    partes = urlparse(endereco.strip())
    return partes.scheme in ("http", "https") or endereco.strip().startswith("//")


def test_nenhum_recurso_de_terceiros(site):
    site_dir, _ = site
    problemas = []
    for pagina, coletor in _paginas_html(site_dir):
        problemas += [f"{pagina}: {e}" for e in coletor.enderecos if _de_terceiros(e)]
    url_css = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?P<end>[^'")\s]+)""")
    for css in site_dir.rglob("*.css"):
        for achado in url_css.finditer(css.read_text(encoding="utf-8", errors="replace")):
            if _de_terceiros(achado["end"]):
                problemas.append(f"{css.relative_to(site_dir)}: {achado['end']}")
    assert not problemas, "recursos de terceiros:\n" + "\n".join(problemas)


def test_toda_imagem_do_site_tem_alt(site):
    site_dir, _ = site
    sem_alt = []
    for pagina, coletor in _paginas_html(site_dir):
        sem_alt += [
            f"{pagina}: {img.get('src', '')[:60]}"
            for img in coletor.imagens
            if not (img.get("alt") or "").strip()
        ]
    assert not sem_alt, "imagens sem texto alternativo:\n" + "\n".join(sem_alt)


def test_matematica_e_servida_pelo_proprio_site(site):
    site_dir, _ = site
    assert (site_dir / "assets/vendor/katex/katex.min.js").is_file()
    assert (site_dir / "assets/vendor/katex/fonts/KaTeX_Main-Regular.woff2").is_file()


def test_cadernos_viram_paginas(site):
    site_dir, _ = site
    for caderno in sorted((RAIZ / "examples").glob("*.ipynb")):
        assert (site_dir / "examples" / caderno.stem / "index.html").is_file(), caderno.name


def _arquivos_do_menu(itens) -> list[str]:
    encontrados = []
    for item in itens:
        valor = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(valor, list):
            encontrados += _arquivos_do_menu(valor)
        else:
            encontrados.append(valor)
    return encontrados


def _config() -> dict:
    class _Carregador(yaml.SafeLoader):
        pass

    # tags como !!python/name: (usadas por extensões) não interessam aqui
    _Carregador.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return yaml.load((RAIZ / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Carregador)


def test_toda_pagina_esta_no_menu():
    no_menu = set(_arquivos_do_menu(_config()["nav"]))
    paginas_md = {str(p.relative_to(DOCS)) for p in paginas()}
    assert paginas_md - no_menu == set(), "páginas fora do menu (nav do mkdocs.yml)"
    cadernos = {f"examples/{p.name}" for p in (RAIZ / "examples").glob("*.ipynb")}
    assert cadernos - no_menu == set(), "cadernos fora do menu (nav do mkdocs.yml)"


def test_toda_imagem_markdown_tem_alt():
    sem_alt = []
    for pagina in paginas():
        for linha, texto in enumerate(pagina.read_text(encoding="utf-8").splitlines(), 1):
            for imagem in re.finditer(r"!\[(?P<alt>[^\]]*)\]\(", texto):
                if not imagem["alt"].strip():
                    sem_alt.append(f"{pagina.relative_to(DOCS)}:{linha}")
    assert not sem_alt, "imagens sem texto alternativo: " + ", ".join(sem_alt)


def test_allow_errors_desligado_no_mkdocs_jupyter():
    plugins = _config()["plugins"]
    jupyter = next(p["mkdocs-jupyter"] for p in plugins if isinstance(p, dict) and "mkdocs-jupyter" in p)
    assert jupyter["allow_errors"] is False


def _titulos(texto: str) -> list[int]:
    """Níveis dos títulos Markdown (``#``…``######``) fora dos blocos de código."""
    sem_codigo = re.sub(r"^([ \t>]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", "", texto, flags=re.MULTILINE | re.DOTALL)
    return [len(m.group(1)) for m in re.finditer(r"^(#{1,6})[ \t]+\S", sem_codigo, flags=re.MULTILINE)]


def test_hierarquia_de_titulos_em_toda_pagina():
    problemas = []
    for pagina in paginas():
        niveis = _titulos(pagina.read_text(encoding="utf-8"))
        nome = pagina.relative_to(DOCS)
        if not niveis or niveis[0] != 1 or niveis.count(1) != 1:
            problemas.append(f"{nome}: precisa de exatamente um título # no início")
        for anterior, atual in itertools.pairwise(niveis):
            if atual > anterior + 1:
                problemas.append(f"{nome}: salto de título h{anterior} → h{atual}")
    assert not problemas, "\n".join(problemas)
