import pytest
import torch
from torch import nn

from pytorchdl_snippets.lenet import LeNet5, campos_receptivos, formatos_por_camada


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


def test_sem_batchnorm_troca_a_normalizacao_por_vies():
    com = LeNet5()
    sem = LeNet5(batchnorm=False)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in sem.modules())
    convs = [m for m in sem.modules() if isinstance(m, nn.Conv2d)]
    assert len(convs) == 2 and all(c.bias is not None for c in convs)
    # mesmas camadas de pooling e mesmas camadas densas; só a normalização muda
    assert [type(m) for m in sem.caracteristicas] == [nn.Conv2d, nn.ReLU, nn.MaxPool2d] * 2
    assert sem(torch.zeros(3, 1, 8, 8)).shape == (3, 10)
    # BatchNorm: 2 parâmetros por canal (16 + 32); sem ela, 1 viés por canal
    contar = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert contar(com) - contar(sem) == 16 + 32


def test_padrao_continua_com_batchnorm():
    assert repr(LeNet5()) == repr(LeNet5(batchnorm=True))
    assert isinstance(LeNet5().caracteristicas[1], nn.BatchNorm2d)


def test_batchnorm_precisa_ser_bool():
    with pytest.raises(TypeError, match="batchnorm: esperava True ou False, recebi int"):
        LeNet5(batchnorm=1)


def test_campos_receptivos_da_lenet():
    campos = campos_receptivos(LeNet5().caracteristicas)
    assert [(c.nome, c.tamanho, c.salto) for c in campos] == [
        ("Conv2d", 3, 1),
        ("BatchNorm2d", 3, 1),
        ("ReLU", 3, 1),
        ("MaxPool2d", 4, 2),
        ("Conv2d", 8, 2),
        ("BatchNorm2d", 8, 2),
        ("ReLU", 8, 2),
        ("MaxPool2d", 10, 4),
    ]
    # a unidade (0, 0) da primeira convolução (padding=1) começa 1 pixel antes da imagem
    assert campos[0].inicio == -1
    assert campos[-1].inicio == -3  # 4 e 5: pixels -3 a 6, recortados na imagem


def test_campo_receptivo_confere_com_o_gradiente():
    # com pesos positivos e sem ReLU, todo pixel do campo receptivo influencia a unidade
    camadas = nn.Sequential(
        nn.Conv2d(1, 1, 3, padding=1, bias=False),
        nn.AvgPool2d(2),
        nn.Conv2d(1, 1, 3, padding=1, bias=False),
        nn.AvgPool2d(2),
    )
    for p in camadas.parameters():
        nn.init.constant_(p, 1.0)
    x = torch.zeros(1, 1, 16, 16, requires_grad=True)
    camadas(x)[0, 0, 1, 1].backward()
    linhas, colunas = torch.nonzero(x.grad[0, 0], as_tuple=True)
    campo = campos_receptivos(camadas)[-1]
    inicio = campo.inicio + 1 * campo.salto
    assert (int(linhas.min()), int(linhas.max())) == (inicio, inicio + campo.tamanho - 1)
    assert (int(colunas.min()), int(colunas.max())) == (inicio, inicio + campo.tamanho - 1)


def test_campos_receptivos_recusa_camadas_desconhecidas():
    with pytest.raises(TypeError, match=r"camadas: esperava um nn\.Sequential"):
        campos_receptivos([nn.Conv2d(1, 1, 3)])
    with pytest.raises(ValueError, match="Linear"):
        campos_receptivos(nn.Sequential(nn.Linear(2, 2)))


def test_a_classe_da_licao_e_a_do_pacote_montam_a_mesma_rede():
    # A lição LeNet-5 define a classe (ensina); as páginas seguintes importam a do pacote. Esta é a
    # única reconciliação das duas: mesma arquitetura e mesmas saídas com os mesmos pesos iniciais.
    from curso.licao import ler_pagina

    (bloco,) = [b for b in ler_pagina("convolucionais/lenet.md").executados if "class LeNet5" in b.codigo]
    espaco = {"nn": nn}
    exec(bloco.codigo, espaco)
    da_licao, do_pacote = espaco["LeNet5"], LeNet5
    assert repr(da_licao()) == repr(do_pacote())
    x = torch.randn(3, 1, 8, 8, generator=torch.Generator().manual_seed(0))
    torch.manual_seed(1)
    a = da_licao().eval()
    torch.manual_seed(1)
    b = do_pacote().eval()
    assert torch.equal(a(x), b(x))
