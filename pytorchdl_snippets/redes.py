"""Redes neurais densas: o perceptron multicamadas (MLP) e a contagem de parâmetros."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import torch
from torch import nn

from pytorchdl_snippets.validacao import inteiro


class MLP(nn.Module):
    """Perceptron multicamadas: ``Linear`` + ativação para cada camada oculta e uma ``Linear`` final.

    A saída são *logits* (nenhuma ativação depois da última camada), prontos para
    ``CrossEntropyLoss`` ou ``BCEWithLogitsLoss``.

    >>> MLP(2, [8, 8], 1)
    MLP(
      (camadas): Sequential(
        (0): Linear(in_features=2, out_features=8, bias=True)
        (1): ReLU()
        (2): Linear(in_features=8, out_features=8, bias=True)
        (3): ReLU()
        (4): Linear(in_features=8, out_features=1, bias=True)
      )
    )
    """

    def __init__(
        self,
        entradas: int,
        ocultas: Sequence[int],
        saidas: int,
        ativacao: type[nn.Module] = nn.ReLU,
    ) -> None:
        super().__init__()
        entradas = inteiro("entradas", entradas)
        saidas = inteiro("saidas", saidas)
        if isinstance(ocultas, (str, bytes)) or not isinstance(ocultas, Sequence):
            raise TypeError(
                f"ocultas: esperava uma sequência de ints como [16, 8], recebi {type(ocultas).__name__}"
            )
        ocultas = [inteiro(f"ocultas[{i}]", n) for i, n in enumerate(ocultas)]
        if not (isinstance(ativacao, type) and issubclass(ativacao, nn.Module)):
            raise TypeError(f"ativacao: esperava uma classe de nn.Module como nn.ReLU, recebi {ativacao!r}")
        self.entradas = entradas
        camadas: list[nn.Module] = []
        anterior = entradas
        for n in ocultas:
            camadas += [nn.Linear(anterior, n), ativacao()]
            anterior = n
        camadas.append(nn.Linear(anterior, saidas))
        self.camadas = nn.Sequential(*camadas)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not isinstance(x, torch.Tensor):
            raise TypeError(f"x: esperava um torch.Tensor, recebi {type(x).__name__}")
        if x.ndim != 2 or x.shape[1] != self.entradas:
            raise ValueError(f"x: esperava formato (N, {self.entradas}), recebi {tuple(x.shape)}")
        return self.camadas(x)


def contar_parametros(modelo: nn.Module, apenas_treinaveis: bool = True) -> int:
    """Número de parâmetros (escalares) do ``modelo``; por padrão, só os que exigem gradiente."""
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo: esperava um nn.Module, recebi {type(modelo).__name__}")
    return sum(p.numel() for p in modelo.parameters() if p.requires_grad or not apenas_treinaveis)


def numero_de_parametros(tamanhos: Sequence[int]) -> int:
    """Parâmetros de uma rede densa com camadas de ``tamanhos`` ``[entradas, ..., saidas]``, pela fórmula.

    Cada ``nn.Linear(n_entrada, n_saida)`` tem ``n_entrada * n_saida`` pesos e ``n_saida`` vieses.

    >>> numero_de_parametros([2, 16, 16, 1])
    337
    """
    if isinstance(tamanhos, (str, bytes)) or not isinstance(tamanhos, Sequence):
        raise TypeError(
            f"tamanhos: esperava uma sequência de ints como [2, 16, 1], recebi {type(tamanhos).__name__}"
        )
    if len(tamanhos) < 2:
        raise ValueError(
            f"tamanhos: esperava ao menos 2 tamanhos (entradas e saídas), recebi {len(tamanhos)}"
        )
    tamanhos = [inteiro(f"tamanhos[{i}]", n) for i, n in enumerate(tamanhos)]
    return sum(n_in * n_out + n_out for n_in, n_out in pairwise(tamanhos))


def _como_tensor(nome: str, valor) -> torch.Tensor:
    if isinstance(valor, torch.Tensor):
        return valor.float()
    try:
        return torch.as_tensor(valor, dtype=torch.float32)
    except (TypeError, ValueError, RuntimeError) as erro:
        raise TypeError(
            f"{nome}: esperava um tensor ou uma lista de números, recebi {type(valor).__name__}"
        ) from erro


def classificar_pelo_sinal(X, w, b) -> torch.Tensor:
    """Classe 1 onde ``X @ w + b > 0`` e 0 no resto: um classificador linear pelo sinal do hiperplano.

    ``X`` tem formato ``(N, d)``, ``w`` tem ``d`` números e ``b`` é um número.

    >>> classificar_pelo_sinal([[0.0, 3.0], [2.0, 0.0]], [-0.5, 1.0], -1.0)
    tensor([1, 0])
    """
    X, w, b = _como_tensor("X", X), _como_tensor("w", w).reshape(-1), _como_tensor("b", b)
    if X.ndim != 2:
        raise ValueError(f"X: esperava formato (N, d), recebi {tuple(X.shape)}")
    if X.shape[1] != w.numel():
        raise ValueError(f"w: esperava {X.shape[1]} pesos (um por coluna de X), recebi {w.numel()}")
    if b.numel() != 1:
        raise ValueError(f"b: esperava um único número, recebi formato {tuple(b.shape)}")
    return (X @ w + b.reshape(()) > 0).long()


def combinar_lineares(primeira: nn.Linear, segunda: nn.Linear) -> nn.Linear:
    """Uma única ``nn.Linear`` equivalente a ``segunda(primeira(x))``.

    Como ``W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)``, duas camadas lineares empilhadas
    sem ativação entre elas são só mais uma camada linear.
    """
    for nome, camada in (("primeira", primeira), ("segunda", segunda)):
        if not isinstance(camada, nn.Linear):
            raise TypeError(f"{nome}: esperava uma nn.Linear, recebi {type(camada).__name__}")
    if primeira.out_features != segunda.in_features:
        raise ValueError(
            f"segunda: esperava in_features={primeira.out_features} (as saídas da primeira), "
            f"recebi {segunda.in_features}"
        )
    with torch.no_grad():
        W = segunda.weight @ primeira.weight
        b = segunda.weight @ _vies(primeira) + _vies(segunda)
        # skip_init: sem sortear pesos que seriam sobrescritos (não consome o gerador aleatório);
        # mesmo dispositivo e tipo das camadas originais
        combinada = nn.utils.skip_init(
            nn.Linear,
            primeira.in_features,
            segunda.out_features,
            device=primeira.weight.device,
            dtype=primeira.weight.dtype,
        )
        combinada.weight.copy_(W)
        combinada.bias.copy_(b)
    return combinada


def _vies(camada: nn.Linear) -> torch.Tensor:
    if camada.bias is None:
        return torch.zeros(camada.out_features, dtype=camada.weight.dtype, device=camada.weight.device)
    return camada.bias


# --- profundidade × largura: a serra de Telgarsky ---------------------------


def tenda(x: torch.Tensor) -> torch.Tensor:
    """A função "tenda" em ``[-1, 1]``: ``1 - 2|x|`` (sobe de -1 a 1 e volta a -1)."""
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"x: esperava um torch.Tensor, recebi {type(x).__name__}")
    return 1 - 2 * x.abs()


def serra(x: torch.Tensor, k: int) -> torch.Tensor:
    """A tenda composta ``k`` vezes: uma serra com ``2**(k-1)`` dentes (Telgarsky, 2016)."""
    inteiro("k", k)
    for _ in range(k):
        x = tenda(x)
    return x


def rede_profunda(k: int, largura: int = 2) -> nn.Sequential:
    """Rede ``1 → largura → … → largura → 1`` com ``k`` camadas ocultas ReLU."""
    inteiro("k", k)
    inteiro("largura", largura)
    camadas: list[nn.Module] = [nn.Linear(1, largura), nn.ReLU()]
    for _ in range(k - 1):
        camadas += [nn.Linear(largura, largura), nn.ReLU()]
    camadas.append(nn.Linear(largura, 1))
    return nn.Sequential(*camadas)


def rede_serra(k: int) -> nn.Sequential:
    """``rede_profunda(k, 2)`` com pesos escolhidos à mão: calcula ``serra(x, k)`` exatamente.

    Cada camada oculta tem os neurônios ``ReLU(z)`` e ``ReLU(-z)``; como
    ``tenda(z) = 1 - 2·ReLU(z) - 2·ReLU(-z)``, a camada seguinte recebe a tenda já calculada.
    """
    rede = rede_profunda(k, largura=2)
    lineares = [m for m in rede if isinstance(m, nn.Linear)]
    with torch.no_grad():
        lineares[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))
        lineares[0].bias.zero_()
        for camada in lineares[1:-1]:  # z = tenda(anterior); saída: ReLU(z), ReLU(-z)
            camada.weight.copy_(torch.tensor([[-2.0, -2.0], [2.0, 2.0]]))
            camada.bias.copy_(torch.tensor([1.0, -1.0]))
        lineares[-1].weight.copy_(torch.tensor([[-2.0, -2.0]]))
        lineares[-1].bias.fill_(1.0)
    return rede


# --- calibração: a saída da sigmoide é uma probabilidade? -------------------


def tabela_calibracao(probabilidades: torch.Tensor, rotulos: torch.Tensor, faixas: int = 5):
    """Divide ``[0, 1]`` em ``faixas`` iguais e compara, em cada uma, a probabilidade média prevista
    com a frequência observada da classe 1. Num modelo calibrado, as duas colunas quase coincidem.

    Devolve um ``pandas.DataFrame`` com as colunas ``exemplos``, ``prevista`` e ``observada``,
    indexado pela faixa (``"0.0-0.2"``; a última faixa inclui o 1). Faixas vazias são omitidas.
    """
    import pandas as pd

    for nome, valor in (("probabilidades", probabilidades), ("rotulos", rotulos)):
        if not isinstance(valor, torch.Tensor):
            raise TypeError(f"{nome}: esperava um torch.Tensor, recebi {type(valor).__name__}")
    inteiro("faixas", faixas)
    p = probabilidades.detach().reshape(-1).double()
    y = rotulos.detach().reshape(-1).double()
    if y.shape != p.shape:
        raise ValueError(f"rotulos: esperava formato {tuple(p.shape)}, recebi {tuple(rotulos.shape)}")
    if ((p < 0) | (p > 1)).any():
        raise ValueError(
            f"probabilidades: esperava valores em [0, 1], recebi mín. {p.min():.3g} e máx. {p.max():.3g}"
        )
    if ((y != 0) & (y != 1)).any():
        raise ValueError(f"rotulos: esperava só 0 e 1, recebi {sorted(set(y.tolist()))}")
    faixa = torch.clamp((p * faixas).long(), max=faixas - 1)
    linhas = {}
    for i in range(faixas):
        dentro = faixa == i
        if dentro.any():
            nome = f"{i / faixas:.1f}-{(i + 1) / faixas:.1f}"
            linhas[nome] = {
                "exemplos": int(dentro.sum()),
                "prevista": p[dentro].mean().item(),
                "observada": y[dentro].mean().item(),
            }
    tabela = pd.DataFrame.from_dict(linhas, orient="index")
    tabela.index.name = "faixa"
    return tabela
