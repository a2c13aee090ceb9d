"""Hook do MkDocs: o índice de exercícios da página ``alem/exercicios.md``.

Cada lição termina com uma seção ``## Exercícios`` (itens numerados, cada um com a solução num
quadro recolhível), lida pelo modelo da lição (``curso.licao.Licao.exercicios``). Este hook troca o
marcador ``<!-- indice-de-exercicios -->`` da página de exercícios por um índice por capítulo (do
registro ``curso/capitulos.py``, na ordem do ``nav``), com um link para cada seção. Assim o índice
nunca fica desatualizado; ``tests/paginas/test_exercicios.py`` confere as seções.
"""

from __future__ import annotations

import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:  # o MkDocs carrega os hooks só com a pasta hooks/ no sys.path
    sys.path.insert(0, str(RAIZ))

from curso.capitulos import licoes  # noqa: E402
from curso.licao import ler_pagina  # noqa: E402

MARCADOR = "<!-- indice-de-exercicios -->"
PAGINA = "alem/exercicios.md"


def indice(config: Path, docs: Path) -> str:
    """O índice em Markdown: um título por capítulo, um por lição, um item por exercício."""
    partes = []
    for capitulo, paginas in licoes(config):
        partes.append(f"## {capitulo.titulo}\n")
        for titulo, caminho in paginas:
            itens = ler_pagina(caminho, docs).exercicios
            if not itens:
                continue
            partes.append(f"### [{titulo}](../{caminho}#exercicios)\n")
            partes.extend(f"{n}. **{tipo}.** {frase}" for n, (tipo, frase) in enumerate(itens, 1))
            partes.append("")
    return "\n".join(partes)


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGINA or MARCADOR not in markdown:
        return markdown
    return markdown.replace(MARCADOR, indice(Path(config["config_file_path"]), Path(config["docs_dir"])))
