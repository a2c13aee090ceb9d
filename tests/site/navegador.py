"""Fixtures dos testes no navegador, registradas como plugin em ``conftest.py``.

Chromium de verdade (pacote `chromium` do Debian) guiado pelo Playwright.

Para cada página: carrega sem erro no console e sem nenhum pedido a outro servidor; a matemática é
renderizada pelo KaTeX; nenhuma violação do axe-core. Além disso: a busca em português encontra a
página certa, o botão de modo escuro e o botão de copiar código funcionam. Capturas de tela vão para
``artefatos/capturas/``.

Sem o Chromium, os testes são pulados com o motivo, exceto no CI (variável ``CI``), onde falham.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from curso.site_local import ServidorLocal, site_compartilhado
from tests.paginas.harness import DOCS, RAIZ, paginas

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


def _exigir(condicao: bool, motivo: str) -> None:
    """Sem o requisito, o teste é pulado com o motivo; no CI (variável ``CI``), falha."""
    if not condicao:
        if os.environ.get("CI"):
            pytest.fail(f"CI sem requisito dos testes no navegador: {motivo} (veja o .ci/run)")
        pytest.skip(motivo)


def _importar(modulo: str):
    try:
        return importlib.import_module(modulo)
    except ImportError:
        _exigir(False, f"pacote Python ausente: {modulo}")


def _url(pagina: Path) -> str:
    relativo = pagina.relative_to(DOCS).with_suffix("")
    return "" if relativo.name == "index" else f"{relativo.as_posix()}/"


CAMINHOS = [_url(p) for p in paginas()] + [
    f"examples/{c.stem}/" for c in sorted((RAIZ / "examples").glob("*.ipynb"))
]


@pytest.fixture(scope="session")
def axe():
    """A classe ``Axe`` do axe-playwright-python (axe-core embutido no pacote, sem download)."""
    return _importar("axe_playwright_python.sync_playwright").Axe


@pytest.fixture(scope="session")
def servidor(tmp_path_factory):
    """O site construído (uma vez por execução, compartilhado entre os processos) servido em 127.0.0.1."""
    destino, _ = site_compartilhado(tmp_path_factory)
    with ServidorLocal(destino) as servidor:
        yield servidor


@pytest.fixture(scope="session")
def navegador():
    """Um Chromium por processo do pytest, compartilhado por todos os testes no navegador."""
    _exigir(CHROMIUM is not None, "Chromium não encontrado (instale o pacote `chromium` do Debian)")
    playwright_sync = _importar("playwright.sync_api")
    with playwright_sync.sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=OPCOES_CHROMIUM)
        yield navegador
        navegador.close()


@functools.cache
def _indice_sem_documentos(url_base: str) -> str:
    with urllib.request.urlopen(url_base + "search/search_index.json") as resposta:
        indice = json.loads(resposta.read())
    return json.dumps({**indice, "docs": []})


def busca_sem_indice(contexto, url_base: str) -> None:
    """A busca do Material monta o índice do site inteiro (1,4 MB de texto, lunr) a cada carga de
    página, num worker: mais CPU do que todo o resto de uma visita. Nas abas que não testam a busca,
    o índice chega com a configuração de verdade e sem documentos; a busca com o índice inteiro tem
    os seus testes (``test_telas.py``, ``test_navegador_interacoes.py``: ``Visita(busca=True)``)."""
    vazio = _indice_sem_documentos(url_base)
    contexto.route(
        url_base + "search/search_index.json",
        lambda rota: rota.fulfill(body=vazio, content_type="application/json"),
    )


class Visita:
    """Uma aba que registra erros do console e pedidos a outros servidores (que são bloqueados).
    Com ``busca=False`` (o comum), o índice da busca chega vazio (``busca_sem_indice``)."""

    def __init__(self, navegador, servidor, esquema: str = "light", busca: bool = False) -> None:
        self.contexto = navegador.new_context(viewport={"width": 1280, "height": 900}, color_scheme=esquema)
        self.contexto.grant_permissions(["clipboard-read", "clipboard-write"], origin=servidor.url)
        self.erros: list[str] = []
        self.externos: list[str] = []
        self.contexto.route("**/*", self._filtrar)
        if not busca:
            busca_sem_indice(self.contexto, servidor.url)
        self.aba = self.nova_aba()

    def nova_aba(self, viewport: dict | None = None):
        """Uma aba deste contexto, com os erros do console registrados."""
        aba = self.contexto.new_page()
        if viewport:
            aba.set_viewport_size(viewport)
        aba.on("console", lambda m: m.type == "error" and self.erros.append(m.text))
        aba.on("pageerror", lambda e: self.erros.append(str(e)))
        return aba

    def _filtrar(self, rota):
        if urlparse(rota.request.url).hostname in ("127.0.0.1", "localhost"):
            rota.continue_()
        else:
            self.externos.append(rota.request.url)
            rota.abort()

    def fechar(self) -> None:
        self.contexto.close()


# Fórmulas em dobro: sem o katex.min.css, o MathML (para leitores de tela) aparece ao lado do HTML.
# Com o CSS, o MathML fica fora da tela (position: absolute; clip) e a fonte é a KaTeX_Main.
JS_FORMULAS_EM_DOBRO = """() => [...document.querySelectorAll('.katex')].filter(k => {
    const mathml = k.querySelector('.katex-mathml');
    const estilo = getComputedStyle(k);
    const fora = mathml && getComputedStyle(mathml).position === 'absolute';
    return !fora || !estilo.fontFamily.includes('KaTeX');
}).length"""


@pytest.fixture(scope="session")
def _aba_compartilhada(navegador, servidor):
    v = Visita(navegador, servidor)
    yield v
    v.fechar()


@pytest.fixture
def visita(_aba_compartilhada):
    """Uma aba reaproveitada entre os testes (abrir um contexto novo custa caro), com registros zerados;
    o índice da busca chega vazio (``busca_sem_indice``)."""
    _aba_compartilhada.erros.clear()
    _aba_compartilhada.externos.clear()
    return _aba_compartilhada


@pytest.fixture(scope="module")
def aba_de_busca(navegador, servidor):
    """A página inicial com o índice da busca inteiro, carregada uma vez por arquivo de teste: cada
    consulta limpa o campo e digita a sua (``digitar_busca``), sem montar o índice de novo."""
    v = Visita(navegador, servidor, busca=True)
    abrir(v.aba, servidor.url)
    yield v.aba
    assert not v.erros and not v.externos, (v.erros, v.externos)
    v.fechar()


# o Material já rodou: o bundle (pedido depois da primeira pintura, hooks/posprocesso.py) põe a cor
# do tema numa <meta> ao montar a paleta
MATERIAL_RODOU = 'meta[name="theme-color"][content]'


def abrir(aba, endereco: str) -> None:
    """Carrega a página e espera o JavaScript do Material (busca, paleta, botões de copiar). Mais
    rápido que esperar a rede parar (``networkidle``: meio segundo sem pedidos a cada carga)."""
    aba.goto(endereco, wait_until="load")
    aba.wait_for_selector(MATERIAL_RODOU, state="attached")


def digitar_busca(aba, consulta: str) -> None:
    """Põe ``consulta`` na busca do site e espera os resultados dela.

    O Material lê o campo a cada ``keyup`` e consulta o índice a cada valor novo. Digitada tecla a
    tecla numa aba com o índice já montado, cada prefixo ("e", "en", ...) vira uma consulta, e a
    lista de um prefixo pode estar na tela quando o campo já tem a consulta inteira. Aqui, o campo
    é esvaziado (e a contagem de resultados some) e recebe a consulta inteira com um ``keyup``: uma
    consulta só, e a contagem que aparece é a dela."""
    campo = aba.locator("input.md-search__input")
    meta = "document.querySelector('.md-search-result__meta')?.textContent || ''"
    campo.fill("")
    campo.press("End")  # o keyup que o Material escuta
    aba.wait_for_function(f"() => !({meta}).includes('encontrado')", timeout=15_000)
    campo.fill(consulta)
    campo.press("End")
    # a contagem ("3 documentos encontrados", "Nenhum documento encontrado") só aparece quando a
    # consulta rodou; antes, o texto é o convite a digitar
    aba.wait_for_function(f"() => ({meta}).includes('encontrado')", timeout=15_000)
