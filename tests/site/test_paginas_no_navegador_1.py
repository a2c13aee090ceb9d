"""Metade das páginas do site no Chromium (a outra em ``test_paginas_no_navegador_2.py``);
os testes e a visita estão em ``tests/site/paginas_no_navegador.py``. Com ``--dist loadfile``, cada
arquivo vai para um processo do pytest, e as metades rodam ao mesmo tempo."""

import pytest

from tests.site.paginas_no_navegador import *  # noqa: F403 (os testes de cada página e as fixtures)
from tests.site.paginas_no_navegador import METADES, parametrizar

pytestmark = pytest.mark.lento
pytest_generate_tests = parametrizar(METADES[0])
