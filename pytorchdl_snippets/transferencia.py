"""Transferência de aprendizado num estudo pequeno e honesto (página "Estratégias de treino").

Uma LeNet pré-treinada nos dígitos 0–4 é reaproveitada na tarefa nova, os dígitos 5–9, com
poucos rótulos por classe. Quatro estratégias (``ESTRATEGIAS``):

- ``"congelada"``: a parte convolucional vira um extrator fixo de características, e uma
  regressão logística aprende em cima delas;
- ``"ajuste_fino"``: o primeiro bloco convolucional fica congelado (e em ``eval()``, para as
  médias da BatchNorm não mudarem); o segundo parte do pré-treino e aprende com a taxa
  ``lr * fator``; o classificador (camadas densas) é novo e aprende com ``lr``;
- ``"completo"``: os blocos convolucionais partem do pré-treino, o classificador é novo, e tudo
  é treinado com a mesma taxa;
- ``"do_zero"``: a mesma LeNet com pesos aleatórios.

``estudar`` roda tudo com vários orçamentos de rótulos e várias sementes, escolhe os
hiperparâmetros de cada estratégia pela menor **perda de validação** (média entre as sementes) e lê
o teste uma vez só, no fim. A perda, e não a acurácia, decide porque ela é contínua: com 100 imagens
de validação, duas marcas de passos empatam em acurácia com frequência, e uma escolha por acurácia
viraria com a última casa de uma conta feita em outra CPU.
"""

from __future__ import annotations

import copy
import statistics
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import torch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from threadpoolctl import threadpool_limits
from torch import Tensor, nn

from pytorchdl_snippets.dispositivo import fixar_semente
from pytorchdl_snippets.estatistica import Medida, medir
from pytorchdl_snippets.lenet import LeNet5
from pytorchdl_snippets.treino import acuracia
from pytorchdl_snippets.validacao import inteiro

ESTRATEGIAS = ("congelada", "ajuste_fino", "completo", "do_zero")
# as grades da página: uma taxa só (a validação escolhe os passos) e dois orçamentos, para o estudo
# caber em segundos; 5 sementes, e os veredictos da página têm folga para não virar em outra CPU
PARAMETROS_DA_PAGINA = {
    "orcamentos": (1, 10),
    "sementes": range(5),
    "grade_lr": (3e-3,),
    "marcas": (5, 15, 30),
    "grade_c": (1.0, 10.0, 100.0),
}


def _imagens_e_rotulos(X, y) -> None:
    if not isinstance(X, Tensor) or not isinstance(y, Tensor):
        raise TypeError(f"X, y: esperava dois torch.Tensor, recebi {type(X).__name__} e {type(y).__name__}")
    if X.ndim != 4 or y.ndim != 1 or len(X) != len(y):
        raise ValueError(
            "X, y: esperava X (N, canais, lado, lado) e y (N,) com o mesmo N, "
            f"recebi {tuple(X.shape)} e {tuple(y.shape)}"
        )


def _estrategia(estrategia) -> str:
    if estrategia not in ESTRATEGIAS:
        raise ValueError(f"estrategia: esperava uma de {ESTRATEGIAS}, recebi {estrategia!r}")
    return estrategia


def _positivos(nome: str, valores) -> tuple[float, ...]:
    try:
        tupla = tuple(float(v) for v in valores)
    except (TypeError, ValueError) as erro:
        raise TypeError(f"{nome}: esperava uma sequência de números, recebi {valores!r}") from erro
    if not tupla or min(tupla) <= 0:
        raise ValueError(f"{nome}: esperava números positivos (pelo menos um), recebi {valores!r}")
    return tupla


