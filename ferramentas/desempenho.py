"""Mede o projeto e escreve a página ``docs/desempenho.md``: ``python -m ferramentas.desempenho``.

Mede: o tempo total da suíte de testes (o comando do README, com 2 processos) e do nível rápido,
o tempo dos doctests de cada página, o tempo de ``mkdocs build --strict``, o tamanho do site e da
página mais pesada (HTML + scripts, estilos e imagens que ela carrega) e a acurácia e o tempo de
treino de cada demonstração de treino do curso. Compara tudo com os orçamentos do projeto.
"""

from __future__ import annotations

import os

# as mesmas condições da suíte (conftest.py): um thread por processo
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import gzip
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlparse

from curso.config import RAIZ
from curso.site_local import analisar_html, construir_site

PAGINA = RAIZ / "docs" / "desempenho.md"
# as medições de onde a página é escrita (o teste confere que a página é o que elas dão)
MEDICOES = RAIZ / "ferramentas" / "desempenho.json"
# os orçamentos da issue 22, na máquina de 2 núcleos ociosa
ORCAMENTO_SUITE_S = 180
ORCAMENTO_RAPIDO_S = 45
ORCAMENTO_PAGINA_S = 10
ORCAMENTO_BUILD_S = 6
ORCAMENTO_PESO_BYTES = 1.5e6
META_LIGHTHOUSE_CELULAR = 90


