"""Testes de pytorchdl_snippets.generativos: os dígitos divididos em [0, 1] e o mosaico de imagens."""

import pytest
import torch

from pytorchdl_snippets.generativos import dividir_digitos, mosaico


def test_dividir_digitos_em_treino_validacao_e_teste():
    d = dividir_digitos()
    assert [len(x) for x in (d.X_treino, d.X_val, d.X_teste)] == [1078, 359, 360]
    assert [len(y) for y in (d.y_treino, d.y_val, d.y_teste)] == [1078, 359, 360]
    assert d.X_treino.shape == (1078, 64)
    assert d.X_treino.dtype == torch.float32 and d.y_treino.dtype == torch.int64
    todos = torch.cat([d.X_treino, d.X_val, d.X_teste])
    assert todos.min() == 0 and todos.max() == 1
    assert sorted(torch.cat([d.y_treino, d.y_val, d.y_teste]).bincount().tolist())[0] >= 170


def test_dividir_digitos_e_reprodutivel_e_muda_com_a_semente():
    a, b, c = dividir_digitos(semente=0), dividir_digitos(semente=0), dividir_digitos(semente=1)
    assert torch.equal(a.X_teste, b.X_teste) and torch.equal(a.y_val, b.y_val)
    assert not torch.equal(a.X_teste, c.X_teste)


def test_dividir_digitos_partes_disjuntas_que_cobrem_tudo():
    d = dividir_digitos(fracoes=(0.5, 0.25, 0.25))
    assert [len(x) for x in (d.X_treino, d.X_val, d.X_teste)] == [898, 449, 450]
    linhas = {tuple(x.tolist()) for x in torch.cat([d.X_treino, d.X_val, d.X_teste])}
    from sklearn.datasets import load_digits

    assert len(linhas) == len({tuple(x) for x in load_digits().data.tolist()})


def test_dividir_digitos_valida_os_argumentos():
    with pytest.raises(ValueError, match="fracoes: esperava três frações"):
        dividir_digitos(fracoes=(0.8, 0.2))
    with pytest.raises(ValueError, match="somam 1"):
        dividir_digitos(fracoes=(0.5, 0.3, 0.3))
    with pytest.raises(TypeError, match="semente: esperava um int"):
        dividir_digitos(semente=0.5)


def test_mosaico_poe_as_imagens_em_grade_com_espaco():
    imagens = torch.arange(4 * 4, dtype=torch.float32).view(4, 2, 2)
    grade = mosaico(imagens, colunas=3, espaco=1, fundo=-1.0)
    # 2 linhas de 3 colunas de 2×2, com 1 de espaço entre elas (não nas bordas)
    assert grade.shape == (2 * 2 + 1, 3 * 2 + 2)
    assert torch.equal(grade[:2, :2], imagens[0])
    assert torch.equal(grade[:2, 3:5], imagens[1])
    assert torch.equal(grade[3:5, :2], imagens[3])
    assert (grade[2] == -1).all() and (grade[:, 2] == -1).all()
    assert (grade[3:5, 3:] == -1).all()  # células vazias ficam com o fundo


def test_mosaico_aceita_imagens_achatadas_quadradas():
    imagens = torch.rand(5, 64)
    grade = mosaico(imagens, colunas=5)
    assert grade.shape == (8, 5 * 8 + 4)
    assert torch.equal(grade[:, 9:17], imagens[1].view(8, 8))
    assert (grade[:, 8] == 1).all()  # fundo padrão: branco (1)


def test_mosaico_valida_os_argumentos():
    with pytest.raises(TypeError, match=r"imagens: esperava um torch\.Tensor"):
        mosaico([[0.0]], colunas=1)
    with pytest.raises(ValueError, match=r"imagens: esperava o formato \(N, h, w\) ou \(N, lado²\)"):
        mosaico(torch.rand(3, 10), colunas=1)
    with pytest.raises(ValueError, match=r"recebi \(2, 2, 2, 2\)"):
        mosaico(torch.rand(2, 2, 2, 2), colunas=1)
    with pytest.raises(ValueError, match="colunas: esperava um int >= 1, recebi 0"):
        mosaico(torch.rand(3, 4), colunas=0)
    with pytest.raises(ValueError, match="espaco: esperava um int >= 0"):
        mosaico(torch.rand(3, 4), colunas=1, espaco=-1)
