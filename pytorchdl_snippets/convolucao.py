"""Convolução em 1D e 2D, kernels clássicos e utilidades de imagem do capítulo "Redes convolucionais".

Convenções de formato:

- sinais 1D: ``(N,)``;
- imagens em tons de cinza para os filtros: ``(H, W)``;
- imagens como as câmeras e o Matplotlib guardam: ``(H, W, C)``;
- lotes de imagens como o PyTorch espera: ``(B, C, H, W)``.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from numpy.lib.stride_tricks import sliding_window_view

from pytorchdl_snippets.validacao import inteiro

IMAGENS_DE_EXEMPLO = ("china.jpg", "flower.jpg")

# Kernels 3×3 clássicos, na convenção de correlação cruzada do PyTorch (não são invertidos).
KERNELS: dict[str, list[list[float]]] = {
    "media": [[1 / 9] * 3] * 3,
    "borda_vertical": [[1.0, 0.0, -1.0]] * 3,
    "borda_horizontal": [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -1.0, -1.0]],
    "sobel_x": [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]],
    "sobel_y": [[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]],
    "laplace": [[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]],
}


def _para_numpy(x, nome: str) -> np.ndarray:
    if isinstance(x, torch.Tensor):
        x = x.detach().cpu().numpy()
    if not isinstance(x, np.ndarray | list | tuple):
        raise TypeError(f"{nome}: esperava um tensor, array ou lista, recebi {type(x).__name__}")
    return np.asarray(x, dtype=float)


def _para_tensor(x, nome: str) -> torch.Tensor:
    if isinstance(x, torch.Tensor):
        return x.detach().float()
    if isinstance(x, np.ndarray | list | tuple):
        return torch.as_tensor(np.asarray(x, dtype=np.float32))
    raise TypeError(f"{nome}: esperava um tensor, array ou lista, recebi {type(x).__name__}")


def convolucao_1d(sinal, kernel) -> np.ndarray:
    """Convolução 1D "de verdade" (com o kernel invertido), só nas posições em que o kernel cabe.

    Igual a ``numpy.convolve(sinal, kernel, mode="valid")``: a saída tem ``len(sinal) - len(kernel) + 1``
    elementos, e ``saida[i] = sum_j sinal[i + j] * kernel[K - 1 - j]``.
    """
    x = _para_numpy(sinal, "sinal")
    k = _para_numpy(kernel, "kernel")
    if x.ndim != 1:
        raise ValueError(f"sinal: esperava formato (N,), recebi {x.shape}")
    if k.ndim != 1 or len(k) == 0:
        raise ValueError(f"kernel: esperava formato (K,) com K >= 1, recebi {k.shape}")
    if len(k) > len(x):
        raise ValueError(f"kernel: tem {len(k)} elementos, mais que o sinal ({len(x)}); não cabe nenhuma vez")
    invertido = k[::-1]
    return np.array([np.dot(x[i : i + len(k)], invertido) for i in range(len(x) - len(k) + 1)])


def _validar_imagem_2d(imagem, kernel) -> tuple[np.ndarray, np.ndarray]:
    img = _para_numpy(imagem, "imagem")
    k = _para_numpy(kernel, "kernel")
    if img.ndim != 2:
        raise ValueError(f"imagem: esperava formato (H, W), recebi {img.shape}")
    if k.ndim != 2 or 0 in k.shape:
        raise ValueError(f"kernel: esperava formato (kH, kW), recebi {k.shape}")
    return img, k


def correlacao_2d(imagem, kernel) -> np.ndarray:
    """Correlação cruzada 2D "valid" feita à mão com NumPy (é o que ``nn.Conv2d`` calcula).

    ``saida[i, j] = sum_{a, b} imagem[i + a, j + b] * kernel[a, b]``; formato
    ``(H - kH + 1, W - kW + 1)``.
    """
    img, k = _validar_imagem_2d(imagem, kernel)
    if k.shape[0] > img.shape[0] or k.shape[1] > img.shape[1]:
        raise ValueError(f"kernel: formato {k.shape} é maior que a imagem {img.shape}; não cabe nenhuma vez")
    janelas = sliding_window_view(img, k.shape)  # (H - kH + 1, W - kW + 1, kH, kW)
    return np.einsum("ijab,ab->ij", janelas, k)


def filtrar(imagem, kernel, preenchimento: int = 0) -> torch.Tensor:
    """Aplica ``kernel`` ``(kH, kW)`` a uma imagem ``(H, W)`` com ``torch.nn.functional.conv2d``.

    Por dentro a imagem vira um lote ``(1, 1, H, W)`` e o kernel ``(1, 1, kH, kW)``; a saída volta
    como ``(H', W')``. ``preenchimento`` acrescenta zeros nas bordas (``padding`` do PyTorch).
    """
    _validar_imagem_2d(imagem, kernel)
    inteiro("preenchimento", preenchimento, minimo=0)
    img = _para_tensor(imagem, "imagem")
    k = _para_tensor(kernel, "kernel").to(img.device)
    H, W = img.shape[0] + 2 * preenchimento, img.shape[1] + 2 * preenchimento
    if k.shape[0] > H or k.shape[1] > W:
        raise ValueError(
            f"kernel: formato {tuple(k.shape)} é maior que a imagem {tuple(img.shape)} "
            f"com preenchimento {preenchimento}; não cabe nenhuma vez"
        )
    saida = F.conv2d(img[None, None], k[None, None], padding=preenchimento)
    return saida[0, 0]


def kernel_classico(nome: str) -> torch.Tensor:
    """Um dos kernels 3×3 de :data:`KERNELS` como tensor ``float32`` ``(3, 3)``."""
    if nome not in KERNELS:
        raise ValueError(f"nome: esperava um de {sorted(KERNELS)}, recebi {nome!r}")
    return torch.tensor(KERNELS[nome], dtype=torch.float32)


def tamanho_saida(
    entrada: int, kernel: int, passo: int = 1, preenchimento: int = 0, dilatacao: int = 1
) -> int:
    """Tamanho da saída de uma convolução numa dimensão (a fórmula da documentação de ``nn.Conv2d``).

    ``floor((entrada + 2 * preenchimento - dilatacao * (kernel - 1) - 1) / passo) + 1``
    """
    for nome, valor, minimo in (
        ("entrada", entrada, 1),
        ("kernel", kernel, 1),
        ("passo", passo, 1),
        ("preenchimento", preenchimento, 0),
        ("dilatacao", dilatacao, 1),
    ):
        inteiro(nome, valor, minimo)
    alcance = dilatacao * (kernel - 1) + 1
    if alcance > entrada + 2 * preenchimento:
        raise ValueError(
            f"kernel: alcance {alcance} é maior que a entrada preenchida "
            f"({entrada} + 2 × {preenchimento} = {entrada + 2 * preenchimento}); não cabe nenhuma vez"
        )
    return (entrada + 2 * preenchimento - alcance) // passo + 1


def carregar_imagem_exemplo(nome: str = "china.jpg", reducao: int = 1) -> np.ndarray:
    """Uma das fotos que vêm com o scikit-learn, como array ``uint8`` ``(H, W, 3)``.

    ``reducao`` guarda um pixel a cada ``reducao`` em cada direção (``reducao=2`` → 214 × 320).
    """
    if nome not in IMAGENS_DE_EXEMPLO:
        raise ValueError(f"nome: esperava um de {IMAGENS_DE_EXEMPLO}, recebi {nome!r}")
    inteiro("reducao", reducao)
    from sklearn.datasets import load_sample_image

    return np.ascontiguousarray(load_sample_image(nome)[::reducao, ::reducao])


def imagem_para_tensor(imagem) -> torch.Tensor:
    """Imagem ``(H, W, C)`` com valores de 0 a 255 → lote ``(1, C, H, W)`` ``float32`` em ``[0, 1]``."""
    if isinstance(imagem, torch.Tensor):
        imagem = imagem.detach().cpu().numpy()
    if not isinstance(imagem, np.ndarray):
        raise TypeError(f"imagem: esperava um array (H, W, C), recebi {type(imagem).__name__}")
    if imagem.ndim != 3:
        raise ValueError(f"imagem: esperava formato (H, W, C), recebi {imagem.shape}")
    if imagem.shape[2] not in (1, 3, 4):
        raise ValueError(
            f"imagem: esperava 1, 3 ou 4 canais no último eixo (H, W, C), recebi {imagem.shape[2]} "
            f"(formato {imagem.shape}; a imagem já está como (C, H, W)?)"
        )
    tensor = torch.from_numpy(np.ascontiguousarray(imagem)).float() / 255.0
    return tensor.permute(2, 0, 1).unsqueeze(0)


def para_cinza(lote: torch.Tensor) -> torch.Tensor:
    """Lote RGB ``(B, 3, H, W)`` → tons de cinza ``(B, 1, H, W)`` (luminância ITU-R BT.601)."""
    if not isinstance(lote, torch.Tensor):
        raise TypeError(f"lote: esperava um torch.Tensor (B, 3, H, W), recebi {type(lote).__name__}")
    if lote.ndim != 4:
        raise ValueError(f"lote: esperava formato (B, 3, H, W), recebi {tuple(lote.shape)}")
    if lote.shape[1] != 3:
        raise ValueError(f"lote: esperava 3 canais (RGB) na dimensão 1, recebi {lote.shape[1]}")
    pesos = torch.tensor([0.299, 0.587, 0.114], dtype=lote.dtype, device=lote.device)
    return (lote * pesos.view(1, 3, 1, 1)).sum(dim=1, keepdim=True)


def encontrar_padrao(imagem, padrao) -> tuple[int, int]:
    """Posição ``(linha, coluna)`` do canto superior esquerdo em que ``padrao`` melhor se encaixa.

    Minimiza a soma dos quadrados das diferenças, escrita só com convoluções:
    ``sum (I - P)^2 = sum I^2 - 2 sum I·P + sum P^2`` (o último termo é constante).
    """
    img, p = _validar_imagem_2d(imagem, padrao)
    if p.shape[0] > img.shape[0] or p.shape[1] > img.shape[1]:
        raise ValueError(f"padrao: formato {p.shape} é maior que a imagem {img.shape}")
    img_t, p_t = torch.as_tensor(img)[None, None], torch.as_tensor(p)[None, None]
    energia = F.conv2d(img_t**2, torch.ones_like(p_t))[0, 0]
    casamento = F.conv2d(img_t, p_t)[0, 0]
    distancia = energia - 2 * casamento
    indice = int(distancia.argmin())
    return divmod(indice, distancia.shape[1])
