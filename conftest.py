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
# tests/paginas/sem_rede/sitecustomize.py ao começar. No processo do pytest, o pytest-socket barra as conexões
# e a guarda barra as consultas de DNS. Com root, `.ci/sem-rede` ainda roda tudo numa rede isolada.
from tests.paginas.harness import RAIZ, criar_sybil
from tests.paginas.sem_rede.sitecustomize import VARIAVEL, instalar_dns

_GUARDA = str(RAIZ / "tests" / "paginas" / "sem_rede")
if _GUARDA not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [_GUARDA, os.environ.get("PYTHONPATH")]))
os.environ[VARIAVEL] = "1"
instalar_dns()

pytest_collect_file = criar_sybil().pytest()

# fixtures do navegador (Chromium + Playwright) para tests/site/test_navegador*.py
pytest_plugins = ["tests.site.navegador"]
