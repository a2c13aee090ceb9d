import pandas as pd
import pytest
import torch
from torch.utils.data import DataLoader, Subset

from pytorchdl_snippets.dados import Padronizar, TabelaCSV, dividir_indices

# --- dividir_indices -------------------------------------------------------------------------


def test_dividir_indices_disjuntos_cobrem_tudo_e_reprodutiveis():
    partes = dividir_indices(442, [0.6, 0.2, 0.2], semente=0)
    assert [len(p) for p in partes] == [265, 88, 89]
    todos = torch.cat(partes)
    assert sorted(todos.tolist()) == list(range(442))
    assert all(torch.equal(a, b) for a, b in zip(partes, dividir_indices(442, [0.6, 0.2, 0.2]), strict=True))
    assert not torch.equal(partes[0], dividir_indices(442, [0.6, 0.2, 0.2], semente=1)[0])


@pytest.mark.parametrize(
    ("n", "fracoes", "trecho"),
    [
        (0, [0.5, 0.5], "n: esperava um int >= 1, recebi 0"),
        (10, [1.0], "duas ou mais"),
        (10, [0.5, -0.5, 1.0], "positivas"),
        (10, [0.5, 0.6], "somam 1"),
        (3, [0.9, 0.05, 0.05], "vazia"),
    ],
)
def test_dividir_indices_invalidos(n, fracoes, trecho):
    with pytest.raises(ValueError, match=trecho):
        dividir_indices(n, fracoes)


# --- Padronizar ------------------------------------------------------------------------------


def test_padronizar_usa_so_as_estatisticas_do_treino():
    treino = torch.tensor([[0.0, 10.0], [2.0, 10.0], [4.0, 10.0]])
    teste = torch.tensor([[6.0, 11.0]])
    p = Padronizar.ajustar(treino)
    assert torch.allclose(p(treino).mean(dim=0), torch.zeros(2))
    assert torch.allclose(
        p(teste), torch.tensor([[2.0, 1.0]])
    )  # média 2, desvio 2; coluna constante: desvio 1
    assert "colunas=2" in repr(p)


def test_padronizar_erros():
    with pytest.raises(ValueError, match=r"X: esperava formato \(N, C\) com N >= 2, recebi \(1, 3\)"):
        Padronizar.ajustar(torch.zeros(1, 3))
    with pytest.raises(TypeError, match="X: esperava um tensor float"):
        Padronizar.ajustar(torch.zeros(4, 3, dtype=torch.long))
    with pytest.raises(ValueError, match="mesmo formato"):
        Padronizar(torch.zeros(3), torch.ones(2))
    with pytest.raises(ValueError, match=r"esperava 3 características.*recebi formato \(2, 4\)"):
        Padronizar.ajustar(torch.randn(5, 3))(torch.zeros(2, 4))


# --- TabelaCSV -------------------------------------------------------------------------------


@pytest.fixture
def csv(tmp_path):
    caminho = tmp_path / "dados.csv"
    pd.DataFrame(
        {"a": [1.0, 2.0, 3.0, 4.0], "b": [0, 1, 0, 1], "nome": list("wxyz"), "y": [10, 20, 30, 40]}
    ).to_csv(caminho, index=False)
    return caminho


def test_tabela_csv_itens_e_lotes(csv):
    tabela = TabelaCSV(csv, alvo="y", colunas=["a", "b"])
    assert len(tabela) == 4 and tabela.caracteristicas == ["a", "b"]
    x, y = tabela[1]
    assert x.dtype == torch.float32 and x.tolist() == [2.0, 1.0]
    assert y.dtype == torch.float32 and y.item() == 20.0
    xs, ys = next(iter(DataLoader(tabela, batch_size=3)))
    assert xs.shape == (3, 2) and ys.shape == (3,)


def test_tabela_csv_transformacao_e_tipo_do_alvo(csv):
    indices = torch.tensor([0, 1])
    crua = TabelaCSV(csv, alvo="b", colunas=["a"], tipo_alvo=torch.int64)
    padronizar = Padronizar.ajustar(crua.X[indices])
    tabela = TabelaCSV(csv, alvo="b", colunas=["a"], transformacao=padronizar, tipo_alvo=torch.int64)
    treino = Subset(tabela, indices.tolist())
    assert [round(treino[i][0].item(), 4) for i in range(2)] == [-0.7071, 0.7071]
    assert tabela[3][1].dtype == torch.int64


def test_tabela_csv_erros(csv, tmp_path):
    with pytest.raises(FileNotFoundError, match="caminho"):
        TabelaCSV(tmp_path / "nada.csv", alvo="y")
    with pytest.raises(ValueError, match="alvo: a coluna 'z' não existe"):
        TabelaCSV(csv, alvo="z")
    with pytest.raises(ValueError, match=r"colunas: não existem no CSV: \['c'\]"):
        TabelaCSV(csv, alvo="y", colunas=["a", "c"])
    with pytest.raises(TypeError, match=r"numéricas.*\['nome'\]"):
        TabelaCSV(csv, alvo="y")
    with pytest.raises(TypeError, match="transformacao"):
        TabelaCSV(csv, alvo="y", colunas=["a"], transformacao=3)
