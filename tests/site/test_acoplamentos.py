"""``hooks/acoplamentos.py``: cada dependência de um detalhe do tema ou de um plugin falha o build
quando deixa de valer (versão fora da faixa conferida ou trecho que não aparece mais), e a tabela do
README lista exatamente esses acoplamentos, cada um com o teste que o guarda."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hooks import acoplamentos
from hooks.acoplamentos import (
    ACOPLAMENTOS,
    AcoplamentoQuebrado,
    bundle_ajustado,
    conferir_indice,
    conferir_versoes,
    limpar_caderno,
    paleta_ajustada,
    parciais_ajustados,
    sem_glightbox_inutil,
)
from tests.paginas.harness import RAIZ

# trechos do bundle.*.min.js do Material 9.8: mountPalette e mountContent
BUNDLE = (
    'function li(e){let t=M("input",e),r=x("meta",{name:"theme-color"});document.head.appendChild(r);'
    'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'
    'let n=Wt("(prefers-color-scheme: light)");'
    '...M("pre.mermaid",e).map(i=>Zn(i)),...M("table:not([class])",e).map(i=>ti(i)),...M("details",e)'
)


def test_versoes_instaladas_estao_nas_faixas_conferidas():
    conferir_versoes()  # o build também faz isto (hooks/renderizador.py, on_config)


def test_versao_fora_da_faixa_falha_o_build():
    versoes = {"mkdocs-material": "10.0.0", "mkdocs-glightbox": "0.5.3", "nbconvert": "7.17.2"}

    def versao(pacote):
        return versoes.get(pacote, "0.26.3")

    with pytest.raises(AcoplamentoQuebrado) as erro:
        conferir_versoes(versao)
    mensagem = str(erro.value)
    for nome in ("bundle", "paleta", "parciais", "copiar", "busca"):
        assert f"{nome}: mkdocs-material 10.0.0 fora de" in mensagem
    assert "glightbox:" not in mensagem and "nbconvert:" not in mensagem


@pytest.mark.parametrize(
    ("trecho", "novo", "falta"),
    [
        ("document.head.appendChild(o);let n=", "document.head.append(o);let n=", "color-scheme"),
        ('M("table:not([class])",e)', 'M("table",e)', "tabelas"),
    ],
)
def test_bundle_de_outra_versao_falha_o_build(trecho, novo, falta):
    assert len(bundle_ajustado(BUNDLE)) == len(BUNDLE)
    with pytest.raises(AcoplamentoQuebrado, match=falta):
        bundle_ajustado(BUNDLE.replace(trecho, novo))


def test_paleta_sem_a_regra_falha_o_build():
    css = "[data-md-color-switching] *{transition-duration:0s!important}.md-header{color:red}"
    assert paleta_ajustada(css) == ".md-header{color:red}"
    with pytest.raises(AcoplamentoQuebrado, match="paleta"):
        paleta_ajustada(".md-header{color:red}")


PAGINA_DO_MATERIAL = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    '<div class="md-search" data-md-component="search" role="dialog">'
    '<input type="text" class="md-search__input" autocomplete="off">'
    '<a href="https://github.com/x/y" title="Ir" class="md-source" data-md-component="source">'
    '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
    '<div class="md-copyright">\n    Made with\n    <a href="https://squidfunk.github.io/mkdocs-material/" '
)


def test_parciais_ajustados_na_pagina_pronta():
    pronta = parciais_ajustados(PAGINA_DO_MATERIAL)
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Pesquisar">' in pronta
    assert 'class="md-source">' in pronta and 'data-md-component="source"' not in pronta
    assert "\n    Feito com\n    <a" in pronta and "Made with" not in pronta
    assert parciais_ajustados(pronta) == pronta  # aplicar de novo não muda nada


@pytest.mark.parametrize(
    ("trecho", "novo", "falta"),
    [
        ('role="dialog">', 'role="dialog" hidden>', "diálogo de busca"),
        (
            'class="md-source" data-md-component="source"',
            'data-md-component="source" class="md-source"',
            "repositório",
        ),
        ("Made with\n    <a", "Made with <b>\n    <a", "crédito"),
    ],
)
def test_parciais_sem_o_trecho_falham_o_build(trecho, novo, falta):
    with pytest.raises(AcoplamentoQuebrado, match=falta):
        parciais_ajustados(PAGINA_DO_MATERIAL.replace(trecho, novo))


def test_indice_sem_os_campos_falha_o_build():
    campos = {c: {"boost": 1} for c in acoplamentos.CAMPOS_DA_BUSCA}
    dados = {"config": {"fields": campos}, "docs": [{"location": "", "title": "t", "text": "x"}]}
    conferir_indice(dados)
    with pytest.raises(AcoplamentoQuebrado, match="ensina_termo"):
        conferir_indice({**dados, "config": {"fields": {"ensina": {}}}})
    with pytest.raises(AcoplamentoQuebrado, match="location, title e text"):
        conferir_indice({**dados, "docs": [{"url": "", "title": "t"}]})


GLIGHTBOX = (
    '<head><link href="a/glightbox.min.css" rel="stylesheet"><script src="a/glightbox.min.js"></script>'
    '<style id="glightbox-style">x</style></head><p>texto</p>'
    '<script id="init-glightbox">const l = GLightbox({});</script></body>'
)


def test_glightbox_de_outra_versao_falha_o_build():
    assert sem_glightbox_inutil(GLIGHTBOX) == "<head></head><p>texto</p></body>"
    with_figura = GLIGHTBOX.replace("<p>texto</p>", '<a class="glightbox" href="f.png"><img></a>')
    assert sem_glightbox_inutil(with_figura) == with_figura
    with pytest.raises(AcoplamentoQuebrado, match="glightbox"):
        sem_glightbox_inutil(GLIGHTBOX.replace('id="glightbox-style"', 'id="glightbox-css"'))


CADERNO = (
    "<head></head><body>"
    '<style type="text/css">\n    pre { line-height: 125%; }\n</style>'
    "<!-- End of mermaid configuration -->"
    '<clipboard-copy ,="" aria-label="Copy to Clipboard" for="cell-1">'
    '<div><span class="notice" hidden="">Copied!</span></div></clipboard-copy></body>'
)


def test_caderno_sem_o_preambulo_falha_o_build():
    limpa = limpar_caderno(CADERNO, "c.css")
    assert '<clipboard-copy role="button" aria-label="Copiar o código" for="cell-1">' in limpa
    assert ">Copiado!</span>" in limpa and "line-height: 125%" not in limpa
    with pytest.raises(AcoplamentoQuebrado, match="nbconvert"):
        limpar_caderno(CADERNO.replace("End of mermaid", "Fim do mermaid"), "c.css")


def test_readme_lista_cada_acoplamento_com_o_seu_teste():
    """A tabela "Acoplamentos com o tema" do README e ``ACOPLAMENTOS`` batem, e cada teste existe."""
    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    secao = readme.split("## Acoplamentos com o tema", 1)[1].split("\n## ", 1)[0]
    linhas = re.findall(r"^\| `([\w-]+)` \| ([\w-]+) `([^`]+)` \|.*\| `([^`]+)` \|$", secao, re.MULTILINE)
    assert [(n, p, f, t) for n, p, f, t in linhas] == [
        (a.nome, a.pacote, a.faixa, a.teste) for a in ACOPLAMENTOS
    ]
    for a in ACOPLAMENTOS:
        arquivo, teste = a.teste.split("::")
        assert re.search(rf"^def {teste}\(", (RAIZ / arquivo).read_text(encoding="utf-8"), re.MULTILINE), (
            a.teste
        )


# o que o leitor da busca trata de um jeito especial: títulos com e sem id, link permanente, <pre>,
# quadros fora da busca (aninhados, fechados por outro elemento da mesma tag), scripts, tags vazias
AMOSTRA_DA_BUSCA = (
    """<p>antes do título</p>
