"""Hook do MkDocs: o índice de exercícios da página ``alem/exercicios.md``.

Cada lição termina com uma seção ``## Exercícios`` (itens numerados, cada um com a solução num
quadro recolhível). Este hook lê essas seções, na ordem do ``nav``, e troca o marcador
``<!-- indice-de-exercicios -->`` da página de exercícios por um índice por capítulo, com um link
para cada seção. Assim o índice nunca fica desatualizado; ``tests/paginas/test_exercicios.py`` confere as
seções.
"""

from __future__ import annotations

import re
from pathlib import Path

MARCADOR = "<!-- indice-de-exercicios -->"
PAGINA = "alem/exercicios.md"
CAPITULOS = (
    "Fundamentos",
    "Redes neurais",
    "Treinamento",
    "Redes convolucionais",
    "Sequências e atenção",
    "Na prática",
)
ITEM = re.compile(r"^(\d+)\.\s+\*\*(?P<tipo>[^*]+?)\.?\*\*\s*(?P<texto>.*)$")


def secao_de_exercicios(texto: str) -> str:
    """O trecho entre ``## Exercícios`` e o próximo título ``## `` (vazio se não houver)."""
    achado = re.search(r"^## Exercícios\s*$(?P<corpo>.*?)(?=^## |\Z)", texto, re.M | re.S)
    return achado["corpo"] if achado else ""


def exercicios(texto: str) -> list[tuple[str, str]]:
    """``(tipo, enunciado)`` de cada exercício: o tipo em negrito e a primeira frase."""
    itens = []
    linhas = secao_de_exercicios(texto).splitlines()
    for i, linha in enumerate(linhas):
        achado = ITEM.match(linha)
        if not achado:
            continue
        partes = [achado["texto"]]
        for seguinte in linhas[i + 1 :]:
            if not seguinte.startswith("   ") or seguinte.strip().startswith("???"):
                break
            partes.append(seguinte.strip())
        enunciado = " ".join(p for p in partes if p)
        frase = re.split(r"(?<=[.?!])\s", enunciado, maxsplit=1)[0]
        itens.append((achado["tipo"].strip(), frase))
    return itens


def licoes(nav: list) -> list[tuple[str, list[tuple[str, str]]]]:
    """``(capítulo, [(título, caminho), ...])`` dos capítulos de lições, na ordem do ``nav``."""
    resultado = []
    for entrada in nav:
        for capitulo, paginas in entrada.items() if isinstance(entrada, dict) else []:
            if capitulo in CAPITULOS and isinstance(paginas, list):
                resultado.append(
                    (capitulo, [(t, c) for p in paginas for t, c in p.items() if c.endswith(".md")])
                )
    return resultado


def indice(nav: list, docs: Path) -> str:
    partes = []
    for capitulo, paginas in licoes(nav):
        partes.append(f"## {capitulo}\n")
        for titulo, caminho in paginas:
            itens = exercicios((docs / caminho).read_text(encoding="utf-8"))
            if not itens:
                continue
            partes.append(f"### [{titulo}](../{caminho}#exercicios)\n")
            partes.extend(f"{n}. **{tipo}.** {frase}" for n, (tipo, frase) in enumerate(itens, 1))
            partes.append("")
    return "\n".join(partes)


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != PAGINA or MARCADOR not in markdown:
        return markdown
    return markdown.replace(MARCADOR, indice(config["nav"], Path(config["docs_dir"])))
