import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from pytorchdl_snippets.graficos import fronteira_de_decisao, prever_grade


def _reta_x_maior_que_y():
    modelo = torch.nn.Linear(2, 1)
    with torch.no_grad():
        modelo.weight.copy_(torch.tensor([[1.0, -1.0]]))
        modelo.bias.zero_()
    return modelo


def test_prever_grade_com_uma_saida_usa_o_sinal():
    classes = prever_grade(_reta_x_maior_que_y(), np.array([-1.0, 1.0]), np.array([0.0]))
    assert classes.tolist() == [[0, 1]]


def test_prever_grade_com_varias_saidas_usa_argmax_e_preserva_modo():
    modelo = torch.nn.Sequential(torch.nn.Linear(2, 3))
    modelo.train()
    classes = prever_grade(modelo, np.linspace(-1, 1, 4), np.linspace(-1, 1, 5))
    assert classes.shape == (5, 4) and set(np.unique(classes)) <= {0, 1, 2}
    assert modelo.training


def test_fronteira_de_decisao_desenha():
    fig, ax = plt.subplots()
    X = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
    fronteira_de_decisao(ax, _reta_x_maior_que_y(), X, torch.tensor([0, 1]), resolucao=10)
    assert ax.collections
    plt.close(fig)


def test_fronteira_de_decisao_valida_formatos():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"X: esperava formato \(N, 2\), recebi \(2, 3\)"):
        fronteira_de_decisao(ax, _reta_x_maior_que_y(), np.zeros((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match=r"y: esperava formato \(2,\)"):
        fronteira_de_decisao(ax, _reta_x_maior_que_y(), np.zeros((2, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="conjunto vazio"):
        fronteira_de_decisao(ax, _reta_x_maior_que_y(), np.zeros((0, 2)), np.zeros(0))
    plt.close(fig)


def test_cor_da_classe_nao_depende_das_classes_presentes_na_grade():
    # um modelo que prevê a classe 1 em toda parte: o fundo tem de ter a cor da classe 1
    modelo = torch.nn.Linear(2, 1)
    with torch.no_grad():
        modelo.weight.zero_()
        modelo.bias.fill_(1.0)
    fig, ax = plt.subplots()
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    fronteira_de_decisao(ax, modelo, X, np.array([0, 1]), resolucao=5)
    contorno = ax.collections[0]
    assert contorno.norm.vmin == 0 and contorno.norm.vmax == 1
    assert list(contorno.levels) == [-0.5, 0.5, 1.5]
    plt.close(fig)
