"""O site: build estrito sem avisos, nenhum recurso de terceiros, toda página no menu, imagens com alt."""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from curso.site_local import (
    OUTRO_GERADOR,
    SITE_DE_OUTRO_GERADOR,
    HtmlDaPagina,
    analisar_html,
    links_quebrados,
    site_compartilhado,
)
from tests.paginas.harness import DOCS, RAIZ, paginas

so_mkdocs = pytest.mark.skipif(bool(SITE_DE_OUTRO_GERADOR), reason=OUTRO_GERADOR)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, str]:
    """O site construído uma vez por execução (compartilhado com os testes do navegador)."""
    return site_compartilhado(tmp_path_factory)


@so_mkdocs
def test_build_estrito_sem_avisos(site):
    _, saida = site
    avisos = [linha for linha in saida.splitlines() if "WARNING" in linha or "ERROR" in linha]
    assert not avisos, "\n".join(avisos)


def _paginas_html(site_dir: Path) -> list[tuple[Path, HtmlDaPagina]]:
    """Cada página HTML do site com o que ela carrega, links e ids (uma leitura por processo)."""
    paginas_do_site = sorted(site_dir.rglob("*.html"))
    return [(pagina.relative_to(site_dir), analisar_html(pagina)) for pagina in paginas_do_site]


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


CSS_DO_KATEX = "assets/vendor/katex/katex.min.css"
# o que sobraria de uma fórmula não renderizada: delimitadores do arithmatex ou dos cadernos
_TEX_CRU = re.compile(r"\\\(|\\\[|\$[^$<]+\$")
_SEM_TEXTO = re.compile(r"<(head|script|style|pre|code|svg|annotation)\b.*?</\1\s*>", re.DOTALL)


def problemas_da_matematica(site_dir: Path) -> list[str]:
    """As fórmulas chegam prontas do build (hooks/posprocesso.py): nenhuma página carrega JavaScript
    de matemática nem mostra LaTeX cru fora de código; toda página com fórmulas carrega o CSS do
    KaTeX do próprio site, e toda fonte que esse CSS pede existe."""
    problemas, com_formulas = [], 0
    for pagina, coletor in _paginas_html(site_dir):
        texto = (site_dir / pagina).read_text(encoding="utf-8")
        scripts = [
            e for e in coletor.enderecos if re.search(r"(katex|auto-render|mathjax)[^/]*\.js$", e, re.I)
        ]
        problemas += [f"{pagina}: carrega {e} (as fórmulas deviam vir do build)" for e in scripts]
        visivel = re.sub(r"<[^>]+>", "", _SEM_TEXTO.sub("", texto))
        problemas += [f"{pagina}: LaTeX cru na página: {m.group(0)!r}" for m in _TEX_CRU.finditer(visivel)]
        if 'class="katex"' not in texto:
            continue
        com_formulas += 1
        carregados = {(site_dir / pagina).parent.joinpath(e).resolve() for e in coletor.enderecos}
        if (site_dir / CSS_DO_KATEX).resolve() not in carregados:
            problemas.append(f"{pagina}: tem fórmulas e não carrega {CSS_DO_KATEX}")
    if not com_formulas:
        problemas.append("nenhuma página com fórmulas (class=katex): o hooks/posprocesso.py rodou?")
    css = site_dir / CSS_DO_KATEX
    if css.is_file():
        for fonte in re.findall(r"url\((fonts/[^)]+)\)", css.read_text(encoding="utf-8")):
            if not (css.parent / fonte).is_file():
                problemas.append(f"{CSS_DO_KATEX}: fonte ausente {fonte}")
    return problemas


def test_matematica_vem_pronta_do_build(site):
    site_dir, _ = site
    problemas = problemas_da_matematica(site_dir)
    assert not problemas, "\n".join(problemas)


@so_mkdocs
def test_paleta_sem_a_regra_que_recalcula_a_pagina_inteira(site):
    """hooks/acoplamentos.py tirou a regra [data-md-color-switching] do CSS do tema."""
    site_dir, _ = site
    paletas = list((site_dir / "assets" / "stylesheets").glob("palette.*.css"))
    assert paletas, "o Material não copiou o palette.css: o tema mudou?"
    for css in paletas:
        assert "data-md-color-switching" not in css.read_text(encoding="utf-8"), css.name


