import doctest
import re

import pytest
import torch
from torch import nn

import pytorchdl_snippets.redes as redes
from pytorchdl_snippets.redes import (
    MLP,
    classificar_pelo_sinal,
    combinar_lineares,
    contar_parametros,
    numero_de_parametros,
)


def test_mlp_tem_linear_e_ativacao_por_camada_oculta():
    modelo = MLP(2, [8, 4], 3, ativacao=nn.Tanh)
    tipos = [type(c) for c in modelo.camadas]
    assert tipos == [nn.Linear, nn.Tanh, nn.Linear, nn.Tanh, nn.Linear]
    assert [(c.in_features, c.out_features) for c in modelo.camadas if isinstance(c, nn.Linear)] == [
        (2, 8),
        (8, 4),
        (4, 3),
    ]


def test_mlp_sem_ocultas_e_uma_linear():
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
        ((0, [4], 1), ValueError, "entradas: esperava um int >= 1, recebi 0"),
        ((2, [4], -1), ValueError, "saidas: esperava um int >= 1, recebi -1"),
        ((2.0, [4], 1), TypeError, "entradas: esperava um int >= 1, recebi float"),
        ((2, [4, 0], 1), ValueError, r"ocultas\[1\]: esperava um int >= 1, recebi 0"),
        ((2, [True], 1), TypeError, r"ocultas\[0\]: esperava um int >= 1, recebi bool"),
        ((2, 4, 1), TypeError, "ocultas: esperava uma sequência de ints"),
        ((2, "44", 1), TypeError, "ocultas: esperava uma sequência de ints"),
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


def test_numero_de_parametros_confere_com_o_modelo():
    assert numero_de_parametros([2, 16, 16, 1]) == contar_parametros(MLP(2, [16, 16], 1)) == 337
    assert numero_de_parametros([3, 1]) == 4


