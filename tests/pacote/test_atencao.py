"""Testes de pytorchdl_snippets.atencao: atenção por produto escalar, máscara, posições e o GPT."""

import math

import pytest
import torch
import torch.nn.functional as F

from pytorchdl_snippets.atencao import (
    GPT,
    atencao,
    codificacao_posicional,
    lote_inverter,
    mascara_causal,
)


def test_atencao_igual_a_do_pytorch_com_e_sem_mascara():
    torch.manual_seed(0)
    q, k, v = torch.randn(3, 2, 5, 4).unbind(0)
    saida, pesos = atencao(q, k, v)
    assert torch.allclose(saida, F.scaled_dot_product_attention(q, k, v), atol=1e-6)
    assert torch.allclose(pesos.sum(-1), torch.ones(2, 5))
    causal, pesos = atencao(q, k, v, mascara=mascara_causal(5))
    esperado = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    assert torch.allclose(causal, esperado, atol=1e-6)
    assert (pesos.triu(1) == 0).all()


def test_atencao_valida_as_formas():
    q = torch.randn(5, 4)
    with pytest.raises(TypeError, match="q: esperava um tensor"):
        atencao([1.0], q, q)
    with pytest.raises(ValueError, match=r"k: esperava a última dimensão 4, como q, recebi 3"):
        atencao(q, torch.randn(5, 3), q)
    with pytest.raises(ValueError, match=r"v: esperava 5 posições, como k, recebi 6"):
        atencao(q, q, torch.randn(6, 4))
    with pytest.raises(ValueError, match=r"mascara: esperava a forma \(5, 5\), recebi \(4, 4\)"):
        atencao(q, q, q, mascara=mascara_causal(4))


def test_mascara_causal():
    assert mascara_causal(3).tolist() == [
        [True, False, False],
        [True, True, False],
        [True, True, True],
    ]
    with pytest.raises(ValueError, match="T: esperava um int >= 1, recebi 0"):
        mascara_causal(0)


def test_codificacao_posicional_senos_e_cossenos():
    P = codificacao_posicional(6, 4)
    assert P.shape == (6, 4)
    assert torch.equal(P[0], torch.tensor([0.0, 1.0, 0.0, 1.0]))
    assert math.isclose(P[1, 0].item(), math.sin(1.0), rel_tol=1e-6)
    assert math.isclose(P[1, 3].item(), math.cos(1 / 100), rel_tol=1e-6)
    assert torch.allclose(P.pow(2).sum(1), torch.full((6,), 2.0))
    with pytest.raises(ValueError, match="d: esperava um número par, recebi 3"):
        codificacao_posicional(4, 3)


def test_lote_inverter():
    gerador = torch.Generator().manual_seed(0)
    entrada, alvo = lote_inverter(7, 3, simbolos=5, gerador=gerador)
    assert entrada.shape == (7, 6) and alvo.shape == (7, 3)
    assert torch.equal(entrada[:, 3:], torch.full((7, 3), 5))
    assert torch.equal(alvo, entrada[:, :3].flip(1))
    assert int(entrada[:, :3].max()) < 5
    with pytest.raises(ValueError, match="comprimento: esperava um int >= 1"):
        lote_inverter(7, 0)


def test_gpt_formas_causalidade_e_validacao():
    torch.manual_seed(0)
    modelo = GPT(vocabulario=11, contexto=8, d=16, cabecas=2, camadas=2)
    x = torch.randint(0, 11, (3, 8))
    logits = modelo(x)
    assert logits.shape == (3, 8, 11)
    # causal: mudar o último token não muda as previsões das posições anteriores
    y = x.clone()
    y[:, -1] = (y[:, -1] + 1) % 11
    assert torch.allclose(modelo(y)[:, :-1], logits[:, :-1], atol=1e-6)
    assert modelo(x[:, :5]).shape == (3, 5, 11)
    with pytest.raises(ValueError, match="x: esperava no máximo 8 posições"):
        modelo(torch.zeros(1, 9, dtype=torch.long))
    with pytest.raises(ValueError, match="d: esperava um múltiplo de cabecas=3, recebi 16"):
        GPT(vocabulario=11, contexto=8, d=16, cabecas=3, camadas=1)
