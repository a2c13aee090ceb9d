import pytest
import torch
from torch import nn

from pytorchdl_snippets.exportacao import medir_tempos, tamanho_em_bytes


def test_medir_tempos_devolve_a_mediana_de_cada_caso_e_chama_na_ordem():
    chamadas = []
    casos = {"a": lambda: chamadas.append("a"), "b": lambda: chamadas.append("b")}
    tempos = medir_tempos(casos, repeticoes=3, aquecimento=1)
    assert set(tempos) == {"a", "b"}
    assert all(t >= 0 for t in tempos.values())
    # aquecimento de cada caso, depois as repetições intercaladas
    assert chamadas == ["a", "b", "a", "b", "a", "b", "a", "b"]


def test_medir_tempos_sem_aquecimento():
    chamadas = []
    medir_tempos({"x": lambda: chamadas.append(1)}, repeticoes=2, aquecimento=0)
    assert chamadas == [1, 1]


def test_medir_tempos_valida_os_argumentos():
    with pytest.raises(TypeError, match="casos: esperava um dict"):
        medir_tempos([lambda: None])
    with pytest.raises(ValueError, match="casos: esperava pelo menos um caso"):
        medir_tempos({})
    with pytest.raises(TypeError, match="casos\\['a'\\]: esperava uma função"):
        medir_tempos({"a": 3})
    with pytest.raises(ValueError, match="repeticoes: esperava um int >= 1, recebi 0"):
        medir_tempos({"a": lambda: None}, repeticoes=0)
    with pytest.raises(ValueError, match="aquecimento: esperava um int >= 0, recebi -1"):
        medir_tempos({"a": lambda: None}, aquecimento=-1)


def test_tamanho_em_bytes_do_state_dict_serializado():
    torch.manual_seed(0)
    pequena, grande = nn.Linear(4, 2), nn.Linear(400, 200)
    assert tamanho_em_bytes(grande) > tamanho_em_bytes(pequena)
    # os pesos de float32 são 4 bytes cada; o resto é o envelope do torch.save
    assert tamanho_em_bytes(grande) >= 4 * (400 * 200 + 200)
    # determinístico: o mesmo modelo dá o mesmo tamanho
    assert tamanho_em_bytes(grande) == tamanho_em_bytes(grande)


def test_tamanho_em_bytes_valida_o_modelo():
    with pytest.raises(TypeError, match=r"modelo: esperava um nn\.Module, recebi dict"):
        tamanho_em_bytes({})
