"""Figuras do capítulo "Redes neurais": ``python -m pytorchdl_snippets.figuras redes``.

Cada figura refaz, com as mesmas sementes, o que a página correspondente calcula.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import make_classification, make_moons
from torch import nn

from pytorchdl_snippets.figuras import gravar_png
from pytorchdl_snippets.graficos import fronteira_de_decisao
from pytorchdl_snippets.redes import MLP

DPI = 100


def plano_3d(destino: Path) -> Path:
    """O plano w·x + b = 0 do ``nn.Linear(3, 1)`` da página "A camada linear" (semente 0)."""
    torch.manual_seed(0)
    camada = nn.Linear(3, 1)
    w = camada.weight.detach()[0].numpy()
    b = camada.bias.item()
    x1, x2 = np.meshgrid(np.linspace(-3, 3, 10), np.linspace(-3, 3, 10))
    x3 = -(w[0] * x1 + w[1] * x2 + b) / w[2]
    rng = np.random.default_rng(0)
    pontos = rng.uniform(-3, 3, size=(80, 3))
    sinal = pontos @ w + b > 0
    fig = plt.figure(figsize=(5, 4.2))
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(x1, x2, x3, color="tab:orange", alpha=0.3, linewidth=0)
    ax.scatter(*pontos[sinal].T, color="tab:blue", s=12, label="saída > 0")
    ax.scatter(*pontos[~sinal].T, color="tab:red", s=12, label="saída < 0")
    ax.set(xlabel="$x_1$", ylabel="$x_2$", zlabel="$x_3$", zlim=(-3, 3))
    ax.set_title("O plano $\\mathbf{w} \\cdot \\mathbf{x} + b = 0$ de nn.Linear(3, 1)")
    ax.legend(loc="upper left")
    ax.view_init(elev=12, azim=-50)
    return gravar_png(fig, destino / "plano_3d.png", dpi=DPI)


def reta_pontos(destino: Path) -> Path:
    """A reta x2 = 0,5·x1 + 1 e três pontos: sobre, acima e abaixo dela."""
    w, b = np.array([-0.5, 1.0]), -1.0
    pontos = np.array([[2.0, 2.0], [0.0, 3.0], [2.0, 0.0]])
    xs = np.linspace(-1, 4, 2)
    fig, ax = plt.subplots(figsize=(5, 3.6))
    ax.plot(xs, 0.5 * xs + 1, color="k", label="$-0{,}5\\,x_1 + x_2 - 1 = 0$")
    ax.fill_between(xs, 0.5 * xs + 1, 4.5, color="tab:red", alpha=0.1)
    ax.fill_between(xs, -1, 0.5 * xs + 1, color="tab:blue", alpha=0.1)
    for (x1, x2), cor in zip(pontos, ["k", "tab:red", "tab:blue"], strict=True):
        valor = w @ np.array([x1, x2]) + b
        ax.scatter(x1, x2, color=cor, s=40, zorder=3)
        rotulo = f"valor = {valor:+.0f}" if valor else "valor = 0"
        ax.annotate(rotulo, (x1, x2), textcoords="offset points", xytext=(8, 6))
    ax.text(-0.8, 3.9, "lado positivo", color="tab:red")
    ax.text(2.6, -0.7, "lado negativo", color="tab:blue")
    ax.set(xlim=(-1, 4), ylim=(-1, 4.5), xlabel="$x_1$", ylabel="$x_2$")
    ax.legend(loc="upper right")
    return gravar_png(fig, destino / "reta_pontos.png", dpi=DPI)


def classificador_linear(destino: Path) -> Path:
    """Os dados de ``make_classification`` da página e a reta x1 + x2 = 0."""
    X, y = make_classification(
        n_samples=200,
        n_features=2,
        n_informative=2,
        n_redundant=0,
        n_clusters_per_class=1,
        class_sep=1.5,
        random_state=6,
    )
    neuronio = nn.Linear(2, 1)
    neuronio.weight = nn.Parameter(torch.tensor([[1.0, 1.0]]))
    neuronio.bias = nn.Parameter(torch.tensor([0.0]))
    with torch.no_grad():
        previsto = (neuronio(torch.tensor(X, dtype=torch.float32)).squeeze(1) > 0).numpy()
    acuracia = (previsto == y).mean()
    fig, ax = plt.subplots(figsize=(5, 4))
    fronteira_de_decisao(ax, neuronio, X, y, resolucao=150)
    xs = np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, 2)
    ax.plot(xs, -xs, color="k", label="$x_1 + x_2 = 0$")
    ax.set(
        xlim=(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5),
        ylim=(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5),
        xlabel="$x_1$",
        ylabel="$x_2$",
        title=f"Classificador linear pelo sinal (acurácia {acuracia:.0%})",
    )
    ax.legend(loc="upper left")
    return gravar_png(fig, destino / "classificador_linear.png", dpi=DPI)


def ativacoes(destino: Path) -> Path:
    """Sigmoide, tanh, ReLU, LeakyReLU e GELU no intervalo [-4, 4]."""
    z = torch.linspace(-4, 4, 401)
    funcoes = {
        "sigmoide": torch.sigmoid,
        "tanh": torch.tanh,
        "ReLU": torch.relu,
        "LeakyReLU (0,1)": nn.LeakyReLU(0.1),
        "GELU": nn.GELU(),
    }
    fig, eixos = plt.subplots(1, 2, figsize=(9, 3.4), sharex=True)
    for nome, funcao in funcoes.items():
        ax = eixos[0] if nome in ("sigmoide", "tanh") else eixos[1]
        # a ReLU coincide com as vizinhas em boa parte do eixo: mais grossa e por baixo, fica visível
        estilo = {"linewidth": 4, "alpha": 0.6, "zorder": 1} if nome == "ReLU" else {"zorder": 2}
        ax.plot(z, funcao(z), label=nome, **estilo)
    eixos[0].set_title("Saturam: sigmoide e tanh")
    eixos[1].set_title("Família ReLU")
    for ax in eixos:
        ax.axhline(0, color="0.6", linewidth=0.8, zorder=0)
        ax.axvline(0, color="0.6", linewidth=0.8, zorder=0)
        ax.set_xlabel("$z$")
        ax.legend()
    return gravar_png(fig, destino / "ativacoes.png", dpi=DPI)


def _mapa_de_probabilidade(figsize, xs, ys, logits):
    """Figura com σ(logits(ponto)) em cada ponto da grade ``xs × ys``, de 0 (azul) a 1 (vermelho)."""
    xx, yy = np.meshgrid(xs, ys)
    grade = torch.tensor(np.c_[xx.ravel(), yy.ravel()], dtype=torch.float32)
    with torch.no_grad():
        p = torch.sigmoid(logits(grade)).reshape(xx.shape).numpy()
    fig, ax = plt.subplots(figsize=figsize)
    imagem = ax.contourf(xx, yy, p, levels=np.linspace(0, 1, 11), cmap="coolwarm")
    fig.colorbar(imagem, ax=ax, label="probabilidade da classe 1")
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    return fig, ax, (xx, yy, p)


def sigmoide_probabilidade(destino: Path) -> Path:
    """σ(w·x + b) no plano para a reta x2 = 0,5·x1 + 1: 0,5 sobre a reta, certeza longe dela."""
    w, b = torch.tensor([-0.5, 1.0]), -1.0
    xs, ys = np.linspace(-3, 5, 200), np.linspace(-2, 5, 200)
    fig, ax, (xx, yy, p) = _mapa_de_probabilidade((5.4, 4), xs, ys, lambda g: g @ w + b)
    ax.contour(xx, yy, p, levels=[0.5], colors="k")
    ax.set_title("$\\sigma(-0{,}5\\,x_1 + x_2 - 1)$")
    return gravar_png(fig, destino / "sigmoide_probabilidade.png", dpi=DPI)


def luas_sem_treino(destino: Path) -> Path:
    """Probabilidade da classe 1 dada por um ``MLP(2, [16, 16], 1)`` ainda sem treino (semente 0)."""
    X, y = make_moons(n_samples=200, noise=0.1, random_state=0)
    torch.manual_seed(0)
    modelo = MLP(2, [16, 16], 1)
    xs, ys = np.linspace(-1.7, 2.7, 200), np.linspace(-1.2, 1.7, 200)
    fig, ax, _ = _mapa_de_probabilidade((5.6, 3.6), xs, ys, modelo)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=20)
    ax.set_title("MLP(2, [16, 16], 1) antes do treino")
    return gravar_png(fig, destino / "luas_sem_treino.png", dpi=DPI)


def luas_treinada(destino: Path) -> Path:
    """O mesmo MLP depois do treino da página Arquitetura (Adam, 300 passos, 150 luas de treino)."""
    X, y = make_moons(n_samples=200, noise=0.1, random_state=0)
    X, y = torch.tensor(X, dtype=torch.float32), torch.tensor(y)
    torch.manual_seed(0)
    modelo = MLP(2, [16, 16], 1)
    otimizador = torch.optim.Adam(modelo.parameters(), lr=0.01)
    alvo = y[:150].float().unsqueeze(1)
    for _ in range(300):
        otimizador.zero_grad()
        perda = nn.functional.binary_cross_entropy_with_logits(modelo(X[:150]), alvo)
        perda.backward()
        otimizador.step()
    modelo.eval()
    xs, ys = np.linspace(-1.7, 2.7, 200), np.linspace(-1.2, 1.7, 200)
    fig, ax, (xx, yy, p) = _mapa_de_probabilidade((5.6, 3.6), xs, ys, modelo)
    ax.contour(xx, yy, p, levels=[0.5], colors="k")
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k", s=20)
    ax.set_title("MLP(2, [16, 16], 1) depois do treino")
    return gravar_png(fig, destino / "luas_treinada.png", dpi=DPI)


def gerar(destino: Path) -> list[Path]:
    """Gera todas as figuras do capítulo em ``destino`` (normalmente ``docs/assets/redes/``)."""
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [
        plano_3d(destino),
        reta_pontos(destino),
        classificador_linear(destino),
        ativacoes(destino),
        sigmoide_probabilidade(destino),
        luas_sem_treino(destino),
        luas_treinada(destino),
    ]
