"""Figuras do capítulo "Redes convolucionais" (``docs/assets/convolucionais/``).

Regere com ``python -m pytorchdl_snippets.figuras convolucionais``.
"""

from __future__ import annotations

import re
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
from pytorchdl_snippets.figuras import gravar_png, saida_da_pagina

DPI = 80


def _cinza(reducao: int = 2) -> np.ndarray:
    return carregar_imagem_exemplo("china.jpg", reducao=reducao) @ np.array([0.299, 0.587, 0.114]) / 255


def _mapa(ax, mapa, titulo: str) -> None:
    mapa = np.asarray(mapa)
    limite = np.percentile(np.abs(mapa), 99)  # satura os 1 % mais fortes: realça as bordas fracas
    ax.imshow(mapa, cmap="RdBu_r", vmin=-limite, vmax=limite)
    ax.set_title(titulo, fontsize=12)
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
    return gravar_png(fig, destino / "sinal_1d.png", dpi=DPI, cores=128)


def bordas_2d(destino: Path) -> Path:
    cinza = _cinza()
    fig, eixos = plt.subplots(3, 1, figsize=(4.4, 8.4))
    eixos[0].imshow(cinza, cmap="gray")
    eixos[0].set_title("imagem (214 × 320)", fontsize=13)
    eixos[0].axis("off")
    _mapa(eixos[1], filtrar(cinza, kernel_classico("borda_vertical")), "borda vertical")
    _mapa(eixos[2], filtrar(cinza, kernel_classico("borda_horizontal")), "borda horizontal")
    fig.tight_layout()
    # fotos: densidade 1 (a 2× o PNG passa de 150 KB e a foto não ganha nitidez que se note)
    return gravar_png(fig, destino / "bordas_2d.png", dpi=DPI, cores=64, densidade=1)


def filtros_classicos(destino: Path) -> Path:
    """A imagem uma vez no topo; depois, uma linha por filtro: o kernel e o mapa que ele produz."""
    cinza = _cinza(reducao=4)
    nomes = {"media": "média 3×3", "sobel_x": "Sobel x", "sobel_y": "Sobel y", "laplace": "Laplace"}
    fig, eixos = plt.subplots(len(nomes) + 1, 2, figsize=(5.2, 1.9 * (len(nomes) + 1)), width_ratios=[1, 2])
    eixos[0, 0].axis("off")
    eixos[0, 1].imshow(cinza, cmap="gray")
    eixos[0, 1].set_title("imagem", fontsize=12)
    eixos[0, 1].axis("off")
    for linha, (nome, titulo) in zip(eixos[1:], nomes.items(), strict=True):
        kernel = kernel_classico(nome)
        k = kernel.numpy()
        limite = np.abs(k).max()
        linha[0].imshow(k, cmap="RdBu_r", vmin=-limite, vmax=limite)
        for (a, b), valor in np.ndenumerate(k):
            cor = "white" if abs(valor) > 0.6 * limite else "black"
            texto = "1/9" if nome == "media" else f"{valor:.0f}".replace("-", "−")
            linha[0].text(b, a, texto, ha="center", va="center", fontsize=10, color=cor)
        linha[0].set_title(titulo, fontsize=12)
        linha[0].axis("off")
        mapa = filtrar(cinza, kernel)
        if nome == "media":
            linha[1].imshow(mapa, cmap="gray")
            linha[1].set_title("mapa (suavizado)", fontsize=12)
            linha[1].axis("off")
        else:
            _mapa(linha[1], mapa, "mapa de ativação")
    fig.tight_layout()
    return gravar_png(fig, destino / "filtros_classicos.png", dpi=DPI, cores=128, densidade=1)


