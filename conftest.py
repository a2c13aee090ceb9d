"""Coleta pelo Sybil de todos os blocos de código das páginas em ``docs/``.

Cada página tem o seu próprio espaço de nomes, sem nada injetado: o leitor que copia os blocos de
uma página, de cima para baixo, numa sessão nova, obtém os mesmos resultados.
"""

from tests.harness import criar_sybil

pytest_collect_file = criar_sybil().pytest()
