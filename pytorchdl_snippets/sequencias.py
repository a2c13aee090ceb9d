"""Sequências de caracteres: os nomes dos municípios, o vocabulário, a divisão dos nomes e os
modelos de linguagem de caracteres (janelas e MLP, redes recorrentes, perda por token, treino).

Usado a partir da lição "Sequências e tokens" (``docs/sequencias/tokens.md``); cada lição da parte
"Sequências e atenção" constrói as suas peças à mão antes que uma lição seguinte as importe daqui.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pad_sequence

from pytorchdl_snippets.dados import dividir_indices
from pytorchdl_snippets.validacao import inteiro

ESPECIAL = "."


def carregar_municipios() -> list[str]:
    """Os nomes dos 5289 municípios brasileiros distintos, em minúsculas e sem acentos, ordenados.

    Vêm do arquivo ``dados_texto/municipios.txt`` do pacote (dados públicos do IBGE, via brutils
    2.5.0; veja o ``LEIAME.md`` ao lado). Nada é baixado: o arquivo viaja com o pacote.
    """
    arquivo = resources.files("pytorchdl_snippets") / "dados_texto" / "municipios.txt"
    return [linha for linha in arquivo.read_text(encoding="utf-8").splitlines() if linha]


class Vocabulario:
    """Caracteres como tokens: ``itos`` (índice → caractere) e ``stoi`` (caractere → índice).

    O índice 0 é o token especial ``especial`` (``"."``), que marca o início e o fim de um nome;
    os demais são os caracteres de ``textos`` em ordem alfabética. ``codificar("acre")`` devolve a
    lista de índices e ``decodificar`` faz o caminho de volta.
    """

    def __init__(self, textos: Iterable[str], especial: str = ESPECIAL) -> None:
        if isinstance(textos, str):
            raise TypeError("textos: esperava uma lista de textos (str), recebi um str só")
        textos = list(textos)
        if not textos or not all(isinstance(t, str) for t in textos):
            raise TypeError("textos: esperava uma lista não vazia de textos (str)")
        if not isinstance(especial, str) or len(especial) != 1:
            raise ValueError(f"especial: esperava um único caractere, recebi {especial!r}")
        caracteres = sorted(set("".join(textos)))
        if especial in caracteres:
            raise ValueError(f"especial: o caractere {especial!r} já aparece nos textos")
        self.especial = especial
        self.itos: list[str] = [especial, *caracteres]
        self.stoi: dict[str, int] = {c: i for i, c in enumerate(self.itos)}

    def __len__(self) -> int:
        return len(self.itos)

    def __repr__(self) -> str:
        return f"Vocabulario({len(self)} tokens: {''.join(self.itos)!r})"

    def codificar(self, texto: str) -> list[int]:
        """Os índices dos caracteres de ``texto``; caractere fora do vocabulário é ``ValueError``."""
        if not isinstance(texto, str):
            raise TypeError(f"texto: esperava um str, recebi {type(texto).__name__}")
        indices = []
        for posicao, caractere in enumerate(texto):
            if caractere not in self.stoi:
                raise ValueError(
                    f"codificar: caractere desconhecido {caractere!r} na posição {posicao} de "
                    f"{texto!r};\no vocabulário tem {len(self)} tokens: {''.join(self.itos)!r}"
                )
            indices.append(self.stoi[caractere])
        return indices

    def decodificar(self, indices: Iterable[int]) -> str:
        """O texto dos ``indices`` (ints ou um tensor de inteiros); índice fora de 0..V-1 é ``ValueError``."""
        if hasattr(indices, "tolist"):
            indices = indices.tolist()
        caracteres = []
        for posicao, indice in enumerate(indices):
            if isinstance(indice, bool) or not isinstance(indice, int):
                raise TypeError(
                    f"decodificar: esperava índices inteiros, recebi {type(indice).__name__} "
                    f"({indice!r}) na posição {posicao}"
                )
            if not 0 <= indice < len(self):
                raise ValueError(
                    f"decodificar: índice {indice} (posição {posicao}) fora de 0 a {len(self) - 1}"
                )
            caracteres.append(self.itos[indice])
        return "".join(caracteres)


def dividir_nomes(
    nomes: Sequence[str], fracoes: Sequence[float] = (0.8, 0.1, 0.1), semente: int = 0
) -> list[list[str]]:
    """Embaralha ``nomes`` com a ``semente`` e os divide em partes (treino, validação, teste).

    Usa :func:`pytorchdl_snippets.dados.dividir_indices`: as partes são disjuntas, cobrem todos os
    nomes e são as mesmas em qualquer máquina para a mesma semente.
    """
    if isinstance(nomes, str) or not isinstance(nomes, Sequence):
        raise TypeError(f"nomes: esperava uma lista de str, recebi {type(nomes).__name__}")
    if not all(isinstance(n, str) for n in nomes):
        raise TypeError("nomes: esperava uma lista de str, e há itens que não são str")
    partes = dividir_indices(len(nomes), fracoes, semente=semente)
    return [[nomes[i] for i in parte.tolist()] for parte in partes]


# ---------------------------------------------------------------------------------------------
# Modelos de linguagem de caracteres: dados, modelos, perda e treino
#
# Ensinados nas lições "Um modelo de linguagem neural" (``docs/sequencias/modelo-neural.md``:
# janelas, ModeloMLP, nll_por_token, treinar_linguagem) e "Redes recorrentes"
# (``docs/sequencias/recorrentes.md``: sequencias_de_treino, ModeloRecorrente). Cada página
# define o seu código; ``tests/pacote/test_sequencias.py`` confere que a definição da página e a
# daqui dão os mesmos parâmetros e as mesmas saídas. A perplexidade ``exp(nll_por_token(...))`` é
# por caractere (inclui o ``.`` que encerra cada nome) e, na mesma divisão de ``dividir_nomes``,
# é comparável entre bigramas, MLP, redes recorrentes e transformers.
# ---------------------------------------------------------------------------------------------

IGNORAR = -100
"""Alvo das posições de preenchimento: o ``ignore_index`` padrão de ``F.cross_entropy``."""

CELULAS = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}


def _lista_de_nomes(nomes) -> list[str]:
    if isinstance(nomes, str) or not isinstance(nomes, Sequence):
        raise TypeError(f"nomes: esperava uma lista de str, recebi {type(nomes).__name__}")
    if not nomes:
        raise ValueError("nomes: esperava uma lista não vazia de nomes, recebi uma lista vazia")
    if not all(isinstance(n, str) for n in nomes):
        raise TypeError("nomes: esperava uma lista de str, e há itens que não são str")
    return list(nomes)


def _vocabulario(vocab) -> Vocabulario:
    if not isinstance(vocab, Vocabulario):
        raise TypeError(f"vocab: esperava um Vocabulario, recebi {type(vocab).__name__}")
    return vocab


def sequencias_de_treino(nomes: Sequence[str], vocab: Vocabulario) -> tuple[torch.Tensor, torch.Tensor]:
    """Um lote com preenchimento: ``(X, Y)``, dois ``LongTensor`` de forma ``(N, T)``.

    Para cada nome, a entrada é ``.`` + nome e o alvo é nome + ``.`` (cada posição prevê a
    seguinte); ``T`` é o maior nome mais 1. O preenchimento é ``0`` (o ``.``) em ``X`` e
    ``IGNORAR`` (-100) em ``Y``, que ``F.cross_entropy`` deixa fora da média.
    """
    nomes, vocab = _lista_de_nomes(nomes), _vocabulario(vocab)
    entradas = [torch.tensor([0, *vocab.codificar(n)]) for n in nomes]
    alvos = [torch.tensor([*vocab.codificar(n), 0]) for n in nomes]
    X = pad_sequence(entradas, batch_first=True, padding_value=0)
    Y = pad_sequence(alvos, batch_first=True, padding_value=IGNORAR)
    return X, Y


def janelas(nomes: Sequence[str], vocab: Vocabulario, contexto: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    """Exemplos ``(contexto, próximo)`` de todos os nomes: ``X`` ``(M, contexto)`` e ``Y`` ``(M,)``.

    Cada nome com ``n`` caracteres dá ``n + 1`` exemplos: a janela começa cheia de ``.`` (índice
    0) e o último alvo é o ``.`` que encerra o nome. ``M`` é o número de tokens previstos, o mesmo
    de ``(Y != IGNORAR).sum()`` em :func:`sequencias_de_treino`.
    """
    nomes, vocab = _lista_de_nomes(nomes), _vocabulario(vocab)
    inteiro("contexto", contexto)
    X, Y = [], []
    for nome in nomes:
        janela = [0] * contexto
        for proximo in [*vocab.codificar(nome), 0]:
            X.append(janela)
            Y.append(proximo)
            janela = [*janela[1:], proximo]
    return torch.tensor(X), torch.tensor(Y)


class ModeloMLP(nn.Module):
    """Modelo de linguagem de Bengio et al. (2003): incorporação, camada oculta ``tanh``, logits.

    Entrada ``(B, contexto)`` de índices; saída ``(B, tamanho_vocab)`` de logits do próximo token.
    As incorporações (``dim`` números por token) das ``contexto`` posições são concatenadas.
    """

    def __init__(self, tamanho_vocab: int, contexto: int, dim: int, ocultos: int) -> None:
        for nome, valor in [("tamanho_vocab", tamanho_vocab), ("contexto", contexto), ("dim", dim)]:
            inteiro(nome, valor)
        inteiro("ocultos", ocultos)
        super().__init__()
        self.incorporacao = nn.Embedding(tamanho_vocab, dim)
        self.oculta = nn.Linear(contexto * dim, ocultos)
        self.saida = nn.Linear(ocultos, tamanho_vocab)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        esperado = self.oculta.in_features // self.incorporacao.embedding_dim
        if x.dim() != 2 or x.shape[1] != esperado:
            raise ValueError(f"x: esperava a forma (B, {esperado}), recebi {tuple(x.shape)}")
        e = self.incorporacao(x).flatten(1)  # (B, contexto * dim)
        return self.saida(torch.tanh(self.oculta(e)))


class ModeloRecorrente(nn.Module):
    """Modelo de linguagem recorrente: incorporação, ``nn.RNN``/``nn.GRU``/``nn.LSTM``, logits.

    Entrada ``(B, T)`` de índices; saída ``(B, T, tamanho_vocab)``: em cada posição, os logits do
    próximo token, vendo só as posições até ela. ``celula`` é ``"rnn"``, ``"gru"`` ou ``"lstm"``.
    """

    def __init__(self, tamanho_vocab: int, dim: int, ocultos: int, celula: str = "gru") -> None:
        for nome, valor in [("tamanho_vocab", tamanho_vocab), ("dim", dim), ("ocultos", ocultos)]:
            inteiro(nome, valor)
        if celula not in CELULAS:
            raise ValueError(f"celula: esperava uma de {sorted(CELULAS)}, recebi {celula!r}")
        super().__init__()
        self.incorporacao = nn.Embedding(tamanho_vocab, dim)
        self.rede = CELULAS[celula](dim, ocultos, batch_first=True)
        self.saida = nn.Linear(ocultos, tamanho_vocab)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() != 2:
            raise ValueError(f"x: esperava a forma (B, T), recebi {tuple(x.shape)}")
        h, _ = self.rede(self.incorporacao(x))  # (B, T, ocultos)
        return self.saida(h)


def _conferir_pares(X, Y) -> None:
    if not isinstance(X, torch.Tensor) or not isinstance(Y, torch.Tensor):
        raise TypeError(f"X, Y: esperava dois tensores, recebi {type(X).__name__} e {type(Y).__name__}")
    if X.shape[0] != Y.shape[0] or X.shape[0] == 0:
        raise ValueError(
            f"Y: esperava o mesmo número de exemplos de X ({X.shape[0]}, > 0), recebi {Y.shape[0]}"
        )


def _perda(logits: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """Entropia cruzada média dos alvos que não são ``IGNORAR``; serve a (B, V) e a (B, T, V)."""
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y.reshape(-1), ignore_index=IGNORAR)


def nll_por_token(modelo: nn.Module, X: torch.Tensor, Y: torch.Tensor) -> float:
    """NLL média por token previsto (alvos ``IGNORAR`` ficam de fora), em modo de avaliação.

    Serve a modelos de janela (logits ``(B, V)``, ``Y`` ``(B,)``) e de sequência (logits
    ``(B, T, V)``, ``Y`` ``(B, T)``). Roda sob ``torch.no_grad()`` e devolve o modelo ao modo em
    que estava. A perplexidade é ``math.exp`` do resultado.
    """
    _conferir_pares(X, Y)
    estava_treinando = modelo.training
    modelo.eval()
    with torch.no_grad():
        nll = _perda(modelo(X), Y).item()
    modelo.train(estava_treinando)
    return nll


def _comprimentos(Y: torch.Tensor) -> torch.Tensor:
    """Para cada linha de ``Y`` (N, T), 1 + a última posição que não é ``IGNORAR`` (0 se nenhuma)."""
    posicoes = torch.arange(1, Y.shape[1] + 1)
    return ((Y != IGNORAR) * posicoes).amax(dim=1)


def _minilotes(Y, tamanho_lote, gerador, por_comprimento) -> list[torch.Tensor]:
    """Os índices de cada minilote de uma época, em ordem sorteada por ``gerador``."""
    ordem = torch.randperm(len(Y), generator=gerador)
    if not por_comprimento:
        return list(ordem.split(tamanho_lote))
    # por comprimento, empates na ordem sorteada; depois, os minilotes em ordem sorteada
    ordem = ordem[torch.sort(_comprimentos(Y)[ordem], stable=True).indices]
    lotes = ordem.split(tamanho_lote)
    return [lotes[i] for i in torch.randperm(len(lotes), generator=gerador)]


def treinar_linguagem(
    modelo: nn.Module,
    X: torch.Tensor,
    Y: torch.Tensor,
    epocas: int,
    lr: float = 0.01,
    tamanho_lote: int = 128,
    semente: int = 0,
    max_norma: float | None = None,
    por_comprimento: bool = False,
) -> list[float]:
    """Treina ``modelo`` com Adam em minilotes embaralhados; devolve a perda média de cada época.

    ``semente`` fixa a ordem dos minilotes (um ``torch.Generator`` só desta função), então o treino
    é determinístico dado o modelo inicial (crie o modelo depois de ``fixar_semente``).
    ``max_norma`` corta a norma dos gradientes com ``clip_grad_norm_`` antes de cada passo (lição
    "Redes recorrentes"). ``por_comprimento=True`` (só para ``Y`` de forma ``(N, T)``) junta em cada
    minilote sequências de comprimentos parecidos e corta as colunas que são só preenchimento: a
    mesma perda em cada posição de verdade, com muito menos conta num modelo causal.
    """
    _conferir_pares(X, Y)
    inteiro("epocas", epocas)
    inteiro("tamanho_lote", tamanho_lote)
    inteiro("semente", semente, minimo=0)
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not lr > 0:
        raise ValueError(f"lr: esperava um número > 0, recebi {lr!r}")
    if max_norma is not None and (isinstance(max_norma, bool) or not max_norma > 0):
        raise ValueError(f"max_norma: esperava None ou um número > 0, recebi {max_norma!r}")
    if por_comprimento and Y.dim() != 2:
        raise ValueError(f"por_comprimento: esperava Y de forma (N, T), recebi {tuple(Y.shape)}")
    otimizador = torch.optim.Adam(modelo.parameters(), lr=lr)
    gerador = torch.Generator().manual_seed(semente)
    modelo.train()
    historico = []
    for _ in range(epocas):
        soma = 0.0
        for lote in _minilotes(Y, tamanho_lote, gerador, por_comprimento):
            Xl, Yl = X[lote], Y[lote]
            if por_comprimento:
                fim = _comprimentos(Yl).max()
                Xl, Yl = Xl[:, :fim], Yl[:, :fim]
            perda = _perda(modelo(Xl), Yl)
            otimizador.zero_grad()
            perda.backward()
            if max_norma is not None:
                nn.utils.clip_grad_norm_(modelo.parameters(), max_norma)
            otimizador.step()
            soma += perda.item() * len(lote)
        historico.append(soma / len(X))
    return historico
