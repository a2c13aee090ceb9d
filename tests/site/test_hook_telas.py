"""Testes rápidos (sem build nem navegador) de ``hooks/telas.py`` e das funções de imagens, tabelas,
descrição e busca de ``hooks/posprocesso.py``."""

import io
import json
import re

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from hooks.acoplamentos import limpar_caderno
from hooks.posprocesso import (
    ajustar_imagens,
    descricao,
    latex_legivel,
    rotular_tabelas,
    sem_acento,
    termos_ensinados,
)
from hooks.posprocesso import tamanho_css as _tamanho_css
from hooks.telas import alts_do_caderno, indice_do_caderno


def _png(largura, altura, densidade=None):
    buffer = io.BytesIO()
    info = PngInfo()
    if densidade:
        info.add_text("densidade", str(densidade))
    Image.new("RGB", (largura, altura)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def test_tamanho_css_divide_pela_densidade_gravada():
    assert _tamanho_css(_png(800, 400)) == (800, 400)
    assert _tamanho_css(_png(800, 400, densidade=2)) == (400, 200)
    assert _tamanho_css(b"<svg></svg>") is None


def test_latex_legivel_tira_delimitadores_e_comandos():
    assert latex_legivel(r"formato \((1, 2, 3, 4)\) aqui") == "formato (1, 2, 3, 4) aqui"
    assert latex_legivel(r"\[\frac{a}{b} \cdot \sigma(z)\]") == "(a)/(b) · σ(z)"
    assert latex_legivel(r"em $[-\pi, \pi]$") == "em [-π, π]"
    assert latex_legivel(r"\(\mathbf{w} \cdot \mathbf{x}\)") == "w · x"


def test_sem_acento():
    assert sem_acento("Convolução e retropropagação") == "Convolucao e retropropagacao"


def test_indice_do_caderno_usa_ids_reais_e_mantem_codigo_inline():
    conteudo = (
        '<h1 id="t">Título<a class="headerlink" href="#t">¶</a></h1>'
        '<h2 id="De-a"><code>ajustar</code>: uma linha<a class="headerlink" href="#De-a">¶</a></h2>'
        '<h3 id="sub">Sub <em>x</em></h3>'
        '<h2 id="dois">Dois</h2>'
    )
    [titulo] = indice_do_caderno(conteudo)
    assert titulo["id"] == "t"
    assert [(c["id"], c["name"]) for c in titulo["children"]] == [
        ("De-a", "<code>ajustar</code>: uma linha"),
        ("dois", "Dois"),
    ]
    assert titulo["children"][0]["children"][0]["name"] == "Sub x"


def test_tabelas_largas_sao_marcadas_e_rotuladas():
    estreita = (
        "<table><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    )
    larga = estreita.replace("<td>1</td>", "<td>" + "texto " * 10 + "</td>")
    assert rotular_tabelas(estreita).startswith("<table>")
    marcada = rotular_tabelas(larga)
    assert marcada.startswith("<table data-empilhar>")
    assert '<td data-rotulo="b">2</td>' in marcada
    # duas colunas: nada muda
    duas = "<table><tr><th>a</th><th>b</th></tr><tr><td>" + "x" * 80 + "</td><td>y</td></tr></table>"
    assert rotular_tabelas(duas) == duas


def test_descricao_sem_formulas():
    html = (
        "<p>Curto.</p><p>Um parágrafo longo o bastante, com <code>código</code> e "
        '<span class="arithmatex">\\(x\\)</span> no meio.</p>'
    )
    assert descricao(html) == "Um parágrafo longo o bastante, com código e … no meio."
    assert descricao("<p>" + "palavra " * 60 + "</p>", limite=50).endswith("…")


def test_limpar_caderno_tira_o_css_do_jupyter_e_o_estilo_impresso_como_lista():
    saida = (
        "<head></head><body>"
        '<style type="text/css">\n    pre { line-height: 125%; }\n</style>'
        '<style type="text/css">.jupyter-wrapper{--x: 1}</style>'
        "<!-- Load mathjax --><script></script><!-- End of mermaid configuration -->"
        '<div class="jupyter-wrapper">célula</div>'
        "<style>\n        ['pre { line-height: 125%; }']\n       </style></body>"
    )
    limpa = limpar_caderno(saida, "../../assets/stylesheets/cadernos.css")
    assert limpa == (
        '<head><link rel="stylesheet" href="../../assets/stylesheets/cadernos.css">\n</head>'
        '<body><div class="jupyter-wrapper">célula</div></body>'
    )


def test_alt_do_caderno_vem_dos_metadados_ou_do_texto_anterior(tmp_path):
    imagem = {"output_type": "display_data", "data": {"image/png": "", "text/plain": ""}, "metadata": {}}
    caderno = {
        "cells": [
            {"cell_type": "markdown", "source": ["## Título\n", "A curva de $x^2$ cresce. Depois."]},
            {"cell_type": "code", "metadata": {}, "source": "", "outputs": [imagem]},
            {"cell_type": "code", "metadata": {"alt": "Duas curvas"}, "source": "", "outputs": [imagem]},
        ]
    }
    caminho = tmp_path / "c.ipynb"
    caminho.write_text(json.dumps(caderno), encoding="utf-8")
    assert alts_do_caderno(caminho) == ["A curva de x^2 cresce.", "Duas curvas"]


def test_termos_ensinados_pelo_glossario(tmp_path):
    (tmp_path / "alem").mkdir()
    (tmp_path / "alem" / "glossario.md").write_text(
        "| Português | Inglês | O que é | Onde se aprende |\n|---|---|---|---|\n"
        "| **gradiente** | *gradient* | derivadas | [Otimização](../treinamento/otimizacao.md) |\n"
        "| **vazamento** | *leakage* | x | [Armadilhas](armadilhas.md#5-vazamento) |\n",
        encoding="utf-8",
    )
    assert termos_ensinados(tmp_path) == {
        "treinamento/otimizacao/": ["gradiente", "gradient"],
        "alem/armadilhas/": ["vazamento", "leakage"],
    }


def test_so_imagens_perto_do_topo_carregam_logo():
    """Perto do topo (menos de ``TEXTO_ANTES_DA_DOBRA`` caracteres antes): carga imediata; o resto,
    ``loading="lazy"`` (a imagem só é pedida quando o leitor se aproxima)."""
    from hooks.posprocesso import TEXTO_ANTES_DA_DOBRA

    perto = "<p>" + "a" * (TEXTO_ANTES_DA_DOBRA - 100) + "</p>"
    longe = "<p>" + "<b>b</b>" * TEXTO_ANTES_DA_DOBRA + "</p>"  # só o texto conta, não as tags
    conteudo = perto + '<img alt="1" src="data:,">' + longe + '<img alt="2" src="data:,">'
    imagens = re.findall(r"<img[^>]*>", ajustar_imagens(conteudo))
    assert ["loading=" in img for img in imagens] == [False, True]
    assert 'loading="lazy"' in imagens[1]
    # uma imagem logo no começo, mas depois de outra: também imediata
    dupla = ajustar_imagens('<img alt="1" src="data:,"><img alt="2" src="data:,">' + longe)
    assert "loading=" not in dupla
    # o código de uma figura num quadro recolhível fechado não empurra a imagem para baixo; aberto, sim
    quadro = "<details class='example'><summary>Código da figura</summary>{}</details>"
    fechado = ajustar_imagens(perto + quadro.format(longe) + '<img alt="3" src="data:,">')
    assert "loading=" not in fechado
    aberto = ajustar_imagens(perto + quadro.format(longe).replace("<details ", "<details open ") + "<img>")
    assert 'loading="lazy"' in aberto
