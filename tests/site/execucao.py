"""O que um caderno ou um script gerado de uma lição mostra quando roda, comparado com a página.

A página (e o caderno gerado dela) guarda o texto que o console mostra; o kernel do Jupyter dá o
valor de uma expressão como ``execute_result`` e um script o imprime com ``mostrar(...)``. Aqui os
três viram o mesmo texto de ``stdout`` por célula, e as diferenças são julgadas com as tolerâncias
declaradas na página (``tests/paginas/tolerancia.py``).
"""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat

from curso.cadernos import diferencas
from curso.derivar import MOSTRAR
from tests.paginas.tolerancia import comparador_do_caderno

SEPARADOR = "\x1e"  # um caractere que nenhuma página imprime, entre as células do script


def _sem_espaco_no_fim(texto: str) -> str:
    return "\n".join(linha.rstrip() for linha in texto.split("\n"))


def como_stdout(caderno: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Cada célula com o ``stdout`` que a página mostraria: o valor de uma expressão vira texto, os
    pedaços se juntam e os espaços no fim das linhas saem (a página, como o doctest, não os tem).
    A instrução que a página mostra levantando um erro vai comentada: a célula não mostra nada."""
    caderno = nbformat.from_dict(caderno)
    for celula in caderno.cells:
        if celula.cell_type != "code":
            continue
        textos = []
        for saida in celula.get("outputs", []):
            if saida.output_type == "stream" and saida.name == "stdout":
                textos.append(saida.text)
            elif saida.output_type == "execute_result" and "text/plain" in saida.data:
                textos.append(saida.data["text/plain"] + "\n")
        outras = [s for s in celula.get("outputs", []) if s.output_type in ("error", "display_data")]
        if celula.source.startswith("# levanta "):
            textos = []
        texto = _sem_espaco_no_fim("".join(textos))
        juntas = [nbformat.v4.new_output("stream", name="stdout", text=texto)] if texto else []
        celula.outputs = juntas + outras
    return caderno


def _sem_o_que_a_pagina_nao_mostra(salvo, novo) -> None:
    """Um bloco de script (```` ```python ````): a página não mostra o que ele imprime nem o valor
    das expressões, então a célula não é comparada (só os erros contam)."""
    codigo_salvo = [c for c in salvo.cells if c.cell_type == "code"]
    codigo_novo = [c for c in novo.cells if c.cell_type == "code"]
    for a, b in zip(codigo_salvo, codigo_novo, strict=False):
        if a.metadata.get("bloco") == "script":
            b.outputs = [s for s in b.get("outputs", []) if s.output_type == "error"]
        elif not a.get("outputs"):
            b.outputs = [s for s in b.get("outputs", []) if s.output_type != "execute_result"]


_CONSOLE = doctest.OutputChecker()
_OPCOES = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def conferir(salvo: nbformat.NotebookNode, novo: nbformat.NotebookNode) -> list[str]:
    """As diferenças entre o que a página mostra (``salvo``) e o que a execução mostrou (``novo``):
    com as tolerâncias declaradas e, como no harness, ``...`` e espaços do doctest."""
    novo = nbformat.from_dict(novo)
    _sem_o_que_a_pagina_nao_mostra(salvo, novo)
    salvo = como_stdout(salvo)
    tolerante = comparador_do_caderno(salvo)

    def comparar(numero: int, antes: str, depois: str) -> bool:
        mesmo_tipo = antes.split(":", 1)[0] == depois.split(":", 1)[0]
        console = mesmo_tipo and _CONSOLE.check_output(
            antes.split(":", 1)[1], depois.split(":", 1)[1], _OPCOES
        )
        return console or tolerante(numero, antes, depois)

    return diferencas(salvo, como_stdout(novo), comparar)


def rodar_script(script: str, pasta: Path) -> nbformat.NotebookNode:
    """Roda o ``.py`` da lição num Python novo (na ``pasta``) e devolve, como caderno, o que cada
    célula imprimiu. Entre as células, o teste acrescenta um ``print`` do separador."""
    caderno = jupytext.reads(script, fmt="py:percent")
    codigo = [c for c in caderno.cells if c.cell_type == "code" and c.source != MOSTRAR]
    partes = [MOSTRAR] if any(c.source == MOSTRAR for c in caderno.cells) else []
    for celula in codigo:
        partes += [celula.source, f"print({SEPARADOR!r})"]
    arquivo = pasta / "licao.py"
    arquivo.write_text("\n".join(partes) + "\n", encoding="utf-8")
    feito = subprocess.run(
        [sys.executable, str(arquivo)], cwd=pasta, capture_output=True, text=True, env=os.environ.copy()
    )
    assert feito.returncode == 0, feito.stderr[-3000:]
    impressos = feito.stdout.split(SEPARADOR + "\n")
    for celula, texto in zip(codigo, impressos, strict=False):
        celula.outputs = [nbformat.v4.new_output("stream", name="stdout", text=texto)] if texto else []
    return nbformat.v4.new_notebook(cells=codigo)
