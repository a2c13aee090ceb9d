"""``examples/distribuido.py`` com 2 processos na CPU (``torchrun`` + ``gloo`` + ``DistributedSampler``).

O ``torchrun`` roda num subprocesso, com o ponto de encontro (*rendezvous*) na própria máquina
(``--standalone`` usa ``localhost``). Conferimos que os dois processos terminam com pesos idênticos,
que a perda caiu e que a saída impressa é a mesma que a página ``docs/alem/distribuido.md`` mostra.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from tests.paginas.harness import DOCS, RAIZ

SCRIPT = RAIZ / "examples" / "distribuido.py"
PAGINA = DOCS / "alem" / "distribuido.md"
MARCA = "<!-- saída de examples/distribuido.py -->"


# o treino de verdade, em 2 processos do torchrun (~10 s): fora do nível rápido
lento = pytest.mark.lento


@pytest.fixture(scope="module")
def execucao(tmp_path_factory) -> tuple[str, Path]:
    saida = tmp_path_factory.mktemp("ddp")
    ambiente = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
    if sys.platform.startswith("linux"):
        # o gloo conversa pela interface de loopback, mesmo se o nome da máquina não resolver
        ambiente.setdefault("GLOO_SOCKET_IFNAME", "lo")
    comando = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",  # rendezvous local em localhost, numa porta livre
        "--nproc_per_node=2",
        str(SCRIPT),
        "--backend",
        "gloo",
        "--saida",
        str(saida),
    ]
    processo = subprocess.run(comando, cwd=RAIZ, env=ambiente, capture_output=True, text=True, timeout=90)
    if _abort_do_gloo_ao_sair(processo):
        # Raro (cerca de 1 em 20 com a barreira): o treino terminou e imprimiu tudo, mas o gloo abortou
        # ao desligar. É um defeito de desligamento do PyTorch, não do script: repetimos UMA vez.
        processo = subprocess.run(comando, cwd=RAIZ, env=ambiente, capture_output=True, text=True, timeout=90)
    assert processo.returncode == 0, f"torchrun falhou:\n{processo.stdout}\n{processo.stderr}"
    return processo.stdout, saida


def _abort_do_gloo_ao_sair(processo: subprocess.CompletedProcess) -> bool:
    return (
        processo.returncode != 0
        and "pesos idênticos em todos os processos: True" in processo.stdout
        and "terminate called without an active exception" in processo.stderr
    )


@lento
def test_os_dois_processos_terminam_com_pesos_identicos(execucao):
    _, saida = execucao
    arquivos = sorted(saida.glob("rank*.pt"))
    assert [a.name for a in arquivos] == ["rank0.pt", "rank1.pt"]
    pesos0, pesos1 = (torch.load(a, weights_only=True) for a in arquivos)
    assert pesos0.keys() == pesos1.keys()
    for nome in pesos0:
        assert torch.equal(pesos0[nome], pesos1[nome]), nome


@lento
def test_a_perda_caiu_e_a_acuracia_e_alta(execucao):
    stdout, _ = execucao
    perdas = re.search(r"perda no conjunto todo: (?P<antes>[\d.]+) -> (?P<depois>[\d.]+)", stdout)
    assert perdas, stdout
    assert float(perdas["depois"]) < float(perdas["antes"]) / 4
    acuracia = re.search(r"acurácia: (?P<valor>\d+)%", stdout)
    assert acuracia and int(acuracia["valor"]) >= 95, stdout


@lento
def test_cada_processo_ve_metade_dos_dados(execucao):
    stdout, _ = execucao
    assert "processos: 2 (backend gloo)" in stdout
    assert "exemplos por processo na 1ª época: [256, 256]" in stdout


def _saida_da_pagina() -> str:
    texto = PAGINA.read_text(encoding="utf-8")
    assert MARCA in texto, f"{PAGINA.name}: falta o marcador {MARCA!r} antes do bloco de saída"
    bloco = re.search(r"```text\n(?P<saida>.*?)```", texto[texto.index(MARCA) :], re.DOTALL)
    assert bloco, f"{PAGINA.name}: falta o bloco ```text depois de {MARCA!r}"
    return bloco["saida"]


@lento
def test_a_pagina_mostra_a_saida_real(execucao):
    stdout, _ = execucao
    assert stdout == _saida_da_pagina()


def test_a_pagina_inclui_o_script_inteiro():
    # o pymdownx.snippets insere o arquivo na página; sem check_paths, um caminho errado sairia vazio
    inclusoes = re.findall(r'^--8<-- "(?P<caminho>[^"]+)"$', PAGINA.read_text(encoding="utf-8"), re.MULTILINE)
    assert inclusoes == ["examples/distribuido.py"]
    assert (RAIZ / inclusoes[0]).resolve() == SCRIPT


def _script():
    import importlib.util

    especificacao = importlib.util.spec_from_file_location("distribuido", SCRIPT)
    modulo = importlib.util.module_from_spec(especificacao)
    especificacao.loader.exec_module(modulo)
    return modulo


@pytest.mark.parametrize(("gpus", "esperado"), [(8, "nccl"), (4, "gloo"), (0, "gloo")])
def test_backend_auto_conta_os_processos_desta_maquina(monkeypatch, gpus, esperado):
    # duas máquinas com 8 processos cada: WORLD_SIZE=16, mas cada máquina só precisa de 8 GPUs
    monkeypatch.setenv("WORLD_SIZE", "16")
    monkeypatch.setenv("LOCAL_WORLD_SIZE", "8")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: gpus > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: gpus)
    script = _script()
    assert script.escolher_backend("auto") == esperado
    assert script.escolher_backend("gloo") == "gloo"