def sortear_por_classe(rotulos: Tensor, por_classe: int, semente: int = 0) -> Tensor:
    """Índices de ``por_classe`` exemplos sorteados de cada classe de ``rotulos``, classe a classe.

    A mesma ``semente`` dá o mesmo sorteio. Uma classe com menos exemplos que ``por_classe``
    gera ``ValueError``.
    """
    if not isinstance(rotulos, Tensor) or rotulos.ndim != 1 or rotulos.is_floating_point():
        raise TypeError(f"rotulos: esperava um tensor de inteiros (N,), recebi {rotulos!r:.60}")
    inteiro("por_classe", por_classe)
    inteiro("semente", semente, minimo=0)
    gerador = torch.Generator().manual_seed(semente)
    escolhidos = []
    for classe in torch.unique(rotulos).tolist():
        indices = torch.nonzero(rotulos == classe).flatten()
        if len(indices) < por_classe:
            raise ValueError(
                f"por_classe: esperava no máximo {len(indices)} (exemplos da classe {classe}), "
                f"recebi {por_classe}"
            )
        escolhidos.append(indices[torch.randperm(len(indices), generator=gerador)[:por_classe]])
    return torch.cat(escolhidos)


class TarefaNova(NamedTuple):
    """Os dados da tarefa nova: ``reserva`` (de onde se sorteiam os rótulos), validação e teste."""

    X_reserva: Tensor
    y_reserva: Tensor
    X_validacao: Tensor
    y_validacao: Tensor
    X_teste: Tensor
    y_teste: Tensor


def separar_tarefa_nova(
    X: Tensor, y: Tensor, reserva_por_classe: int = 30, validacao_por_classe: int = 20, semente: int = 0
) -> TarefaNova:
    """Divide ``X, y`` em reserva, validação e teste, com as mesmas contagens em cada classe.

    A reserva e a validação têm ``reserva_por_classe`` e ``validacao_por_classe`` exemplos de cada
    classe; todo o resto vai para o teste.
    """
    _imagens_e_rotulos(X, y)
    inteiro("reserva_por_classe", reserva_por_classe)
    inteiro("validacao_por_classe", validacao_por_classe)
    sorteio = sortear_por_classe(y, reserva_por_classe + validacao_por_classe, semente)
    por_classe = sorteio.view(-1, reserva_por_classe + validacao_por_classe)
    reserva = por_classe[:, :reserva_por_classe].flatten()
    validacao = por_classe[:, reserva_por_classe:].flatten()
    resto = torch.ones(len(y), dtype=torch.bool)
    resto[sorteio] = False
    teste = torch.nonzero(resto).flatten()
    return TarefaNova(X[reserva], y[reserva], X[validacao], y[validacao], X[teste], y[teste])


def pre_treinar(
    X: Tensor, y: Tensor, classes: int = 5, filtros: tuple[int, int] = (8, 16), passos: int = 30
) -> LeNet5:
    """Treina uma LeNet pequena em ``X, y`` com descida do gradiente (lote inteiro) e Adam.

    A semente é fixada antes (``fixar_semente(0)``): a mesma chamada dá a mesma rede.
    """
    _imagens_e_rotulos(X, y)
    inteiro("passos", passos)
    fixar_semente(0)
    modelo = LeNet5(classes=classes, filtros=filtros)
    otimizador = torch.optim.Adam(modelo.parameters(), lr=1e-2, fused=True)
    treinar_passos(Preparado(modelo, otimizador, None), X, y, passos)
    return modelo.eval()


def congelar(modulo: nn.Module) -> nn.Module:
    """Congela ``modulo``: sem gradientes nos parâmetros e em ``eval()`` (BatchNorm fixa)."""
    if not isinstance(modulo, nn.Module):
        raise TypeError(f"modulo: esperava um torch.nn.Module, recebi {type(modulo).__name__}")
    for parametro in modulo.parameters():
        parametro.requires_grad = False
    return modulo.eval()


def extrair_caracteristicas(modelo: LeNet5, X: Tensor) -> Tensor:
    """As características da rede: a saída achatada dos blocos convolucionais, em ``eval()``."""
    if not isinstance(modelo, LeNet5):
        raise TypeError(f"modelo: esperava uma LeNet5, recebi {type(modelo).__name__}")
    extrator = nn.Sequential(modelo.caracteristicas, nn.Flatten())
    estava_treinando = modelo.training
    extrator.eval()
    with torch.no_grad():
        caracteristicas = extrator(X)
    modelo.train(estava_treinando)
    return caracteristicas


