import doctest

import pytest
import torch
from torch import nn

import pytorchdl_snippets.redes as redes
from pytorchdl_snippets.redes import MLP, contar_parametros


def test_mlp_tem_linear_e_ativacao_por_camada_escondida():
    modelo = MLP(2, [8, 4], 3, ativacao=nn.Tanh)
    tipos = [type(c) for c in modelo.camadas]
    assert tipos == [nn.Linear, nn.Tanh, nn.Linear, nn.Tanh, nn.Linear]
    assert [(c.in_features, c.out_features) for c in modelo.camadas if isinstance(c, nn.Linear)] == [
        (2, 8),
        (8, 4),
        (4, 3),
    ]


def test_mlp_sem_escondidas_e_uma_linear():
    modelo = MLP(5, [], 2)
    assert len(modelo.camadas) == 1 and isinstance(modelo.camadas[0], nn.Linear)


def test_mlp_devolve_logits_sem_ativacao_final():
    torch.manual_seed(0)
    modelo = MLP(2, [16], 1)
    saida = modelo(torch.randn(50, 2) * 10)
    assert saida.shape == (50, 1)
    assert (saida < 0).any()  # uma ReLU ou sigmoide no fim não deixaria valores negativos


def test_mlp_recusa_formato_errado():
    modelo = MLP(2, [4], 1)
    with pytest.raises(ValueError, match=r"x: esperava formato \(N, 2\), recebi \(5, 3\)"):
        modelo(torch.zeros(5, 3))
    with pytest.raises(ValueError, match=r"x: esperava formato \(N, 2\), recebi \(2,\)"):
        modelo(torch.zeros(2))
    with pytest.raises(TypeError, match=r"x: esperava um torch\.Tensor"):
        modelo([[0.0, 1.0]])


@pytest.mark.parametrize(
    ("argumentos", "erro", "mensagem"),
    [
        ((0, [4], 1), ValueError, "entradas: esperava um inteiro positivo, recebi 0"),
        ((2, [4], -1), ValueError, "saidas: esperava um inteiro positivo, recebi -1"),
        ((2.0, [4], 1), TypeError, "entradas: esperava um int, recebi float"),
        ((2, [4, 0], 1), ValueError, r"escondidas\[1\]: esperava um inteiro positivo, recebi 0"),
        ((2, [True], 1), TypeError, r"escondidas\[0\]: esperava um int, recebi bool"),
        ((2, 4, 1), TypeError, "escondidas: esperava uma sequência de ints"),
        ((2, "44", 1), TypeError, "escondidas: esperava uma sequência de ints"),
    ],
)
def test_mlp_valida_construtor(argumentos, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        MLP(*argumentos)


def test_mlp_valida_ativacao():
    with pytest.raises(TypeError, match=r"ativacao: esperava uma classe de nn\.Module"):
        MLP(2, [4], 1, ativacao=nn.ReLU())
    with pytest.raises(TypeError, match="ativacao"):
        MLP(2, [4], 1, ativacao=torch.relu)


def test_contar_parametros():
    modelo = MLP(2, [8, 8], 1)
    assert contar_parametros(modelo) == (2 * 8 + 8) + (8 * 8 + 8) + (8 * 1 + 1)
    modelo.camadas[0].requires_grad_(False)
    assert contar_parametros(modelo) == (8 * 8 + 8) + (8 * 1 + 1)
    assert contar_parametros(modelo, apenas_treinaveis=False) == 24 + 72 + 9


def test_contar_parametros_recusa_o_que_nao_e_modulo():
    with pytest.raises(TypeError, match=r"modelo: esperava um nn\.Module, recebi Tensor"):
        contar_parametros(torch.zeros(3))


def test_docstrings_do_modulo():
    falhas, _ = doctest.testmod(redes, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert falhas == 0
