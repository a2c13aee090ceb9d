"""Capítulo Na prática: medir tempos e o tamanho de um modelo salvo.

``medir_tempos`` é o cronômetro da lição "Medir e acelerar na CPU" (aquecimento, repetições
intercaladas, mediana); ``tamanho_em_bytes`` mede um modelo como ele vai para o disco, usado em
"Salvar, exportar e servir".
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

import torch
from torch import nn

from pytorchdl_snippets.validacao import inteiro


def medir_tempos(
    casos: dict[object, Callable[[], object]], repeticoes: int = 20, aquecimento: int = 3
) -> dict[object, float]:
    """Mediana, em segundos, de cada função de ``casos`` (um dict nome -> função sem argumentos).

    Cada caso roda ``aquecimento`` vezes sem medir; depois, os casos se alternam (A, B, A, B...)
    ``repeticoes`` vezes, para que a carga da máquina pese igual em todos. Compare as medianas
    entre si (razões), numa mesma execução: o tempo absoluto muda de máquina para máquina.
    """
    if not isinstance(casos, dict):
        raise TypeError(f"casos: esperava um dict nome -> função, recebi {type(casos).__name__}")
    if not casos:
        raise ValueError("casos: esperava pelo menos um caso, recebi um dict vazio")
    for nome, funcao in casos.items():
        if not callable(funcao):
            recebido = type(funcao).__name__
            raise TypeError(f"casos[{nome!r}]: esperava uma função sem argumentos, recebi {recebido}")
    inteiro("repeticoes", repeticoes)
    inteiro("aquecimento", aquecimento, minimo=0)
    for funcao in casos.values():
        for _ in range(aquecimento):
            funcao()
    tempos: dict[object, list[float]] = {nome: [] for nome in casos}
    for _ in range(repeticoes):
        for nome, funcao in casos.items():
            inicio = time.perf_counter()
            funcao()
            tempos[nome].append(time.perf_counter() - inicio)
    return {nome: statistics.median(t) for nome, t in tempos.items()}


def tamanho_em_bytes(modelo: nn.Module) -> int:
    """Bytes do ``state_dict`` do modelo gravado com ``torch.save`` (em memória, sem tocar o disco)."""
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo: esperava um nn.Module, recebi {type(modelo).__name__}")
    memoria = io.BytesIO()
    torch.save(modelo.state_dict(), memoria)
    return memoria.getbuffer().nbytes
