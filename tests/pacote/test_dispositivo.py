import random

import numpy as np
import pytest
import torch

from pytorchdl_snippets.dispositivo import escolher_dispositivo, fixar_semente


def test_escolhe_um_dispositivo_disponivel():
    dispositivo = escolher_dispositivo()
    assert dispositivo.type in ("cuda", "mps", "cpu")
    assert torch.zeros(2, device=dispositivo).device.type == dispositivo.type


def test_prefere_cuda_quando_existe(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert escolher_dispositivo().type == "cuda"


def test_cai_para_cpu_sem_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    assert escolher_dispositivo() == torch.device("cpu")


def test_dispositivo_preferido():
    assert escolher_dispositivo("cpu") == torch.device("cpu")


def test_dispositivo_invalido_tem_mensagem_clara():
    with pytest.raises(ValueError, match="preferido: esperava um de"):
        escolher_dispositivo("tpu")
    with pytest.raises(TypeError, match="preferido: esperava uma str"):
        escolher_dispositivo(0)


def test_semente_reproduz_os_mesmos_numeros():
    fixar_semente(7)
    a = (random.random(), np.random.rand(), torch.rand(3))
    fixar_semente(7)
    b = (random.random(), np.random.rand(), torch.rand(3))
    assert a[0] == b[0] and a[1] == b[1] and torch.equal(a[2], b[2])


@pytest.mark.parametrize("semente, erro", [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_semente_invalida(semente, erro):
    with pytest.raises(erro, match="semente"):
        fixar_semente(semente)
