"""``hooks/posprocesso.py`` (blocos leves, tabelas, scripts depois da pintura) e os acoplamentos
de ``hooks/acoplamentos.py`` que eles usam (bundle, paleta e glightbox do tema)."""

import re

import pytest

from hooks.acoplamentos import AcoplamentoQuebrado, bundle_ajustado, sem_glightbox_inutil, sem_regra_de_troca
from hooks.copiar import textos_para_copiar
from hooks.posprocesso import (
    MARCAS_DO_HTML,
    blocos_leves,
    linhas_do_bloco,
    paleta_antes_da_pintura,
    scripts_depois_da_pintura,
    tabelas_embrulhadas,
)

BLOCO = (
    '<div class="language-python highlight" data-copy="x = f(a)\nprint(x)"><pre><span></span><code>'
    '<span class="n">x</span><span class="w"> </span><span class="o">=</span> '
    '<span class="n">f</span><span class="p">(</span><span class="n">a</span><span class="p">)</span>\n'
    '<span class="nb">print</span><span class="p">(</span><span class="n">x</span><span class="p">)</span>\n'
    "</code></pre></div>"
)


def _texto(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_bloco_perde_os_spans_sem_efeito_e_guarda_o_texto_e_o_realce():
    leve = blocos_leves("<p>antes</p>" + BLOCO)
    assert _texto(leve) == _texto("<p>antes</p>" + BLOCO)
    assert 'class="n"' not in leve and 'class="w"' not in leve
    assert leve.count('<span class="p">') == 4 and '<span class="nb">print</span>' in leve
    # a altura reservada enquanto o bloco está longe da tela vem do número de linhas
    assert 'data-copy="x = f(a)\nprint(x)" style="--linhas: 2">' in leve
    # o botão de copiar continua achando o texto do bloco
    assert textos_para_copiar(leve) == ["x = f(a)\nprint(x)"]


def test_linhas_do_bloco():
    assert linhas_do_bloco("<pre><code>a\nb\nc\n</code></pre>") == 3
    assert linhas_do_bloco("<pre><code>só uma</code></pre>") == 1


def test_blocos_dos_cadernos_ficam_como_estao():
    caderno = '<div class="highlight-ipynb hl-python"><pre><span class="n">x</span></pre></div>'
    assert blocos_leves(caderno) == caderno


def test_tira_so_a_regra_da_troca_de_cores():
    css = (
        "[data-md-color-scheme=slate]{--md-hue:232}"
        "[data-md-color-switching] *,[data-md-color-switching] :after,"
        "[data-md-color-switching] :before{transition-duration:0s!important}"
        ".md-header{color:red}"
    )
    limpo, quantas = sem_regra_de_troca(css)
    assert quantas == 1
    assert limpo == "[data-md-color-scheme=slate]{--md-hue:232}.md-header{color:red}"


# trechos do bundle.*.min.js do Material 9.8: mountPalette e mountContent
BUNDLE = (
    'function li(e){let t=M("input",e),r=x("meta",{name:"theme-color"});document.head.appendChild(r);'
    'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'
    'let n=Wt("(prefers-color-scheme: light)");'
    '...M("pre.mermaid",e).map(i=>Zn(i)),...M("table:not([class])",e).map(i=>ti(i)),...M("details",e)'
)


def test_bundle_sem_a_meta_de_esquema_e_sem_embrulhar_tabelas_com_o_mesmo_tamanho():
    ajustado = bundle_ajustado(BUNDLE)
    assert len(ajustado) == len(BUNDLE)  # o mapa de fontes (.map) continua valendo
    sem_a_meta = " " * len("document.head.appendChild(o);")
    assert 'x("meta",{name:"color-scheme"});' + sem_a_meta + "let n=" in ajustado
    assert 'x("meta",{name:"theme-color"});document.head.appendChild(r);' in ajustado  # a outra meta fica
    assert '...M("table:not( table )",e).map(i=>ti(i))' in ajustado  # um seletor que não acha nada


@pytest.mark.parametrize(
    ("trecho", "novo", "falta"),
    [
        ("document.head.appendChild(o);let n=", "document.head.append(o);let n=", "color-scheme"),
        ('M("table:not([class])",e)', 'M("table",e)', "tabelas"),
    ],
)
def test_bundle_de_outra_versao_falha_o_build(trecho, novo, falta):
    with pytest.raises(AcoplamentoQuebrado, match=falta):
        bundle_ajustado(BUNDLE.replace(trecho, novo))


def test_tabelas_sem_classe_ganham_o_embrulho_do_material():
    html = (
        "<p>a</p><table>\n<thead><tr><th>x</th></tr></thead></table>"
        '<table data-empilhar="">\n<tr><td>y</td></tr></table>'
        '<table class="dataframe"><tr><td>z</td></tr></table>'
    )
    embrulhadas = tabelas_embrulhadas(html)
    abre, fecha = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">', "</div></div>"
    assert embrulhadas == (
        f"<p>a</p>{abre}<table>\n<thead><tr><th>x</th></tr></thead></table>{fecha}"
        f'{abre}<table data-empilhar="">\n<tr><td>y</td></tr></table>{fecha}'
        '<table class="dataframe"><tr><td>z</td></tr></table>'  # com classe: o Material também não mexia
    )
    assert tabelas_embrulhadas(embrulhadas) == embrulhadas  # já embrulhadas ficam como estão


def test_scripts_saem_da_pagina_e_vao_para_o_carregador_na_ordem():
    pagina = (
        '<html><head><script src="a/glightbox.min.js"></script></head><body><p>x</p>'
        '<script>var x = 1</script><script id="__config" type="application/json">{}</script>'
        '<script src="a/bundle.1.min.js"></script>\n<script src="extra.js"></script>'
        '<script id="init-glightbox">const l = GLightbox({});\ndocument$.subscribe(f);</script>'
        "</body></html>"
    )
    saida = scripts_depois_da_pintura(pagina)
    # nenhum script externo sobra na página: o carregador os pede depois da primeira pintura
    assert not re.search(r"<script[^>]* src=", saida)
    assert 'const fila = ["a/glightbox.min.js", "a/bundle.1.min.js", "extra.js"];' in saida
    # scripts embutidos ficam onde estão; a inicialização do glightbox espera os scripts
    assert '<script>var x = 1</script><script id="__config" type="application/json">{}</script>' in saida
    assert (
        '<script id="init-glightbox">(window.__depoisDosScripts ||= []).push(() => '
        "{const l = GLightbox({});\ndocument$.subscribe(f);});</script>"
    ) in saida
    assert saida.index("const fila") > saida.index("init-glightbox") and saida.endswith("</body></html>")
    # as classes que o Material poria no <html> já estão lá antes da primeira pintura
    assert saida.startswith("<html><head>" + MARCAS_DO_HTML)
    assert scripts_depois_da_pintura("<p>sem scripts</p>") == "<p>sem scripts</p>"


def test_glightbox_so_nas_paginas_com_figura():
    cabeca = (
        '<link href="a/glightbox.min.css" rel="stylesheet"><script src="a/glightbox.min.js"></script>'
        '<style id="glightbox-style">x</style></head>'
    )
    inicio = '<script id="init-glightbox">const l = GLightbox({});</script></body>'
    assert sem_glightbox_inutil(cabeca + "<p>texto</p>" + inicio) == "</head><p>texto</p></body>"
    com_figura = cabeca + '<a class="glightbox" href="f.png"><img></a>' + inicio
    assert sem_glightbox_inutil(com_figura) == com_figura


def test_paleta_do_sistema_antes_da_primeira_pintura():
    paletas = [
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "c", "accent": "c",
         "toggle": {"icon": "x"}},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "c", "accent": "c"},
    ]  # fmt: skip
    saida = paleta_antes_da_pintura('<body dir="ltr" data-md-color-scheme="default"><p>x</p></body>', paletas)
    assert saida.startswith(
        '<body dir="ltr" data-md-color-scheme="default"><script>if (!__md_get("__palette"))'
    )
    assert '"scheme": "slate"' in saida and "toggle" not in saida and saida.endswith("<p>x</p></body>")
    assert paleta_antes_da_pintura("<body></body>", []) == "<body></body>"
