"""Verificação ortográfica da prosa do site com o hunspell e o dicionário pt_BR do Debian.

O texto corrido de ``docs/**/*.md`` e das células Markdown dos cadernos é extraído sem código,
matemática, URLs e HTML (o texto alternativo das imagens fica, inclusive o ``alt="..."`` de uma
tag ``<img>``); os títulos do menu (``nav`` do ``mkdocs.yml``) também são conferidos. Palavras em
itálico (termos em inglês introduzidos ao lado do português, como *batch*) são conferidas com
pt_BR + en_US; o resto, só com pt_BR. As duas listas revisadas do
projeto (``palavras.txt``: termos técnicos, nomes próprios, identificadores) completam o dicionário.

``python -m ferramentas.ortografia`` imprime as palavras desconhecidas e onde aparecem (e, com
``--acrescentar``, grava-as na lista revisada).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import nbformat

from curso.config import nav as ler_nav

RAIZ = Path(__file__).resolve().parents[1]
PALAVRAS = RAIZ / "tests" / "paginas" / "ortografia" / "palavras.txt"

_ALT_HTML = re.compile(r"""\balt=(["'])(?P<alt>.*?)\1""")
_REMOVER = [
    re.compile(r"^(?P<c>[ \t>]*)(`{3,}|~{3,}).*?^(?P=c)\2[ \t]*$", re.MULTILINE | re.DOTALL),  # blocos
    re.compile(r"<!--.*?-->", re.DOTALL),  # comentários HTML (diretivas do Sybil)
    re.compile(r"\$\$.+?\$\$", re.DOTALL),  # matemática em bloco
    re.compile(r"(?<![\\$])\$[^$\n]+?\$"),  # matemática na linha
    re.compile(r"``.+?``|`[^`\n]+`"),  # código na linha
    re.compile(r"\]\([^)]*\)"),  # destino de links e imagens
    re.compile(r"https?://\S+"),  # URLs soltas
    re.compile(r"<[^>\n]+>"),  # tags HTML
    re.compile(r"\{[:.#][^}\n]*\}"),  # atributos attr_list
    re.compile(r"^[ \t]*(!!!|\?\?\?\+?)[ \t]+\S+", re.MULTILINE),  # tipo da admonição
    re.compile(r"^[ \t]*===[ \t]+", re.MULTILINE),  # abas
]
# itálico com * ou _, que pode quebrar a linha (mas não atravessar um parágrafo)
_ITALICO = re.compile(r"(?<![*\w])[*_](?![*_\s])(?P<t>(?:[^*_\n]|\n(?!\s*\n))+?)(?<!\s)[*_](?![*\w])")


def prosa(texto: str) -> tuple[str, str]:
    """Separa o texto Markdown em (prosa comum, trechos em itálico), já sem código e matemática."""
    alts_html = " \n".join(m["alt"] for m in _ALT_HTML.finditer(texto))
    for padrao in _REMOVER:
        texto = padrao.sub(" ", texto)
    texto += "\n" + alts_html
    italicos = " \n".join(m["t"] for m in _ITALICO.finditer(texto))
    comum = _ITALICO.sub(" ", texto)
    return comum, italicos


def titulos_do_nav(config: Path | None = None) -> list[str]:
    """Os títulos do menu do site (``nav`` do ``mkdocs.yml``), seções e páginas."""
    nav = ler_nav(config)
    titulos: list[str] = []

    def percorrer(itens):
        for item in itens:
            if isinstance(item, dict):
                for titulo, alvo in item.items():
                    titulos.append(titulo)
                    if isinstance(alvo, list):
                        percorrer(alvo)

    percorrer(nav)
    return titulos


def documentos() -> dict[str, str]:
    """Texto Markdown de cada página e de cada caderno, por caminho relativo à raiz."""
    textos = {
        str(p.relative_to(RAIZ)): p.read_text(encoding="utf-8") for p in sorted((RAIZ / "docs").rglob("*.md"))
    }
    for caderno in sorted((RAIZ / "examples").glob("*.ipynb")):
        celulas = nbformat.read(caderno, as_version=4).cells
        textos[str(caderno.relative_to(RAIZ))] = "\n\n".join(
            c.source for c in celulas if c.cell_type == "markdown"
        )
    textos["mkdocs.yml (nav)"] = "\n\n".join(titulos_do_nav())
    return textos


def _desconhecidas(texto: str, dicionario: str) -> set[str]:
    """Palavras de ``texto`` que o hunspell não conhece no ``dicionario`` + lista do projeto."""
    if not texto.strip():
        return set()
    saida = subprocess.run(
        ["hunspell", "-d", dicionario, "-p", str(PALAVRAS), "-l", "-i", "utf-8"],
        input=texto,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {palavra for palavra in saida.split() if not any(ch.isdigit() for ch in palavra)}


def hunspell_disponivel() -> bool:
    if shutil.which("hunspell") is None:
        return False
    dicionarios = subprocess.run(["hunspell", "-D"], capture_output=True, text=True, input="").stderr
    return "pt_BR" in dicionarios and "en_US" in dicionarios


def verificar() -> dict[str, set[str]]:
    """Palavras desconhecidas → arquivos onde aparecem.

    Todo o texto vai ao hunspell de uma vez (uma chamada por dicionário). Os dois dicionários são
    consultados separadamente: com ``-d pt_BR,en_US`` o hunspell aplicaria as regras de flexão do
    primeiro às palavras do segundo.
    """
    partes = {caminho: prosa(texto) for caminho, texto in documentos().items()}
    comum = "\n".join(c for c, _ in partes.values())
    italicos = "\n".join(i for _, i in partes.values())
    desconhecidas = _desconhecidas(comum, "pt_BR") | (
        _desconhecidas(italicos, "pt_BR") & _desconhecidas(italicos, "en_US")
    )
    onde: dict[str, set[str]] = defaultdict(set)
    for palavra in desconhecidas:
        padrao = re.compile(rf"(?<!\w){re.escape(palavra)}(?!\w)")
        for caminho, (c, i) in partes.items():
            if padrao.search(c) or padrao.search(i):
                onde[palavra].add(caminho)
    return dict(onde)
