"""Escolha do dispositivo (GPU ou CPU) e sementes para resultados reprodutíveis."""

from __future__ import annotations

import random

import numpy as np
import torch

from pytorchdl_snippets.validacao import inteiro


def escolher_dispositivo(preferido: str | None = None) -> torch.device:
    """Devolve o melhor dispositivo disponível: ``cuda`` → ``mps`` → ``cpu``.

    ``preferido`` força um dispositivo (por exemplo ``"cpu"``); um valor desconhecido gera
    ``ValueError`` com mensagem clara.
    """
    if preferido is not None:
        if not isinstance(preferido, str):
            raise TypeError(
                f"preferido: esperava uma str como 'cpu' ou 'cuda', recebi {type(preferido).__name__}"
            )
        validos = ("cpu", "cuda", "mps")
        if preferido.split(":")[0] not in validos:
            raise ValueError(f"preferido: esperava um de {validos}, recebi {preferido!r}")
        return torch.device(preferido)
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def fixar_semente(semente: int = 0) -> None:
    """Fixa as sementes de ``random``, NumPy e PyTorch (CPU e GPU)."""
    inteiro("semente", semente, minimo=0)
    random.seed(semente)
    np.random.seed(semente)
    torch.manual_seed(semente)
