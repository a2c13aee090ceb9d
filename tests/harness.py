"""Configuração do Sybil compartilhada entre ``conftest.py`` e os meta-testes.

Coletamos exatamente dois tipos de bloco cercado (*fence*) nas páginas de ``docs/``:

- ```` ```python ````: executado; se começar com ``>>>``, é comparado como doctest;
- ```` ```pycon ````: sessão interativa comparada como doctest.

Blocos com atributos (```` ```python title="x" ````) ou outras etiquetas (``py``) não são coletados
pelo Sybil: o meta-teste ``tests/test_meta_docs.py`` garante que nenhum deles exista.
"""

from __future__ import annotations

import re
from doctest import NORMALIZE_WHITESPACE
from pathlib import Path

from sybil import Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser, SkipParser

RAIZ = Path(__file__).resolve().parent.parent
DOCS = RAIZ / "docs"
OPCOES_DOCTEST = NORMALIZE_WHITESPACE


class PyconParser(PythonCodeBlockParser):
    """Como o ``PythonCodeBlockParser``, mas para blocos ```` ```pycon ````."""

    def __init__(self) -> None:
        super().__init__(doctest_optionflags=OPCOES_DOCTEST)
        self.codeblock_parser = CodeBlockParser("pycon", PythonEvaluator(()))


def analisadores() -> list:
    return [
        PythonCodeBlockParser(doctest_optionflags=OPCOES_DOCTEST),
        PyconParser(),
        SkipParser(),
    ]


def criar_sybil() -> Sybil:
    return Sybil(parsers=analisadores(), patterns=["*.md"], path=str(DOCS))


# Abertura de bloco cercado com etiqueta parecida com Python, com ou sem atributos,
# em qualquer nível de recuo (admonições, abas) ou dentro de citações.
CERCA_PYTHON = re.compile(
    r"^(?P<prefixo>[ \t>]*)(?P<cerca>`{3,}|~{3,})[ \t]*\{?\.?"
    r"(?P<lingua>python3?|py|pycon|ipython3?|pytb)\b(?P<resto>[^\n]*)$",
    re.MULTILINE,
)


def paginas() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))
