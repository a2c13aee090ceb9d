"""Os cadernos de ``examples/``, gerados das páginas: ``python -m ferramentas.cadernos`` (``make cadernos``).

Cada capítulo do registro (``curso/capitulos.py``) ganha um caderno com as suas lições, na ordem do
menu, e as saídas que os testes das páginas conferiram (``curso/derivar.py``).
``tests/site/test_cadernos.py`` falha quando um caderno commitado não é o que as páginas geram.
"""

from __future__ import annotations

from pathlib import Path

from curso.cadernos import gerados
from curso.config import RAIZ


def gerar() -> list[Path]:
    escritos = []
    for caminho, texto in gerados().items():
        if not caminho.is_file() or caminho.read_text(encoding="utf-8") != texto:
            caminho.write_text(texto, encoding="utf-8")
            escritos.append(caminho)
    return escritos


if __name__ == "__main__":
    for caminho in gerar():
        print(f"gerado: {caminho.relative_to(RAIZ)}")
