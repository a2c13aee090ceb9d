"""A guarda de rede está ativa: um download acidental falha em vez de passar.

Três camadas: o pytest-socket (conexões do processo do pytest), ``tests/paginas/sem_rede/sitecustomize.py``
(conexões e DNS de todo Python filho, e DNS do próprio pytest) e, com root, ``.ci/sem-rede`` (uma rede
isolada, só com loopback, para tudo, inclusive o Chromium).
"""

import os
import shutil
import socket
import subprocess
import sys

import pytest
from pytest_socket import SocketConnectBlockedError

from tests.paginas.harness import RAIZ
from tests.paginas.sem_rede.sitecustomize import RedeBloqueada

MENSAGEM = "acesso à rede bloqueado durante os testes do PyTorchDL"
SEM_REDE = RAIZ / ".ci" / "sem-rede"


def _python_filho(codigo: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", codigo],
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",  # longe do repositório: a guarda vem do PYTHONPATH, não do diretório
        env={**os.environ, **env},
    )


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_conexao_externa_falha():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # endereço reservado para exemplos


def test_dns_falha_no_processo_do_pytest():
    # RuntimeError: nos processos do xdist, a guarda já veio do sitecustomize (outra cópia da classe)
    with pytest.raises(RuntimeError, match=f"{MENSAGEM}: consulta de DNS para 'example.com'") as erro:
        socket.getaddrinfo("example.com", 443)
    assert type(erro.value).__name__ == RedeBloqueada.__name__
    with pytest.raises(RuntimeError, match=MENSAGEM):
        socket.gethostbyname("pypi.org")


def test_loopback_continua_permitido():
    servidor = socket.socket()
    servidor.bind(("127.0.0.1", 0))
    servidor.listen(1)
    cliente = socket.create_connection(servidor.getsockname(), timeout=1)
    cliente.close()
    servidor.close()
    assert socket.getaddrinfo("localhost", 80)


def test_python_filho_nao_conecta_fora():
    r = _python_filho("import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)")
    assert r.returncode != 0
    assert f"RedeBloqueada: {MENSAGEM}: conexão a ('192.0.2.1', 80)" in r.stderr, r.stderr


def test_python_filho_nao_resolve_nomes():
    r = _python_filho("import urllib.request; urllib.request.urlopen('https://example.com', timeout=2)")
    assert r.returncode != 0
    assert f"{MENSAGEM}: consulta de DNS para 'example.com'" in r.stderr, r.stderr


def test_python_filho_usa_loopback():
    codigo = (
        "import socket\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
        "socket.create_connection(s.getsockname(), timeout=1).close()\n"
        "socket.getaddrinfo('localhost', 80); print('ok')\n"
    )
    r = _python_filho(codigo)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_sem_a_variavel_a_guarda_do_filho_fica_desligada():
    # prova de que é a guarda (e não a falta de rede da máquina) que dá a mensagem acima
    r = _python_filho("import socket; print(socket.getaddrinfo.__name__)", PYTORCHDL_SEM_REDE="0")
    assert r.stdout.strip() == "getaddrinfo", r.stderr


def _pode_isolar() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


CONECTAR_FORA = (
    "import socket, sys\n"
    "try:\n"
    "    socket.create_connection(('192.0.2.1', 80), timeout=2)\n"
    "except Exception as e:\n"
    "    print(type(e).__name__, e)\n"
)


@pytest.mark.skipif(not _pode_isolar(), reason="rede isolada exige root e `unshare -n` (util-linux)")
def test_rede_isolada_com_root():
    # sem a guarda em Python (PYTORCHDL_SEM_REDE=0): quem barra é o kernel, na rede isolada
    r = subprocess.run(
        [SEM_REDE, sys.executable, "-c", CONECTAR_FORA],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTORCHDL_SEM_REDE": "0"},
    )
    assert "sem-rede: rodando numa rede isolada (unshare -n, só loopback)" in r.stderr
    assert "Network is unreachable" in r.stdout, r.stdout + r.stderr


def test_sem_rede_isolada_avisa_e_a_guarda_em_python_continua():
    r = subprocess.run(
        [SEM_REDE, sys.executable, "-c", CONECTAR_FORA],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTORCHDL_SEM_NAMESPACE": "1"},
    )
    assert "sem-rede: aviso: sem rede isolada (precisa de root e de unshare)" in r.stderr
    assert f"RedeBloqueada {MENSAGEM}: conexão a ('192.0.2.1', 80)" in r.stdout, r.stdout + r.stderr
