import numpy as np
import pytest
import torch
from scipy.stats import energy_distance

from pytorchdl_snippets.difusao import agenda_linear, distancia_de_energia, luas


def test_luas_forma_tipo_e_semente():
    a = luas(300, semente=0)
    assert a.shape == (300, 2)
    assert a.dtype == torch.float32
    assert torch.equal(a, luas(300, semente=0))
    assert not torch.equal(a, luas(300, semente=1))


def test_luas_sem_ruido_ficam_nos_semicirculos():
    pontos = luas(200, semente=0, ruido=0.0)
    de_cima = (pontos - torch.tensor([0.0, 0.0])).norm(dim=1)
    de_baixo = (pontos - torch.tensor([1.0, 0.5])).norm(dim=1)
    no_circulo = torch.isclose(de_cima, torch.ones(200), atol=1e-5)
    no_circulo |= torch.isclose(de_baixo, torch.ones(200), atol=1e-5)
    assert bool(no_circulo.all())


@pytest.mark.parametrize(
    ("argumentos", "erro", "mensagem"),
    [
        ({"n": 0, "semente": 0}, ValueError, "n: esperava um int >= 2, recebi 0"),
        ({"n": 2.5, "semente": 0}, TypeError, "n: esperava um int >= 2"),
        ({"n": 10, "semente": -1}, ValueError, "semente: esperava um int >= 0"),
        ({"n": 10, "semente": 0, "ruido": -0.1}, ValueError, "ruido: esperava um número >= 0"),
        ({"n": 10, "semente": 0, "ruido": "0.1"}, TypeError, "ruido: esperava um número"),
    ],
)
def test_luas_valida_argumentos(argumentos, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        luas(**argumentos)


def test_distancia_de_energia_em_1d_e_a_do_scipy_ao_quadrado():
    # scipy.stats.energy_distance (1-D) devolve a raiz de 2E|X-Y| - E|X-X'| - E|Y-Y'|
    gerador = np.random.default_rng(0)
    x, y = gerador.normal(size=300), gerador.normal(1.0, 2.0, size=200)
    esperado = energy_distance(x, y) ** 2
    obtido = distancia_de_energia(torch.tensor(x)[:, None], torch.tensor(y)[:, None])
    assert obtido == pytest.approx(esperado, rel=1e-9)


def test_distancia_de_energia_de_dois_pontos_e_o_dobro_da_distancia():
    a, b = torch.tensor([[0.0, 0.0]]), torch.tensor([[3.0, 4.0]])
    assert distancia_de_energia(a, b) == pytest.approx(10.0)
    assert distancia_de_energia(a, a) == 0.0


def test_distancia_de_energia_e_simetrica_e_nao_negativa():
    gerador = torch.Generator().manual_seed(0)
    x = torch.randn(100, 3, generator=gerador)
    y = torch.randn(80, 3, generator=gerador) + 0.5
    d = distancia_de_energia(x, y)
    assert d > 0
    assert d == pytest.approx(distancia_de_energia(y, x), rel=1e-5)


@pytest.mark.parametrize(
    ("x", "y", "erro", "mensagem"),
    [
        (torch.zeros(5), torch.zeros(5, 1), ValueError, r"x: esperava um tensor com forma \(N, D\)"),
        (torch.zeros(5, 2), torch.zeros(5, 3), ValueError, r"y: esperava forma \(M, 2\), como x"),
        (torch.zeros(0, 2), torch.zeros(5, 2), ValueError, "x: esperava pelo menos 1 ponto"),
        ([[0.0, 1.0]], torch.zeros(5, 2), TypeError, "x: esperava um tensor"),
    ],
)
def test_distancia_de_energia_valida_argumentos(x, y, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        distancia_de_energia(x, y)


def test_agenda_linear():
    betas, alfas, alfas_barra = agenda_linear(10, 0.01, 0.1)
    assert betas.shape == alfas.shape == alfas_barra.shape == (10,)
    assert betas[0].item() == pytest.approx(0.01)
    assert betas[-1].item() == pytest.approx(0.1)
    assert torch.allclose(alfas, 1 - betas)
    assert torch.allclose(alfas_barra, torch.cumprod(1 - betas, dim=0))


@pytest.mark.parametrize(
    ("argumentos", "erro", "mensagem"),
    [
        ((0, 0.01, 0.1), ValueError, "passos: esperava um int >= 1"),
        ((10, 0.0, 0.1), ValueError, r"beta_inicial: esperava um número entre 0 e 1 \(exclusive\)"),
        ((10, 0.01, 1.0), ValueError, r"beta_final: esperava um número entre 0 e 1 \(exclusive\)"),
        ((10, 0.2, 0.1), ValueError, "beta_final: esperava um número >= beta_inicial"),
    ],
)
def test_agenda_linear_valida_argumentos(argumentos, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        agenda_linear(*argumentos)
