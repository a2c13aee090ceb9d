"""Laços de treino e validação, métrica de acurácia, histórico, parada antecipada e checkpoints.

Uso típico (uma época de cada vez, ou várias com ``ajustar``)::

    resultado = treinar(modelo, carregador_treino, nn.CrossEntropyLoss(), otimizador, metrica=acuracia)
    historico = ajustar(modelo, carregador_treino, carregador_validacao, funcao_perda, otimizador,
                        epocas=50, metrica=acuracia, paciencia=5)

Um *carregador* é qualquer iterável de lotes ``(entradas, alvos)`` — normalmente um
``torch.utils.data.DataLoader``, mas uma lista de tuplas de tensores também serve.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import torch
from torch import Tensor, nn

from pytorchdl_snippets.validacao import inteiro

Metrica = Callable[[Tensor, Tensor], float]

# Perdas de classificação: saídas (N, C, ...) e rótulos inteiros (N, ...).
_PERDAS_DE_CLASSIFICACAO = (nn.CrossEntropyLoss, nn.NLLLoss)
# Perdas elemento a elemento: saída e alvo precisam ter exatamente o mesmo formato.
_PERDAS_ELEMENTO_A_ELEMENTO = (
    nn.MSELoss,
    nn.L1Loss,
    nn.SmoothL1Loss,
    nn.HuberLoss,
    nn.BCELoss,
    nn.BCEWithLogitsLoss,
)


class Resultado(NamedTuple):
    """Perda média de uma época e, se foi pedida, a métrica média."""

    perda: float
    metrica: float | None


@dataclass
class Historico:
    """O que aconteceu em cada época de ``ajustar``.

    ``melhor_epoca`` é o **índice** (a partir de 0) da época de menor perda de validação nas listas;
    é o modelo dessa época que ``ajustar`` deixa carregado no fim.
    """

    perda_treino: list[float] = field(default_factory=list)
    perda_validacao: list[float] = field(default_factory=list)
    metrica_treino: list[float] = field(default_factory=list)
    metrica_validacao: list[float] = field(default_factory=list)
    melhor_epoca: int = 0

    @property
    def epocas(self) -> int:
        """Quantas épocas foram de fato executadas (menos que o pedido se parou antes)."""
        return len(self.perda_treino)


def _formato(t: Tensor) -> tuple[int, ...]:
    return tuple(t.shape)


def acuracia(saidas: Tensor, rotulos: Tensor) -> float:
    """Fração de acertos: a classe prevista é o ``argmax`` dos logits ``saidas`` ``(N, C)``.

    ``rotulos`` são as classes verdadeiras, inteiras, no formato ``(N,)``.
    """
    if not isinstance(saidas, Tensor) or not isinstance(rotulos, Tensor):
        raise TypeError(
            "acuracia: esperava dois tensores (saidas, rotulos), "
            f"recebi {type(saidas).__name__} e {type(rotulos).__name__}"
        )
    if saidas.ndim != 2:
        raise ValueError(f"saidas: esperava logits no formato (N, C), recebi {_formato(saidas)}")
    if rotulos.dtype.is_floating_point or rotulos.dtype in (torch.bool, torch.complex64, torch.complex128):
        raise TypeError(
            f"rotulos: esperava classes inteiras (por exemplo torch.int64), recebi {rotulos.dtype}"
        )
    n = saidas.shape[0]
    if _formato(rotulos) != (n,):
        raise ValueError(
            f"rotulos: esperava formato ({n},) para saidas {_formato(saidas)}, recebi {_formato(rotulos)}"
        )
    if n == 0:
        raise ValueError("saidas: esperava ao menos um exemplo, recebi um lote vazio")
    previstas = saidas.argmax(dim=1)
    return (previstas == rotulos.to(previstas.device)).float().mean().item()


def _verificar_saida_e_alvo(saidas: Tensor, alvos: Tensor, funcao_perda: Callable) -> None:
    """Erros claros para os enganos mais comuns entre a saída do modelo e o alvo."""
    nome = type(funcao_perda).__name__
    if isinstance(funcao_perda, _PERDAS_DE_CLASSIFICACAO):
        if alvos.dtype.is_floating_point and _formato(alvos) == _formato(saidas):
            return  # probabilidades por classe (rótulos suaves) também são aceitas
        if alvos.dtype.is_floating_point or alvos.dtype == torch.bool:
            raise TypeError(
                f"rotulos: {nome} espera classes inteiras (torch.int64) no formato (N,), "
                f"recebi dtype {alvos.dtype}; converta com rotulos.long()"
            )
        esperado = (saidas.shape[0], *saidas.shape[2:]) if saidas.ndim >= 2 else None
        if esperado is None or _formato(alvos) != esperado:
            raise ValueError(
                f"formatos incompatíveis para {nome}: saída {_formato(saidas)} e rótulos "
                f"{_formato(alvos)}; esperava saída (N, C) com logits e rótulos (N,)"
            )
    elif not isinstance(funcao_perda, _PERDAS_ELEMENTO_A_ELEMENTO):
        return  # perda definida pelo usuário: não sabemos o que ela espera
    elif not alvos.dtype.is_floating_point:
        raise TypeError(
            f"alvos: {nome} espera alvos float (como torch.float32), recebi dtype {alvos.dtype}; "
            "converta com alvos.float()"
        )
    elif _formato(saidas) != _formato(alvos):
        raise ValueError(
            f"formatos incompatíveis para {nome}: saída {_formato(saidas)} e alvo {_formato(alvos)}; "
            "eles precisam ser iguais (o broadcasting calcularia uma perda errada em silêncio) — "
            "use saida.squeeze(1) ou alvo.unsqueeze(1)"
        )


def _dispositivo_do_modelo(modelo: nn.Module, dispositivo: torch.device | str | None) -> torch.device:
    if dispositivo is not None:
        return torch.device(dispositivo)
    parametro = next(modelo.parameters(), None)
    if parametro is None:
        parametro = next(modelo.buffers(), None)
    return parametro.device if parametro is not None else torch.device("cpu")


def _separar_lote(lote: Any) -> tuple[Tensor, Tensor]:
    if not isinstance(lote, (tuple, list)) or len(lote) != 2:
        descricao = (
            f"{type(lote).__name__} de tamanho {len(lote)}" if hasattr(lote, "__len__") else type(lote)
        )
        raise TypeError(f"carregador: esperava lotes (entradas, alvos), recebi {descricao}")
    return lote[0], lote[1]


def _verificar_comuns(modelo: nn.Module, carregador: Iterable, funcao_perda: Callable) -> None:
    if not isinstance(modelo, nn.Module):
        raise TypeError(f"modelo: esperava um torch.nn.Module, recebi {type(modelo).__name__}")
    if not callable(funcao_perda):
        raise TypeError(f"funcao_perda: esperava algo chamável como nn.MSELoss(), recebi {funcao_perda!r}")
    if not isinstance(carregador, Iterable):
        raise TypeError(
            f"carregador: esperava um iterável de lotes (por exemplo um DataLoader), "
            f"recebi {type(carregador).__name__}"
        )


def _passar_pela_epoca(
    modelo: nn.Module,
    carregador: Iterable,
    funcao_perda: Callable,
    otimizador: torch.optim.Optimizer | None,
    dispositivo: torch.device,
    metrica: Metrica | None,
) -> Resultado:
    soma_perda, soma_metrica, total = 0.0, 0.0, 0
    for lote in carregador:
        entradas, alvos = _separar_lote(lote)
        entradas, alvos = entradas.to(dispositivo), alvos.to(dispositivo)
        if otimizador is not None:
            otimizador.zero_grad()  # sem isto os gradientes de todos os lotes se acumulam
        saidas = modelo(entradas)
        _verificar_saida_e_alvo(saidas, alvos, funcao_perda)
        perda = funcao_perda(saidas, alvos)
        if otimizador is not None:
            perda.backward()
            otimizador.step()
        n = len(alvos)
        soma_perda += perda.item() * n
        if metrica is not None:
            soma_metrica += float(metrica(saidas.detach(), alvos)) * n
        total += n
    if total == 0:
        raise ValueError(
            "carregador: está vazio (nenhum lote com exemplos); confira o Dataset e o batch_size"
        )
    return Resultado(soma_perda / total, soma_metrica / total if metrica is not None else None)


def treinar(
    modelo: nn.Module,
    carregador: Iterable,
    funcao_perda: Callable[[Tensor, Tensor], Tensor],
    otimizador: torch.optim.Optimizer,
    dispositivo: torch.device | str | None = None,
    metrica: Metrica | None = None,
) -> Resultado:
    """Uma época de treino: para cada lote, ``zero_grad`` → *forward* → perda → ``backward`` → ``step``.

    Devolve a perda média (ponderada pelo tamanho de cada lote) e, se ``metrica`` foi dada, a média
    de ``metrica(saidas, alvos)``. ``dispositivo=None`` usa o dispositivo onde o modelo já está.
    """
    _verificar_comuns(modelo, carregador, funcao_perda)
    if not isinstance(otimizador, torch.optim.Optimizer):
        raise TypeError(
            f"otimizador: esperava um torch.optim.Optimizer (SGD, Adam…), recebi {type(otimizador).__name__}"
        )
    modelo.train()
    return _passar_pela_epoca(
        modelo, carregador, funcao_perda, otimizador, _dispositivo_do_modelo(modelo, dispositivo), metrica
    )


def validar(
    modelo: nn.Module,
    carregador: Iterable,
    funcao_perda: Callable[[Tensor, Tensor], Tensor],
    dispositivo: torch.device | str | None = None,
    metrica: Metrica | None = None,
) -> Resultado:
    """Avalia o modelo sem treiná-lo: ``modelo.eval()`` e ``torch.no_grad()``.

    Devolve a perda média (ponderada pelo tamanho de cada lote) e a métrica média, se pedida.
    """
    _verificar_comuns(modelo, carregador, funcao_perda)
    modelo.eval()
    with torch.no_grad():
        return _passar_pela_epoca(
            modelo, carregador, funcao_perda, None, _dispositivo_do_modelo(modelo, dispositivo), metrica
        )


def ajustar(
    modelo: nn.Module,
    carregador_treino: Iterable,
    carregador_validacao: Iterable,
    funcao_perda: Callable[[Tensor, Tensor], Tensor],
    otimizador: torch.optim.Optimizer,
    epocas: int,
    dispositivo: torch.device | str | None = None,
    metrica: Metrica | None = None,
    paciencia: int | None = None,
    verboso: bool = False,
) -> Historico:
    """Treina por até ``epocas`` épocas, validando ao fim de cada uma.

    Guarda uma cópia do ``state_dict`` com a menor perda de validação e a restaura no fim. Com
    ``paciencia``, para antes (*early stopping*) quando passam ``paciencia`` épocas sem melhora.
    ``verboso=True`` imprime uma linha por época.
    """
    inteiro("epocas", epocas)
    if paciencia is not None:
        inteiro("paciencia", paciencia)
    historico = Historico()
    melhor_perda = math.inf
    melhor_estado = copy.deepcopy(modelo.state_dict())
    sem_melhora = 0
    for epoca in range(epocas):
        treino = treinar(modelo, carregador_treino, funcao_perda, otimizador, dispositivo, metrica)
        validacao = validar(modelo, carregador_validacao, funcao_perda, dispositivo, metrica)
        historico.perda_treino.append(treino.perda)
        historico.perda_validacao.append(validacao.perda)
        if metrica is not None:
            historico.metrica_treino.append(treino.metrica)
            historico.metrica_validacao.append(validacao.metrica)
        if verboso:
            linha = f"época {epoca + 1:>3}: perda treino {treino.perda:.3f} · validação {validacao.perda:.3f}"
            if metrica is not None:
                linha += f" · métrica treino {treino.metrica:.3f} · validação {validacao.metrica:.3f}"
            print(linha)
        if validacao.perda < melhor_perda:
            melhor_perda, historico.melhor_epoca, sem_melhora = validacao.perda, epoca, 0
            melhor_estado = copy.deepcopy(modelo.state_dict())
        else:
            sem_melhora += 1
            if paciencia is not None and sem_melhora >= paciencia:
                break
    modelo.load_state_dict(melhor_estado)
    return historico


def prever(modelo: nn.Module, entradas: Tensor, dispositivo: torch.device | str | None = None) -> Tensor:
    """Saídas do modelo para ``entradas`` (em modo ``eval`` e sem gradientes), de volta na CPU."""
    if not isinstance(entradas, Tensor):
        raise TypeError(f"entradas: esperava um torch.Tensor, recebi {type(entradas).__name__}")
    modelo.eval()
    with torch.no_grad():
        return modelo(entradas.to(_dispositivo_do_modelo(modelo, dispositivo))).cpu()


def salvar_checkpoint(
    caminho: str | Path,
    modelo: nn.Module,
    otimizador: torch.optim.Optimizer | None = None,
    **extras: int | float | str | bool | None,
) -> Path:
    """Salva os ``state_dict`` do modelo (e do otimizador) e valores simples como ``epoca=7``."""
    for nome, valor in extras.items():
        if not isinstance(valor, (int, float, str, bool, type(None))):
            raise TypeError(f"{nome}: esperava int, float, str, bool ou None, recebi {type(valor).__name__}")
    caminho = Path(caminho)
    conteudo: dict[str, Any] = {"modelo": modelo.state_dict(), "extras": dict(extras)}
    if otimizador is not None:
        conteudo["otimizador"] = otimizador.state_dict()
    torch.save(conteudo, caminho)
    return caminho


def carregar_checkpoint(
    caminho: str | Path,
    modelo: nn.Module,
    otimizador: torch.optim.Optimizer | None = None,
    dispositivo: torch.device | str | None = None,
) -> dict[str, Any]:
    """Carrega um checkpoint de ``salvar_checkpoint`` com ``weights_only=True`` e devolve os extras."""
    caminho = Path(caminho)
    if not caminho.is_file():
        raise FileNotFoundError(f"caminho: esperava um arquivo de checkpoint, não encontrei {caminho}")
    conteudo = torch.load(
        caminho, map_location=_dispositivo_do_modelo(modelo, dispositivo), weights_only=True
    )
    if not isinstance(conteudo, dict) or "modelo" not in conteudo:
        raise ValueError(f"caminho: {caminho} não parece um checkpoint de salvar_checkpoint")
    modelo.load_state_dict(conteudo["modelo"])
    if otimizador is not None:
        if "otimizador" not in conteudo:
            raise ValueError(f"otimizador: o checkpoint {caminho} não guardou o estado de um otimizador")
        otimizador.load_state_dict(conteudo["otimizador"])
    return conteudo.get("extras", {})


def curva_da_taxa(
    criar_agendador: Callable[[torch.optim.Optimizer], Any], passos: int, lr: float = 0.1
) -> list[float]:
    """A taxa de aprendizado que um agendador dá a cada passo, sem treinar modelo nenhum.

    ``criar_agendador`` recebe um otimizador (um SGD com momento e taxa ``lr``, sobre um único peso
    que nunca recebe gradiente) e devolve o agendador, como
    ``lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=100)``. O resultado tem
    ``passos`` taxas: a do passo 0 (antes do primeiro ``agendador.step()``), a do passo 1…
    """
    if not callable(criar_agendador):
        raise TypeError(
            f"criar_agendador: esperava uma função que recebe o otimizador, recebi {criar_agendador!r}"
        )
    inteiro("passos", passos)
    if isinstance(lr, bool) or not isinstance(lr, (int, float)):
        raise TypeError(f"lr: esperava um número positivo, recebi {type(lr).__name__} ({lr!r})")
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"lr: esperava um número positivo, recebi {lr!r}")
    peso = torch.zeros(1, requires_grad=True)
    otimizador = torch.optim.SGD([peso], lr=lr, momentum=0.9)
    agendador = criar_agendador(otimizador)
    if not isinstance(agendador, torch.optim.lr_scheduler.LRScheduler):
        raise TypeError(
            "criar_agendador: esperava que devolvesse um agendador de torch.optim.lr_scheduler, "
            f"recebi {type(agendador).__name__}"
        )
    taxas = []
    for _ in range(passos):
        taxas.append(otimizador.param_groups[0]["lr"])
        otimizador.step()  # sem gradiente: o peso não muda, mas o agendador espera um step antes
        agendador.step()
    return taxas


def grafico_de_convergencia(ax, historico: Historico, metrica: bool = False):
    """Curvas de treino e validação por época num ``Axes`` do matplotlib, com a melhor época marcada.

    ``metrica=True`` desenha a métrica em vez da perda.
    """
    if not isinstance(historico, Historico):
        raise TypeError(f"historico: esperava um Historico de ajustar, recebi {type(historico).__name__}")
    treino, validacao = (
        (historico.metrica_treino, historico.metrica_validacao)
        if metrica
        else (historico.perda_treino, historico.perda_validacao)
    )
    if not treino:
        oque = "métricas (ajustar foi chamado sem metrica?)" if metrica else "épocas"
        raise ValueError(f"historico: esperava ao menos uma época, o histórico não tem {oque}")
    epocas = range(1, len(treino) + 1)
    ax.plot(epocas, treino, label="treino")
    ax.plot(epocas, validacao, label="validação")
    ax.axvline(historico.melhor_epoca + 1, color="gray", ls="--", lw=1, label="melhor época (validação)")
    ax.set_xlabel("época")
    ax.set_ylabel("métrica" if metrica else "perda")
    ax.legend()
    return ax
