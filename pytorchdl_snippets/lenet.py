"""LeNet-5 adaptada aos dígitos 8×8 do scikit-learn, e utilidades para inspecionar formatos.

A LeNet-5 original (LeCun et al., 1998) recebe imagens 32×32: duas convoluções 5×5 sem
preenchimento, com 6 e 16 filtros (32 → 28 → 14 → 10 → 5), e três camadas densas (120, 84, 10).
Com imagens 8×8, uma convolução sem preenchimento não deixaria espaço para o segundo bloco; aqui
cada convolução 3×3 tem ``padding=1`` e preserva o tamanho, e só o *pooling* o reduz: 8 → 4 → 2.
Como cada kernel 3×3 vê menos, usamos mais filtros (16 e 32), e uma ``BatchNorm2d`` depois de
cada convolução estabiliza o treino (``batchnorm=False`` tira as duas, para medir o efeito delas).
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import nn

from pytorchdl_snippets.validacao import inteiro


class LeNet5(nn.Module):
    """LeNet-5 com BatchNorm, ReLU e *max pooling*, para imagens ``(B, canais, lado, lado)``.

    ``caracteristicas`` são os dois blocos convolucionais (saída ``(B, 32, 2, 2)`` para 8×8);
    ``classificador`` achata e aplica as camadas densas 128 → 120 → 84 → ``classes`` (logits).
    """

    def __init__(
        self,
        classes: int = 10,
        canais: int = 1,
        lado: int = 8,
        filtros: tuple[int, int] = (16, 32),
        batchnorm: bool = True,
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
        if not isinstance(batchnorm, bool):
            raise TypeError(f"batchnorm: esperava True ou False, recebi {type(batchnorm).__name__}")
        self.canais, self.lado = canais, lado
        f1, f2 = filtros

        def bloco(entrada: int, saida: int) -> list[nn.Module]:
            # com BatchNorm, o viés da convolução é redundante (o beta da BatchNorm faz o papel dele)
            conv = nn.Conv2d(entrada, saida, kernel_size=3, padding=1, bias=not batchnorm)
            normalizacao = [nn.BatchNorm2d(saida)] if batchnorm else []
            return [conv, *normalizacao, nn.ReLU(), nn.MaxPool2d(2)]

        self.caracteristicas = nn.Sequential(
            *bloco(canais, f1),  # (B, 16, 8, 8) → pooling → (B, 16, 4, 4)
            *bloco(f1, f2),  # (B, 32, 4, 4) → pooling → (B, 32, 2, 2)
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


class CampoReceptivo(NamedTuple):
    """Campo receptivo das unidades na saída de uma camada, medido em pixels da entrada.

    ``tamanho``: lado do quadrado da entrada que uma unidade enxerga; ``salto``: quantos pixels da
    entrada separam duas unidades vizinhas; ``inicio``: primeiro pixel (linha ou coluna) visto pela
    unidade 0 — negativo quando o campo começa no preenchimento, fora da imagem.
    """

    nome: str
    tamanho: int
    salto: int
    inicio: int


def _lado(valor, nome: str) -> int:
    if isinstance(valor, tuple):
        if len(set(valor)) != 1:
            raise ValueError(f"camadas: esperava {nome} quadrado, recebi {valor!r}")
        valor = valor[0]
    return int(valor)


def campos_receptivos(camadas: nn.Sequential) -> list[CampoReceptivo]:
    """Campo receptivo depois de cada camada de ``camadas`` (convoluções, *pooling* e camadas que
    agem pixel a pixel, como ``BatchNorm2d`` e ``ReLU``).

    Cada convolução ou *pooling* com kernel ``k``, passo ``s``, preenchimento ``p`` e dilatação ``d``
    faz ``tamanho += d·(k - 1)·salto``, ``inicio -= p·salto`` e ``salto *= s``.
    """
    if not isinstance(camadas, nn.Sequential):
        raise TypeError(f"camadas: esperava um nn.Sequential, recebi {type(camadas).__name__}")
    pixel_a_pixel = (nn.BatchNorm2d, nn.ReLU, nn.Identity, nn.Dropout, nn.Tanh, nn.Sigmoid)
    tamanho, salto, inicio = 1, 1, 0
    campos = []
    for camada in camadas:
        if isinstance(camada, nn.Conv2d | nn.MaxPool2d | nn.AvgPool2d):
            k = _lado(camada.kernel_size, "kernel_size")
            s = _lado(camada.stride, "stride")
            p = _lado(camada.padding, "padding")
            d = _lado(getattr(camada, "dilation", 1), "dilation")
            tamanho += d * (k - 1) * salto
            inicio -= p * salto
            salto *= s
        elif not isinstance(camada, pixel_a_pixel):
            raise ValueError(
                "camadas: esperava só convoluções, pooling e camadas pixel a pixel, "
                f"recebi {type(camada).__name__}"
            )
        campos.append(CampoReceptivo(type(camada).__name__, tamanho, salto, inicio))
    return campos
