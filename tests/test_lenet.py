import pytest
import torch
from torch import nn

from pytorchdl_snippets.lenet import LeNet5, formatos_por_camada


def test_formatos_de_cada_camada_para_digitos_8x8():
    modelo = LeNet5()
    formatos = formatos_por_camada(modelo, torch.zeros(5, 1, 8, 8))
    assert formatos == [
        ("caracteristicas.0", (5, 16, 8, 8)),
        ("caracteristicas.1", (5, 16, 8, 8)),
        ("caracteristicas.2", (5, 16, 8, 8)),
        ("caracteristicas.3", (5, 16, 4, 4)),
        ("caracteristicas.4", (5, 32, 4, 4)),
        ("caracteristicas.5", (5, 32, 4, 4)),
        ("caracteristicas.6", (5, 32, 4, 4)),
        ("caracteristicas.7", (5, 32, 2, 2)),
        ("classificador.0", (5, 128)),
        ("classificador.1", (5, 120)),
        ("classificador.2", (5, 120)),
        ("classificador.3", (5, 84)),
        ("classificador.4", (5, 84)),
        ("classificador.5", (5, 10)),
    ]


def test_formatos_por_camada_restaura_o_modo_e_nao_guarda_ganchos():
    modelo = LeNet5()
    modelo.train()
    formatos_por_camada(modelo, torch.zeros(2, 1, 8, 8))
    assert modelo.training
    assert all(not m._forward_hooks for m in modelo.modules())
    # também serve para qualquer modelo, e em modo eval a BatchNorm aceita um lote de 1
    assert formatos_por_camada(nn.Sequential(nn.Linear(3, 2)), torch.zeros(1, 3)) == [("0", (1, 2))]


def test_variacoes_de_classes_canais_lado_e_filtros():
    assert LeNet5(classes=5)(torch.zeros(2, 1, 8, 8)).shape == (2, 5)
    assert LeNet5(canais=3, lado=16)(torch.zeros(2, 3, 16, 16)).shape == (2, 10)
    modelo = LeNet5(filtros=(6, 16))
    assert modelo.caracteristicas[4].weight.shape == (16, 6, 3, 3)
    assert modelo.classificador[1].in_features == 64


def test_logits_sem_softmax_e_gradientes():
    torch.manual_seed(0)
    modelo = LeNet5()
    saida = modelo(torch.rand(4, 1, 8, 8))
    assert not torch.allclose(saida.softmax(dim=1).sum(dim=1), saida.sum(dim=1))
    nn.CrossEntropyLoss()(saida, torch.tensor([0, 1, 2, 3])).backward()
    assert all(p.grad is not None for p in modelo.parameters())


@pytest.mark.parametrize(
    ("formato", "mensagem"),
    [
        ((2, 3, 8, 8), r"x: esperava formato \(B, 1, 8, 8\), recebi \(2, 3, 8, 8\)"),
        ((2, 1, 28, 28), r"recebi \(2, 1, 28, 28\)"),
        ((1, 8, 8), r"recebi \(1, 8, 8\)"),
    ],
)
def test_entrada_com_formato_errado(formato, mensagem):
    with pytest.raises(ValueError, match=mensagem):
        LeNet5()(torch.zeros(formato))


@pytest.mark.parametrize(
    ("argumentos", "erro", "mensagem"),
    [
        ({"classes": 0}, ValueError, "classes: esperava um int >= 1, recebi 0"),
        ({"canais": 1.0}, TypeError, "canais: esperava um int >= 1, recebi float"),
        ({"lado": 10}, ValueError, "lado: esperava um int múltiplo de 4"),
        ({"lado": 2}, ValueError, "lado: esperava um int >= 4"),
        ({"filtros": (16,)}, ValueError, "filtros: esperava uma tupla de dois ints"),
    ],
)
def test_argumentos_invalidos(argumentos, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        LeNet5(**argumentos)


def test_formatos_por_camada_tipos_invalidos():
    with pytest.raises(TypeError, match=r"modelo: esperava um torch\.nn\.Module"):
        formatos_por_camada("rede", torch.zeros(1))
    with pytest.raises(TypeError, match=r"entrada: esperava um torch\.Tensor"):
        formatos_por_camada(LeNet5(), [[0.0]])
