"""Redes profundas para medir o fluxo do gradiente: ativação, inicialização, atalhos e BatchNorm.

``mlp_profundo`` monta um MLP com ``profundidade`` camadas lineares, todas da mesma largura no meio;
``normas_do_gradiente`` faz uma propagação direta e uma retropropagação e devolve a norma do
gradiente do peso de cada camada linear, da entrada para a saída.
"""

from __future__ import annotations

from collections.abc import Callable

from torch import Tensor, nn

from pytorchdl_snippets.validacao import inteiro

ATIVACOES: dict[str, Callable[[], nn.Module]] = {
    "sigmoide": nn.Sigmoid,
    "tanh": nn.Tanh,
    "relu": nn.ReLU,
}


def _inicializar(peso: Tensor, nome: str, ativacao: str) -> None:
    if nome == "xavier":
        nn.init.xavier_normal_(peso)
    elif nome == "he":
        nn.init.kaiming_normal_(peso, nonlinearity="relu")
    elif nome == "normal":
        nn.init.normal_(peso, std=1.0)
    # "padrao": o que o nn.Linear já fez (uniforme com variância 1 / (3 · entradas))


INICIALIZACOES = ("padrao", "xavier", "he", "normal")


class Bloco(nn.Module):
    """Linear → (BatchNorm) → ativação, com atalho ``x + f(x)`` quando ``residual``."""

    def __init__(self, largura: int, ativacao: str, residual: bool, normalizacao: bool) -> None:
        super().__init__()
        self.linear = nn.Linear(largura, largura)
        self.normalizacao = nn.BatchNorm1d(largura) if normalizacao else nn.Identity()
        self.ativacao = ATIVACOES[ativacao]()
        self.residual = residual

    def forward(self, x: Tensor) -> Tensor:
        h = self.ativacao(self.normalizacao(self.linear(x)))
        return x + h if self.residual else h


def mlp_profundo(
    profundidade: int = 20,
    largura: int = 32,
    entradas: int = 64,
    classes: int = 10,
    ativacao: str = "sigmoide",
    inicializacao: str = "padrao",
    residual: bool = False,
    normalizacao: bool = False,
) -> nn.Sequential:
    """MLP com ``profundidade`` camadas lineares: entrada, ``profundidade - 2`` blocos e saída.

    ``inicializacao``: ``"padrao"`` (a do ``nn.Linear``), ``"xavier"`` (Glorot, normal), ``"he"``
    (Kaiming, normal, para ReLU) ou ``"normal"`` (desvio 1, grande demais de propósito). Os vieses
    começam em zero nas três últimas.
    """
    inteiro("profundidade", profundidade, minimo=2)
    inteiro("largura", largura)
    inteiro("entradas", entradas)
    inteiro("classes", classes)
    if ativacao not in ATIVACOES:
        raise ValueError(f"ativacao: esperava uma de {tuple(ATIVACOES)}, recebi {ativacao!r}")
    if inicializacao not in INICIALIZACOES:
        raise ValueError(f"inicializacao: esperava uma de {INICIALIZACOES}, recebi {inicializacao!r}")
    blocos = [Bloco(largura, ativacao, residual, normalizacao) for _ in range(profundidade - 2)]
    modelo = nn.Sequential(
        nn.Linear(entradas, largura), ATIVACOES[ativacao](), *blocos, nn.Linear(largura, classes)
    )
    if inicializacao != "padrao":
        for camada in modelo.modules():
            if isinstance(camada, nn.Linear):
                _inicializar(camada.weight, inicializacao, ativacao)
                nn.init.zeros_(camada.bias)
    return modelo


def normas_do_gradiente(modelo: nn.Module, X: Tensor, y: Tensor) -> list[float]:
    """Norma do gradiente da entropia cruzada em relação ao peso de cada ``nn.Linear``, em ordem."""
    lineares = [c for c in modelo.modules() if isinstance(c, nn.Linear)]
    if not lineares:
        raise ValueError("modelo: esperava pelo menos uma camada nn.Linear, não encontrei nenhuma")
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(
            f"X, y: esperava X (N, entradas) e y (N,), recebi {tuple(X.shape)} e {tuple(y.shape)}"
        )
    modelo.zero_grad()
    nn.functional.cross_entropy(modelo(X), y).backward()
    return [c.weight.grad.norm().item() for c in lineares]
