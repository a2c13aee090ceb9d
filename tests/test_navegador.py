"""O site como o leitor o vê: Chromium de verdade (pacote `chromium` do Debian) guiado pelo Playwright.

Para cada página: carrega sem erro no console e sem nenhum pedido a outro servidor; a matemática é
renderizada pelo KaTeX; nenhuma violação do axe-core. Além disso: a busca em português encontra a
página certa, o botão de modo escuro e o botão de copiar código funcionam. Capturas de tela vão para
``artefatos/capturas/``.

Sem o Chromium, os testes são pulados com o motivo, exceto no CI (variável ``CI``), onde falham.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.harness import DOCS, RAIZ, paginas
from tests.site_local import ServidorLocal, construir_site

pytestmark = pytest.mark.lento

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTEFATOS = RAIZ / "artefatos" / "capturas"
OPCOES_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI sem Chromium: o .ci/run deveria instalar o pacote `chromium` do Debian")
    pytest.skip("Chromium não encontrado (instale o pacote `chromium`)", allow_module_level=True)

playwright_sync = pytest.importorskip("playwright.sync_api", reason="pacote playwright não instalado")
axe_sync = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python ausente"
)


def _url(pagina: Path) -> str:
    relativo = pagina.relative_to(DOCS).with_suffix("")
    return "" if relativo.name == "index" else f"{relativo.as_posix()}/"


CAMINHOS = [_url(p) for p in paginas()] + [
    f"examples/{c.stem}/" for c in sorted((RAIZ / "examples").glob("*.ipynb"))
]


@pytest.fixture(scope="module")
def servidor(tmp_path_factory):
    destino = tmp_path_factory.mktemp("site_navegador")
    construir_site(destino)
    with ServidorLocal(destino) as servidor:
        yield servidor


@pytest.fixture(scope="module")
def navegador():
    with playwright_sync.sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=OPCOES_CHROMIUM)
        yield navegador
        navegador.close()


class Visita:
    """Uma aba que registra erros do console e pedidos a outros servidores (que são bloqueados)."""

    def __init__(self, navegador, servidor, esquema: str = "light") -> None:
        self.contexto = navegador.new_context(viewport={"width": 1280, "height": 900}, color_scheme=esquema)
        self.contexto.grant_permissions(["clipboard-read", "clipboard-write"], origin=servidor.url)
        self.erros: list[str] = []
        self.externos: list[str] = []
        self.contexto.route("**/*", self._filtrar)
        self.aba = self.contexto.new_page()
        self.aba.on("console", lambda m: m.type == "error" and self.erros.append(m.text))
        self.aba.on("pageerror", lambda e: self.erros.append(str(e)))

    def _filtrar(self, rota):
        if urlparse(rota.request.url).hostname in ("127.0.0.1", "localhost"):
            rota.continue_()
        else:
            self.externos.append(rota.request.url)
            rota.abort()

    def fechar(self) -> None:
        self.contexto.close()


@pytest.fixture(scope="module")
def _aba_compartilhada(navegador, servidor):
    v = Visita(navegador, servidor)
    yield v
    v.fechar()


@pytest.fixture
def visita(_aba_compartilhada):
    """Uma aba reaproveitada entre os testes (abrir um contexto novo custa caro), com registros zerados."""
    _aba_compartilhada.erros.clear()
    _aba_compartilhada.externos.clear()
    return _aba_compartilhada


@pytest.mark.parametrize("caminho", CAMINHOS, ids=lambda c: c or "index")
def test_pagina_carrega_limpa_com_matematica_e_acessivel(visita, servidor, caminho):
    aba = visita.aba
    resposta = aba.goto(servidor.url + caminho, wait_until="load")
    assert resposta is not None and resposta.ok, f"{caminho}: HTTP {resposta and resposta.status}"
    assert not visita.externos, f"{caminho}: pedidos a outros servidores: {visita.externos}"
    assert not visita.erros, f"{caminho}: erros no console: {visita.erros}"
    # matemática: todo trecho marcado pelo arithmatex virou KaTeX
    sem_render = aba.evaluate(
        "[...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex')).length"
    )
    assert sem_render == 0, f"{caminho}: {sem_render} fórmulas não renderizadas"
    violacoes = axe_sync.Axe().run(aba).response["violations"]
    resumo = [f"{v['id']} ({len(v['nodes'])}×): {v['help']}" for v in violacoes]
    assert not resumo, f"{caminho}: violações de acessibilidade (axe-core):\n" + "\n".join(resumo)
    if caminho.count("/") <= 1:  # índice e primeira página de cada capítulo
        ARTEFATOS.mkdir(parents=True, exist_ok=True)
        nome = (caminho.strip("/").replace("/", "_") or "index") + ".png"
        aba.screenshot(path=str(ARTEFATOS / nome))


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


def test_modo_escuro(visita, servidor):
    aba = visita.aba
    aba.goto(servidor.url, wait_until="networkidle")
    antes = aba.get_attribute("body", "data-md-color-scheme")
    aba.click("form[data-md-component=palette] label:visible")
    depois = aba.get_attribute("body", "data-md-color-scheme")
    assert {antes, depois} == {"default", "slate"}
    ARTEFATOS.mkdir(parents=True, exist_ok=True)
    aba.screenshot(path=str(ARTEFATOS / "modo_escuro.png"))


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
def test_contraste_no_modo_escuro(aba_escura, servidor, caminho):
    """Uma página de cada tipo no esquema escuro (o leitor com o sistema em modo escuro o recebe)."""
    aba = aba_escura.aba
    aba.goto(servidor.url + caminho, wait_until="load")
    assert aba.get_attribute("body", "data-md-color-scheme") == "slate"
    opcoes = {"runOnly": ["color-contrast", "link-in-text-block"]}
    violacoes = axe_sync.Axe().run(aba, options=opcoes).response["violations"]
    assert not violacoes, [(v["id"], n["target"]) for v in violacoes for n in v["nodes"]]
