"""Interações no Chromium: busca em português, modo escuro (e o contraste nele), botão de copiar.
A infraestrutura está em ``tests/site/navegador.py``."""

import pytest

from tests.site.navegador import ARTEFATOS, Visita

pytestmark = pytest.mark.lento


@pytest.mark.parametrize(
    "termo, esperado",
    [("tensor", "fundamentos/tensores/"), ("convolução", "convolucionais/convolucao-")],
)
def test_busca_em_portugues(visita, servidor, termo, esperado):
    aba = visita.aba
    aba.goto(servidor.url, wait_until="networkidle")
    aba.click("input.md-search__input")
    aba.locator("input.md-search__input").press_sequentially(termo, delay=30)
    aba.wait_for_selector(".md-search-result__item a", state="attached", timeout=15_000)
    links = aba.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any(esperado in link for link in links), f"{termo!r}: {links}"


ESQUEMA_DA_JANELA = "getComputedStyle(document.documentElement).colorScheme"


def test_modo_escuro(visita, servidor):
    aba = visita.aba
    aba.goto(servidor.url, wait_until="networkidle")
    antes = aba.get_attribute("body", "data-md-color-scheme"), aba.evaluate(ESQUEMA_DA_JANELA)
    aba.click("form[data-md-component=palette] label:visible")
    depois = aba.get_attribute("body", "data-md-color-scheme"), aba.evaluate(ESQUEMA_DA_JANELA)
    # o <html> (barras de rolagem, fundo da janela) acompanha o esquema do <body>
    assert {antes, depois} == {("default", "normal"), ("slate", "dark")}
    ARTEFATOS.mkdir(parents=True, exist_ok=True)
    aba.screenshot(path=str(ARTEFATOS / "modo_escuro.png"))


TABELAS_MAL_EMBRULHADAS = """() => [...document.querySelectorAll("article table:not([class])")]
    .filter((t) => !t.parentElement.matches(".md-typeset__scrollwrap > .md-typeset__table")
        || t.closest(".md-typeset__table .md-typeset__table"))
    .map((t) => t.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("caminho", ["alem/glossario/", "redes/ativacoes/", "desempenho/"])
def test_tabelas_rolam_de_lado_num_embrulho_so(visita, servidor, caminho):
    """O embrulho de rolagem das tabelas vem do build (hooks/leve.py), e o Material não põe outro."""
    aba = visita.aba
    aba.goto(servidor.url + caminho, wait_until="networkidle")
    aba.wait_for_selector('meta[name="theme-color"][content]', state="attached")  # o Material já rodou
    assert aba.locator("article table").count() > 0
    assert aba.evaluate(TABELAS_MAL_EMBRULHADAS) == []


def test_botao_copiar_codigo(visita, servidor):
    aba = visita.aba
    aba.goto(servidor.url + "fundamentos/tensores/", wait_until="networkidle")
    bloco = aba.locator("div.highlight").filter(has_text="import torch").first
    bloco.hover()
    bloco.locator("button[data-md-type=copy]").click()
    copiado = aba.evaluate("navigator.clipboard.readText()")
    assert "import torch" in copiado


AMOSTRA_MODO_ESCURO = [
    "",
    "fundamentos/tensores/",
    "redes/ativacoes/",
    "treinamento/otimizacao/",
    "convolucionais/lenet/",
    "alem/armadilhas/",
    "examples/01_fundamentos/",
]


@pytest.fixture(scope="module")
def aba_escura(navegador, servidor):
    v = Visita(navegador, servidor, esquema="dark")
    yield v
    v.fechar()


@pytest.mark.parametrize("caminho", AMOSTRA_MODO_ESCURO, ids=lambda c: c or "index")
def test_contraste_no_modo_escuro(aba_escura, servidor, axe, caminho):
    """Uma página de cada tipo no esquema escuro (o leitor com o sistema em modo escuro o recebe)."""
    aba = aba_escura.aba
    aba.goto(servidor.url + caminho, wait_until="load")
    assert aba.get_attribute("body", "data-md-color-scheme") == "slate"
    assert aba.evaluate(ESQUEMA_DA_JANELA) == "dark"
    opcoes = {"runOnly": ["color-contrast", "link-in-text-block"]}
    violacoes = axe().run(aba, options=opcoes).response["violations"]
    assert not violacoes, [(v["id"], n["target"]) for v in violacoes for n in v["nodes"]]
