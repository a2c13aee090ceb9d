from pytorchdl_snippets.figuras import retropropagacao


def test_valores_do_grafo_sao_os_da_pagina():
    valores = retropropagacao.valores_do_exemplo()
    assert valores["w"] == (3.0, 8.0)  # dL/dw = 2e·x = 2·2·2
    assert valores["b"] == (1.0, 4.0)
    assert valores["L = e²"] == (4.0, 1.0)
    assert valores["y"][1] is None  # o alvo não pede gradiente


def test_gera_a_figura(tmp_path):
    (caminho,) = retropropagacao.gerar(tmp_path)
    assert caminho.name == "grafo_computacional.png"
    assert caminho.stat().st_size > 1000