def _filtros(modelo: LeNet5) -> tuple[int, int]:
    return modelo.caracteristicas[0].out_channels, modelo.caracteristicas[4].out_channels


class Preparado(NamedTuple):
    """Um modelo pronto para treinar, o seu otimizador e a parte congelada (``None`` se não há)."""

    modelo: LeNet5
    otimizador: torch.optim.Optimizer
    congelado: nn.Module | None


def preparar(
    estrategia: str, pre_treinada: LeNet5, lr: float, fator: float = 0.1, classes: int = 5
) -> Preparado:
    """Monta o modelo e o otimizador (Adam) de uma estratégia que treina com gradientes.

    ``"ajuste_fino"``, ``"completo"`` e ``"do_zero"``; ``"congelada"`` não treina a rede (use
    ``extrair_caracteristicas``). O classificador (camadas densas) é sempre
    novo (aleatório); só os blocos convolucionais vêm do pré-treino. O Adam é o ``fused=True``: ele
    atualiza todos os parâmetros num laço só, em C++, e não um tensor por vez (em redes pequenas, o
    passo sai uns 20 % mais rápido); as contas são as mesmas.
    """
    if _estrategia(estrategia) == "congelada":
        raise ValueError("estrategia: 'congelada' não treina a rede; use extrair_caracteristicas")
    if not isinstance(pre_treinada, LeNet5):
        raise TypeError(f"pre_treinada: esperava uma LeNet5, recebi {type(pre_treinada).__name__}")
    (lr,) = _positivos("lr", [lr])
    (fator,) = _positivos("fator", [fator])
    if estrategia == "do_zero":  # a mesma arquitetura, com pesos aleatórios
        modelo = LeNet5(classes=classes, filtros=_filtros(pre_treinada))
        return Preparado(modelo, torch.optim.Adam(modelo.parameters(), lr=lr, fused=True), None)
    modelo = copy.deepcopy(pre_treinada)
    novo = LeNet5(classes=classes, filtros=_filtros(pre_treinada))
    modelo.classificador = novo.classificador  # camadas densas novas, aleatórias
    if estrategia == "completo":
        return Preparado(modelo, torch.optim.Adam(modelo.parameters(), lr=lr, fused=True), None)
    congelado = congelar(modelo.caracteristicas[:4])  # Conv2d, BatchNorm2d, ReLU, MaxPool2d
    grupos = [  # o bloco pré-treinado aprende devagar; o classificador novo, na taxa cheia
        {"params": modelo.caracteristicas[4:].parameters(), "lr": lr * fator},
        {"params": modelo.classificador.parameters(), "lr": lr},
    ]
    return Preparado(modelo, torch.optim.Adam(grupos, fused=True), congelado)


def treinar_passos(preparado: Preparado, X: Tensor, y: Tensor, passos: int) -> None:
    """``passos`` passos de treino com o lote inteiro ``X, y`` (o congelado fica em ``eval()``)."""
    if not isinstance(preparado, Preparado):
        raise TypeError(f"preparado: esperava o resultado de preparar, recebi {type(preparado).__name__}")
    _imagens_e_rotulos(X, y)
    inteiro("passos", passos)
    modelo, otimizador, congelado = preparado
    modelo.train()
    entrada, rede = X, modelo
    if congelado is not None:
        congelado.eval()  # train() acima ligou de novo a BatchNorm congelada
        # o bloco congelado não muda: a sua saída é calculada uma vez só, e não a cada passo
        with torch.no_grad():
            entrada = congelado(X)
        rede = nn.Sequential(modelo.caracteristicas[len(congelado) :], modelo.classificador)
    for _ in range(passos):
        otimizador.zero_grad()
        perda = nn.functional.cross_entropy(rede(entrada), y)
        perda.backward()
        otimizador.step()


def acuracia_de(modelo: nn.Module, X: Tensor, y: Tensor) -> float:
    """Acurácia do modelo em ``X, y``, em ``eval()`` e sem gradientes."""
    modelo.eval()
    with torch.no_grad():
        return acuracia(modelo(X), y)


