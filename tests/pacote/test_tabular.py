import pandas as pd
import pytest
import torch

from pytorchdl_snippets.tabular import CodificadorCategorias, gerar_tabela


def test_tabela_tem_as_colunas_e_os_niveis_pedidos():
    tabela = gerar_tabela(300, niveis={"cidade": 5, "produto": 40}, semente=0)
    assert isinstance(tabela, pd.DataFrame)
    assert list(tabela.columns) == ["preco", "temperatura", "cidade", "produto", "vendas"]
    assert len(tabela) == 300
    assert tabela["cidade"].nunique() == 5
    assert set(tabela["produto"]) <= {f"produto_{i:02d}" for i in range(40)}
    assert set(tabela.attrs["efeitos"]) == {"cidade", "produto"}
    assert tabela.attrs["efeitos"]["produto"].shape == (40,)


def test_mesma_semente_mesma_tabela():
    a = gerar_tabela(50, semente=3)
    b = gerar_tabela(50, semente=3)
    pd.testing.assert_frame_equal(a, b)
    assert not gerar_tabela(50, semente=4).equals(a)


def test_o_alvo_e_a_parte_numerica_mais_os_efeitos_mais_o_ruido():
    sem_ruido = gerar_tabela(200, niveis={"loja": 3}, ruido=0.0, semente=1)
    efeitos = sem_ruido.attrs["efeitos"]["loja"]
    nivel = sem_ruido["loja"].str.removeprefix("loja_").astype(int).to_numpy()
    numerica = sem_ruido["vendas"] - efeitos[nivel]
    # sem ruído, o que sobra depois de tirar o efeito da loja depende só das colunas numéricas
    ajuste = numerica - sem_ruido.attrs["parte_numerica"]
    assert ajuste.abs().max() <= 0.005 + 1e-9  # vendas vem com 2 casas
    com_ruido = gerar_tabela(200, niveis={"loja": 3}, ruido=0.5, semente=1)
    residuo = com_ruido["vendas"] - sem_ruido["vendas"]
    assert 0.4 < residuo.std() < 0.6


def test_codificador_reserva_o_zero_para_desconhecida():
    cod = CodificadorCategorias.ajustar(["b", "a", "b", "c"])
    assert cod.categorias == ("a", "b", "c")
    assert len(cod) == 4  # três categorias + "desconhecida"
    assert cod.codificar(["a", "c", "z"]).tolist() == [1, 3, 0]
    assert cod.codificar(pd.Series(["b"])).dtype == torch.long


def test_codificador_manda_as_raras_para_desconhecida():
    cod = CodificadorCategorias.ajustar(["a", "a", "b", "c", "c"], minimo=2)
    assert cod.categorias == ("a", "c")
    assert cod.codificar(["a", "b", "c"]).tolist() == [1, 0, 2]


@pytest.mark.parametrize(
    ("chamada", "erro", "mensagem"),
    [
        (lambda: gerar_tabela(0), ValueError, "n: esperava um int >= 1"),
        (lambda: gerar_tabela(10.0), TypeError, "n: esperava um int"),
        (lambda: gerar_tabela(10, niveis={}), ValueError, "niveis: esperava"),
        (lambda: gerar_tabela(10, niveis={"cidade": 0}), ValueError, "niveis\\['cidade'\\]"),
        (lambda: gerar_tabela(10, niveis={"vendas": 3}), ValueError, "niveis: o nome 'vendas'"),
        (lambda: gerar_tabela(10, ruido=-1.0), ValueError, "ruido: esperava um número >= 0"),
        (lambda: gerar_tabela(10, ruido="alto"), TypeError, "ruido: esperava um número"),
        (lambda: CodificadorCategorias.ajustar("abc"), TypeError, "valores: esperava"),
        (lambda: CodificadorCategorias.ajustar([]), ValueError, "valores: esperava pelo menos"),
        (lambda: CodificadorCategorias.ajustar(["a"], minimo=0), ValueError, "minimo: esperava"),
        (lambda: CodificadorCategorias.ajustar(["a"], minimo=2), ValueError, "minimo: nenhuma"),
        (lambda: CodificadorCategorias.ajustar(["a"]).codificar("a"), TypeError, "valores:"),
    ],
)
def test_argumentos_invalidos(chamada, erro, mensagem):
    with pytest.raises(erro, match=mensagem):
        chamada()
