"""Interações no Chromium: busca em português, modo escuro, botão de copiar.
A infraestrutura está em ``tests/site/navegador.py``."""

import pytest

from tests.site.navegador import ARTEFATOS, Visita, abrir, digitar_busca

pytestmark = pytest.mark.lento


@pytest.mark.parametrize(
    "termo, esperado",
    [("tensor", "fundamentos/tensores/"), ("convolução", "convolucionais/convolucao-")],
)
def test_busca_em_portugues(aba_de_busca, termo, esperado):
    aba = aba_de_busca
    aba.click("input.md-search__input")
    digitar_busca(aba, termo)
    links = aba.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any(esperado in link for link in links), f"{termo!r}: {links}"


@pytest.mark.parametrize(
    "consulta, esperado, nao_primeiro",
    [
        ("taxa de aprendizado", "treinamento/otimizacao/", "fundamentos/pytorch/"),
        ("o que é o pytorch", "fundamentos/pytorch/", None),
        ("descida do gradiente", "treinamento/otimizacao/", None),
    ],
)
def test_busca_ignora_palavras_vazias(aba_de_busca, servidor, consulta, esperado, nao_primeiro):
    """ "de", "o", "é"… separam palavras na busca (plugins.search.separator no mkdocs.yml): com o
    separador padrão, "de" virava o prefixo "de*", achava "device", e O que é o PyTorch vinha antes
    da lição que ensina a taxa de aprendizado."""
    aba = aba_de_busca
    aba.click("input.md-search__input")
    digitar_busca(aba, consulta)
    links = aba.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    paginas = list(dict.fromkeys(link[len(servidor.url) :].split("?")[0].split("#")[0] for link in links))
    assert paginas and paginas[0] == esperado, f"{consulta!r}: {paginas[:5]}"
    assert nao_primeiro is None or paginas[0] != nao_primeiro


# O bundle do Material, o extra.js e o telas.js são pedidos só depois da primeira pintura: o
# carregador de hooks/posprocesso.py espera um quadro (requestAnimationFrame) e uma tarefa. O
# instante da pintura que o Chromium registra (first-paint) é o de apresentação, que numa máquina
# carregada chega dezenas de ms depois da pintura na thread principal; o marco aqui é o primeiro
# quadro na thread principal, anotado antes de qualquer script da página.
PRIMEIRO_QUADRO = "requestAnimationFrame(() => { window.__primeiroQuadro = performance.now(); });"
PEDIDOS = r"""() => performance.getEntriesByType("resource")
    .filter((r) => r.initiatorType === "script" && /\/(bundle\.[^/]*|extra|telas)\.js$/.test(r.name))
    .map((r) => [r.name.split("/").pop(), r.startTime])"""


@pytest.mark.parametrize(
    "caminho", ["", "fundamentos/tensores/", "redes/ativacoes/"], ids=lambda c: c or "index"
)
def test_scripts_so_depois_da_primeira_pintura(navegador, servidor, caminho):
    v = Visita(navegador, servidor)
    try:
        v.contexto.add_init_script(PRIMEIRO_QUADRO)
        abrir(v.aba, servidor.url + caminho)
        quadro = v.aba.evaluate("window.__primeiroQuadro")
        pedidos = v.aba.evaluate(PEDIDOS)
    finally:
        v.fechar()
    assert quadro is not None, "nenhum quadro pintado"
    nomes = [nome for nome, _ in pedidos]
    assert any(nome.startswith("bundle.") for nome in nomes) and "extra.js" in nomes, nomes
    antes = [(nome, round(inicio)) for nome, inicio in pedidos if inicio < quadro]
    assert not antes, f"/{caminho}: pedidos antes do primeiro quadro ({quadro:.0f} ms): {antes}"


ESQUEMA_DA_JANELA = "getComputedStyle(document.documentElement).colorScheme"


def test_modo_escuro(visita, servidor):
    aba = visita.aba
    abrir(aba, servidor.url)
    antes = aba.get_attribute("body", "data-md-color-scheme"), aba.evaluate(ESQUEMA_DA_JANELA)
    aba.click("form[data-md-component=palette] label:visible")
    depois = aba.get_attribute("body", "data-md-color-scheme"), aba.evaluate(ESQUEMA_DA_JANELA)
    # o <html> (barras de rolagem, fundo da janela) acompanha o esquema do <body>
    assert {antes, depois} == {("default", "normal"), ("slate", "dark")}
    ARTEFATOS.mkdir(parents=True, exist_ok=True)
    aba.screenshot(path=str(ARTEFATOS / "modo_escuro.png"))


def test_sistema_em_modo_escuro_abre_escuro(navegador, servidor):
    """O leitor com o sistema em modo escuro (e nenhuma escolha guardada) recebe o esquema escuro; o
    contraste nele é conferido em cada página (paginas_no_navegador.py), depois do botão."""
    v = Visita(navegador, servidor, esquema="dark")
    try:
        abrir(v.aba, servidor.url + "fundamentos/tensores/")
        esquema = v.aba.get_attribute("body", "data-md-color-scheme"), v.aba.evaluate(ESQUEMA_DA_JANELA)
    finally:
        v.fechar()
    assert esquema == ("slate", "dark")


TABELAS_MAL_EMBRULHADAS = """() => [...document.querySelectorAll("article table:not([class])")]
    .filter((t) => !t.parentElement.matches(".md-typeset__scrollwrap > .md-typeset__table")
        || t.closest(".md-typeset__table .md-typeset__table"))
    .map((t) => t.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("caminho", ["alem/glossario/", "redes/ativacoes/", "desempenho/"])
def test_tabelas_rolam_de_lado_num_embrulho_so(visita, servidor, caminho):
    """O embrulho de rolagem das tabelas vem do build (hooks/posprocesso.py), e o Material não põe outro."""
    aba = visita.aba
    abrir(aba, servidor.url + caminho)
    assert aba.locator("article table").count() > 0
    assert aba.evaluate(TABELAS_MAL_EMBRULHADAS) == []


def test_botao_copiar_codigo(visita, servidor):
    aba = visita.aba
    abrir(aba, servidor.url + "fundamentos/tensores/")
    bloco = aba.locator("div.highlight").filter(has_text="import torch").first
    bloco.hover()
    bloco.locator("button[data-md-type=copy]").click()
    copiado = aba.evaluate("navigator.clipboard.readText()")
    assert "import torch" in copiado
