"""Figuras do capítulo Treinamento (``docs/assets/treinamento/``).

Cada figura refaz, com as mesmas sementes, o código mostrado na página correspondente:
``python -m pytorchdl_snippets.figuras treinamento``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from pytorchdl_snippets.figuras import gravar_png
from pytorchdl_snippets.graficos import fronteira_de_decisao
from pytorchdl_snippets.redes import MLP
from pytorchdl_snippets.treino import Historico, ajustar, grafico_de_convergencia

DPI = 100
NOMES_VINHO = ("álcool", "intensidade da cor")


def _br(valor: float) -> str:
    """Número com vírgula decimal, como no texto: ``0.1`` → ``0,1``."""
    return f"{valor:g}".replace(".", ",")


def _salvar(fig, caminho: Path) -> Path:
    # a vírgula decimal nos eixos vem de gravar_png
    fig.tight_layout()
    return gravar_png(fig, caminho, dpi=DPI, cores=256)


def vinho_duas_caracteristicas():
    """Os dados da página Otimização: álcool e intensidade da cor, treino/teste, crus e padronizados."""
    from sklearn.datasets import load_wine
    from sklearn.model_selection import train_test_split

    vinho = load_wine()
    X = torch.tensor(vinho.data[:, [0, 9]], dtype=torch.float32)
    y = torch.tensor(vinho.target)
    X_treino, X_teste, y_treino, y_teste = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    media, desvio = X_treino.mean(dim=0), X_treino.std(dim=0)
    return X_treino, X_teste, y_treino, y_teste, (X_treino - media) / desvio, (X_teste - media) / desvio


def curva_de_perda(X, y, criar_otimizador, passos=200, instantaneos=(), semente=0):
    """Treina ``MLP(2, [16], 3)`` com lote inteiro e devolve a perda de cada passo e cópias do modelo."""
    torch.manual_seed(semente)
    modelo = MLP(2, [16], 3)
    otimizador = criar_otimizador(modelo.parameters())
    funcao_perda = nn.CrossEntropyLoss()
    perdas, fotos = [], {}
    for passo in range(passos + 1):
        if passo in instantaneos:
            copia = MLP(2, [16], 3)
            copia.load_state_dict(modelo.state_dict())
            fotos[passo] = copia
        if passo == passos:
            break
        otimizador.zero_grad()
        perda = funcao_perda(modelo(X), y)
        perda.backward()
        otimizador.step()
        perdas.append(perda.item())
    return perdas, fotos


def _dispersao(ax, X, y, titulo):
    cores = ("tab:blue", "tab:orange", "tab:green")
    for classe in range(3):
        pontos = X[y == classe]
        ax.scatter(pontos[:, 0], pontos[:, 1], s=14, c=cores[classe], label=f"produtor {classe}")
    ax.set_title(titulo)


def figura_padronizacao(destino: Path) -> Path:
    X_treino, _, y_treino, _, Xp_treino, _ = vinho_duas_caracteristicas()
    fig, (a, b) = plt.subplots(2, 1, figsize=(6, 7.6))
    _dispersao(a, X_treino, y_treino, "antes: unidades originais")
    a.set_xlabel("álcool (%)")
    a.set_ylabel("intensidade da cor")
    _dispersao(b, Xp_treino, y_treino, "depois: padronizadas com o treino")
    b.set_xlabel("álcool (padronizado)")
    b.set_ylabel("intensidade da cor (padronizada)")
    b.axhline(0, color="gray", lw=0.5)
    b.axvline(0, color="gray", lw=0.5)
    a.legend(fontsize=10)
    return _salvar(fig, destino / "padronizacao.png")


def figura_fronteira_durante_treino(destino: Path) -> Path:
    _, _, y_treino, _, Xp_treino, _ = vinho_duas_caracteristicas()
    passos = (0, 10, 25, 50, 100, 200)
    _, fotos = curva_de_perda(
        Xp_treino,
        y_treino,
        lambda p: torch.optim.Adam(p, lr=0.01),
        passos=200,
        instantaneos=passos,
    )
    fig, eixos = plt.subplots(3, 2, figsize=(6, 7.6), sharex=True, sharey=True)
    for ax, passo in zip(eixos.ravel(), passos, strict=True):
        fronteira_de_decisao(ax, fotos[passo], Xp_treino, y_treino, resolucao=100)
        with torch.no_grad():
            perda = nn.functional.cross_entropy(fotos[passo](Xp_treino), y_treino).item()
        ax.set_title(f"passo {passo} · perda {_br(round(perda, 2))}", fontsize=12)
        ax.tick_params(labelsize=11)
    return _salvar(fig, destino / "fronteira-durante-treino.png")


def figura_taxas_de_aprendizado(destino: Path) -> Path:
    _, _, y_treino, _, Xp_treino, _ = vinho_duas_caracteristicas()
    fig, ax = plt.subplots(figsize=(6, 3.6))
    for lr, rotulo in ((0.001, "pequena demais"), (0.1, "boa"), (10.0, "grande demais")):
        perdas, _ = curva_de_perda(Xp_treino, y_treino, lambda p, lr=lr: torch.optim.SGD(p, lr=lr))
        ax.plot(perdas, label=f"lr = {_br(lr)} ({rotulo})")
    ax.set_xlabel("passo")
    ax.set_ylabel("perda de treino")
    ax.set_ylim(0, 3)
    ax.legend()
    return _salvar(fig, destino / "taxas-de-aprendizado.png")


def figura_digitos(destino: Path) -> Path:
    from pytorchdl_snippets.dados import carregar_digitos

    X_treino, _, y_treino, _ = carregar_digitos()
    fig, eixos = plt.subplots(4, 4, figsize=(5, 5.8))
    for ax, imagem, rotulo in zip(eixos.ravel(), X_treino, y_treino, strict=False):
        ax.imshow(imagem[0].numpy(), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"rótulo {int(rotulo)}", fontsize=12)
        ax.axis("off")
    return _salvar(fig, destino / "digitos.png")


def historico_da_regressao() -> Historico:
    """Refaz o ``ajustar`` da regressão de diabetes da página Treino e validação."""
    import tempfile

    from sklearn.datasets import load_diabetes
    from torch.utils.data import DataLoader, Subset

    from pytorchdl_snippets.dados import Padronizar, TabelaCSV, dividir_indices

    class Regressor(nn.Module):
        def __init__(self, media_alvo, desvio_alvo):
            super().__init__()
            self.rede = MLP(10, [32], 1)
            self.register_buffer("media_alvo", media_alvo)
            self.register_buffer("desvio_alvo", desvio_alvo)

        def forward(self, x):
            return self.media_alvo + self.desvio_alvo * self.rede(x).squeeze(1)

    def mae(saidas, alvos):
        return (saidas - alvos).abs().mean().item()

    with tempfile.TemporaryDirectory() as pasta:
        caminho_csv = Path(pasta) / "diabetes.csv"
        load_diabetes(as_frame=True, scaled=False).frame.to_csv(caminho_csv, index=False)
        crua = TabelaCSV(caminho_csv, alvo="target")
        tabela = TabelaCSV(caminho_csv, alvo="target")
    treino, validacao, _ = dividir_indices(len(crua), [0.6, 0.2, 0.2], semente=0)
    tabela.transformacao = Padronizar.ajustar(crua.X[treino])
    carregadores = [
        DataLoader(
            Subset(tabela, indices.tolist()),
            batch_size=32,
            shuffle=embaralhar,
            generator=torch.Generator().manual_seed(0),
        )
        for indices, embaralhar in [(treino, True), (validacao, False)]
    ]
    torch.manual_seed(0)
    y_treino = crua.y[treino]
    modelo = Regressor(y_treino.mean(), y_treino.std())
    otimizador = torch.optim.Adam(modelo.parameters(), lr=0.01)
    return ajustar(modelo, *carregadores, nn.MSELoss(), otimizador, epocas=100, metrica=mae, paciencia=10)


def figura_convergencia(destino: Path) -> Path:
    historico = historico_da_regressao()
    fig, ax = plt.subplots(figsize=(6, 3.6))
    grafico_de_convergencia(ax, historico, metrica=True)
    ax.set_ylabel("MAE")
    return _salvar(fig, destino / "convergencia.png")


def superficie(w: torch.Tensor) -> torch.Tensor:
    """Perda de brinquedo em 2-D: um vale alongado, 20 vezes mais íngreme em y do que em x."""
    return 0.05 * w[..., 0] ** 2 + w[..., 1] ** 2


def trajetoria(criar_otimizador, passos: int = 30, inicio=(-4.0, 1.5)) -> np.ndarray:
    """Posições ``(passos + 1, 2)`` de um otimizador descendo a ``superficie`` a partir de ``inicio``."""
    w = torch.tensor(inicio, requires_grad=True)
    otimizador = criar_otimizador([w])
    posicoes = [w.detach().clone()]
    for _ in range(passos):
        otimizador.zero_grad()
        superficie(w).backward()
        otimizador.step()
        posicoes.append(w.detach().clone())
    return torch.stack(posicoes).numpy()


OTIMIZADORES_DA_TRAJETORIA = {
    "descida do gradiente (lr = 0,9)": lambda p: torch.optim.SGD(p, lr=0.9),
    "com momento (lr = 0,1; 0,9)": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "Adam (lr = 0,5)": lambda p: torch.optim.Adam(p, lr=0.5),
}


def figura_trajetorias(destino: Path) -> Path:
    xs, ys = np.meshgrid(np.linspace(-4.5, 1.5, 200), np.linspace(-2, 2, 200))
    z = superficie(torch.tensor(np.stack([xs, ys], axis=-1))).numpy()
    fig, ax = plt.subplots(figsize=(6, 4.4))
    ax.contour(xs, ys, z, levels=np.geomspace(0.02, 4, 10), colors="lightgray", linewidths=1)
    estilos = ("o-", "s-", "^-")
    for (nome, criar), estilo in zip(OTIMIZADORES_DA_TRAJETORIA.items(), estilos, strict=True):
        caminho = trajetoria(criar)
        ax.plot(caminho[:, 0], caminho[:, 1], estilo, ms=4, lw=1.5, label=nome)
    ax.plot([0], [0], "k*", ms=14, label="mínimo")
    ax.set_xlabel("peso 1", fontsize=12)
    ax.set_ylabel("peso 2", fontsize=12)
    ax.tick_params(labelsize=11)
    ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)
    ax.set_title("30 passos sobre as curvas de nível da perda", fontsize=12)
    return _salvar(fig, destino / "trajetorias.png")


def agendadores_do_orcamento(passos: int) -> dict:
    """Os quatro agendadores da página Otimização, para ``passos`` passos."""
    from torch.optim import lr_scheduler

    return {
        "constante": lambda o: lr_scheduler.ConstantLR(o, factor=1.0),
        "StepLR": lambda o: lr_scheduler.StepLR(o, step_size=passos // 3, gamma=0.1),
        "cosseno": lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=passos),
        "OneCycle": lambda o: lr_scheduler.OneCycleLR(
            o, max_lr=o.param_groups[0]["lr"], total_steps=passos, cycle_momentum=False
        ),
    }


def figura_agendadores(destino: Path) -> Path:
    from pytorchdl_snippets.treino import curva_da_taxa

    passos = 70
    fig, ax = plt.subplots(figsize=(6, 3.8))
    for (nome, criar), estilo in zip(
        agendadores_do_orcamento(passos).items(), ("-", "--", "-.", ":"), strict=True
    ):
        ax.plot(curva_da_taxa(criar, passos, lr=0.1), estilo, lw=2.5, label=nome)
    ax.set_xlabel("passo", fontsize=12)
    ax.set_ylabel("taxa de aprendizado", fontsize=12)
    ax.tick_params(labelsize=11)
    ax.legend(fontsize=11)
    return _salvar(fig, destino / "agendadores.png")


def gerar(destino: Path) -> list[Path]:
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    np.random.seed(0)
    return [
        figura_padronizacao(destino),
        figura_fronteira_durante_treino(destino),
        figura_taxas_de_aprendizado(destino),
        figura_trajetorias(destino),
        figura_agendadores(destino),
        figura_digitos(destino),
        figura_convergencia(destino),
    ]