def problemas_dos_scripts(site_dir: Path) -> list[str]:
    """Nenhuma página pede um script com ``<script src>`` (rodaria antes da primeira pintura): os
    scripts vêm do carregador de ``hooks/posprocesso.py``, que os pede depois dela."""
    problemas = []
    for pagina in sorted(site_dir.rglob("*.html")):
        texto = pagina.read_text(encoding="utf-8")
        if "<body" not in texto:
            continue  # redirecionamentos
        nome = pagina.relative_to(site_dir)
        problemas += [
            f"{nome}: <script src={m[1]}>" for m in re.finditer(r"<script\b[^>]*\ssrc=\"?([^\s\">]+)", texto)
        ]
        if re.search(r"\.js\b", texto) and "requestAnimationFrame(() => setTimeout(carregar))" not in texto:
            problemas.append(f"{nome}: sem o carregador depois da primeira pintura")
    return problemas


def test_scripts_so_depois_da_primeira_pintura(site):
    site_dir, _ = site
    problemas = problemas_dos_scripts(site_dir)
    assert not problemas, "\n".join(problemas[:20])


def test_brecha_script_antes_da_pintura(tmp_path):
    site_dir = _site_sintetico(tmp_path, '<script src="../assets/bundle.js"></script>', "<p>x</p>")
    assert problemas_dos_scripts(site_dir) == [
        "a/index.html: <script src=../assets/bundle.js>",
        "a/index.html: sem o carregador depois da primeira pintura",
    ]


@so_mkdocs
def test_busca_sem_acento_no_indice(site):
    """O índice guarda as palavras acentuadas sem o acento (não sem a letra): "convolucao" acha
    "convolução" (hooks/posprocesso.py, indice_da_busca)."""
    import json

    site_dir, _ = site
    dados = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    por_local = {d["location"]: d for d in dados["docs"]}
    convolucao = por_local["convolucionais/convolucao-1d/"]
    assert "convolucao" in convolucao["titulo_sem_acento"].split()
    assert "convolucao" in convolucao["ensina"].split()
    # as seções da página (location com #) somam o texto dela
    retro = {p for d in dados["docs"] if d["location"].startswith("treinamento/retropropagacao/")
             for p in d["texto_sem_acento"].split()}  # fmt: skip
    assert {"retropropagacao", "propagacao", "calculo"} <= retro
    # nenhum campo sem acento tem letra latina acentuada (µ, π de uma unidade ou fórmula ficam),
    # nem palavra que perdeu a letra
    for doc in dados["docs"]:
        for palavra in doc["texto_sem_acento"].split():
            latinas = [c for c in palavra if c.isalpha() and "LATIN" in unicodedata.name(c, "")]
            assert all(c.isascii() for c in latinas), (doc["location"], palavra)
    assert "convoluo" not in convolucao["texto_sem_acento"]


# O HTML que o site escreve valida no validador do W3C (vnu.jar, do pacote npm vnu-jar; instalado
# fora do controle de versão como o Lighthouse: npm install --prefix artefatos/vnu vnu-jar@26.9.27).
VNU = RAIZ / "artefatos" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# o que o validador apontava no site (medido em 2026-12-04: 159 erros) e agora não pode voltar
HTML_INVALIDO = [
    (
        re.compile(r'<input class="md-toggle"[^>]*type="checkbox"[^>]*autocomplete='),
        "autocomplete num checkbox",
    ),
    (re.compile(r'\stabindex=""'), 'tabindex=""'),
    (
        re.compile(r"<clipboard-copy\b(?![^>]*\brole=)[^>]*aria-label="),
        "aria-label sem papel em <clipboard-copy>",
    ),
    (re.compile(r'\s,=""'), 'atributo ","'),
]


def test_html_valido(site):
    site_dir, _ = site
    problemas = []
    for pagina in sorted(site_dir.rglob("*.html")):
        texto = pagina.read_text(encoding="utf-8")
        problemas += [
            f"{pagina.relative_to(site_dir)}: {nome}"
            for padrao, nome in HTML_INVALIDO
            if padrao.search(texto)
        ]
    assert not problemas, "HTML inválido:\n" + "\n".join(problemas[:20])
    import shutil
    import subprocess

    if not (VNU.is_file() and shutil.which("java")):
        pytest.skip(f"validador do W3C ausente ({VNU.relative_to(RAIZ)}; veja o comentário acima)")
    processo = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu", str(site_dir)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert processo.returncode == 0, "validador do W3C:\n" + processo.stderr[-4000:]


def _site_sintetico(tmp_path, cabeca: str, corpo: str = '<span class="katex">x</span>') -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f"<html><head>{cabeca}</head><body>{corpo}</body></html>")
    return tmp_path


