"""Experimentos do teorema da aproximação universal.

- ``mlp_uma_camada``: a rede do teorema, entrada → camada oculta (tanh) → saída linear;
- ``ajustar``: treino em lote inteiro (*full-batch*) com L-BFGS;
- ``aproximar`` e ``erros_maximos``: erro máximo × número de neurônios
  ocultos, em várias sementes (um treino só é caótico: a mediana de várias sementes não é);
- ``representacao_oculta``: as ativações da camada oculta, o novo espaço em que a última
  camada separa as classes com uma reta (um plano).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import torch
from torch import nn

from pytorchdl_snippets.validacao import inteiro

INTERVALO = (-math.pi, math.pi)


def degrau(x: torch.Tensor) -> torch.Tensor:
    """Função degrau: 1 onde ``x > 0`` e 0 no resto (descontínua em 0)."""
    return (x > 0).to(x.dtype)


FUNCOES: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "sen(x)": torch.sin,
    "|x|": torch.abs,
    "degrau(x)": degrau,
}


def mlp_uma_camada(neuronios: int, entradas: int = 1, saidas: int = 1) -> nn.Sequential:
    """Rede com uma camada oculta de ``neuronios`` tanh: ``Linear → Tanh → Linear``."""
    inteiro("neuronios", neuronios)
    inteiro("entradas", entradas)
    inteiro("saidas", saidas)
    return nn.Sequential(nn.Linear(entradas, neuronios), nn.Tanh(), nn.Linear(neuronios, saidas))


def pontos(n: int, inicio: float = INTERVALO[0], fim: float = INTERVALO[1]) -> torch.Tensor:
    """``n`` pontos igualmente espaçados em ``[inicio, fim]``, no formato ``(n, 1)``."""
    inteiro("n", n)
    if not inicio < fim:
        raise ValueError(f"inicio, fim: esperava inicio < fim, recebi {inicio!r} e {fim!r}")
    return torch.linspace(inicio, fim, n).unsqueeze(1)


def ajustar(
    modelo: nn.Module, X: torch.Tensor, y: torch.Tensor, passos: int = 100, perda: str = "mse"
) -> float:
    """Treina ``modelo`` em lote inteiro com L-BFGS; devolve a perda final.

    ``perda="mse"`` para regressão (``y`` de ponto flutuante no formato da saída) ou
    ``perda="logistica"`` para classificação binária (logits + ``BCEWithLogitsLoss``, ``y`` em {0, 1}).
    """
    funcoes_perda = {"mse": nn.MSELoss(), "logistica": nn.BCEWithLogitsLoss()}
    if perda not in funcoes_perda:
        raise ValueError(f"perda: esperava um de {sorted(funcoes_perda)}, recebi {perda!r}")
    if not isinstance(X, torch.Tensor) or not isinstance(y, torch.Tensor):
        raise TypeError(f"X, y: esperava dois torch.Tensor, recebi {type(X).__name__} e {type(y).__name__}")
    if X.ndim != 2 or len(X) == 0:
        raise ValueError(f"X: esperava formato (N, entradas) com N >= 1, recebi {tuple(X.shape)}")
    if not y.is_floating_point():
        raise TypeError(f"y: esperava um tensor de ponto flutuante, recebi {y.dtype}")
    if y.shape != (len(X), 1):
        raise ValueError(f"y: esperava formato ({len(X)}, 1), recebi {tuple(y.shape)}")
    inteiro("passos", passos)
    perda_fn = funcoes_perda[perda]
    otimizador = torch.optim.LBFGS(
        modelo.parameters(), lr=1, max_iter=passos, history_size=50, line_search_fn="strong_wolfe"
    )

    def reavaliar_perda():  # o L-BFGS reavalia a perda várias vezes por passo
        otimizador.zero_grad()
        valor = perda_fn(modelo(X), y)
        valor.backward()
        return valor

    modelo.train()
    otimizador.step(reavaliar_perda)
    with torch.no_grad():
        return perda_fn(modelo(X), y).item()


def erro_maximo(modelo: nn.Module, funcao: Callable[[torch.Tensor], torch.Tensor], n: int = 2001) -> float:
    """Maior ``|modelo(x) - funcao(x)|`` numa grade fina de ``n`` pontos de ``[-π, π]``."""
    x = pontos(n)
    modelo.eval()
    with torch.no_grad():
        return (modelo(x) - funcao(x)).abs().max().item()


def aproximar(
    funcao: Callable[[torch.Tensor], torch.Tensor],
    neuronios: int,
    n_treino: int = 256,
    passos: int = 100,
    semente: int = 0,
    n_medida: int = 2001,
) -> tuple[nn.Sequential, float]:
    """Ajusta ``mlp_uma_camada(neuronios)`` a ``funcao`` em ``[-π, π]``; devolve (modelo, erro máximo).

    O erro máximo é medido numa grade de ``n_medida`` pontos (``erro_maximo``).
    """
    if not callable(funcao):
        raise TypeError(f"funcao: esperava uma função de tensor, recebi {type(funcao).__name__}")
    torch.manual_seed(semente)
    modelo = mlp_uma_camada(neuronios)
    x = pontos(n_treino)
    ajustar(modelo, x, funcao(x), passos=passos)
    return modelo, erro_maximo(modelo, funcao, n=n_medida)


def _conferir_grade(funcoes, lista_neuronios, sementes) -> tuple[dict, list[int], list[int]]:
    funcoes = FUNCOES if funcoes is None else funcoes
    if not isinstance(funcoes, dict) or not funcoes:
        raise ValueError(f"funcoes: esperava um dicionário com ao menos uma função, recebi {funcoes!r}")
    lista_neuronios = [inteiro("lista_neuronios", n) for n in lista_neuronios]
    if not lista_neuronios:
        raise ValueError("lista_neuronios: esperava ao menos um número de neurônios, recebi uma lista vazia")
    sementes = [inteiro("sementes", s, minimo=0) for s in sementes]
    if not sementes:
        raise ValueError("sementes: esperava ao menos uma semente, recebi uma lista vazia")
    return funcoes, lista_neuronios, sementes


def erros_maximos(
    funcoes: dict[str, Callable[[torch.Tensor], torch.Tensor]] | None = None,
    lista_neuronios: Sequence[int] = (4, 32),
    sementes: Iterable[int] = range(3),
    n_medida: int = 20001,
    modelos: dict | None = None,
) -> pd.DataFrame:
    """Erro máximo de cada treino: uma coluna por função, uma linha por (neurônios, semente).

    Cada linha é um ``aproximar(funcao, neuronios, semente=semente)``. O erro é medido numa grade de
    ``n_medida`` pontos, mais fina que a padrão, para pegar o que a rede faz entre dois pontos de
    treino (perto do salto do degrau, é ali que ela mais erra). Com um dicionário em ``modelos``, cada
    rede treinada fica guardada nele em ``modelos[(nome, neuronios, semente)]`` (para desenhá-la sem
    treinar de novo).
    """
    if modelos is not None and not isinstance(modelos, dict):
        raise TypeError(f"modelos: esperava None ou um dicionário, recebi {type(modelos).__name__}")
    funcoes, lista_neuronios, sementes = _conferir_grade(funcoes, lista_neuronios, sementes)
    linhas = {}
    for n in lista_neuronios:
        for s in sementes:
            linhas[n, s] = {}
            for nome, f in funcoes.items():
                modelo, linhas[n, s][nome] = aproximar(f, n, semente=s, n_medida=n_medida)
                if modelos is not None:
                    modelos[nome, n, s] = modelo
    erros = pd.DataFrame.from_dict(linhas, orient="index")
    erros.index = pd.MultiIndex.from_tuples(erros.index, names=["neurônios", "semente"])
    return erros


def representacao_oculta(modelo: nn.Sequential, X: torch.Tensor) -> torch.Tensor:
    """Ativações da camada oculta de ``mlp_uma_camada`` para ``X``: formato ``(N, neuronios)``."""
    if not isinstance(modelo, nn.Sequential) or len(modelo) < 2:
        raise TypeError(
            "modelo: esperava um nn.Sequential como o de mlp_uma_camada (Linear, ativação, …), "
            f"recebi {type(modelo).__name__}"
        )
    entradas = modelo[0].in_features
    if not isinstance(X, torch.Tensor) or X.ndim != 2 or X.shape[1] != entradas:
        formato = tuple(X.shape) if isinstance(X, torch.Tensor) else type(X).__name__
        raise ValueError(f"X: esperava formato (N, {entradas}), recebi {formato}")
    modelo.eval()
    with torch.no_grad():
        return modelo[1](modelo[0](X))
