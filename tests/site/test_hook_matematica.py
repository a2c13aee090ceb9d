"""Testes rápidos (sem build nem navegador) de ``hooks/posprocesso.py``: fórmulas renderizadas no
build pelo KaTeX, fora de código, com erro de LaTeX falhando o build."""

import pytest

from hooks.posprocesso import CSS_DO_KATEX, FormulaInvalida, com_css_do_katex, renderizar_formulas


def test_formulas_do_arithmatex_viram_html_do_katex():
    html = (
        '<body><p>Um vetor <span class="arithmatex">\\(x \\in \\mathbb{R}^3\\)</span>.</p>'
        '<div class="arithmatex">\\[\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\n\\]</div></body>'
    )
    saida, quantas = renderizar_formulas(html)
    assert quantas == 2
    assert "\\(" not in saida and "\\[" not in saida
    assert saida.count('class="katex"') == 2 and saida.count('class="katex-display"') == 1
    # o MathML vai junto (leitores de tela) e guarda o LaTeX original
    assert '<annotation encoding="application/x-tex">x \\in \\mathbb{R}^3</annotation>' in saida
    # a fórmula em destaque pode ser alcançada pelo teclado (ela rola de lado se não couber)
    assert '<div class="arithmatex" tabindex="0">' in saida


def test_cifroes_dos_cadernos_e_entidades_html():
    html = "<body><p>Se $a &lt; b$ então $$a^2 &lt; b^2 \\text{ para } a &gt; 0$$</p></body>"
    saida, quantas = renderizar_formulas(html)
    assert quantas == 2 and "$" not in saida
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in saida


def test_codigo_scripts_e_cabecalho_ficam_como_estao():
    cabeca = "<head><title>Custa $1 e $2</title></head>"
    corpo = (
        "<body><pre><code>preco = '$5' + '$6'  # \\(x\\)</code></pre>"
        "<p>Em <code>f'${x}$'</code> nada muda.</p>"
        "<script>if (a < b) { s = '$x$' }</script></body>"
    )
    saida, quantas = renderizar_formulas(cabeca + corpo)
    assert quantas == 0 and saida == cabeca + corpo


def test_latex_invalido_falha_o_build_com_a_formula():
    with pytest.raises(FormulaInvalida, match=r"\\frac\{1\}"):
        renderizar_formulas('<body><span class="arithmatex">\\(\\frac{1}\\)</span></body>', "a.md")


def test_css_do_katex_so_onde_ha_formula():
    pagina = "<html><head><title>t</title></head><body>x</body></html>"
    com = com_css_do_katex(pagina, "../../")
    assert f'<link rel="stylesheet" href="../../{CSS_DO_KATEX}">' in com
    assert com.index(CSS_DO_KATEX) < com.index("</head>")
