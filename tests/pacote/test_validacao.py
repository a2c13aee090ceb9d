import pytest

from pytorchdl_snippets.validacao import inteiro


def test_inteiro_valido_volta_igual():
    assert inteiro("n", 3) == 3
    assert inteiro("preenchimento", 0, minimo=0) == 0


@pytest.mark.parametrize(
    ("valor", "minimo", "erro", "mensagem"),
    [
        (0, 1, ValueError, "n: esperava um int >= 1, recebi 0"),
        (-1, 0, ValueError, "n: esperava um int >= 0, recebi -1"),
        (2.0, 1, TypeError, r"n: esperava um int >= 1, recebi float \(2.0\)"),
        (True, 1, TypeError, r"n: esperava um int >= 1, recebi bool \(True\)"),
        ("3", 1, TypeError, r"n: esperava um int >= 1, recebi str \('3'\)"),
    ],
)
def test_inteiro_invalido_tem_mensagem_clara(valor, minimo, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        inteiro("n", valor, minimo=minimo)
