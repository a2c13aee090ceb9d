import itertools
import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from pytorchdl_snippets.pratica import faixa_de_taxas, taxa_do_minimo


def _dados(semente=0):
    gerador = torch.Generator().manual_seed(semente)
    X = torch.randn(200, 4, generator=gerador)
    y = (X[:, 0] + X[:, 1] > 0).long()
    return X, y


def _modelo():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 2))


def test_taxas_crescem_em_progressao_geometrica_de_lr_min_a_lr_max():
    X, y = _dados()
    taxas, perdas = faixa_de_taxas(_modelo(), X, y, lr_min=1e-4, lr_max=1e-2, passos=5, parada=None)
    assert len(taxas) == len(perdas) == 5
    assert taxas[0] == pytest.approx(1e-4) and taxas[-1] == pytest.approx(1e-2)
    razoes = [b / a for a, b in itertools.pairwise(taxas)]
    assert razoes == pytest.approx([razoes[0]] * 4)


def test_para_quando_a_perda_explode():
    X, y = _dados()
    taxas, perdas = faixa_de_taxas(_modelo(), X, y, lr_min=1e-3, lr_max=1e4, passos=100)
    assert len(taxas) < 100  # parou antes do fim
    ultima = perdas[-1]
    assert not math.isfinite(ultima) or ultima > 4 * min(perdas)


def test_primeira_perda_e_a_do_modelo_sem_treino_e_usa_a_perda_dada():
    X, y = _dados()
    modelo = _modelo()
    with torch.no_grad():
        inicial = F.cross_entropy(modelo(X), y).item()
    _, perdas = faixa_de_taxas(modelo, X, y, passos=3, parada=None)
    assert perdas[0] == pytest.approx(inicial)
    _, perdas_mse = faixa_de_taxas(
        _modelo(), X, y.float().unsqueeze(1).repeat(1, 2), perda_fn=F.mse_loss, passos=3, parada=None
    )
    assert len(perdas_mse) == 3


def test_taxa_do_minimo():
    assert taxa_do_minimo([0.1, 0.2, 0.4], [2.0, 1.0, 3.0]) == 0.2
    assert taxa_do_minimo([0.1, 0.2, 0.4], [2.0, 1.0, float("nan")]) == 0.2


@pytest.mark.parametrize(
    ("opcoes", "erro", "trecho"),
    [
        (dict(lr_min=0.0), ValueError, "lr_min"),
        (dict(lr_min=1.0, lr_max=0.1), ValueError, "lr_max"),
        (dict(passos=1), ValueError, "passos"),
        (dict(passos=2.5), TypeError, "passos"),
        (dict(parada=1.0), ValueError, "parada"),
    ],
)
def test_faixa_de_taxas_valida_argumentos(opcoes, erro, trecho):
    X, y = _dados()
    with pytest.raises(erro, match=trecho):
        faixa_de_taxas(_modelo(), X, y, **opcoes)


def test_faixa_de_taxas_valida_modelo_e_tensores():
    X, y = _dados()
    with pytest.raises(TypeError, match="modelo"):
        faixa_de_taxas("rede", X, y)
    with pytest.raises(TypeError, match="X"):
        faixa_de_taxas(_modelo(), X.numpy(), y)
    with pytest.raises(ValueError, match="y"):
        faixa_de_taxas(_modelo(), X, y[:10])


def test_taxa_do_minimo_valida():
    with pytest.raises(ValueError, match="perdas"):
        taxa_do_minimo([0.1, 0.2], [1.0])
    with pytest.raises(ValueError, match="perdas"):
        taxa_do_minimo([0.1], [float("nan")])