def test_brecha_formula_sem_css_script_de_matematica_e_latex_cru(tmp_path):
    corpo = '<p><span class="katex">x</span> e \\(y\\) e $z$</p><pre><code>preco = "$5" + "$6"</code></pre>'
    problemas = problemas_da_matematica(
        _site_sintetico(tmp_path, '<script src="../katex.min.js"></script>', corpo)
    )
    assert problemas == [
        "a/index.html: carrega ../katex.min.js (as fórmulas deviam vir do build)",
        "a/index.html: LaTeX cru na página: '\\\\('",
        "a/index.html: LaTeX cru na página: '$z$'",
        f"a/index.html: tem fórmulas e não carrega {CSS_DO_KATEX}",
    ]


def test_analisar_html_le_de_novo_o_arquivo_que_mudou(tmp_path):
    pagina = tmp_path / "index.html"
    pagina.write_text('<h2 id="a">A</h2><a href="#a">a</a>', encoding="utf-8")
    assert analisar_html(pagina).ids == {"a"}
    pagina.write_text('<h2 id="b">B</h2><img src="x.png" alt=""><a href="#b">b</a>', encoding="utf-8")
    analise = analisar_html(pagina)
    assert (analise.ids, analise.links, analise.enderecos) == ({"b"}, [(1, "#b")], ["x.png"])


def test_brecha_link_quebrado_em_html_cru_ou_caderno(tmp_path):
    site_dir = _site_sintetico(
        tmp_path,
        "",
        '<h2 id="certo">T</h2>\n<a href="../b/">b</a>\n<a href="#certo">ok</a>\n<a href="#errado">x</a>'
        '\n<a href="../a/index.html#certo">ok</a>\n<a href="https://pytorch.org">fora</a>'
        '\n<a href="c.md">md</a>\n<a href="/p/a/#certo">ok</a>\n<a href="/outro/">x</a>',
    )
    assert links_quebrados(site_dir, base="/p/") == [
        "a/index.html:2: link quebrado '../b/' (arquivo não existe no site)",
        "a/index.html:4: âncora inexistente '#errado'",
        "a/index.html:7: link quebrado 'c.md' (arquivo não existe no site)",
        "a/index.html:9: link quebrado '/outro/' (arquivo não existe no site)",
    ]


def test_nenhum_link_quebrado_no_html_cru_nem_nos_cadernos(site):
    site_dir, _ = site
    problemas = links_quebrados(site_dir, base=urlparse(_config()["site_url"]).path)
    if SITE_DE_OUTRO_GERADOR:
        # o que falta ao outro gerador (README, "Zensical, medido"): os cadernos (mkdocs-jupyter) e
        # o alvo do link "pular para o conteúdo" na 404 do Zensical
        problemas = [p for p in problemas if ".ipynb'" not in p and not p.endswith("inexistente '#__skip'")]
    assert not problemas, "links quebrados no site construído:\n" + "\n".join(problemas)


@so_mkdocs
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


def erros_nos_cadernos(caminhos) -> list[str]:
    """Saídas de erro (ou tracebacks no stderr) salvas nos cadernos: o site as mostraria como se fosse
    normal (o mkdocs-jupyter não executa os cadernos aqui, então ``allow_errors`` não tem efeito)."""
    import nbformat

    problemas = []
    for caminho in caminhos:
        caderno = nbformat.read(caminho, as_version=4)
        codigo = [c for c in caderno.cells if c.cell_type == "code"]
        for numero, celula in enumerate(codigo, 1):
            for saida in celula.get("outputs", []):
                if saida.output_type == "error" or "Traceback (most recent call last)" in saida.get(
                    "text", ""
                ):
                    problemas.append(f"{caminho.name}: célula de código {numero} tem um erro salvo")
    return problemas


def test_nenhum_caderno_salvo_mostra_um_erro():
    problemas = erros_nos_cadernos(sorted((RAIZ / "examples").glob("*.ipynb")))
    assert not problemas, "\n".join(problemas)


def test_brecha_caderno_com_erro_salvo(tmp_path):
    import nbformat

    celula = nbformat.v4.new_code_cell("1 / 0")
    celula.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero")]
    caminho = tmp_path / "quebrado.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1"), celula]), caminho)
    assert erros_nos_cadernos([caminho]) == ["quebrado.ipynb: célula de código 2 tem um erro salvo"]


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
