import math

import pytest
import torch

from pytorchdl_snippets.estatistica import (
    Medida,
    diferenca,
    empatam,
    formatar_media_desvio,
    medir,
    repetir,
)


def test_medir_da_media_e_desvio_amostral():
    m = medir([1.0, 2.0, 3.0])
    assert m.media == 2.0
    assert m.desvio == 1.0  # n - 1 no denominador
    assert m.valores == (1.0, 2.0, 3.0)


def test_formatacao_com_virgula_decimal():
    assert formatar_media_desvio(0.9312, 0.0177) == "0,93 ± 0,02"
    assert formatar_media_desvio(43.51, 2.04, casas=1) == "43,5 ± 2,0"
    m = medir([0.91, 0.93, 0.95])
    assert str(m) == "0,93 ± 0,02 (3 sementes)"
    assert m.formatar(casas=1, escala=100, sufixo=" %") == "93,0 ± 2,0 %"


def test_repetir_fixa_cada_semente_antes_do_experimento():
    def sorteio(semente):
        return torch.rand(()).item()

    a = repetir(sorteio, sementes=[0, 1, 2])
    b = repetir(sorteio, sementes=[0, 1, 2])
    assert a == b
    torch.manual_seed(1)
    assert a.valores[1] == torch.rand(()).item()


def test_repetir_passa_a_semente_ao_experimento():
    assert repetir(float, sementes=[3, 5]).valores == (3.0, 5.0)


def test_diferenca_e_empate():
    a = Medida(0, 0, (0.90, 0.92, 0.94, 0.91, 0.93))
    b = Medida(0, 0, (0.80, 0.83, 0.85, 0.80, 0.84))
    assert math.isclose(diferenca(a, b).media, 0.096)
    assert not empatam(a, b)
    ruido = Medida(0, 0, (0.91, 0.90, 0.95, 0.90, 0.93))
    assert empatam(a, ruido)


@pytest.mark.parametrize(
    ("chamada", "erro", "mensagem"),
    [
        (lambda: medir([0.5]), ValueError, "valores: esperava pelo menos 2 resultados"),
        (lambda: medir(["a", "b"]), TypeError, "valores: esperava números"),
        (lambda: medir([1.0, float("nan")]), ValueError, "valores: esperava números finitos"),
        (lambda: repetir(3), TypeError, "experimento: esperava uma função"),
        (lambda: formatar_media_desvio(1, 1, casas=-1), ValueError, "casas: esperava um int >= 0"),
        (
            lambda: diferenca(Medida(0, 0, (1, 2)), Medida(0, 0, (1, 2, 3))),
            ValueError,
            "b: esperava 2 resultados",
        ),
    ],
)
def test_erros_com_mensagem_clara(chamada, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        chamada()


def test_exemplo_da_documentacao_do_modulo():
    import doctest

    from pytorchdl_snippets import estatistica

    falhas, testados = doctest.testmod(estatistica)
    assert testados >= 2 and falhas == 0