def casamento_de_padrao(destino: Path) -> Path:
    cinza = _cinza()
    linha, coluna, altura, largura = 40, 70, 30, 40
    padrao = cinza[linha : linha + altura, coluna : coluna + largura]
    achado = encontrar_padrao(cinza, padrao)
    img, p = torch.as_tensor(cinza)[None, None], torch.as_tensor(padrao)[None, None]
    distancia = (
        torch.nn.functional.conv2d(img**2, torch.ones_like(p)) - 2 * torch.nn.functional.conv2d(img, p)
    )[0, 0]
    fig = plt.figure(figsize=(5, 6.4))
    grade = fig.add_gridspec(2, 2, width_ratios=[3, 1], height_ratios=[1, 1])
    foto, recorte, mapa = (
        fig.add_subplot(grade[0, 0]),
        fig.add_subplot(grade[0, 1]),
        fig.add_subplot(grade[1, :]),
    )
    foto.imshow(cinza, cmap="gray")
    foto.add_patch(
        plt.Rectangle((achado[1], achado[0]), largura, altura, fill=False, color="tab:orange", lw=2)
    )
    foto.set_title(f"encontrado em {achado}", fontsize=12)
    recorte.imshow(padrao, cmap="gray")
    recorte.set_title("padrão\n30 × 40", fontsize=12)
    mapa.imshow(distancia.numpy(), cmap="viridis_r")
    mapa.plot(achado[1], achado[0], "x", color="tab:orange", ms=10, mew=2)
    mapa.set_title("distância (mais claro = menor)", fontsize=12)
    for ax in (foto, recorte, mapa):
        ax.axis("off")
    fig.tight_layout()
    return gravar_png(fig, destino / "casamento_de_padrao.png", dpi=DPI, cores=128)


# As duas figuras da LeNet desenham as saídas que a página ``lenet.md`` imprime (e que os testes
# conferem), sem treinar de novo: a mesma figura em qualquer CPU, com os números que o leitor vê.
PAGINA_LENET = Path(__file__).resolve().parents[2] / "docs" / "convolucionais" / "lenet.md"


def matriz_da_pagina() -> np.ndarray:
    """A matriz de confusão impressa por ``print(matriz)`` na página da LeNet."""
    linhas = saida_da_pagina("print(matriz)", PAGINA_LENET).strip().splitlines()
    return np.array([[int(n) for n in re.findall(r"\d+", linha)] for linha in linhas])


def erros_da_pagina() -> list[tuple[int, int, int]]:
    """``(imagem, verdadeiro, previsto)`` de cada erro listado na página da LeNet."""
    saida = saida_da_pagina("for i in erros:", PAGINA_LENET)
    erros = [tuple(map(int, a)) for a in re.findall(r"imagem (\d+): é um (\d), a rede disse (\d)", saida)]
    if not erros:
        raise ValueError(f"esperava a lista de erros da LeNet na página, recebi {saida!r:.80}")
    return erros


def confusao_lenet(destino: Path) -> Path:
    """A matriz de confusão de teste da LeNet da página ``lenet.md``."""
    from sklearn.metrics import ConfusionMatrixDisplay

    fig, ax = plt.subplots(figsize=(5, 4.4))
    matriz = matriz_da_pagina()
    ConfusionMatrixDisplay(matriz, display_labels=np.arange(len(matriz))).plot(
        ax=ax, cmap="Oranges", colorbar=False
    )
    ax.set_xlabel("dígito previsto")
    ax.set_ylabel("dígito verdadeiro")
    ax.set_title("LeNet: matriz de confusão (teste)")
    return gravar_png(fig, destino / "confusao_lenet.png", dpi=DPI, cores=128)


def erros_lenet(destino: Path) -> Path:
    """Cada erro de teste da LeNet ao lado da média das imagens de treino da classe prevista."""
    from pytorchdl_snippets.dados import carregar_digitos

    dados = carregar_digitos()
    erros = erros_da_pagina()
    fig, eixos = plt.subplots(len(erros), 2, figsize=(4.6, 2.3 * len(erros)), squeeze=False)
    for (esq, dir_), (i, verdadeiro, previsto) in zip(eixos, erros, strict=True):
        if int(dados.y_teste[i]) != verdadeiro:
            raise ValueError(
                f"imagem {i}: a página diz que é um {verdadeiro}, o rótulo é {int(dados.y_teste[i])}"
            )
        esq.imshow(dados.X_teste[i, 0].numpy(), cmap="gray_r", vmin=0, vmax=1)
        esq.set_title(f"imagem {i}:\né {verdadeiro}, previu {previsto}", fontsize=12)
        media = dados.X_treino[dados.y_treino == previsto, 0].mean(dim=0).numpy()
        dir_.imshow(media, cmap="gray_r", vmin=0, vmax=1)
        dir_.set_title(f"média dos {previsto}\n(treino)", fontsize=12)
        for ax in (esq, dir_):
            ax.set_xticks([])
            ax.set_yticks([])
    fig.tight_layout()
    return gravar_png(fig, destino / "erros_lenet.png", dpi=DPI, cores=128)


