"""Ler bem em qualquer tela (issue 13), no Chromium.

As medidas de cada página (código que transborda no laptop, o que rola no celular, botão de copiar
sobre o código, imagens, links internos) são tiradas numa visita só por página, em
``tests/site/paginas_no_navegador.py``. Aqui ficam:

- a zona do botão de copiar que aquelas medidas supõem, conferida com o botão de verdade;
- a busca, que perdoa a falta de acentos e põe a página que ensina o termo entre as três primeiras,
  sem LaTeX cru nem "¶" nos resultados.

A infraestrutura (site construído, servidor local, Chromium) está em ``tests/site/navegador.py``.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest

from tests.site.navegador import abrir, busca_sem_indice, digitar_busca
from tests.site.paginas_no_navegador import CELULAR, LAPTOP, ZONA_DO_BOTAO

pytestmark = pytest.mark.lento


def _contexto(navegador, servidor, viewport):
    contexto = navegador.new_context(viewport=viewport)

    def filtrar(rota):
        local = urlparse(rota.request.url).hostname in ("127.0.0.1", "localhost")
        rota.continue_() if local else rota.abort()

    contexto.route("**/*", filtrar)
    busca_sem_indice(contexto, servidor.url)
    return contexto


def test_zona_do_botao_de_copiar(navegador, servidor):
    """O botão de copiar de verdade (criado quando o bloco aparece, content.lazy) cabe na zona que
    as medidas de cada página supõem (paginas_no_navegador.py), no celular e no laptop, num bloco
    solto e num dentro de uma solução."""
    # uma página curta que tem os dois casos: blocos soltos e soluções com código
    caminho = "fundamentos/pytorch/"
    for viewport in (CELULAR, LAPTOP):
        contexto = _contexto(navegador, servidor, viewport)
        try:
            aba = contexto.new_page()
            abrir(aba, servidor.url + caminho)
            aba.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
            for seletor in ("article > div.highlight", "article details div.highlight"):
                bloco = aba.locator(seletor).nth(2)
                bloco.scroll_into_view_if_needed()
                botao = bloco.locator("button[data-md-type=copy]")
                botao.wait_for(state="attached")
                b, c = botao.bounding_box(), bloco.bounding_box()
                fonte = bloco.locator("pre > code").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                lado = ZONA_DO_BOTAO * float(fonte)
                assert c["x"] + c["width"] - lado <= b["x"] and b["x"] + b["width"] <= c["x"] + c["width"], (
                    b,
                    c,
                )
                assert c["y"] <= b["y"] and b["y"] + b["height"] <= c["y"] + lado, (
                    caminho,
                    viewport,
                    b,
                    c,
                    lado,
                )
        finally:
            contexto.close()


# consulta (como o leitor digita, sem acento) → página que ensina o termo (a do glossário)
BUSCAS = [
    ("convolucao", "convolucionais/convolucao-1d/"),
    ("retropropagacao", "treinamento/retropropagacao/"),
    ("gradiente", "treinamento/otimizacao/"),
    ("tensor", "fundamentos/tensores/"),
    ("entropia cruzada", "treinamento/funcoes-de-perda/"),
    ("ativacao", "redes/ativacoes/"),
    ("validacao", "treinamento/treino-e-validacao/"),
]


# LaTeX cru: \( \[ $ ou um comando como \frac (o \n de um código não conta)
LATEX = re.compile(r"\\[(\[]|\\[a-zA-Z]{2,}|\$")


@pytest.mark.parametrize("consulta, esperado", BUSCAS)
def test_busca_sem_acento_acha_a_licao(aba_de_busca, servidor, consulta, esperado):
    aba = aba_de_busca
    aba.click("input.md-search__input")
    digitar_busca(aba, consulta)
    paginas = aba.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
    )
    # uma página por resultado, na ordem (os links levam ?h=termo e #seção)
    paginas = list(
        dict.fromkeys(urljoin(aba.url, p).split("#")[0].split("?")[0][len(servidor.url) :] for p in paginas)
    )
    textos = aba.eval_on_selector_all(".md-search-result__item", "els => els.map(e => e.innerText)")
    aba.locator("input.md-search__input").fill("")
    assert esperado in paginas[:3], f"{consulta!r}: {esperado} fora das três primeiras: {paginas[:8]}"
    crus = [t[:80] for t in textos if "¶" in t or LATEX.search(t)]
    assert not crus, f"{consulta!r}: LaTeX cru ou ¶ nos resultados: {crus}"
