"""Benchmark do Lighthouse (celular e laptop) nas páginas representativas do site.

Constrói o site, serve-o em 127.0.0.1 com gzip (como um servidor de verdade) e roda o Lighthouse
do npm com o Chromium do Debian em cada página, nos dois perfis (``mobile`` e ``desktop``).
Imprime uma tabela Markdown com as notas de desempenho e acessibilidade.

Uso (uma vez: ``npm install --prefix artefatos/lighthouse lighthouse@13.5.0``)::

    python -m ferramentas.lighthouse                # constrói o site e mede
    python -m ferramentas.lighthouse --site /tmp/s  # mede um site já construído
    python -m ferramentas.lighthouse --salvar       # e grava na página Desempenho

Meta: desempenho no celular ≥ 90 e acessibilidade 100 em toda página medida.
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import os
import shutil
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from curso.config import RAIZ

PAGINAS = [
    "",
    "fundamentos/tensores/",
    "fundamentos/aproximacao-universal/",
    "treinamento/funcoes-de-perda/",
    "treinamento/treino-e-validacao/",
    "alem/glossario/",
    "examples/01_fundamentos/",
]
PERFIS = ["mobile", "desktop"]
COMPRIMIVEIS = ("text/", "application/javascript", "application/json", "image/svg+xml")
VERSAO = "13.5.0"  # npm install --prefix artefatos/lighthouse lighthouse@13.5.0
LIGHTHOUSE = RAIZ / "artefatos" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class _ComGzip(SimpleHTTPRequestHandler):
    """Serve arquivos estáticos; texto vai comprimido com gzip quando o navegador aceita."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        caminho = Path(self.translate_path(self.path))
        if caminho.is_dir():
            caminho = caminho / "index.html"
        if not caminho.is_file():
            self.send_error(404)
            return
        corpo = caminho.read_bytes()
        tipo = mimetypes.guess_type(caminho.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", tipo)
        self.send_header("Cache-Control", "max-age=600")
        if tipo.startswith(COMPRIMIVEIS) and "gzip" in self.headers.get("Accept-Encoding", ""):
            corpo = gzip.compress(corpo, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(corpo)))
        self.end_headers()
        self.wfile.write(corpo)


def medir(url: str, perfil: str) -> dict[str, int]:
    """Notas (0–100) de desempenho e acessibilidade de ``url`` no ``perfil`` dado."""
    with tempfile.TemporaryDirectory() as pasta:
        saida = Path(pasta) / "relatorio.json"
        comando = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={saida}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        if perfil == "desktop":
            comando.append("--preset=desktop")
        subprocess.run(comando, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
        categorias = json.loads(saida.read_text(encoding="utf-8"))["categories"]
    return {nome: round(c["score"] * 100) for nome, c in categorias.items()}


def _resumo(notas: list[dict[str, int]]) -> str:
    """Mediana do desempenho; com mais de uma medição, a faixa entre parênteses."""
    valores = sorted(n["performance"] for n in notas)
    mediana = valores[len(valores) // 2]
    return f"{mediana} ({valores[0]}–{valores[-1]})" if len(valores) > 1 else str(mediana)


def main() -> None:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--site", type=Path, help="site já construído (senão, constrói)")
    argumentos.add_argument("--paginas", nargs="*", default=PAGINAS)
    argumentos.add_argument(
        "--repeticoes", type=int, default=3, help="medições por página e perfil (vale a mediana)"
    )
    argumentos.add_argument(
        "--salvar", action="store_true", help="grava em ferramentas/desempenho.json e na página"
    )
    opcoes = argumentos.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(
            f"Lighthouse não encontrado em {LIGHTHOUSE}; instale com "
            "`npm install --prefix artefatos/lighthouse lighthouse@13.5.0`"
        )
    from ferramentas.desempenho import carga_media

    carga_inicio = carga_media()
    resultados = []
    with tempfile.TemporaryDirectory() as temporario:
        site = opcoes.site
        if site is None:
            from curso.site_local import construir_site

            site = Path(temporario)
            construir_site(site)
        manipulador = lambda *a, **k: _ComGzip(*a, directory=str(site), **k)  # noqa: E731
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), manipulador)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        print(f"mediana de {opcoes.repeticoes} medições (entre parênteses: a menor e a maior)\n")
        print("| página | desempenho celular | desempenho laptop | acessibilidade |")
        print("|---|---:|---:|---:|")
        try:
            for pagina in opcoes.paginas:
                notas = {
                    perfil: [medir(base + pagina, perfil) for _ in range(opcoes.repeticoes)]
                    for perfil in PERFIS
                }
                acessibilidade = min(n["accessibility"] for lista in notas.values() for n in lista)
                resultados.append(
                    {
                        "pagina": pagina,
                        "celular": [n["performance"] for n in notas["mobile"]],
                        "laptop": [n["performance"] for n in notas["desktop"]],
                        "acessibilidade": acessibilidade,
                    }
                )
                print(
                    f"| `/{pagina}` | {_resumo(notas['mobile'])} "
                    f"| {_resumo(notas['desktop'])} | {acessibilidade} |",
                    flush=True,
                )
        finally:
            httpd.shutdown()
    if opcoes.salvar:
        _salvar(resultados, opcoes.repeticoes, carga_inicio)


def _salvar(resultados: list[dict], repeticoes: int, carga_inicio) -> None:
    """Grava as notas em ``ferramentas/desempenho.json`` e reescreve a página Desempenho."""
    from datetime import datetime, timezone

    from ferramentas.desempenho import MEDICOES, PAGINA, carga_media, gravar_medicoes, ler_medicoes

    medicoes = ler_medicoes()
    medicoes["lighthouse"] = {
        "data": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "versao": VERSAO,
        "repeticoes": repeticoes,
        "carga_inicio": carga_inicio,
        "carga_fim": carga_media(),
        "paginas": resultados,
    }
    gravar_medicoes(medicoes)
    print(f"escrito: {MEDICOES.relative_to(RAIZ)} e {PAGINA.relative_to(RAIZ)}")


if __name__ == "__main__":
    main()