def campo_receptivo(destino: Path) -> Path:
    """O quadrado da imagem visto por uma unidade depois de cada etapa da LeNet."""
    from pytorchdl_snippets.dados import carregar_digitos
    from pytorchdl_snippets.lenet import LeNet5, campos_receptivos

    imagem = carregar_digitos().X_teste[0, 0].numpy()
    campos = campos_receptivos(LeNet5().caracteristicas)
    # (rótulo, índice da camada em caracteristicas, unidade escolhida nessa saída)
    etapas = [
        ("1ª convolução", 0, 3),
        ("1º pooling", 3, 1),
        ("2ª convolução", 4, 1),
        ("2º pooling", 7, 1),
    ]
    fig, eixos = plt.subplots(2, 2, figsize=(5.6, 6.2))
    for ax, (rotulo, indice, unidade) in zip(eixos.flat, etapas, strict=True):
        campo = campos[indice]
        inicio = campo.inicio + unidade * campo.salto
        ax.add_patch(plt.Rectangle((-3.5, -3.5), 14, 14, color="0.92", zorder=0))
        ax.imshow(imagem, cmap="gray_r", vmin=0, vmax=1, extent=(-0.5, 7.5, 7.5, -0.5), zorder=1)
        ax.add_patch(
            plt.Rectangle(
                (inicio - 0.5, inicio - 0.5),
                campo.tamanho,
                campo.tamanho,
                fill=False,
                color="tab:orange",
                lw=3,
                zorder=2,
            )
        )
        ax.set_xlim(-3.5, 10.5)
        ax.set_ylim(10.5, -3.5)
        ax.set_title(f"{rotulo}: {campo.tamanho} × {campo.tamanho}", fontsize=13)
        ax.set_xticks([0, 7])
        ax.set_yticks([0, 7])
        ax.tick_params(labelsize=11)
    fig.suptitle("campo receptivo de uma unidade\n(cinza: preenchimento)", fontsize=13)
    fig.tight_layout()
    return gravar_png(fig, destino / "campo_receptivo.png", dpi=DPI, cores=128)


def janela_deslizante(destino: Path) -> Path:
    """Três posições da janela 3×3 sobre o degrau 5×6 e a saída sendo preenchida."""
    degrau = np.zeros((5, 6))
    degrau[:, 3:] = 1
    kernel = kernel_classico("borda_vertical").numpy()
    saida = filtrar(degrau, kernel).numpy()
    posicoes = [(0, 0), (0, 2), (2, 3)]
    fig, eixos = plt.subplots(len(posicoes), 2, figsize=(5.6, 2.7 * len(posicoes)), width_ratios=[6, 4])
    ordem = [(i, j) for i in range(3) for j in range(4)]
    for (esq, dir_), (i, j) in zip(eixos, posicoes, strict=True):
        esq.imshow(degrau, cmap="gray", vmin=-1.5, vmax=1.2)  # 0 escuro, 1 claro
        for (a, b), valor in np.ndenumerate(degrau):
            esq.text(b, a, f"{valor:.0f}", ha="center", va="center", fontsize=12)
        esq.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 3, 3, fill=False, color="tab:orange", lw=3))
        esq.set_title(f"entrada 5 × 6, janela em ({i}, {j})", fontsize=12)
        feitos = ordem[: ordem.index((i, j)) + 1]
        mostrar = np.full(saida.shape, np.nan)
        for a, b in feitos:
            mostrar[a, b] = saida[a, b]
        dir_.imshow(mostrar, cmap="RdBu_r", vmin=-4, vmax=4)
        for a, b in feitos:
            cor = "white" if abs(saida[a, b]) > 2 else "black"
            dir_.text(
                b, a, f"{saida[a, b]:.0f}".replace("-", "−"), ha="center", va="center", fontsize=12, color=cor
            )
        dir_.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, color="tab:orange", lw=3))
        dir_.set_xlim(-0.5, 3.5)
        dir_.set_ylim(2.5, -0.5)
        dir_.set_title(f"saída 3 × 4, posição ({i}, {j})", fontsize=12)
        for ax in (esq, dir_):
            ax.set_xticks([])
            ax.set_yticks([])
    fig.tight_layout()
    return gravar_png(fig, destino / "janela_deslizante.png", dpi=DPI, cores=64)


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [
        sinal_1d(destino),
        bordas_2d(destino),
        filtros_classicos(destino),
        casamento_de_padrao(destino),
        confusao_lenet(destino),
        erros_lenet(destino),
        campo_receptivo(destino),
        janela_deslizante(destino),
    ]
