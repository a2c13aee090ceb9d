"""Cada caderno de ``examples/`` roda do início ao fim e imprime o que está salvo nele."""

import nbformat
import pytest

from tests.cadernos import cadernos, executar, saidas_de_texto


def test_ha_cadernos():
    assert cadernos(), "examples/ deveria ter ao menos um caderno"


@pytest.mark.lento
@pytest.mark.parametrize("caminho", cadernos(), ids=lambda p: p.name)
def test_caderno_executa_e_reproduz_as_saidas_salvas(caminho):
    salvo = nbformat.read(caminho, as_version=4)
    assert all(
        saida.output_type != "error"
        for celula in salvo.cells
        if celula.cell_type == "code"
        for saida in celula.get("outputs", [])
    ), f"{caminho.name}: o caderno salvo contém um erro"
    novo = executar(caminho)
    assert saidas_de_texto(novo) == saidas_de_texto(salvo), (
        f"{caminho.name}: as saídas mudaram; rode `python -m tests.cadernos {caminho}` e revise"
    )


@pytest.mark.parametrize("caminho", cadernos(), ids=lambda p: p.name)
def test_caderno_tem_titulo_e_kernel_python(caminho):
    caderno = nbformat.read(caminho, as_version=4)
    assert caderno.metadata["kernelspec"]["language"] == "python"
    primeira = caderno.cells[0]
    assert primeira.cell_type == "markdown" and primeira.source.startswith("# ")


def test_saidas_de_texto_junta_pedacos_do_stdout():
    celula = nbformat.v4.new_code_cell("print('a'); print('b')")
    celula.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "3"}, execution_count=1),
    ]
    caderno = nbformat.v4.new_notebook(cells=[celula])
    assert saidas_de_texto(caderno) == [["stdout:a\nb\n", "3"]]
