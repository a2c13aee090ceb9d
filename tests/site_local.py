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

from tests.harness import RAIZ


def construir_site(destino: Path) -> str:
    """Roda ``mkdocs build --strict`` e devolve a saída; falha com a saída completa se der erro."""
    processo = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destino)],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    saida = processo.stdout + processo.stderr
    if processo.returncode != 0:
        raise AssertionError(f"mkdocs build --strict falhou:\n{saida}")
    return saida


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


class RecursosDaPagina(HTMLParser):
    """Coleta os endereços que o navegador baixa ao abrir a página, e as imagens com seus alt."""

    def __init__(self) -> None:
        super().__init__()
        self.enderecos: list[str] = []
        self.imagens: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.enderecos.append(a["src"])
        carregado = set((a.get("rel") or "").split()) & REL_CARREGADOS
        if tag == "link" and a.get("href") and carregado:
            self.enderecos.append(a["href"])
        if tag == "img":
            self.imagens.append(a)