<h2 id="a">Título <code>x</code><a class="headerlink" href="#a">¶</a></h2>
<p>um   texto\ncom <code> </code> quebras &amp; <sub>sub</sub></p><pre><code>a  =  1\n\n  b</code></pre>
<div data-search-exclude><p>fora</p><div>dentro</div><p>volta?</p></div><br><img src="x.png">
<h3 id="b">Outro</h3><ul><li> </li><li>item</li></ul><script>var x = "<p>";</script><style>p{}</style>
<div class="linenodiv"><pre>1\n2</pre></div><h1>sem id</h1><object>obj</object><p>fim</p></span></p>
"""
    + (  # blocos realçados: as <span> de dentro saem antes da leitura, se todas são só de classe
        '<div class="language-python highlight"><pre><span></span><code><span class="n">x</span>'
        '<span class="w">  </span>\n<span class="o">=</span> <span class="s2">&quot;a &lt; b&quot;</span>'
        '\n\n</code></pre></div>\n<h2 id="c">Código com título</h2><div class="highlight"><pre><code>'
        '<span id="l1">a</span> <span class="k">b</span>\n</code></pre></div>'
        '<div class="highlight hl-ipython3"><pre><span></span>   <span class="p">(</span>\n</pre></div>'
        "<p>depois</p>"
    )
)


def _secoes(leitor, html_):
    """As seções como o índice as usa: o título e o texto juntados (``create_entry_for_section``; o
    leitor rápido junta os pedaços de texto de um bloco de código que o original guardava um a um)."""
    p = leitor()
    p.feed(html_)
    p.close()
    return [
        (s.el.tag, s.id, s.depth, bool(s.title), "".join(s.title), "".join(s.text), s.is_excluded())
        for s in p.data
    ]


@pytest.fixture(scope="module")
def modulo_da_busca():
    return pytest.importorskip("material.plugins.search.plugin")


# páginas do site construído lidas pelos dois leitores: código, fórmulas e tabelas (todas as páginas
# custariam ~8 s; a igualdade do search_index.json inteiro foi conferida ao trocar o leitor)
PAGINAS_DA_AMOSTRA = ("fundamentos/tensores/", "treinamento/retropropagacao/", "alem/glossario/")


def test_leitor_rapido_da_busca_le_como_o_do_material(modulo_da_busca, tmp_path_factory):
    """O leitor que conta as tags abertas dá as mesmas seções que o ``Parser`` do Material: na
    amostra e no artigo de páginas do site construído (o build usa o rápido)."""
    from curso.site_local import SITE_DE_OUTRO_GERADOR, site_compartilhado

    rapido = acoplamentos.leitor_da_busca(modulo_da_busca)
    original = modulo_da_busca.Parser
    if getattr(original, "_leitor_rapido", False):  # trocado neste processo (build no mesmo processo)
        original = original.__mro__[1]
    assert _secoes(rapido, AMOSTRA_DA_BUSCA) == _secoes(original, AMOSTRA_DA_BUSCA)
    if SITE_DE_OUTRO_GERADOR:
        return
    site, _ = site_compartilhado(tmp_path_factory)
    for url in PAGINAS_DA_AMOSTRA:
        texto = (site / url / "index.html").read_text(encoding="utf-8")
        artigo = texto[texto.find("<article") : texto.rfind("</article>") + 10]
        assert "<h2" in artigo and _secoes(rapido, artigo) == _secoes(original, artigo), url


def test_leitor_da_busca_de_outra_versao_falha_o_build(modulo_da_busca, monkeypatch):
    fonte = Path(modulo_da_busca.__file__).read_text(encoding="utf-8")
    assert acoplamentos.resumo_do_leitor(fonte) in acoplamentos._RESUMOS_DO_LEITOR
    mudado = fonte.replace('if not "pre" in self.context:', 'if "pre" not in self.context:')
    assert acoplamentos.resumo_do_leitor(mudado) not in acoplamentos._RESUMOS_DO_LEITOR
    monkeypatch.setattr(acoplamentos, "resumo_do_leitor", lambda fonte: "0000000000000000")
    monkeypatch.setattr(modulo_da_busca, "Parser", modulo_da_busca.Parser)  # desfeito no fim
    if getattr(modulo_da_busca.Parser, "_leitor_rapido", False):
        monkeypatch.setattr(modulo_da_busca, "Parser", modulo_da_busca.Parser.__mro__[1])
    with pytest.raises(AcoplamentoQuebrado, match="leitor-da-busca"):
        acoplamentos.busca_com_leitor_rapido()


def test_leitor_tira_so_as_spans_de_dentro_do_codigo_realcado():
    blocos = acoplamentos.sem_spans_no_codigo(AMOSTRA_DA_BUSCA)
    assert '<pre><code>x  \n= "a &lt; b"' not in blocos  # o texto fica com as entidades
    assert "<pre><code>x  \n= &quot;a &lt; b&quot;\n\n</code></pre>" in blocos
    assert "<pre>   (\n</pre>" in blocos
    # uma <span> com outro atributo: o bloco fica como está
    assert '<span id="l1">a</span> <span class="k">b</span>' in blocos
    # fora dos blocos realçados, nada muda
    assert blocos.split("<h2", 1)[0] == AMOSTRA_DA_BUSCA.split("<h2", 1)[0]


def _realcar(texto: str) -> str:
    import markdown

    return markdown.markdown(texto, extensions=["pymdownx.highlight", "pymdownx.superfences"])


def test_realce_com_cache_da_o_mesmo_html(tmp_path, monkeypatch):
    """O HTML de cada bloco vem do cache em disco, igual ao do pymdownx; outro código, outra opção
    do bloco ou outra versão de um pacote do realce erram o cache."""
    highlight = pytest.importorskip("pymdownx.highlight")
    from hooks.cache_em_disco import Cache

    original = highlight.Highlight.highlight
    if getattr(original, "_realce_em_cache", False):  # posto neste processo (build no mesmo processo)
        original = original.__wrapped__
    monkeypatch.setattr(highlight.Highlight, "highlight", original)
    texto = '```python title="t.py" hl_lines="1"\nx = 1  # "a" < b\n```\n\n```text\nsaída\n```\n'
    esperado = _realcar(texto)

    def com_cache(versoes):
        cache = Cache("realce", ["Pygments"], [], pasta=tmp_path, versao=versoes.__getitem__)
        monkeypatch.setattr(highlight.Highlight, "highlight", acoplamentos.realce_em_cache(original, cache))
        return cache

    com_cache({"Pygments": "2.21.0"})
    assert _realcar(texto) == esperado  # calculado e guardado
    assert len(list(tmp_path.rglob("*.json"))) == 2
    for arquivo in tmp_path.rglob("*.json"):  # marca as entradas: um acerto as devolve
        arquivo.write_text(json.dumps(json.loads(arquivo.read_text()).replace("x", "MARCA")))
    assert _realcar(texto).count("MARCA") >= 1
    assert "MARCA" not in _realcar(texto.replace("x = 1", "y = 1"))  # outro código
    assert "MARCA" not in _realcar(texto.replace('title="t.py"', 'title="u.py"'))  # outra opção
    com_cache({"Pygments": "2.22.0"})  # outra versão do Pygments
    assert "MARCA" not in _realcar(texto) and _realcar(texto) == esperado


class _Pagina:
    def __init__(self, content, url="a/", title="A", meta=None, toc=()):
        self.content, self.url, self.title, self.meta, self.toc = content, url, title, meta or {}, list(toc)


def test_busca_em_cache_da_as_mesmas_entradas(modulo_da_busca, tmp_path):
    """As entradas de uma página vêm do cache em disco, iguais às do Material; outro HTML, outro
    endereço ou outra versão do Material erram o cache."""
    from hooks.cache_em_disco import Cache

    original = modulo_da_busca.SearchIndex.add_entry_from_context
    if getattr(original, "_entradas_em_cache", False):  # posto neste processo
        original = original.__wrapped__

    def entradas(pagina, cache=None):
        indice = modulo_da_busca.SearchIndex()
        (acoplamentos.entradas_em_cache(original, cache) if cache else original)(indice, pagina)
        return indice.entries

    def cache(versao="9.8.2"):
        return Cache("busca", ["mkdocs-material"], [], pasta=tmp_path, versao=lambda _: versao)

    pagina = _Pagina(AMOSTRA_DA_BUSCA)
    esperado = entradas(pagina)
    assert len(esperado) > 2 and entradas(pagina, cache()) == esperado  # calculadas e guardadas
    (arquivo,) = tmp_path.rglob("*.json")
    arquivo.write_text(arquivo.read_text(encoding="utf-8").replace("item", "MARCA"), encoding="utf-8")
    assert "MARCA" in str(entradas(pagina, cache()))  # um acerto devolve o que está no disco
    assert "MARCA" not in str(entradas(_Pagina(AMOSTRA_DA_BUSCA + "<p>mais</p>"), cache()))
    assert "MARCA" not in str(entradas(_Pagina(AMOSTRA_DA_BUSCA, url="b/"), cache()))
    assert entradas(pagina, cache("9.8.3")) == esperado  # outra versão do Material: calcula de novo


def _pagina_renderizada(pasta, markdown: str, outros=("b.md",)):
    """A página ``a.md`` (com ``markdown``) convertida pelo ``Page.render`` em vigor, num site mínimo."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    docs, site = pasta / "docs", pasta / "site"
    docs.mkdir(exist_ok=True)
    (docs / "a.md").write_text(markdown, encoding="utf-8")
    for nome in outros:
        (docs / nome).write_text("# B\n\n## Seção B {#secao-b}\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(site)})
    config.load_dict({"markdown_extensions": ["toc", "attr_list"]})
    assert config.validate() == ([], [])
    files = Files([File(n, str(docs), str(site), True) for n in ("a.md", *outros)])
    pagina = Page(None, files.get_file_from_path("a.md"), config)
    pagina.read_source(config)
    pagina.render(config, files)
    links = {f.src_uri: d for f, d in (pagina.links_to_anchors or {}).items()}
    return pagina.content, str(pagina.toc), pagina._title_from_render, pagina.present_anchor_ids, links


def test_markdown_com_cache_da_a_mesma_pagina(tmp_path, monkeypatch, caplog):
    """O que ``Page.render`` deixa na página (HTML, índice lateral, título, âncoras, links para
    âncoras de outras páginas) vem do cache em disco igual ao do MkDocs; outro Markdown ou outro
    arquivo no site erram o cache; uma conversão que avisou (link quebrado) e uma página que inclui
    arquivos (``--8<--``) não são guardadas."""
    from mkdocs.structure import pages

    from hooks.cache_em_disco import Cache

    original = pages.Page.render
    if getattr(original, "_render_em_cache", False):  # posto neste processo (build no mesmo processo)
        original = original.__wrapped__
    texto = "# Título *a*\n\nTexto com [link](b.md#secao-b).\n\n## Parte {#parte}\n\n### Sub\n"
    monkeypatch.setattr(pages.Page, "render", original)
    esperado = _pagina_renderizada(tmp_path, texto)
    assert esperado[4] == {"b.md": {"secao-b": "b.md#secao-b"}} and "parte" in esperado[3]

    guardado = tmp_path / "cache"
    cache = Cache("markdown", ["mkdocs"], [], pasta=guardado, versao=lambda _: "1")
    monkeypatch.setattr(pages.Page, "render", acoplamentos.render_em_cache(original, cache))
    assert _pagina_renderizada(tmp_path, texto) == esperado  # calculado e guardado
    (entrada,) = guardado.rglob("*.json")
    entrada.write_text(entrada.read_text(encoding="utf-8").replace("Texto com", "MARCA"), encoding="utf-8")
    assert _pagina_renderizada(tmp_path, texto)[0] == esperado[0].replace("Texto com", "MARCA")  # um acerto
    assert _pagina_renderizada(tmp_path, texto)[1:] == esperado[1:]
    assert "MARCA" not in _pagina_renderizada(tmp_path, texto + "\nMais.\n")[0]  # outro Markdown
    assert "MARCA" not in _pagina_renderizada(tmp_path, texto, outros=("b.md", "c.md"))[0]  # outro arquivo
    antes = len(list(guardado.rglob("*.json")))
    with caplog.at_level("INFO"):
        _pagina_renderizada(tmp_path, texto + "\n[quebrado](nao-existe.md)\n")
    assert "nao-existe.md" in caplog.text
    _pagina_renderizada(tmp_path, texto + '\n--8<-- "b.md"\n')
    assert len(list(guardado.rglob("*.json"))) == antes
