"""Os cadernos de ``examples/`` são gerados das páginas (``make cadernos``) e rodam.

Como derivam das páginas, cujas saídas a suíte confere, basta conferir que cada caderno commitado é
o que as páginas geram agora (um caderno velho falha); um deles roda de ponta a ponta como fumaça
(todos no nível completo), e as saídas novas conferem com as geradas, com as tolerâncias declaradas.
"""

import base64
import struct

import nbformat
import pytest

from curso.cadernos import Imagem, cadernos, diferencas, executar, saidas
from curso.capitulos import CAPITULOS
from ferramentas.cadernos import gerados
from tests.paginas.tolerancia import comparador_do_caderno
from tests.site.execucao import conferir

# o caderno de capítulo mais leve roda em todo `make test`; os outros, no nível completo
CADERNO_FUMACA = "02_redes_neurais.ipynb"


def test_ha_cadernos():
    assert cadernos(), "examples/ deveria ter ao menos um caderno"


def test_cada_capitulo_tem_o_seu_caderno_gerado_das_paginas():
    atuais = gerados()
    assert {p.name for p in cadernos()} == {c.caderno for c in CAPITULOS}
    velhos = [p.name for p, texto in atuais.items() if p.read_text(encoding="utf-8") != texto]
    assert not velhos, f"cadernos velhos (as páginas mudaram): {velhos}; rode `make cadernos`"


def _conferir_execucao(caminho):
    salvo = nbformat.read(caminho, as_version=4)
    assert all(
        saida.output_type != "error"
        for celula in salvo.cells
        if celula.cell_type == "code"
        for saida in celula.get("outputs", [])
    ), f"{caminho.name}: o caderno salvo contém um erro"
    problemas = conferir(salvo, executar(caminho))
    assert not problemas, f"{caminho.name}: a execução não mostra o que a página mostra:\n" + "\n".join(
        problemas
    )


@pytest.mark.lento
def test_caderno_fumaca_executa_e_mostra_o_que_as_paginas_mostram():
    (caminho,) = [p for p in cadernos() if p.name == CADERNO_FUMACA]
    _conferir_execucao(caminho)


@pytest.mark.completo
@pytest.mark.parametrize("caminho", [p for p in cadernos() if p.name != CADERNO_FUMACA], ids=lambda p: p.name)
def test_caderno_executa_e_mostra_o_que_as_paginas_mostram(caminho):
    _conferir_execucao(caminho)


@pytest.mark.parametrize("caminho", cadernos(), ids=lambda p: p.name)
def test_caderno_tem_titulo_e_kernel_python(caminho):
    caderno = nbformat.read(caminho, as_version=4)
    assert caderno.metadata["kernelspec"]["language"] == "python"
    primeira = caderno.cells[0]
    assert primeira.cell_type == "markdown" and primeira.source.startswith("# ")


def _png(largura: int, altura: int, tamanho: int) -> str:
    cabecalho = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + struct.pack(">II", largura, altura)
    return base64.b64encode(cabecalho + b"\x00" * (tamanho - len(cabecalho))).decode()


def _caderno(*saidas_da_celula):
    celula = nbformat.v4.new_code_cell("...")
    celula.outputs = list(saidas_da_celula)
    return nbformat.v4.new_notebook(cells=[celula])


def _imagem(largura=640, altura=480, tamanho=20_000, tipo="image/png"):
    dados = _png(largura, altura, tamanho) if tipo == "image/png" else "<svg/>" * (tamanho // 6)
    return nbformat.v4.new_output("display_data", data={tipo: dados, "text/plain": "<Figure>"})


def test_saidas_junta_pedacos_do_stdout():
    caderno = _caderno(
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "3"}, execution_count=1),
        _imagem(),
    )
    assert saidas(caderno) == [
        ["stdout:a\nb\n", "text/plain:3", Imagem("image/png", 640, 480, 20_000), "text/plain:<Figure>"]
    ]


SALVO = _caderno(nbformat.v4.new_output("stream", name="stdout", text="ok\n"), _imagem())


def test_mesmas_saidas_e_png_com_bytes_um_pouco_diferentes_passam():
    parecido = _caderno(nbformat.v4.new_output("stream", name="stdout", text="ok\n"), _imagem(tamanho=21_500))
    assert diferencas(SALVO, parecido) == []


@pytest.mark.parametrize(
    ("trocada", "trecho"),
    [
        (_imagem(tipo="image/svg+xml"), "imagem diferente"),  # imagem trocada por outro tipo
        (_imagem(largura=320, altura=240), "imagem diferente"),  # outra figura, outro tamanho
        (_imagem(tamanho=2_000), "imagem diferente"),  # figura vazia
    ],
)
def test_brecha_imagem_trocada(trocada, trecho):
    novo = _caderno(nbformat.v4.new_output("stream", name="stdout", text="ok\n"), trocada)
    assert trecho in "\n".join(diferencas(SALVO, novo))


def test_brecha_imagem_sumiu():
    novo = _caderno(nbformat.v4.new_output("stream", name="stdout", text="ok\n"))
    assert "célula de código 1: 3 saídas salvas, 1 novas" in "\n".join(diferencas(SALVO, novo))


def test_brecha_stderr_a_mais():
    novo = _caderno(
        nbformat.v4.new_output("stream", name="stdout", text="ok\n"),
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: cuidado\n"),
        _imagem(),
    )
    assert "stderr:UserWarning: cuidado" in "\n".join(diferencas(SALVO, novo))


def test_brecha_html_a_mais():
    novo = _caderno(
        nbformat.v4.new_output("stream", name="stdout", text="ok\n"),
        nbformat.v4.new_output("display_data", data={"text/html": "<b>x</b>", "text/plain": "x"}),
        _imagem(),
    )
    assert "text/html:<b>x</b>" in "\n".join(diferencas(SALVO, novo))


def _com_tolerancia(declaracao: str, salvo: str, novo: str) -> list[str]:
    def caderno(texto):
        markdown = nbformat.v4.new_markdown_cell(f"Um treino.\n\n{declaracao}")
        celula = nbformat.v4.new_code_cell("print(acuracia)")
        celula.outputs = [nbformat.v4.new_output("stream", name="stdout", text=texto)]
        return nbformat.v4.new_notebook(cells=[markdown, celula])

    antes = caderno(salvo)
    return diferencas(antes, caderno(novo), comparador_do_caderno(antes))


def test_caderno_usa_a_tolerancia_declarada_antes_da_celula():
    assert _com_tolerancia("*Tolerância: ±0,005*", "0,963 ± 0,006\n", "0,960 ± 0,010\n") == []
    assert _com_tolerancia("*Tolerância: ±0,001*", "0,963 ± 0,006\n", "0,960 ± 0,010\n") != []
    assert _com_tolerancia("", "0,963 ± 0,006\n", "0,962 ± 0,006\n") != []
    # o veredicto continua exato
    assert _com_tolerancia("*Tolerância: ±0,005*", "empatam: False\n", "empatam: True\n") != []
    # a declaração pode ocupar mais de uma linha (o parágrafo inteiro)
    longa = "*Tolerância: ±0,005* — números de um treino:\nnoutra CPU, mudam."
    assert _com_tolerancia(longa, "0,963 ± 0,006\n", "0,960 ± 0,010\n") == []
