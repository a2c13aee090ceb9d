import pytest
import torch

from pytorchdl_snippets.dados import carregar_digitos


def test_digitos_formatos_tipos_e_escala():
    X_tr, X_te, y_tr, y_te = carregar_digitos()
    assert X_tr.shape[1:] == (1, 8, 8) and X_tr.dtype == torch.float32
    assert y_tr.dtype == torch.int64 and y_tr.shape == (len(X_tr),)
    assert len(X_tr) + len(X_te) == 1797 and len(X_te) == 450
    assert X_tr.min() >= 0.0 and X_tr.max() <= 1.0
    assert set(y_te.tolist()) == set(range(10))


def test_digitos_divisao_reprodutivel_e_dependente_da_semente():
    a, b, c = carregar_digitos(semente=1), carregar_digitos(semente=1), carregar_digitos(semente=2)
    assert torch.equal(a.y_teste, b.y_teste)
    assert not torch.equal(a.y_teste, c.y_teste)


@pytest.mark.parametrize("fracao", [0, 1.0, 1.5, "0.2"])
def test_digitos_fracao_invalida(fracao):
    with pytest.raises(ValueError, match="fracao_teste"):
        carregar_digitos(fracao_teste=fracao)