def carga_media() -> list[float] | None:
    """Carga média do sistema em 1, 5 e 15 minutos (os três números do ``uptime``)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def maquina() -> dict:
    """Quando e onde a medição é tomada: data e hora, CPU, núcleos, GPU, carga e versões."""
    import torch  # aqui, e não no topo: escrever a página a partir do JSON não precisa do PyTorch

    modelo = "desconhecido"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for linha in cpuinfo.read_text().splitlines():
            if linha.startswith("model name"):
                modelo = linha.split(":", 1)[1].strip()
                break
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "data": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "sistema": f"{platform.system()} {platform.machine()}",
        "cpu": modelo,
        "nucleos": os.cpu_count(),
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "carga_inicio": carga_media(),
        "uptime_inicio": uptime or None,
        "carga_fim": None,
    }


def medir_suite() -> dict:
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
        casos = list(ET.parse(relatorio).getroot().iter("testcase"))
        cpu, relogio = tempos_por_pagina(casos)
    return {"segundos": total, "testes": len(casos), "por_pagina": cpu, "por_pagina_relogio": relogio}


def tempos_por_pagina(casos) -> tuple[dict[str, float], dict[str, float]]:
    """Segundos de CPU (a propriedade ``cpu_s`` que o ``conftest.py`` registra) e de relógio de cada
    página de ``docs/``, somados sobre os blocos, a partir dos ``<testcase>`` do relatório JUnit."""
    cpu: dict[str, float] = defaultdict(float)
    relogio: dict[str, float] = defaultdict(float)
    for caso in casos:
        arquivo = caso.get("file") or ""
        if not arquivo.startswith("docs/"):
            continue
        propriedades = {p.get("name"): p.get("value") for p in caso.iter("property")}
        if "cpu_s" not in propriedades:
            raise ValueError(f"{arquivo}: o teste {caso.get('name')} não registrou cpu_s (conftest.py)")
        cpu[arquivo] += float(propriedades["cpu_s"])
        relogio[arquivo] += float(caso.get("time", 0))
    return dict(sorted(cpu.items())), dict(sorted(relogio.items()))


def _cronometrar_pytest(marcas: str) -> dict:
    inicio = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", marcas],
        cwd=RAIZ,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return {"segundos": time.perf_counter() - inicio}


def medir_rapido() -> dict:
    """Roda o nível rápido (``make test-rapido``: sem navegador, cadernos e páginas que treinam)."""
    return _cronometrar_pytest("not lento and not completo")


def medir_site() -> dict:
    """Roda os testes no navegador (``make test-site``), que ficam fora do ``make test``."""
    return _cronometrar_pytest("navegador and not completo")


def peso_das_paginas(site: Path) -> dict[str, tuple[int, int]]:
    """Para cada página HTML: (bytes sem compressão, bytes com gzip) dela e do que ela carrega."""
    pesos = {}
    for html in sorted(site.rglob("index.html")):
        coletor = analisar_html(html)
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


def medir_build() -> dict:
    """O build com o ``.cache/`` (o de todo build depois do primeiro) e num clone novo, sem ele."""
    with tempfile.TemporaryDirectory() as tmp:
        construir_site(Path(tmp) / "aquecer")  # grava no .cache/ o que faltar (um caderno mudado)
        site = Path(tmp) / "site"
        inicio = time.perf_counter()
        construir_site(site)
        segundos = time.perf_counter() - inicio
        tamanho = sum(a.stat().st_size for a in site.rglob("*") if a.is_file())
        pesos = peso_das_paginas(site)
    pior, (bruto, comprimido) = max(pesos.items(), key=lambda kv: kv[1][0])
    return {
        "segundos": segundos,
        "segundos_clone_novo": medir_build_clone_novo(),
        "bytes_site": tamanho,
        "pior_pagina": pior,
        "pior_bytes": bruto,
        "pior_bytes_gzip": comprimido,
    }


def medir_build_clone_novo() -> float:
    """O build num clone novo do commit atual (sem ``.cache/``): o primeiro build de quem clona."""
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(RAIZ), str(clone)], check=True)
        inicio = time.perf_counter()
        construir_site(Path(tmp) / "site", raiz=clone)
        return time.perf_counter() - inicio


# Demonstrações de treino: (descrição, página, expressão do resultado, expressão do tempo de treino).
# As expressões são avaliadas no espaço de nomes da página depois de executá-la inteira.
def _br(texto: str) -> str:
    """Vírgula decimal, como se escreve em português: ``55.5 s`` → ``55,5 s``."""
    return re.sub(r"(?<=\d)\.(?=\d)", ",", texto)


def _ok(condicao: bool) -> str:
    return "✅" if condicao else "❌"


def _carga_texto(carga: list[float] | None) -> str:
    if carga is None:
        return "não registrada"
    return " / ".join(_br(f"{x:.2f}") for x in carga)


def escrever(medicoes: dict) -> str:
    """O texto da página a partir das medições (o dicionário salvo em ``ferramentas/desempenho.json``)."""
    m, suite, build = medicoes["maquina"], medicoes["suite"], medicoes["build"]
    total, n_testes, segundos_build = suite["segundos"], suite["testes"], build["segundos"]
    pior_bruto = build["pior_bytes"]
    site_mb, gzip_mb = build["bytes_site"] / 1e6, build["pior_bytes_gzip"] / 1e6
    gpu = f"GPU {m['gpu']}" if m.get("gpu") else "sem GPU"
    linhas = [
        "# Desempenho",
        "",
        "Esta página é escrita pelo comando `python -m ferramentas.desempenho` (veja o README) a partir das",
        "medições salvas em `ferramentas/desempenho.json`, e mostra a última medição registrada no",
        "repositório. Os orçamentos valem para uma máquina de 2 núcleos sem GPU, sem outra carga.",
        "",
        "## Quando e onde",
        "",
        "| Campo | Valor |",
        "|---|---|",
        f"| Data da medição | {m['data']} |",
        f"| Máquina | {m['sistema']}, {m['nucleos']} núcleos (`{m['cpu']}`), {gpu} |",
        f"| Carga média no início (`uptime`: 1, 5 e 15 min) | {_carga_texto(m.get('carga_inicio'))} |",
        f"| Carga média no fim | {_carga_texto(m.get('carga_fim'))} |",
        f"| Versões | Python `{m['python']}`, PyTorch `{m['torch']}` |",
        "",
        "Uma carga média acima do número de núcleos quer dizer que outros programas disputavam a CPU:",
        "os tempos medidos ficam maiores do que numa máquina ociosa.",
        "",
        "## Visão geral",
        "",
        "| Medida | Valor | Orçamento | Dentro |",
        "|---|---:|---:|:-:|",
        *_linha_de_tempo(f"`make test` ({n_testes} testes, 2 processos)", total, ORCAMENTO_SUITE_S),
        *_linha_de_tempo(
            "Nível rápido (`make test-rapido`, 2 processos)",
            medicoes.get("rapido", {}).get("segundos"),
            ORCAMENTO_RAPIDO_S,
        ),
        *_linha_de_tempo(
            "Site no navegador (`make test-site`: cada página, a busca e os botões no Chromium; o CI "
            "o roda depois do `make test`)",
            medicoes.get("site", {}).get("segundos"),
        ),
        *_linha_de_tempo(
            "`mkdocs build --strict` (com o `.cache/` de uma construção anterior)",
            segundos_build,
            ORCAMENTO_BUILD_S,
        ),
        *_linha_de_tempo(
            "O mesmo num clone novo, sem `.cache/` (a primeira construção: o `mkdocs-jupyter` "
            "converte os cadernos)",
            build.get("segundos_clone_novo"),
        ),
        f"| Tamanho do site construído | {_br(f'{site_mb:.1f}')} MB | — | |",
        f"| Página mais pesada (`{build['pior_pagina'] or '/'}`), sem compressão | "
        f"{_br(f'{pior_bruto / 1e6:.2f}')} MB | "
        f"{_br(f'{ORCAMENTO_PESO_BYTES / 1e6:.1f}')} MB | {_ok(pior_bruto <= ORCAMENTO_PESO_BYTES)} |",
        f"| A mesma página, com `gzip` | {_br(f'{gzip_mb:.2f}')} MB | — | |",
        "",
        "## Tempo dos testes de cada página",
        "",
        "Os blocos de cada página, somados, na execução do `make test` acima. O orçamento vale para o",
        "tempo de CPU do processo que roda a página: é o que ela custa a quem a roda sozinho num núcleo",
        "(as páginas usam uma *thread*). O de relógio cresce quando outro processo da suíte disputa o",
        "núcleo (o `torchrun`, o *kernel* de um caderno) e muda de uma execução para outra.",
        "",
        "| Página | CPU | Relógio | Orçamento | Dentro |",
        "|---|---:|---:|---:|:-:|",
    ]
    relogio = suite.get("por_pagina_relogio", {})
    for pagina, segundos in sorted(suite["por_pagina"].items()):
        no_relogio = f"{_br(f'{relogio[pagina]:.1f}')} s" if pagina in relogio else "—"
        linhas.append(
            f"| `{pagina}` | {_br(f'{segundos:.1f}')} s | {no_relogio} | {ORCAMENTO_PAGINA_S} s | "
            f"{_ok(segundos <= ORCAMENTO_PAGINA_S)} |"
        )
    linhas += [""]
    if "lighthouse" in medicoes:
        linhas += _secao_lighthouse(medicoes["lighthouse"])
    return "\n".join(linhas)


def _linha_de_tempo(medida: str, segundos: float | None, orcamento: float | None = None) -> list[str]:
    """Uma linha da visão geral (nenhuma se a medida não foi feita); sem orçamento, "—"."""
    if segundos is None:
        return []
    if orcamento is None:
        return [f"| {medida} | {_br(f'{segundos:.1f}')} s | — | |"]
    return [f"| {medida} | {_br(f'{segundos:.1f}')} s | {orcamento} s | {_ok(segundos <= orcamento)} |"]


def _secao_lighthouse(lh: dict) -> list[str]:
    """Notas do Lighthouse (``python -m ferramentas.lighthouse --salvar``): mediana e faixa."""

    def nota(valores: list[int]) -> str:
        ordenados = sorted(valores)
        mediana = ordenados[len(ordenados) // 2]
        faixa = f" ({ordenados[0]}–{ordenados[-1]})" if len(ordenados) > 1 else ""
        return f"{mediana}{faixa}"

    linhas = [
        "## Lighthouse: peso e velocidade das páginas",
        "",
        f"Medido em {lh['data']} com o Lighthouse {lh['versao']} e o Chromium do Debian, com o site",
        "servido em 127.0.0.1 com gzip (`python -m ferramentas.lighthouse --salvar`); carga média",
        f"{_carga_texto(lh.get('carga_inicio'))} no início e {_carga_texto(lh.get('carga_fim'))} no fim.",
        f"Mediana de {lh['repeticoes']} medições por página e perfil (a menor e a maior entre parênteses).",
        f"Meta: desempenho no celular ≥ {META_LIGHTHOUSE_CELULAR} e acessibilidade 100.",
        "",
        "| Página | Celular | Laptop | Acessibilidade | Dentro |",
        "|---|---:|---:|---:|:-:|",
    ]
    for item in lh["paginas"]:
        celular = sorted(item["celular"])[len(item["celular"]) // 2]
        dentro = celular >= META_LIGHTHOUSE_CELULAR and item["acessibilidade"] == 100
        linhas.append(
            f"| `/{item['pagina']}` | {nota(item['celular'])} | {nota(item['laptop'])} "
            f"| {item['acessibilidade']} | {_ok(dentro)} |"
        )
    return [*linhas, ""]


def ler_medicoes() -> dict:
    return json.loads(MEDICOES.read_text(encoding="utf-8"))


def gravar_medicoes(medicoes: dict) -> None:
    """Grava o JSON e reescreve a página Desempenho a partir dele: os dois nunca se desencontram."""
    MEDICOES.write_text(json.dumps(medicoes, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    PAGINA.write_text(escrever(medicoes), encoding="utf-8")


if __name__ == "__main__":
    # sem argumentos: mede tudo e reescreve; --pagina: só reescreve a página a partir do JSON
    if "--pagina" not in sys.argv[1:]:
        anteriores = ler_medicoes() if MEDICOES.exists() else {}
        onde = maquina()
        medicoes = {"maquina": onde, "build": medir_build(), "suite": medir_suite()}
        # o nível rápido escolhe as páginas pelos tempos de cada página (paginas_lentas lê o JSON):
        # os desta medida, gravados (com a página, que um teste confere) antes de medi-lo
        gravar_medicoes({**anteriores, "suite": medicoes["suite"]})
        medicoes |= {"rapido": medir_rapido(), "site": medir_site()}
        onde["carga_fim"] = carga_media()
        if "lighthouse" in anteriores:  # medido à parte
            medicoes["lighthouse"] = anteriores["lighthouse"]
        gravar_medicoes(medicoes)
        print(f"escrito: {MEDICOES.relative_to(RAIZ)}")
    PAGINA.write_text(escrever(ler_medicoes()), encoding="utf-8")
    print(f"escrito: {PAGINA.relative_to(RAIZ)}")
