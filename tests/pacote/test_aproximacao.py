import math

import pytest
import torch

from pytorchdl_snippets.aproximacao import (
    FUNCOES,
    ajustar,
    aproximar,
    degrau,
    erro_maximo,
    erros_maximos,
    mlp_uma_camada,
    pontos,
    representacao_oculta,
)


def test_mlp_uma_camada_formato():
    rede = mlp_uma_camada(5, entradas=2)
    assert [type(c).__name__ for c in rede] == ["Linear", "Tanh", "Linear"]
    assert rede(torch.zeros(4, 2)).shape == (4, 1)


def test_pontos_e_degrau():
    x = pontos(5)
    assert x.shape == (5, 1)
    assert x[0, 0].item() == pytest.approx(-math.pi) and x[-1, 0].item() == pytest.approx(math.pi)
    assert degrau(torch.tensor([-1.0, 0.0, 2.0])).tolist() == [0.0, 0.0, 1.0]


def test_seno_com_32_neuronios_fica_abaixo_de_001():
    _, erro = aproximar(torch.sin, 32)
    assert erro <= 0.01


def test_degrau_nao_desce_abaixo_de_meio():
    # uma função contínua não consegue ficar a menos de 0,5 dos dois lados do salto
    _, erro = aproximar(degrau, 8, passos=50, n_medida=20001)
    assert erro >= 0.45  # medido numa grade fina: pode ficar um pouco abaixo de 0,5


def test_erros_maximos_uma_linha_por_neuronios_e_semente():
    funcoes = {"sen(x)": torch.sin}
    erros = erros_maximos(funcoes, lista_neuronios=(1, 8), sementes=range(3), n_medida=501)
    assert erros.index.names == ["neurônios", "semente"]
    assert list(erros.index) == [(1, 0), (1, 1), (1, 2), (8, 0), (8, 1), (8, 2)]
    # cada linha é um aproximar(...) com aquela semente
    assert erros.loc[(8, 2), "sen(x)"] == aproximar(torch.sin, 8, semente=2, n_medida=501)[1]
    # a mediana entre as sementes (como a página a calcula) cai com mais neurônios
    tabela = erros.groupby("neurônios").median()
    assert list(tabela.columns) == ["sen(x)"] and list(tabela.index) == [1, 8]
    assert tabela.loc[8, "sen(x)"] < tabela.loc[1, "sen(x)"]
    assert set(FUNCOES) == {"sen(x)", "|x|", "degrau(x)"}


def test_erros_maximos_guarda_as_redes_treinadas_para_a_figura():
    modelos = {}
    erros = erros_maximos({"sen(x)": torch.sin}, (2,), range(2), n_medida=501, modelos=modelos)
    assert sorted(modelos) == [("sen(x)", 2, 0), ("sen(x)", 2, 1)]
    # a rede guardada é a que deu o erro da tabela
    assert erro_maximo(modelos["sen(x)", 2, 1], torch.sin, n=501) == erros.loc[(2, 1), "sen(x)"]
    with pytest.raises(TypeError, match="modelos: esperava None ou um dicionário, recebi list"):
        erros_maximos(modelos=[])


def test_erro_maximo_numa_grade_mais_fina_pega_o_que_ha_entre_os_pontos():
    # uma rede que sobe íngreme entre dois pontos da grade grossa: a grade fina vê o erro de ~1
    rede = mlp_uma_camada(1)
    with torch.no_grad():
        rede[0].weight.fill_(1e4)
        rede[0].bias.fill_(-5.0)  # sobe em x = 0,0005, entre os pontos da grade de 11
        rede[2].weight.fill_(0.5)
        rede[2].bias.fill_(0.5)
    assert erro_maximo(rede, degrau, n=11) < 0.01
    assert erro_maximo(rede, degrau, n=20001) > 0.99


def test_representacao_oculta_e_ajuste_logistico():
    torch.manual_seed(0)
    X = torch.randn(50, 2)
    y = (X[:, :1] > 0).float()
    rede = mlp_uma_camada(3, entradas=2)
    perda = ajustar(rede, X, y, passos=50, perda="logistica")
    assert perda < 0.1
    H = representacao_oculta(rede, X)
    assert H.shape == (50, 3) and H.abs().max() <= 1  # tanh
    assert erro_maximo(mlp_uma_camada(2), torch.sin) > 0


@pytest.mark.parametrize(
    ("chamada", "erro", "trecho"),
    [
        (lambda: mlp_uma_camada(0), ValueError, "neuronios: esperava um int >= 1, recebi 0"),
        (lambda: mlp_uma_camada(2.5), TypeError, r"neuronios: esperava um int >= 1, recebi float \(2.5\)"),
        (lambda: pontos(10, 1.0, 0.0), ValueError, "inicio < fim"),
        (lambda: aproximar("sin", 4), TypeError, "funcao: esperava uma função"),
        (lambda: ajustar(mlp_uma_camada(2), pontos(4), pontos(4), perda="l1"), ValueError, "perda"),
        (lambda: ajustar(mlp_uma_camada(2), pontos(4), pontos(3)), ValueError, r"y: esperava formato \(4,"),
        (lambda: ajustar(mlp_uma_camada(2), pontos(4), torch.ones(4, 1).long()), TypeError, "ponto"),
        (lambda: ajustar(mlp_uma_camada(2), [[0.0]], pontos(1)), TypeError, "torch.Tensor"),
        (lambda: ajustar(mlp_uma_camada(2), torch.zeros(0, 1), torch.zeros(0, 1)), ValueError, "N >= 1"),
        (lambda: erros_maximos({}), ValueError, "funcoes: esperava um dicionário com ao menos uma"),
        (lambda: erros_maximos([torch.sin]), ValueError, "funcoes: esperava um dicionário"),
        (lambda: erros_maximos(lista_neuronios=()), ValueError, "lista_neuronios: .* lista vazia"),
        (lambda: erros_maximos(lista_neuronios=(0,)), ValueError, "lista_neuronios: esperava um int >= 1"),
        (lambda: erros_maximos(sementes=[]), ValueError, "sementes: esperava ao menos uma semente"),
        (lambda: erros_maximos(sementes=[0.5]), TypeError, "sementes: esperava um int >= 0"),
        (lambda: representacao_oculta(mlp_uma_camada(3), torch.zeros(4, 2)), ValueError, r"\(N, 1\)"),
        (lambda: representacao_oculta(torch.nn.Linear(1, 1), torch.zeros(4, 1)), TypeError, "Sequential"),
    ],
)
def test_erros_de_entrada(chamada, erro, trecho):
    with pytest.raises(erro, match=trecho):
        chamada()
