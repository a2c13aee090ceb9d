import math

import pytest
import torch

from pytorchdl_snippets.estatistica import (
    Medida,
    diferenca,
    empatam,
    formatar_media_desvio,
    intervalo_da_diferenca,
    medir,
    quantil_t,
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


def test_empate_usa_a_distribuicao_t_do_numero_de_sementes():
    # diferenças 1, 2, 3: média 2, desvio 1, erro-padrão 1/√3 = 0,577; t(2 graus, 95 %) = 4,303
    a = Medida(0, 0, (1.0, 2.0, 3.0))
    zero = Medida(0, 0, (0.0, 0.0, 0.0))
    assert math.isclose(quantil_t(3), 4.302652729911275)
    assert math.isclose(quantil_t(5), 2.7764451051977987)
    # 2 / 0,577 = 3,46 erros-padrão: fora da regra antiga (±2), dentro do t de 3 sementes
    assert empatam(a, zero)
    inicio, fim = intervalo_da_diferenca(a, zero)
    assert math.isclose(inicio, 2 - 4.302652729911275 / math.sqrt(3))
    assert math.isclose(fim, 2 + 4.302652729911275 / math.sqrt(3))
    # com 90 % de confiança, o quantil é menor (2,92) e a diferença sai do ruído
    assert not empatam(a, zero, confianca=0.9)


def test_empate_com_diferencas_identicas():
    a = Medida(0, 0, (1.0, 2.0, 3.0))
    assert empatam(a, a)  # diferença zero em toda semente
    deslocada = Medida(0, 0, (2.0, 3.0, 4.0))
    assert not empatam(deslocada, a)  # diferença 1 em toda semente: desvio zero, não é ruído


def test_mediana_e_faixa_para_bracos_caoticos():
    m = medir([0.32, 0.11, 0.30, 0.29, 0.45])
    assert m.mediana == 0.30
    assert m.formatar_mediana() == "0,30 (0,11 a 0,45)"
    assert m.formatar_mediana(casas=1, escala=100, sufixo=" %") == "30,0 % (11,0 a 45,0 %)"


@pytest.mark.parametrize(
    ("chamada", "erro", "mensagem"),
    [
        (lambda: medir([0.5]), ValueError, "valores: esperava pelo menos 2 resultados"),
        (lambda: medir(["a", "b"]), TypeError, "valores: esperava números"),
        (lambda: medir([1.0, float("nan")]), ValueError, "valores: esperava números finitos"),
        (lambda: repetir(3), TypeError, "experimento: esperava uma função"),
        (lambda: formatar_media_desvio(1, 1, casas=-1), ValueError, "casas: esperava um int >= 0"),
        (lambda: quantil_t(1), ValueError, "sementes: esperava um int >= 2"),
        (lambda: empatam(Medida(0, 0, (1, 2)), Medida(0, 0, (1, 3)), confianca=1.5), ValueError, "confianca"),
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
