import pytest
import torch
from torch import nn

from pytorchdl_snippets.inicializacao import mlp_profundo, normas_do_gradiente


def _dados():
    torch.manual_seed(0)
    return torch.randn(32, 64), torch.randint(0, 10, (32,))


def test_profundidade_conta_as_camadas_lineares():
    modelo = mlp_profundo(profundidade=5, largura=8)
    lineares = [c for c in modelo.modules() if isinstance(c, nn.Linear)]
    assert len(lineares) == 5
    assert modelo(torch.randn(3, 64)).shape == (3, 10)


def test_uma_norma_por_camada_linear():
    X, y = _dados()
    assert len(normas_do_gradiente(mlp_profundo(profundidade=6), X, y)) == 6


def test_sigmoide_profunda_some_e_o_atalho_conserta():
    X, y = _dados()
    torch.manual_seed(0)
    sem = normas_do_gradiente(mlp_profundo(ativacao="sigmoide"), X, y)
    torch.manual_seed(0)
    com = normas_do_gradiente(mlp_profundo(ativacao="sigmoide", residual=True), X, y)
    assert sem[0] / sem[-1] < 1e-6  # o gradiente some a caminho da entrada
    assert com[0] / com[-1] > 1e-3


def test_he_preserva_o_gradiente_da_relu():
    X, y = _dados()
    torch.manual_seed(0)
    padrao = normas_do_gradiente(mlp_profundo(ativacao="relu"), X, y)
    torch.manual_seed(0)
    he = normas_do_gradiente(mlp_profundo(ativacao="relu", inicializacao="he"), X, y)
    assert he[0] / he[-1] > 100 * padrao[0] / padrao[-1]


def test_he_zera_os_vieses():
    modelo = mlp_profundo(profundidade=3, inicializacao="he")
    assert all(torch.all(c.bias == 0) for c in modelo.modules() if isinstance(c, nn.Linear))


@pytest.mark.parametrize(
    ("argumentos", "erro", "mensagem"),
    [
        ({"profundidade": 1}, ValueError, "profundidade: esperava um int >= 2"),
        ({"ativacao": "seno"}, ValueError, "ativacao: esperava uma de"),
        ({"inicializacao": "zeros"}, ValueError, "inicializacao: esperava uma de"),
        ({"largura": 2.0}, TypeError, "largura: esperava um int"),
    ],
)
def test_argumentos_invalidos(argumentos, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        mlp_profundo(**argumentos)


def test_normas_validam_formatos():
    with pytest.raises(ValueError, match=r"X, y: esperava X \(N, entradas\)"):
        normas_do_gradiente(mlp_profundo(profundidade=2), torch.randn(4, 1, 64), torch.zeros(4))
    with pytest.raises(ValueError, match=r"modelo: esperava pelo menos uma camada nn\.Linear"):
        normas_do_gradiente(nn.ReLU(), torch.randn(4, 64), torch.zeros(4))
