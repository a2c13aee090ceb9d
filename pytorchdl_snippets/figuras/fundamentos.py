"""Figuras do capítulo Fundamentos: ``python -m pytorchdl_snippets.figuras fundamentos``."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import make_circles
from sklearn.linear_model import LogisticRegression

from pytorchdl_snippets.aproximacao import (
    FUNCOES,
    ajustar,
    aproximar,
    erros_maximos,
    mlp_uma_camada,
    pontos,
    representacao_oculta,
)
from pytorchdl_snippets.caracteristicas import _FAIXAS, treinar_cnn
from pytorchdl_snippets.dados import carregar_digitos
from pytorchdl_snippets.figuras import gravar_png

DPI = 100


def digitos(destino: Path) -> Path:
    """Um dígito de cada classe do conjunto de treino."""
    d = carregar_digitos()
    fig, eixos = plt.subplots(2, 5, figsize=(5, 2.4))
    for classe, ax in enumerate(eixos.flat):
        indice = int((d.y_treino == classe).nonzero()[0, 0])
        ax.imshow(d.X_treino[indice, 0].numpy(), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(str(classe))
        ax.axis("off")
    return gravar_png(fig, destino / "digitos.png", dpi=DPI)


def _mascaras_a_mao() -> list[tuple[str, np.ndarray]]:
    mascaras = []
    for i, nome_i in ((0, "sup"), (4, "inf")):
        for j, nome_j in ((0, "esq"), (4, "dir")):
            m = np.zeros((8, 8))
            m[i : i + 4, j : j + 4] = 1
            mascaras.append((f"quadrante\n{nome_i} {nome_j}", m))
    for (a, b), nome in zip(_FAIXAS, ("topo", "meio horiz.", "base"), strict=True):
        m = np.zeros((8, 8))
        m[a:b, :] = 1
        mascaras.append((f"faixa\n{nome}", m))
    for (a, b), nome in zip(_FAIXAS, ("esq", "meio vert.", "dir"), strict=True):
        m = np.zeros((8, 8))
        m[:, a:b] = 1
        mascaras.append((f"faixa\n{nome}", m))
    return mascaras


def filtros_vs_caracteristicas(destino: Path) -> Path:
    """Máscaras das características à mão × os 16 filtros 3×3 aprendidos pela primeira camada."""
    resultado = treinar_cnn(*carregar_digitos())  # a mesma rede da página ml-vs-dl
    filtros = resultado.modelo[0].weight.detach()[:, 0]  # (16, 3, 3)
    fig = plt.figure(figsize=(6, 7.5))
    sub_esq, sub_dir = fig.subfigures(2, 1, height_ratios=[1, 1.3])
    sub_esq.suptitle("Características feitas à mão\n(regiões somadas)")
    eixos = sub_esq.subplots(2, 5)
    sub_esq.subplots_adjust(top=0.7, hspace=0.6)
    for ax, (nome, m) in zip(eixos.flat, _mascaras_a_mao(), strict=True):
        ax.imshow(m, cmap="Greys", vmin=0, vmax=1)
        ax.set_title(nome, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    acuracia = f"{100 * resultado.acuracia:.1f}".replace(".", ",")
    sub_dir.suptitle(f"16 filtros 3×3 aprendidos\n(acurácia {acuracia} %)")
    eixos = sub_dir.subplots(4, 4)
    sub_dir.subplots_adjust(top=0.85)
    limite = filtros.abs().max().item()
    for ax, filtro in zip(eixos.flat, filtros, strict=True):
        ax.imshow(filtro, cmap="RdBu_r", vmin=-limite, vmax=limite)
        ax.set_xticks([])
        ax.set_yticks([])
    return gravar_png(fig, destino / "filtros_vs_caracteristicas.png", dpi=DPI)


def aproximacoes(destino: Path) -> Path:
    """Cada função-alvo e as aproximações com 2, 8 e 32 neurônios ocultos (semente 0).

    Sem o erro de cada curva na legenda: o de um treino só muda de uma máquina para outra; a página
    imprime a mediana de várias sementes.
    """
    x = pontos(500)
    fig, eixos = plt.subplots(3, 1, figsize=(5.5, 10), sharex=True)
    for ax, (nome, f) in zip(eixos, FUNCOES.items(), strict=True):
        ax.plot(x[:, 0], f(x)[:, 0], color="black", linewidth=3, alpha=0.3, label="alvo")
        for n in (2, 8, 32):
            modelo, _ = aproximar(f, n)
            with torch.no_grad():
                ax.plot(x[:, 0], modelo(x)[:, 0], label=f"{n} neurônios")
        ax.set_title(nome)
        ax.legend(fontsize=10, loc="upper left", framealpha=0.9)
    eixos[-1].set_xlabel("x")
    return gravar_png(fig, destino / "aproximacoes.png", dpi=DPI)


def erro_vs_neuronios(destino: Path) -> Path:
    """Erro máximo (escala log) × número de neurônios: um ponto claro por semente, a linha na mediana."""
    erros = erros_maximos(lista_neuronios=(1, 2, 4, 8, 16, 32, 64), sementes=range(5))
    tabela = erros.groupby(level="neurônios").median()
    fig, ax = plt.subplots(figsize=(5.5, 4.8))
    for nome in tabela.columns:
        (linha,) = ax.plot(tabela.index, tabela[nome], marker="o", label=f"{nome} (mediana)")
        neuronios = erros.index.get_level_values("neurônios")
        ax.scatter(neuronios, erros[nome], s=12, alpha=0.35, color=linha.get_color(), linewidths=0)
    ax.axhline(0.01, color="gray", linestyle="--", linewidth=1, label="meta 0,01")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    # eixo fixo: a escala automática seguiria a pior semente, que muda de uma máquina para outra
    ax.set_ylim(5e-4, 10)
    ax.set_xlabel("neurônios na camada oculta")
    ax.set_ylabel("erro máximo em [-π, π]")
    # embaixo do gráfico, para não cobrir os pontos das sementes
    ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)
    ax.grid(alpha=0.3)
    return gravar_png(fig, destino / "erro_vs_neuronios.png", dpi=DPI)


def circulos(destino: Path) -> Path:
    """Círculos concêntricos no espaço de entrada e na representação oculta (3 neurônios)."""
    X, y = make_circles(n_samples=400, noise=0.05, factor=0.5, random_state=0)
    X = torch.tensor(X, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
    torch.manual_seed(0)
    rede = mlp_uma_camada(3, entradas=2)
    ajustar(rede, X, y, passos=50, perda="logistica")  # os mesmos 50 passos da página
    H = representacao_oculta(rede, X).numpy()
    cores = np.where(y[:, 0].numpy() == 1, "tab:orange", "tab:blue")
    fig = plt.figure(figsize=(5, 9))
    fig.subplots_adjust(hspace=0.3)  # o título de baixo não encosta no rótulo x₁ de cima
    ax = fig.add_subplot(2, 1, 1)
    ax.scatter(X[:, 0], X[:, 1], c=cores, s=10)
    ax.set_aspect("equal")
    ax.set_title("Espaço de entrada: nenhuma reta separa")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax = fig.add_subplot(2, 1, 2, projection="3d")
    ax.scatter(H[:, 0], H[:, 1], H[:, 2], c=cores, s=8, depthshade=False)
    # o plano da regressão logística na representação oculta
    plano = LogisticRegression(C=10_000.0).fit(H, y[:, 0].numpy())
    (a, b, c), d = plano.coef_[0], plano.intercept_[0]
    if abs(c) > 1e-6:
        g1, g2 = np.meshgrid(np.linspace(-1, 1, 10), np.linspace(-1, 1, 10))
        g3 = np.clip(-(a * g1 + b * g2 + d) / c, -1, 1)
        ax.plot_surface(g1, g2, g3, alpha=0.2, color="gray")
    ax.set_title("Camada oculta (3 neurônios tanh):\num plano separa")
    ax.set_xlabel("$h_1$")
    ax.set_ylabel("$h_2$")
    ax.set_zlabel("$h_3$")
    return gravar_png(fig, destino / "circulos.png", dpi=DPI)


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [
        digitos(destino),
        filtros_vs_caracteristicas(destino),
        aproximacoes(destino),
        erro_vs_neuronios(destino),
        circulos(destino),
    ]
