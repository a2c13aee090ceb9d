"""``hooks/posprocesso.py``: o trabalho de HTML como funções puras sobre páginas prontas, para
qualquer gerador. Cada função tem aqui um teste que falha quando ela quebra (os dos blocos leves,
tabelas e scripts estão em ``test_hook_leve.py``; fórmulas em ``test_hook_matematica.py``; imagens
e descrição em ``test_hook_telas.py``); no site construído, ``test_site.py`` confere o resultado."""

from __future__ import annotations

import json
import re

from hooks.posprocesso import (
    CARREGADOR,
    Pagina,
    html_valido,
    indice_da_busca,
    leitor_do_site,
    main,
    pagina_pronta,
    palavras_sem_acento,
    sem_acento,
)


def test_campo_sem_acento_tira_o_acento_e_guarda_a_letra():
    """Planta-se aqui o defeito "tirar as letras acentuadas em vez dos acentos" ("convoluo")."""
    assert sem_acento("Retropropagação, época, não, über") == "Retropropagacao, epoca, nao, uber"
    # só as palavras que têm acento, sem repetir, em minúsculas: as outras já estão no índice
    assert palavras_sem_acento("Convolução e convolução; Época ótima, rede") == "convolucao epoca otima"


def test_indice_da_busca_ganha_os_campos_sem_acento_e_os_termos_ensinados():
    dados = {
        "config": {},
        "docs": [
            {
                "location": "redes/x/",
                "title": "Funções de ativação¶",
                "text": "A função \\(\\sigma(z)\\) é suave.",
            },
            {"location": "redes/x/#a", "title": "Outra", "text": "sem acento"},
        ],
    }
    pronto = indice_da_busca(dados, {"redes/x/": ["ativação", "activation", "função de ativação"]})
    primeiro, segundo = pronto["docs"]
    assert primeiro["title"] == "Funções de ativação" and primeiro["text"] == "A função σ(z) é suave."
    assert primeiro["titulo_sem_acento"] == "funcoes ativacao"
    assert primeiro["texto_sem_acento"] == "funcao e"
    assert primeiro["ensina"] == (
        "ativação activation função de ativação ativacao activation funcao de ativacao"
    )
    assert primeiro["ensina_termo"] == "ativação activation ativacao activation"
    assert "ensina" not in segundo and segundo["texto_sem_acento"] == ""


PAGINA = """<!doctype html><html class="no-js"><head><title>T</title>
<script src="assets/javascripts/bundle.1.min.js"></script></head>
<body><article class="md-content__inner">
<h1>Título</h1><p>Uma fórmula \\(x^2\\).</p>
<div class="language-pycon highlight"><pre><span></span><code>{BLOCO}
</code></pre></div>
<table>
<thead><tr><th>a</th><th>b</th><th>c</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>
<img alt="figura" src="f.png">
</article>
<script src="assets/javascripts/extra.js"></script>
</body></html>""".replace(
    "{BLOCO}",
    '<span class="gp">&gt;&gt;&gt; </span><span class="n">x</span> '
    '<span class="o">=</span> <span class="mi">1</span>',
)


def test_pagina_pronta_de_outro_gerador():
    """Sem os acoplamentos do Material: cópia, blocos leves, fórmulas, tabelas, imagens e scripts."""
    pronta = pagina_pronta(PAGINA, Pagina(url="", ler=lambda src: None, material=False, copiar=["x = 1"]))
    assert '<div class="language-pycon highlight" data-copy="x = 1" style="--linhas: 1">' in pronta
    assert 'class="katex"' in pronta and 'href="assets/vendor/katex/katex.min.css"' in pronta
    assert '<td data-rotulo="a">1</td>' in pronta
    assert '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>' in pronta
    assert '<img alt="figura" src="f.png" decoding="async">' in pronta
    assert not re.search(r"<script[^>]* src=", pronta)
    assert 'const fila = ["assets/javascripts/bundle.1.min.js", "assets/javascripts/extra.js"];' in pronta
    # aplicar de novo (o MkDocs e depois o pós-processamento) não muda nada
    assert pagina_pronta(pronta, Pagina(url="", material=False)) == pronta


def test_html_valido_sem_autocomplete_em_checkbox_nem_tabindex_vazio():
    pagina = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_2" tabindex="">x</label><a tabindex="0">y</a>'
    )
    assert html_valido(pagina) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="text" class="md-search__input" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_2">x</label><a tabindex="0">y</a>'
    )


def test_carregador_espera_a_primeira_pintura():
    """O carregador pede os scripts só depois de um quadro pintado (o teste no Chromium mede)."""
    assert "const depoisDaPintura = () => requestAnimationFrame(() => setTimeout(carregar));" in CARREGADOR
    assert 'document.addEventListener("DOMContentLoaded", depoisDaPintura, { once: true })' in CARREGADOR


def test_leitor_do_site_acha_a_imagem_relativa_a_pagina(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "f.png").write_bytes(b"png")
    assert leitor_do_site(tmp_path, "fundamentos/tensores/")("../../assets/f.png") == b"png"
    assert leitor_do_site(tmp_path, "")("assets/f.png") == b"png"
    assert leitor_do_site(tmp_path, "")("https://x/f.png") is None
    assert leitor_do_site(tmp_path, "")("assets/nao.png") is None


def test_linha_de_comando_sobre_a_saida_de_outro_gerador(tmp_path, capsys):
    (tmp_path / "site" / "a").mkdir(parents=True)
    (tmp_path / "site" / "a" / "index.html").write_text(PAGINA, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    # a lição de onde a página saiu (docs/a.md): o texto de copiar vem dela
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n```pycon\n>>> x = 1\n```\n", encoding="utf-8")
    assert main([str(tmp_path / "site"), "--config", str(tmp_path / "mkdocs.yml")]) == 0
    pronta = (tmp_path / "site" / "a" / "index.html").read_text(encoding="utf-8")
    assert "const fila = " in pronta and 'href="../assets/vendor/katex/katex.min.css"' in pronta
    assert 'data-copy="x = 1"' in pronta
    assert "1 páginas pós-processadas" in capsys.readouterr().out
    # um erro de LaTeX: sai com 1 e diz a página
    (tmp_path / "docs" / "a.md").write_text("# A\n\n\\(\\frac{1}\\)\n", encoding="utf-8")
    (tmp_path / "site" / "a" / "index.html").write_text("<p>\\(\\frac{1}\\)</p>", encoding="utf-8")
    assert main([str(tmp_path / "site"), "--config", str(tmp_path / "mkdocs.yml")]) == 1
    assert "a/index.html: fórmula inválida" in capsys.readouterr().err
    # uma página com outros blocos que a lição: sai com 1 e diz a página
    (tmp_path / "site" / "a" / "index.html").write_text(PAGINA, encoding="utf-8")
    assert main([str(tmp_path / "site"), "--config", str(tmp_path / "mkdocs.yml")]) == 1
    assert "a/index.html: a página construída tem 1 blocos de código e a lição 0" in capsys.readouterr().err


def test_indice_do_zensical_fica_como_esta(tmp_path):
    """Outro gerador, outro índice (search.json do Zensical): o pós-processamento não mexe nele."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "search.json").write_text(json.dumps({"items": []}), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert main([str(tmp_path / "site"), "--config", str(tmp_path / "mkdocs.yml")]) == 0
    assert json.loads((tmp_path / "site" / "search.json").read_text()) == {"items": []}
