"""Figura da lição Retropropagação (``docs/assets/retropropagacao/``): o grafo computacional.

O grafo é o do exemplo da página, ``L = (w·x + b − y)²`` com ``x = 2``, ``w = 3``, ``b = 1`` e
``y = 5``. Os valores da propagação direta e os gradientes são calculados aqui pelo próprio
autograd (não escritos à mão), e a página imprime os mesmos números.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import torch

from pytorchdl_snippets.figuras import gravar_png


def valores_do_exemplo() -> dict[str, tuple[float, float | None]]:
    """Valor e gradiente ``∂L/∂nó`` de cada nó do grafo do exemplo (``None`` para ``y``, sem gradiente)."""
    x = torch.tensor(2.0)
    y = torch.tensor(5.0)
    w = torch.tensor(3.0, requires_grad=True)
    b = torch.tensor(1.0, requires_grad=True)
    u = w * x
    z = u + b
    e = z - y
    perda = e**2
    for t in (u, z, e):
        t.retain_grad()
    perda.backward()
    return {
        "x": (x.item(), None),
        "w": (w.item(), w.grad.item()),
        "b": (b.item(), b.grad.item()),
        "y": (y.item(), None),
        "u = w·x": (u.item(), u.grad.item()),
        "z = u + b": (z.item(), z.grad.item()),
        "e = z − y": (e.item(), e.grad.item()),
        "L = e²": (perda.item(), 1.0),
    }


def _numero(v: float) -> str:
    return f"{v:g}".replace(".", ",")


def grafo_computacional(destino: Path) -> Path:
    valores = valores_do_exemplo()
    posicoes = {
        "x": (0, 2.6),
        "w": (0, 0.4),
        "u = w·x": (1.9, 1.5),
        "z = u + b": (3.8, 1.5),
        "e = z − y": (5.7, 1.5),
        "L = e²": (7.6, 1.5),
        "b": (3.8, -0.6),
        "y": (5.7, -0.6),
    }
    arestas = [
        ("x", "u = w·x"),
        ("w", "u = w·x"),
        ("u = w·x", "z = u + b"),
        ("b", "z = u + b"),
        ("z = u + b", "e = z − y"),
        ("y", "e = z − y"),
        ("e = z − y", "L = e²"),
    ]
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    for origem, alvo in arestas:
        (x0, y0), (x1, y1) = posicoes[origem], posicoes[alvo]
        if x0 == x1:  # de baixo para cima
            inicio, fim = (x0, y0 + 0.45), (x1, y1 - 0.55)
        else:
            inicio, fim = (x0 + 0.5, y0), (x1 - 0.75, y1)
        ax.annotate(
            "",
            xy=fim,
            xytext=inicio,
            arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 1.4},
        )
    for nome, (cx, cy) in posicoes.items():
        valor, grad = valores[nome]
        folha = nome in ("x", "w", "b", "y")
        linhas = [nome, f"valor {_numero(valor)}"]
        if grad is not None:
            linhas.append(f"grad {_numero(grad)}")
        ax.text(
            cx,
            cy,
            "\n".join(linhas),
            ha="center",
            va="center",
            fontsize=12,
            linespacing=1.3,
            bbox={
                "boxstyle": "round,pad=0.4",
                "fc": "#e8f0fe" if folha else "#fff4e0",
                "ec": "#333333",
            },
        )
    ax.text(
        -0.5,
        -1.7,
        "valor: propagação direta · grad: retropropagação (∂L/∂nó)",
        fontsize=12,
    )
    ax.set_xlim(-0.6, 8.4)
    ax.set_ylim(-1.9, 3.2)
    ax.axis("off")
    return gravar_png(fig, Path(destino) / "grafo_computacional.png", cores=32)


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    return [grafo_computacional(destino)]