def perda_de(modelo: nn.Module, X: Tensor, y: Tensor) -> float:
    """Perda de entropia cruzada do modelo em ``X, y``, em ``eval()`` e sem gradientes."""
    modelo.eval()
    with torch.no_grad():
        return nn.functional.cross_entropy(modelo(X), y).item()


class Treinos(NamedTuple):
    """O que o treino de uma estratégia num orçamento deixou, para escolher depois.

    ``validacoes[lr, marca]``: a perda de validação de cada semente naquela combinação;
    ``estados[lr, marca, semente]``: os pesos naquele ponto; ``modelo``: uma rede com a mesma
    arquitetura, onde os pesos são carregados para ler o teste.
    """

    validacoes: dict
    estados: dict
    modelo: LeNet5
    sementes: list


class Escolha(NamedTuple):
    """Resultado de uma estratégia num orçamento: hiperparâmetros escolhidos e resultados.

    ``validacao`` é a perda de validação média da escolha (a menor da grade); ``teste``, a acurácia
    de teste de cada semente com ela. ``treinos`` guarda as validações e os pesos de cada marca
    (``None`` na regressão logística), para ``reescolher`` refazer a escolha sem treinar de novo.
    """

    hiperparametros: dict
    validacao: float
    teste: Medida
    treinos: Treinos | None = None


def _escolher(perdas: dict) -> tuple:
    """A chave de menor perda média; empates ficam com a primeira da grade."""
    medias = {chave: statistics.fmean(valores) for chave, valores in perdas.items()}
    return min(medias, key=lambda chave: medias[chave]), medias


def _logistica(X, y, C: float) -> LogisticRegression:
    # chamada dentro de um ``threadpool_limits(1)``: problema minúsculo, uma thread do BLAS basta
    # (e é mais rápida); o limite vale para o laço inteiro, e não a cada ajuste (custa milissegundos)
    return LogisticRegression(C=C, max_iter=1000).fit(X, y)


def logistica_por_orcamento(
    carac_reserva: Tensor,
    y_reserva: Tensor,
    carac_validacao: Tensor,
    y_validacao: Tensor,
    orcamentos: Sequence[int] = (1, 3, 10, 30),
    sementes: Iterable[int] = range(5),
    C: float = 1.0,
) -> dict[int, Medida]:
    """Acurácia de validação de uma regressão logística em características fixas, por orçamento.

    Para cada orçamento e semente, sorteia ``orcamento`` exemplos por classe da reserva (o mesmo
    sorteio de ``estudar``), ajusta a regressão e a mede na validação.
    """
    for nome, X, y in (
        ("carac_reserva", carac_reserva, y_reserva),
        ("carac_validacao", carac_validacao, y_validacao),
    ):
        if not isinstance(X, Tensor) or X.ndim != 2 or not isinstance(y, Tensor) or len(X) != len(y):
            raise ValueError(f"{nome}: esperava um tensor (N, características) com um rótulo por linha")
    orcamentos = [inteiro("orcamentos", o) for o in orcamentos]
    sementes = list(sementes)
    (C,) = _positivos("C", [C])
    resultado = {}
    with threadpool_limits(1):
        for por_classe in orcamentos:
            acertos = []
            for semente in sementes:
                indices = sortear_por_classe(y_reserva, por_classe, semente)
                classico = _logistica(carac_reserva[indices].numpy(), y_reserva[indices].numpy(), C)
                acertos.append(classico.score(carac_validacao.numpy(), y_validacao.numpy()))
            resultado[por_classe] = medir(acertos)
    return resultado


def _estudar_congelada(carac, tarefa, por_classe, sementes, grade_c) -> Escolha:
    validacoes, ajustados = {}, {}
    for c in grade_c:
        validacoes[c] = []
        for semente in sementes:
            indices = sortear_por_classe(tarefa.y_reserva, por_classe, semente).numpy()
            classico = _logistica(carac["reserva"][indices], tarefa.y_reserva.numpy()[indices], c)
            probabilidades = classico.predict_proba(carac["validacao"])
            perda = log_loss(tarefa.y_validacao.numpy(), probabilidades, labels=classico.classes_)
            validacoes[c].append(perda)
            ajustados[c, semente] = classico
    c, medias = _escolher(validacoes)
    teste = [ajustados[c, s].score(carac["teste"], tarefa.y_teste.numpy()) for s in sementes]
    return Escolha({"C": c}, medias[c], medir(teste))