@pytest.mark.parametrize(
    ("tamanhos", "erro", "mensagem"),
    [
        ([3], ValueError, "tamanhos: esperava ao menos 2 tamanhos"),
        ([3, 0], ValueError, r"tamanhos\[1\]: esperava um int >= 1, recebi 0"),
        (5, TypeError, "tamanhos: esperava uma sequência de ints"),
        ([2.5, 1], TypeError, r"tamanhos\[0\]: esperava um int >= 1, recebi float"),
    ],
)
def test_numero_de_parametros_valida(tamanhos, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        numero_de_parametros(tamanhos)


def test_classificar_pelo_sinal():
    X = torch.tensor([[2.0, 2.0], [0.0, 3.0], [2.0, 0.0]])  # sobre, acima e abaixo de x2 = x1/2 + 1
    classes = classificar_pelo_sinal(X, torch.tensor([-0.5, 1.0]), torch.tensor(-1.0))
    assert classes.dtype == torch.int64
    assert classes.tolist() == [0, 1, 0]  # sobre a reta (valor 0) conta como classe 0


def test_classificar_pelo_sinal_igual_a_nn_linear():
    torch.manual_seed(0)
    camada = nn.Linear(3, 1)
    X = torch.randn(100, 3)
    esperado = (camada(X).squeeze(1) > 0).long()
    obtido = classificar_pelo_sinal(X, camada.weight.detach()[0], camada.bias.detach())
    assert torch.equal(obtido, esperado)


@pytest.mark.parametrize(
    ("X", "w", "b", "erro", "mensagem"),
    [
        ([1.0, 2.0], [1.0, 1.0], 0.0, ValueError, r"X: esperava formato \(N, d\), recebi \(2,\)"),
        ([[1.0, 2.0]], [1.0, 1.0, 1.0], 0.0, ValueError, "w: esperava 2 pesos"),
        ([[1.0, 2.0]], [1.0, 1.0], [0.0, 1.0], ValueError, "b: esperava um único número"),
        ("abc", [1.0], 0.0, TypeError, "X: esperava um tensor ou uma lista de números, recebi str"),
    ],
)
def test_classificar_pelo_sinal_valida(X, w, b, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        classificar_pelo_sinal(X, w, b)


@pytest.mark.parametrize("com_vies", [True, False])
def test_combinar_lineares_equivale_as_duas(com_vies):
    torch.manual_seed(0)
    primeira, segunda = nn.Linear(3, 4, bias=com_vies), nn.Linear(4, 2)
    combinada = combinar_lineares(primeira, segunda)
    X = torch.randn(10, 3)
    assert torch.allclose(combinada(X), segunda(primeira(X)), atol=1e-6)
    assert combinada.weight.shape == (2, 3) and combinada.bias.shape == (2,)


def test_combinar_lineares_valida():
    with pytest.raises(ValueError, match="segunda: esperava in_features=4"):
        combinar_lineares(nn.Linear(3, 4), nn.Linear(5, 2))
    with pytest.raises(TypeError, match=r"primeira: esperava uma nn\.Linear, recebi ReLU"):
        combinar_lineares(nn.ReLU(), nn.Linear(5, 2))


def test_combinar_lineares_nao_consome_o_gerador_e_mantem_o_tipo():
    primeira, segunda = nn.Linear(3, 4).double(), nn.Linear(4, 2).double()
    torch.manual_seed(0)
    esperado = torch.rand(3)
    torch.manual_seed(0)
    combinada = combinar_lineares(primeira, segunda)
    assert torch.equal(torch.rand(3), esperado)  # o estado aleatório não mudou
    assert combinada.weight.dtype == torch.float64
    x = torch.randn(5, 3, dtype=torch.float64)
    assert torch.allclose(combinada(x), segunda(primeira(x)))


# --- a serra de Telgarsky: profundidade × largura ---------------------------


def test_tenda_e_serra_nos_pontos_conhecidos():
    from pytorchdl_snippets.redes import serra, tenda

    x = torch.tensor([-1.0, -0.5, 0.0, 0.5, 1.0])
    assert torch.equal(tenda(x), torch.tensor([-1.0, 0.0, 1.0, 0.0, -1.0]))
    assert torch.equal(serra(x, 1), tenda(x))
    assert torch.equal(serra(x, 2), tenda(tenda(x)))
    # serra(x, k) tem 2**k pedaços lineares: 2**(k-1) dentes com pico em 1
    grade = torch.linspace(-1, 1, 2**6 + 1)
    assert int((serra(grade, 3) == 1).sum()) == 4


def test_rede_serra_reproduz_a_serra_com_6k_mais_1_parametros():
    from pytorchdl_snippets.redes import rede_serra, serra

    for k in (1, 2, 4, 6):
        rede = rede_serra(k)
        assert contar_parametros(rede) == 6 * k + 1
        x = torch.linspace(-1, 1, 1001).unsqueeze(1)
        with torch.no_grad():
            assert torch.allclose(rede(x), serra(x, k), atol=1e-5)


def test_rede_profunda_tem_k_camadas_ocultas_de_largura_dada():
    from pytorchdl_snippets.redes import rede_profunda, rede_serra

    rede = rede_profunda(3, largura=2)
    lineares = [m for m in rede if isinstance(m, nn.Linear)]
    assert [(c.in_features, c.out_features) for c in lineares] == [(1, 2), (2, 2), (2, 2), (2, 1)]
    assert contar_parametros(rede) == contar_parametros(rede_serra(3))


@pytest.mark.parametrize(
    ("chamada", "erro", "mensagem"),
    [
        (lambda r: r.serra(torch.zeros(2), 0), ValueError, "k: esperava um int >= 1, recebi 0"),
        (lambda r: r.serra([0.0], 1), TypeError, "x: esperava um torch.Tensor, recebi list"),
        (lambda r: r.rede_serra(1.5), TypeError, "k: esperava um int >= 1"),
        (lambda r: r.rede_profunda(2, largura=0), ValueError, "largura: esperava um int >= 1"),
    ],
)
def test_serra_valida_argumentos(chamada, erro, mensagem):
    with pytest.raises(erro, match=re.escape(mensagem)):
        chamada(redes)


# --- calibração ---------------------------------------------------------------


def test_tabela_calibracao_agrupa_por_faixa():
    from pytorchdl_snippets.redes import tabela_calibracao

    p = torch.tensor([0.05, 0.15, 0.55, 0.95, 0.85, 1.0])
    y = torch.tensor([0, 1, 1, 1, 0, 1])
    tabela = tabela_calibracao(p, y, faixas=2)
    assert list(tabela.index) == ["0.0-0.5", "0.5-1.0"]
    assert tabela["exemplos"].tolist() == [2, 4]
    assert tabela["prevista"].round(4).tolist() == [0.1, 0.8375]
    assert tabela["observada"].tolist() == [0.5, 0.75]


def test_tabela_calibracao_omite_faixas_vazias():
    from pytorchdl_snippets.redes import tabela_calibracao

    tabela = tabela_calibracao(torch.tensor([0.1, 0.9]), torch.tensor([0.0, 1.0]), faixas=5)
    assert list(tabela.index) == ["0.0-0.2", "0.8-1.0"]


@pytest.mark.parametrize(
    ("p", "y", "faixas", "erro", "mensagem"),
    [
        (
            torch.tensor([0.5, 1.5]),
            torch.tensor([0, 1]),
            5,
            ValueError,
            "probabilidades: esperava valores em [0, 1]",
        ),
        (
            torch.tensor([0.5, 0.5]),
            torch.tensor([0, 1, 1]),
            5,
            ValueError,
            "rotulos: esperava formato (2,), recebi (3,)",
        ),
        (torch.tensor([0.5]), torch.tensor([2]), 5, ValueError, "rotulos: esperava só 0 e 1"),
        ([0.5], torch.tensor([1]), 5, TypeError, "probabilidades: esperava um torch.Tensor, recebi list"),
        (torch.tensor([0.5]), torch.tensor([1]), 0, ValueError, "faixas: esperava um int >= 1, recebi 0"),
    ],
)
def test_tabela_calibracao_valida(p, y, faixas, erro, mensagem):
    from pytorchdl_snippets.redes import tabela_calibracao

    with pytest.raises(erro, match=re.escape(mensagem)):
        tabela_calibracao(p, y, faixas=faixas)
