"""Atenção por produto escalar, máscara causal, codificação posicional e um GPT pequeno.

Usado a partir das lições "Atenção" (``docs/sequencias/atencao.md``), que escreve a atenção, a
máscara e a codificação posicional à mão, e "Um transformer pequeno"
(``docs/sequencias/transformer.md``), que escreve os blocos do GPT na página. As páginas seguintes
importam daqui o que aquelas ensinaram.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from pytorchdl_snippets.validacao import inteiro


def _tensor(nome: str, valor) -> torch.Tensor:
    if not isinstance(valor, torch.Tensor):
        raise TypeError(f"{nome}: esperava um tensor, recebi {type(valor).__name__}")
    if valor.dim() < 2:
        raise ValueError(f"{nome}: esperava a forma (..., T, d), recebi {tuple(valor.shape)}")
    return valor


def mascara_causal(T: int) -> torch.Tensor:
    """Máscara ``(T, T)`` booleana: a posição ``i`` vê as posições ``0..i`` (``True``), não as seguintes."""
    inteiro("T", T)
    return torch.ones(T, T, dtype=torch.bool).tril()


def atencao(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mascara: torch.Tensor | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """Atenção por produto escalar com escala: ``softmax(q kᵀ / √d) v``; devolve (saída, pesos).

    ``q`` tem a forma ``(..., Tq, d)``, ``k`` ``(..., Tk, d)`` e ``v`` ``(..., Tk, dv)``. A
    ``mascara`` booleana ``(Tq, Tk)`` diz quais pares participam (``True``), como o ``attn_mask``
    booleano de ``F.scaled_dot_product_attention``.
    """
    q, k, v = _tensor("q", q), _tensor("k", k), _tensor("v", v)
    d = q.shape[-1]
    if k.shape[-1] != d:
        raise ValueError(f"k: esperava a última dimensão {d}, como q, recebi {k.shape[-1]}")
    if v.shape[-2] != k.shape[-2]:
        raise ValueError(f"v: esperava {k.shape[-2]} posições, como k, recebi {v.shape[-2]}")
    escores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if mascara is not None:
        forma = (q.shape[-2], k.shape[-2])
        if tuple(mascara.shape) != forma:
            raise ValueError(f"mascara: esperava a forma {forma}, recebi {tuple(mascara.shape)}")
        escores = escores.masked_fill(~mascara, float("-inf"))
    pesos = escores.softmax(dim=-1)
    return pesos @ v, pesos


def codificacao_posicional(T: int, d: int) -> torch.Tensor:
    """A codificação posicional senoidal ``(T, d)`` de Vaswani et al. (2017).

    A coluna ``2i`` é ``sen(t / 10000^(2i/d))`` e a ``2i + 1`` o cosseno do mesmo ângulo: cada
    posição ``t`` ganha um vetor próprio, com frequências que vão da mais rápida à mais lenta.
    """
    inteiro("T", T)
    inteiro("d", d, minimo=2)
    if d % 2:
        raise ValueError(f"d: esperava um número par, recebi {d}")
    t = torch.arange(T, dtype=torch.float32).unsqueeze(1)
    frequencias = 10000 ** (-torch.arange(0, d, 2, dtype=torch.float32) / d)
    P = torch.zeros(T, d)
    P[:, 0::2] = torch.sin(t * frequencias)
    P[:, 1::2] = torch.cos(t * frequencias)
    return P


def lote_inverter(
    n: int, comprimento: int, simbolos: int = 8, gerador: torch.Generator | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """Um lote da tarefa de inverter: ``n`` sequências de ``comprimento`` símbolos sorteados.

    A entrada ``(n, 2 * comprimento)`` é a sequência seguida de ``comprimento`` cópias do
    separador (o símbolo ``simbolos``); o alvo ``(n, comprimento)`` é a sequência de trás para a
    frente, que o modelo escreve nas posições do separador.
    """
    inteiro("n", n)
    inteiro("comprimento", comprimento)
    inteiro("simbolos", simbolos, minimo=2)
    x = torch.randint(0, simbolos, (n, comprimento), generator=gerador)
    separador = torch.full((n, comprimento), simbolos)
    return torch.cat([x, separador], dim=1), x.flip(1)


class AtencaoCausal(nn.Module):
    """Autoatenção causal com várias cabeças (``F.scaled_dot_product_attention``)."""

    def __init__(self, d: int, cabecas: int) -> None:
        super().__init__()
        self.cabecas = cabecas
        self.qkv = nn.Linear(d, 3 * d)
        self.saida = nn.Linear(d, d)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        N, T, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=2)
        q, k, v = (t.view(N, T, self.cabecas, -1).transpose(1, 2) for t in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.saida(y.transpose(1, 2).reshape(N, T, d))


class Bloco(nn.Module):
    """Um bloco do transformer (pré-normalização): ``x + atenção(LN(x))``, ``x + MLP(LN(x))``."""

    def __init__(self, d: int, cabecas: int) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(d)
        self.atencao = AtencaoCausal(d, cabecas)
        self.ln2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.atencao(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    """Um GPT de caracteres: incorporação dos tokens e das posições, blocos, LayerNorm e a saída.

    ``forward(x)`` recebe índices ``(N, T)``, com ``T <= contexto``, e devolve os logits
    ``(N, T, vocabulario)`` do próximo token em cada posição.
    """

    def __init__(self, vocabulario: int, contexto: int, d: int, cabecas: int, camadas: int) -> None:
        super().__init__()
        for nome, valor in [("vocabulario", vocabulario), ("contexto", contexto), ("d", d)]:
            inteiro(nome, valor)
        inteiro("cabecas", cabecas)
        inteiro("camadas", camadas)
        if d % cabecas:
            raise ValueError(f"d: esperava um múltiplo de cabecas={cabecas}, recebi {d}")
        self.contexto = contexto
        self.tokens = nn.Embedding(vocabulario, d)
        self.posicoes = nn.Embedding(contexto, d)
        self.blocos = nn.Sequential(*[Bloco(d, cabecas) for _ in range(camadas)])
        self.ln = nn.LayerNorm(d)
        self.cabeca = nn.Linear(d, vocabulario)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        comprimento = x.shape[-1]
        if comprimento > self.contexto:
            raise ValueError(f"x: esperava no máximo {self.contexto} posições, recebi {comprimento}")
        h = self.tokens(x) + self.posicoes(torch.arange(comprimento, device=x.device))
        return self.cabeca(self.ln(self.blocos(h)))
