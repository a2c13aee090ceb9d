"""Testes de ``curva_da_taxa``: a taxa de aprendizado de cada passo de um agendador."""

import itertools
import math

import pytest
import torch

from pytorchdl_snippets.treino import curva_da_taxa


def test_constante_repete_a_taxa_inicial():
    curva = curva_da_taxa(lambda o: torch.optim.lr_scheduler.ConstantLR(o, factor=1.0), passos=5)
    assert curva == [0.1] * 5


def test_steplr_divide_a_taxa_a_cada_degrau():
    curva = curva_da_taxa(
        lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5), passos=6, lr=1.0
    )
    assert curva == [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]


def test_cosseno_vai_da_taxa_inicial_a_zero():
    curva = curva_da_taxa(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10), passos=11)
    assert curva[0] == pytest.approx(0.1)
    assert curva[5] == pytest.approx(0.05)
    assert curva[10] == pytest.approx(0.0, abs=1e-12)
    assert all(a >= b for a, b in itertools.pairwise(curva))


def test_onecycle_sobe_e_desce():
    curva = curva_da_taxa(
        lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=1.0, total_steps=100), passos=100
    )
    pico = curva.index(max(curva))
    assert 20 <= pico <= 35
    assert max(curva) == pytest.approx(1.0)
    assert curva[0] < 0.1 and curva[-1] < 1e-3


def test_nao_muda_o_estado_global_do_gerador():
    torch.manual_seed(0)
    antes = torch.rand(1)
    torch.manual_seed(0)
    curva_da_taxa(lambda o: torch.optim.lr_scheduler.ConstantLR(o, factor=1.0), passos=3)
    assert torch.equal(torch.rand(1), antes)


def test_erros_com_mensagens_claras():
    constante = lambda o: torch.optim.lr_scheduler.ConstantLR(o, factor=1.0)  # noqa: E731
    with pytest.raises(ValueError, match="passos: esperava um int >= 1, recebi 0"):
        curva_da_taxa(constante, passos=0)
    with pytest.raises(TypeError, match="passos"):
        curva_da_taxa(constante, passos=2.5)
    with pytest.raises(ValueError, match=r"lr: esperava um número positivo, recebi -0\.1"):
        curva_da_taxa(constante, passos=3, lr=-0.1)
    with pytest.raises(ValueError, match="lr"):
        curva_da_taxa(constante, passos=3, lr=math.nan)
    with pytest.raises(TypeError, match="lr: esperava um número"):
        curva_da_taxa(constante, passos=3, lr="0.1")
    with pytest.raises(TypeError, match="criar_agendador: esperava uma função"):
        curva_da_taxa("cosseno", passos=3)
    with pytest.raises(TypeError, match=r"criar_agendador: esperava .* agendador .* recebi SGD"):
        curva_da_taxa(lambda o: o, passos=3)
