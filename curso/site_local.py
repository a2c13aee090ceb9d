"""Build do site num diretório temporário e servidor HTTP local (só 127.0.0.1) para os testes."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from curso.config import RAIZ

# Ao ser importado (o mkdocs-jupyter o importa ao carregar a configuração), o nbconvert cria cada
# exportador instalado só para listar os nomes na ajuda da linha de comando (~0,5 s do build). Esta
# variável dele pula a lista; o HTML dos cadernos não muda. O CI do site faz o mesmo (site.yml).
AMBIENTE_DO_BUILD = {"NO_MKDOCS_2_WARNING": "1", "NBCONVERT_DISABLE_CONFIG_EXPORTERS": "1"}


def construir_site(destino: Path, raiz: Path = RAIZ) -> str:
    """Roda ``mkdocs build --strict`` em ``raiz`` e devolve a saída; falha com a saída completa se
    der erro."""
    processo = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destino)],
        cwd=raiz,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **AMBIENTE_DO_BUILD},
    )
    saida = processo.stdout + processo.stderr
    if processo.returncode != 0:
        raise AssertionError(f"mkdocs build --strict falhou:\n{saida}")
    return saida


# Um site já construído por outro gerador (o Zensical, com o pós-processamento de
# hooks/posprocesso.py: `make zensical`): as verificações do site construído rodam sobre ele, e as
# que só valem para o build do MkDocs são puladas com o motivo (OUTRO_GERADOR).
SITE_DE_OUTRO_GERADOR = os.environ.get("PYTORCHDL_SITE")
OUTRO_GERADOR = f"site de outro gerador ({SITE_DE_OUTRO_GERADOR}): só o build do MkDocs tem isto"


def site_compartilhado(tmp_path_factory) -> tuple[Path, str]:
    """O site construído uma vez só por execução do pytest, mesmo com vários processos (xdist).

    O primeiro processo constrói numa pasta comum a todos (a raiz temporária da sessão), sob uma
    trava; os outros esperam e reaproveitam. Devolve a pasta e a saída do ``mkdocs build``. Com
    ``PYTORCHDL_SITE=<pasta>``, devolve essa pasta (um site construído por outro gerador) e saída vazia.
    """
    from filelock import FileLock

    if SITE_DE_OUTRO_GERADOR:
        return Path(SITE_DE_OUTRO_GERADOR).resolve(), ""

    comum = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        comum = comum.parent  # a pasta-mãe é compartilhada pelos processos da mesma execução
    destino, saida = comum / "site_compartilhado", comum / "site_compartilhado.saida"
    with FileLock(str(comum / "site_compartilhado.trava")):
        if not saida.is_file():
            texto = construir_site(destino)
            saida.write_text(texto, encoding="utf-8")
    return destino, saida.read_text(encoding="utf-8")


class _Silencioso(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class ServidorLocal:
    """Serve ``pasta`` em http://127.0.0.1:<porta livre>/ numa thread."""

    def __init__(self, pasta: Path) -> None:
        manipulador = functools.partial(_Silencioso, directory=str(pasta))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), manipulador)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ServidorLocal:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


REL_CARREGADOS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}


class HtmlDaPagina(HTMLParser):
    """Numa leitura só de uma página HTML: os endereços que o navegador baixa ao abri-la, as imagens
    (com os atributos, para o alt), os ``<a href>`` (com a linha) e os ``id``/``name``."""

    def __init__(self) -> None:
        super().__init__()
        self.enderecos: list[str] = []
        self.imagens: list[dict[str, str | None]] = []
        self.links: list[tuple[int, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for chave in ("id", "name"):
            if a.get(chave):
                self.ids.add(a[chave])
        if tag == "a" and a.get("href") is not None:
            self.links.append((self.getpos()[0], a["href"]))
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.enderecos.append(a["src"])
        carregado = set((a.get("rel") or "").split()) & REL_CARREGADOS
        if tag == "link" and a.get("href") and carregado:
            self.enderecos.append(a["href"])
        if tag == "img":
            self.imagens.append(a)


@functools.cache
def _analisar(caminho: str, _mudou_em: int, _tamanho: int) -> HtmlDaPagina:
    coletor = HtmlDaPagina()
    coletor.feed(Path(caminho).read_text(encoding="utf-8", errors="replace"))
    coletor.close()
    return coletor


def analisar_html(arquivo: Path) -> HtmlDaPagina:
    """:class:`HtmlDaPagina` de ``arquivo``, lida uma vez por processo enquanto o arquivo não muda
    (os testes do site construído leem as mesmas ~60 páginas, 10 MB de HTML)."""
    estado = arquivo.stat()
    return _analisar(str(arquivo), estado.st_mtime_ns, estado.st_size)


def links_quebrados(site_dir: Path, base: str = "/") -> list[str]:
    """``<a href>`` internos do site construído que apontam para um arquivo ou âncora que não existe.

    Pega o que o ``mkdocs build --strict`` não vê: links no HTML cru das páginas e nas células
    Markdown dos cadernos (que o mkdocs-jupyter converte sem validar). Links externos não são
    visitados (os testes rodam sem rede). ``base`` é o caminho do site publicado (``/pytorchdl/``),
    que a página 404 usa em links absolutos.
    """
    from urllib.parse import unquote, urlsplit

    site_dir = site_dir.resolve()
    raiz = str(site_dir) + os.sep
    problemas = []
    for pagina in sorted(site_dir.rglob("*.html")):
        for linha, href in analisar_html(pagina).links:
            partes = urlsplit(href.strip())
            if partes.scheme or partes.netloc or href.strip().startswith("//"):
                continue
            caminho = unquote(partes.path)
            if caminho.startswith("/"):
                relativo = caminho[len(base) :] if caminho.startswith(base) else None
                alvo = Path(os.path.normpath(site_dir / relativo)) if relativo is not None else None
            else:
                alvo = Path(os.path.normpath(pagina.parent / caminho)) if caminho else pagina
            if alvo is not None and (caminho.endswith("/") or alvo.is_dir()):
                alvo = alvo / "index.html"
            onde = f"{pagina.relative_to(site_dir)}:{linha}"
            # o site construído não tem links simbólicos: normpath basta para ficar dentro dele
            if alvo is None or not str(alvo).startswith(raiz) or not alvo.is_file():
                problemas.append(f"{onde}: link quebrado {href!r} (arquivo não existe no site)")
            elif (
                partes.fragment
                and alvo.suffix == ".html"
                and unquote(partes.fragment) not in analisar_html(alvo).ids
            ):
                problemas.append(f"{onde}: âncora inexistente {href!r}")
    return problemas
