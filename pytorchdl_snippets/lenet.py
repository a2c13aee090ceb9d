"""LeNet-5 adaptada aos dígitos 8×8 do scikit-learn, e utilidades para inspecionar formatos.

A LeNet-5 original (LeCun et al., 1998) recebe imagens 32×32: duas convoluções 5×5 sem
preenchimento, com 6 e 16 filtros (32 → 28 → 14 → 10 → 5), e três camadas densas (120, 84, 10).
Com imagens 8×8, uma convolução sem preenchimento não deixaria espaço para o segundo bloco; aqui
cada convolução 3×3 tem ``padding=1`` e preserva o tamanho, e só o *pooling* o reduz: 8 → 4 → 2.
Como cada kernel 3×3 vê menos, usamos mais filtros (16 e 32), e uma ``BatchNorm2d`` depois de
cada convolução estabiliza o treino.
"""

from __future__ import annotations

import torch
from torch import nn

from pytorchdl_snippets.validacao import inteiro


class LeNet5(nn.Module):
    """LeNet-5 com BatchNorm, ReLU e *max pooling*, para imagens ``(B, canais, lado, lado)``.

    ``caracteristicas`` são os dois blocos convolucionais (saída ``(B, 32, 2, 2)`` para 8×8);
    ``classificador`` achata e aplica as camadas densas 128 → 120 → 84 → ``classes`` (logits).
    """

    def __init__(
        self, classes: int = 10, canais: int = 1, lado: int = 8, filtros: tuple[int, int] = (16, 32)
    ) -> None:
        super().__init__()
        inteiro("classes", classes)
        inteiro("canais", canais)
        if inteiro("lado", lado, minimo=4) % 4:
            raise ValueError(f"lado: esperava um int múltiplo de 4 (>= 4), recebi {lado!r}")
        if (
            not isinstance(filtros, tuple)
            or len(filtros) != 2
            or not all(isinstance(f, int) and not isinstance(f, bool) and f >= 1 for f in filtros)
        ):
            raise ValueError(f"filtros: esperava uma tupla de dois ints >= 1, recebi {filtros!r}")
        self.canais, self.lado = canais, lado
        f1, f2 = filtros
        self.caracteristicas = nn.Sequential(
            nn.Conv2d(canais, f1, kernel_size=3, padding=1, bias=False),  # (B, 16, 8, 8)
            nn.BatchNorm2d(f1),
            nn.ReLU(),
            nn.MaxPool2d(2),  # (B, 16, 4, 4)
            nn.Conv2d(f1, f2, kernel_size=3, padding=1, bias=False),  # (B, 32, 4, 4)
            nn.BatchNorm2d(f2),
            nn.ReLU(),
            nn.MaxPool2d(2),  # (B, 32, 2, 2)
        )
        self.classificador = nn.Sequential(
            nn.Flatten(),  # (B, 128)
            nn.Linear(f2 * (lado // 4) ** 2, 120),
            nn.ReLU(),
            nn.Linear(120, 84),
            nn.ReLU(),
            nn.Linear(84, classes),  # logits: nada de softmax antes da CrossEntropyLoss
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        esperado = (self.canais, self.lado, self.lado)
        if x.ndim != 4 or tuple(x.shape[1:]) != esperado:
            raise ValueError(
                f"x: esperava formato (B, {self.canais}, {self.lado}, {self.lado}), recebi {tuple(x.shape)}"
            )
        return self.classificador(self.caracteristicas(x))


def formatos_por_camada(modelo: nn.Module, entrada: torch.Tensor) -> list[tuple[str, tuple[int, ...]]]:
    """Passa ``entrada`` pelo modelo e devolve ``(nome, formato da saída)`` de cada camada folha, em ordem.

    O modelo é avaliado em modo ``eval`` e sem gradientes; o modo anterior é restaurado.
    """
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo: esperava um torch.nn.Module, recebi {type(modelo).__name__}")
    if not isinstance(entrada, torch.Tensor):
        raise TypeError(f"entrada: esperava um torch.Tensor, recebi {type(entrada).__name__}")
    formatos: list[tuple[str, tuple[int, ...]]] = []
    ganchos = [
        modulo.register_forward_hook(
            lambda _m, _e, saida, nome=nome: formatos.append((nome, tuple(saida.shape)))
        )
        for nome, modulo in modelo.named_modules()
        if nome and not list(modulo.children())
    ]
    estava_treinando = modelo.training
    try:
        modelo.eval()
        with torch.no_grad():
            modelo(entrada)
    finally:
        for gancho in ganchos:
            gancho.remove()
        modelo.train(estava_treinando)
    return formatos