def _estudar_rede(estrategia, pre_treinada, tarefa, por_classe, sementes, grade_lr, marcas, fator):
    validacoes, estados = {}, {}
    for lr in grade_lr:
        for semente in sementes:
            indices = sortear_por_classe(tarefa.y_reserva, por_classe, semente)
            X, y = tarefa.X_reserva[indices], tarefa.y_reserva[indices]
            fixar_semente(semente)
            preparado = preparar(estrategia, pre_treinada, lr, fator)
            feitos = 0
            for marca in marcas:
                treinar_passos(preparado, X, y, marca - feitos)
                feitos = marca
                perda = perda_de(preparado.modelo, tarefa.X_validacao, tarefa.y_validacao)
                validacoes.setdefault((lr, marca), []).append(perda)
                estados[lr, marca, semente] = {k: v.clone() for k, v in preparado.modelo.state_dict().items()}
    modelo = preparar(estrategia, pre_treinada, grade_lr[0], fator).modelo
    return _escolher_e_testar(Treinos(validacoes, estados, modelo, list(sementes)), tarefa)


def _escolher_e_testar(treinos: Treinos, tarefa: TarefaNova, max_passos: int | None = None) -> Escolha:
    """Escolhe ``lr`` e passos pela perda de validação (só as marcas até ``max_passos``) e lê o teste."""
    permitidas = {
        (lr, marca): valores
        for (lr, marca), valores in treinos.validacoes.items()
        if max_passos is None or marca <= max_passos
    }
    if not permitidas:
        marcas = sorted({marca for _, marca in treinos.validacoes})
        raise ValueError(f"max_passos: esperava pelo menos a menor marca ({marcas[0]}), recebi {max_passos}")
    (lr, passos), medias = _escolher(permitidas)
    teste = []
    for semente in treinos.sementes:  # o teste é lido uma vez, só com a escolha feita na validação
        treinos.modelo.load_state_dict(treinos.estados[lr, passos, semente])
        teste.append(acuracia_de(treinos.modelo, tarefa.X_teste, tarefa.y_teste))
    return Escolha({"lr": lr, "passos": passos}, medias[lr, passos], medir(teste), treinos)


def reescolher(
    resultados: dict[tuple[str, int], Escolha], tarefa: TarefaNova, max_passos: int
) -> dict[tuple[str, int], Escolha]:
    """Refaz a escolha de ``estudar`` permitindo só as marcas de até ``max_passos`` passos.

    Não treina nada de novo: usa as validações e os pesos guardados em cada marca. As estratégias
    que não treinam a rede (``"congelada"``) ficam de fora. Como em ``estudar``, a escolha é feita
    na validação, e o teste é lido só com ela.
    """
    if not isinstance(resultados, dict) or not resultados:
        raise TypeError(f"resultados: esperava o dicionário devolvido por estudar, recebi {resultados!r:.60}")
    if not isinstance(tarefa, TarefaNova):
        raise TypeError(f"tarefa: esperava uma TarefaNova, recebi {type(tarefa).__name__}")
    inteiro("max_passos", max_passos)
    return {
        chave: _escolher_e_testar(escolha.treinos, tarefa, max_passos)
        for chave, escolha in resultados.items()
        if escolha.treinos is not None
    }


