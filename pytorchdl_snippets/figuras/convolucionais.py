"""Figuras do capítulo "Redes convolucionais" (``docs/assets/convolucionais/``).

Regere com ``python -m pytorchdl_snippets.figuras convolucionais``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch

from pytorchdl_snippets.convolucao import (
    carregar_imagem_exemplo,
    encontrar_padrao,
    filtrar,
    kernel_classico,
)
from pytorchdl_snippets.figuras import salvar_figura

DPI = 80


def _cinza(reducao: int = 2) -> np.ndarray:
    return carregar_imagem_exemplo("china.jpg", reducao=reducao) @ np.array([0.299, 0.587, 0.114]) / 255


def _mapa(ax, mapa, titulo: str) -> None:
    mapa = np.asarray(mapa)
    limite = np.percentile(np.abs(mapa), 99)  # satura os 1 % mais fortes: realça as bordas fracas
    ax.imshow(mapa, cmap="RdBu_r", vmin=-limite, vmax=limite)
    ax.set_title(titulo)
    ax.axis("off")


def sinal_1d(destino: Path) -> Path:
    rng = np.random.default_rng(0)
    limpo = np.concatenate([np.zeros(6), np.linspace(0, 1, 6), np.ones(6), np.linspace(1, 0, 6), np.zeros(6)])
    sinal = limpo + rng.normal(0, 0.05, size=limpo.size)
    subida = np.convolve(sinal, [1.0, 0.0, -1.0], mode="valid")
    suave = np.convolve(sinal, np.convolve(np.ones(3) / 3, [1.0, 0.0, -1.0]), mode="valid")
    fig, (a, b) = plt.subplots(2, 1, figsize=(7, 4.2), sharex=True)
    a.plot(sinal, "o-", ms=3, label="sinal com ruído")
    a.plot(limpo, "--", color="gray", label="sinal limpo")
    a.legend(loc="upper right")
    a.set_ylabel("x[n]")
    b.axhline(0, color="gray", lw=0.8)
    b.plot(np.arange(len(subida)) + 1, subida, "o-", ms=3, label="kernel [1, 0, -1]")
    b.plot(np.arange(len(suave)) + 2, suave, "s-", ms=3, label="média + [1, 0, -1]")
    for ax in (a, b):
        ax.axvspan(6, 11, color="tab:green", alpha=0.12)
        ax.axvspan(18, 23, color="tab:red", alpha=0.12)
    b.legend(loc="upper right")
    b.set_xlabel("amostra n")
    b.set_ylabel("resposta")
    return salvar_figura(fig, destino / "sinal_1d.png", dpi=DPI, cores=128)


def bordas_2d(destino: Path) -> Path:
    cinza = _cinza()
    fig, eixos = plt.subplots(1, 3, figsize=(10, 2.6))
    eixos[0].imshow(cinza, cmap="gray")
    eixos[0].set_title("imagem (214 × 320)")
    eixos[0].axis("off")
    _mapa(eixos[1], filtrar(cinza, kernel_classico("borda_vertical")), "borda vertical")
    _mapa(eixos[2], filtrar(cinza, kernel_classico("borda_horizontal")), "borda horizontal")
    return salvar_figura(fig, destino / "bordas_2d.png", dpi=DPI, cores=128)


def filtros_classicos(destino: Path) -> Path:
    cinza = _cinza(reducao=4)
    nomes = {"media": "média 3×3", "sobel_x": "Sobel x", "sobel_y": "Sobel y", "laplace": "Laplace"}
    fig, eixos = plt.subplots(len(nomes), 3, figsize=(7, 1.7 * len(nomes)), width_ratios=[3, 1, 3])
    for linha, (nome, titulo) in zip(eixos, nomes.items(), strict=True):
        kernel = kernel_classico(nome)
        linha[0].imshow(cinza, cmap="gray")
        linha[0].set_title("imagem")
        linha[0].axis("off")
        k = kernel.numpy()
        limite = np.abs(k).max()
        linha[1].imshow(k, cmap="RdBu_r", vmin=-limite, vmax=limite)
        for (a, b), valor in np.ndenumerate(k):
            cor = "white" if abs(valor) > 0.6 * limite else "black"
            linha[1].text(b, a, f"{valor:.2g}", ha="center", va="center", fontsize=8, color=cor)
        linha[1].set_title(titulo)
        linha[1].axis("off")
        mapa = filtrar(cinza, kernel)
        if nome == "media":
            linha[2].imshow(mapa, cmap="gray")
            linha[2].set_title("mapa (suavizado)")
            linha[2].axis("off")
        else:
            _mapa(linha[2], mapa, "mapa de ativação")
    fig.tight_layout()
    return salvar_figura(fig, destino / "filtros_classicos.png", dpi=DPI, cores=128)


def casamento_de_padrao(destino: Path) -> Path:
    cinza = _cinza()
    linha, coluna, altura, largura = 40, 70, 30, 40
    padrao = cinza[linha : linha + altura, coluna : coluna + largura]
    achado = encontrar_padrao(cinza, padrao)
    img, p = torch.as_tensor(cinza)[None, None], torch.as_tensor(padrao)[None, None]
    distancia = (
        torch.nn.functional.conv2d(img**2, torch.ones_like(p)) - 2 * torch.nn.functional.conv2d(img, p)
    )[0, 0]
    fig, eixos = plt.subplots(1, 3, figsize=(10, 2.6), width_ratios=[3, 1, 3])
    eixos[0].imshow(cinza, cmap="gray")
    eixos[0].add_patch(
        plt.Rectangle((achado[1], achado[0]), largura, altura, fill=False, color="tab:orange", lw=2)
    )
    eixos[0].set_title(f"encontrado em {achado}")
    eixos[1].imshow(padrao, cmap="gray")
    eixos[1].set_title("padrão 30 × 40")
    eixos[2].imshow(distancia.numpy(), cmap="viridis_r")
    eixos[2].plot(achado[1], achado[0], "x", color="tab:orange", ms=10, mew=2)
    eixos[2].set_title("distância (mais claro = menor)")
    for ax in eixos:
        ax.axis("off")
    return salvar_figura(fig, destino / "casamento_de_padrao.png", dpi=DPI, cores=128)


def confusao_lenet(destino: Path) -> Path:
    """Treina a LeNet exatamente como a página ``lenet.md`` e desenha a matriz de confusão de teste."""
    from sklearn.metrics import ConfusionMatrixDisplay
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    from pytorchdl_snippets.dados import carregar_digitos
    from pytorchdl_snippets.dispositivo import fixar_semente
    from pytorchdl_snippets.lenet import LeNet5
    from pytorchdl_snippets.treino import acuracia, ajustar, prever

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        fixar_semente(0)
        X_treino, X_teste, y_treino, y_teste = carregar_digitos()
        ordem = torch.randperm(len(X_treino))
        validacao, treino = ordem[:270], ordem[270:]
        carregador_treino = DataLoader(
            TensorDataset(X_treino[treino], y_treino[treino]), batch_size=32, shuffle=True
        )
        carregador_validacao = DataLoader(
            TensorDataset(X_treino[validacao], y_treino[validacao]), batch_size=512
        )
        fixar_semente(0)  # como na página: semente fixada de novo logo antes do modelo
        modelo = LeNet5()
        otimizador = torch.optim.Adam(modelo.parameters(), lr=2e-3)
        ajustar(
            modelo,
            carregador_treino,
            carregador_validacao,
            nn.CrossEntropyLoss(),
            otimizador,
            epocas=40,
            metrica=acuracia,
            paciencia=8,
        )
        previstos = prever(modelo, X_teste).argmax(dim=1)
    finally:
        torch.set_num_threads(threads)
    fig, ax = plt.subplots(figsize=(5, 4.4))
    ConfusionMatrixDisplay.from_predictions(y_teste, previstos, ax=ax, cmap="Oranges", colorbar=False)
    ax.set_xlabel("dígito previsto")
    ax.set_ylabel("dígito verdadeiro")
    ax.set_title("LeNet: matriz de confusão (teste)")
    return salvar_figura(fig, destino / "confusao_lenet.png", dpi=DPI, cores=128)


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [
        sinal_1d(destino),
        bordas_2d(destino),
        filtros_classicos(destino),
        casamento_de_padrao(destino),
        confusao_lenet(destino),
    ]
