"""Coleta pelo Sybil de todos os blocos de código das páginas em ``docs/``.

Cada página tem o seu próprio espaço de nomes, sem nada injetado: o leitor que copia os blocos de
uma página, de cima para baixo, numa sessão nova, obtém os mesmos resultados.
"""

import os

# Um thread de CPU por processo: a suíte roda com 2 processos (pytest-xdist) numa máquina de 2 núcleos, e
# threads a mais só disputam os mesmos núcleos. Vale também para os subprocessos (kernels dos cadernos,
# torchrun). As saídas das páginas são as mesmas com 1, 2 ou 4 threads (os números impressos são
# arredondados).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Sem rede, também para os Pythons filhos (kernels dos cadernos, torchrun, scripts): eles importam
# tests/sem_rede/sitecustomize.py ao começar. No processo do pytest, o pytest-socket barra as conexões
# e a guarda barra as consultas de DNS. Com root, `.ci/sem-rede` ainda roda tudo numa rede isolada.
import pytest

from tests.harness import RAIZ, criar_sybil
from tests.sem_rede.sitecustomize import VARIAVEL, instalar_dns

_GUARDA = str(RAIZ / "tests" / "sem_rede")
if _GUARDA not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [_GUARDA, os.environ.get("PYTHONPATH")]))
os.environ[VARIAVEL] = "1"
instalar_dns()

pytest_collect_file = criar_sybil().pytest()

# fixtures do navegador (Chromium + Playwright) para tests/test_navegador*.py
pytest_plugins = ["tests.navegador"]

# Distribuição entre os processos do xdist (`--dist loadgroup`): os exemplos de uma página
# compartilham um espaço de nomes, então cada arquivo é um grupo que vai inteiro para um processo;
# os testes independentes e demorados (uma página no navegador, um caderno) ficam soltos e se
# repartem entre os processos, que compartilham o site construído e têm um Chromium cada.
SOLTOS = {"test_navegador.py", "test_navegador_interacoes.py", "test_cadernos.py"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name not in SOLTOS:
            item.add_marker(pytest.mark.xdist_group(str(item.path)))