def estudar(
    pre_treinada: LeNet5,
    tarefa: TarefaNova,
    orcamentos: Sequence[int] = (1, 3, 10, 30),
    sementes: Iterable[int] = range(5),
    estrategias: Sequence[str] = ESTRATEGIAS,
    grade_lr: Sequence[float] = (1e-3, 1e-2),
    marcas: Sequence[int] = (10, 30),
    grade_c: Sequence[float] = (0.1, 1.0, 10.0),
    fator: float = 0.1,
) -> dict[tuple[str, int], Escolha]:
    """Roda cada estratégia em cada orçamento (rótulos por classe), com cada semente.

    Para cada estratégia e orçamento, a semente sorteia os rótulos da reserva e inicia a camada
    nova. Taxa de aprendizado (``grade_lr``) e número de passos (``marcas``, pontos de parada ao
    longo do treino) são escolhidos pela menor perda média de **validação** (entropia cruzada); a
    regressão logística de ``"congelada"`` escolhe ``C`` em ``grade_c`` pelo mesmo critério. Só
    então o teste é lido.
    Devolve ``{(estrategia, orcamento): Escolha}``.
    """
    if not isinstance(pre_treinada, LeNet5):
        raise TypeError(f"pre_treinada: esperava uma LeNet5, recebi {type(pre_treinada).__name__}")
    if not isinstance(tarefa, TarefaNova):
        raise TypeError(f"tarefa: esperava uma TarefaNova, recebi {type(tarefa).__name__}")
    orcamentos = [inteiro("orcamentos", o) for o in orcamentos]
    sementes = [inteiro("sementes", s, minimo=0) for s in sementes]
    if len(sementes) < 2:
        raise ValueError(f"sementes: esperava pelo menos 2 (para um desvio), recebi {sementes}")
    estrategias = [_estrategia(e) for e in estrategias]
    grade_lr, grade_c = _positivos("grade_lr", grade_lr), _positivos("grade_c", grade_c)
    marcas = [inteiro("marcas", m) for m in marcas]
    if not marcas or marcas != sorted(set(marcas)):
        raise ValueError(f"marcas: esperava passos em ordem crescente, sem repetição, recebi {marcas}")
    if "congelada" in estrategias:  # o extrator é fixo: extrai uma vez só
        partes = {"reserva": tarefa.X_reserva, "validacao": tarefa.X_validacao, "teste": tarefa.X_teste}
        carac = {nome: extrair_caracteristicas(pre_treinada, X).numpy() for nome, X in partes.items()}
    resultados = {}
    for estrategia in estrategias:
        for por_classe in orcamentos:
            if estrategia == "congelada":
                with threadpool_limits(1):
                    escolha = _estudar_congelada(carac, tarefa, por_classe, sementes, grade_c)
            else:
                escolha = _estudar_rede(
                    estrategia, pre_treinada, tarefa, por_classe, sementes, grade_lr, marcas, fator
                )
            resultados[estrategia, por_classe] = escolha
    return resultados


NOMES = {
    "congelada": "congelada",
    "ajuste_fino": "ajuste fino",
    "completo": "completo",
    "do_zero": "do zero",
}


def tabela(resultados: dict[tuple[str, int], Escolha], escolhas: bool = False) -> str:
    """Uma linha por orçamento, uma coluna por estratégia.

    Por padrão, a acurácia de teste em % (média ± desvio entre sementes); com ``escolhas=True``,
    os hiperparâmetros escolhidos na validação (``lr``/passos, ou ``C`` da regressão logística).
    """
    if not isinstance(resultados, dict) or not resultados:
        raise TypeError(f"resultados: esperava o dicionário devolvido por estudar, recebi {resultados!r:.60}")
    estrategias = [e for e in ESTRATEGIAS if any(e == chave[0] for chave in resultados)]
    orcamentos = sorted({orcamento for _, orcamento in resultados})
    linhas = [] if escolhas else ["acurácia de teste (%), média ± desvio entre sementes"]
    linhas.append(f"{'rótulos':>7}" + "".join(f"{NOMES[e]:>13}" for e in estrategias))
    for orcamento in orcamentos:
        celulas = []
        for estrategia in estrategias:
            escolha = resultados[estrategia, orcamento]
            if not escolhas:
                celulas.append(escolha.teste.formatar(casas=1, escala=100))
            elif "C" in escolha.hiperparametros:
                celulas.append(f"C={escolha.hiperparametros['C']:g}")
            else:
                celulas.append(f"{escolha.hiperparametros['lr']:g}/{escolha.hiperparametros['passos']}")
        linhas.append(f"{orcamento:>7}" + "".join(f"{c:>13}" for c in celulas))
    return "\n".join(linhas)
