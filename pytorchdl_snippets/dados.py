"""Conjuntos de dados que funcionam offline: tudo vem de pacotes instalados ou é gerado por código."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch.utils.data import Dataset

from pytorchdl_snippets.validacao import inteiro


class Divisao(NamedTuple):
    """Uma divisão treino/teste já em tensores."""

    X_treino: torch.Tensor
    X_teste: torch.Tensor
    y_treino: torch.Tensor
    y_teste: torch.Tensor


def carregar_digitos(fracao_teste: float = 0.25, semente: int = 0) -> Divisao:
    """Dígitos manuscritos 8×8 do scikit-learn (1797 imagens, 10 classes), divididos em treino/teste.

    As imagens voltam como ``float32`` no formato ``(N, 1, 8, 8)`` com valores em ``[0, 1]``
    e os rótulos como ``int64`` no formato ``(N,)``. A divisão é estratificada e reprodutível.
    """
    if not isinstance(fracao_teste, float) or not 0.0 < fracao_teste < 1.0:
        raise ValueError(f"fracao_teste: esperava um float entre 0 e 1 (exclusive), recebi {fracao_teste!r}")
    digitos = load_digits()
    X = torch.tensor(digitos.images, dtype=torch.float32).unsqueeze(1) / 16.0
    y = torch.tensor(digitos.target, dtype=torch.int64)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=fracao_teste, random_state=semente, stratify=y)
    return Divisao(X_tr, X_te, y_tr, y_te)


# --- Capítulo Treinamento: conjuntos de dados de CSV, divisão e padronização sem vazamento ---------


def dividir_indices(n: int, fracoes: Sequence[float], semente: int = 0) -> list[torch.Tensor]:
    """Embaralha ``range(n)`` e o divide em partes com as ``fracoes`` dadas (que somam 1).

    Exemplo: ``treino, validacao, teste = dividir_indices(442, [0.6, 0.2, 0.2])``. As partes são
    disjuntas e cobrem todos os índices; a última fica com o que sobrar do arredondamento.
    """
    inteiro("n", n)
    fracoes = list(fracoes)
    if len(fracoes) < 2 or any(not isinstance(f, (int, float)) or f <= 0 for f in fracoes):
        raise ValueError(f"fracoes: esperava duas ou mais frações positivas, recebi {fracoes!r}")
    if abs(sum(fracoes) - 1.0) > 1e-6:
        raise ValueError(f"fracoes: esperava frações que somam 1, recebi {fracoes!r} (soma {sum(fracoes):g})")
    tamanhos = [round(f * n) for f in fracoes[:-1]]
    tamanhos.append(n - sum(tamanhos))
    if min(tamanhos) <= 0:
        raise ValueError(f"fracoes: com n={n}, alguma parte ficaria vazia (tamanhos {tamanhos})")
    ordem = torch.randperm(n, generator=torch.Generator().manual_seed(semente))
    return list(torch.split(ordem, tamanhos))


class Padronizar:
    """Transformação ``x → (x - media) / desvio``, com média e desvio calculados **só no treino**.

    ``Padronizar.ajustar(X_treino)`` calcula as estatísticas por coluna; a mesma instância é
    aplicada depois ao treino, à validação e ao teste. Colunas constantes (desvio 0) usam desvio 1.
    """

    def __init__(self, media: torch.Tensor, desvio: torch.Tensor) -> None:
        if not isinstance(media, torch.Tensor) or not isinstance(desvio, torch.Tensor):
            raise TypeError("media, desvio: esperava dois torch.Tensor")
        if media.shape != desvio.shape:
            raise ValueError(
                "media, desvio: esperava o mesmo formato, "
                f"recebi {tuple(media.shape)} e {tuple(desvio.shape)}"
            )
        self.media = media
        self.desvio = torch.where(desvio > 0, desvio, torch.ones_like(desvio))

    @classmethod
    def ajustar(cls, X: torch.Tensor) -> Padronizar:
        """Calcula média e desvio-padrão por coluna de ``X`` ``(N, C)``, com ``N >= 2``."""
        if not isinstance(X, torch.Tensor) or not X.dtype.is_floating_point:
            raise TypeError(
                f"X: esperava um tensor float (N, C), recebi {getattr(X, 'dtype', type(X).__name__)}"
            )
        if X.ndim != 2 or X.shape[0] < 2:
            raise ValueError(f"X: esperava formato (N, C) com N >= 2, recebi {tuple(X.shape)}")
        return cls(X.mean(dim=0), X.std(dim=0))

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        if x.shape[-1] != self.media.shape[-1]:
            raise ValueError(
                f"x: esperava {self.media.shape[-1]} características na última dimensão, "
                f"recebi formato {tuple(x.shape)}"
            )
        return (x - self.media) / self.desvio

    def __repr__(self) -> str:
        return f"Padronizar(colunas={self.media.shape[-1]})"


class TabelaCSV(Dataset):
    """Um CSV numérico como ``Dataset``: cada item é ``(caracteristicas, alvo)``.

    ``caracteristicas`` é um tensor ``float32`` ``(C,)`` com todas as colunas menos ``alvo`` (ou só
    as listadas em ``colunas``), passado por ``transformacao`` se ela for dada; o alvo é um escalar
    do tipo ``tipo_alvo`` (``torch.float32`` para regressão, ``torch.int64`` para classes).
    """

    def __init__(
        self,
        caminho: str | Path,
        alvo: str,
        colunas: Sequence[str] | None = None,
        transformacao: Callable[[torch.Tensor], torch.Tensor] | None = None,
        tipo_alvo: torch.dtype = torch.float32,
    ) -> None:
        caminho = Path(caminho)
        if not caminho.is_file():
            raise FileNotFoundError(f"caminho: não encontrei o arquivo CSV {caminho}")
        tabela = pd.read_csv(caminho)
        if alvo not in tabela.columns:
            raise ValueError(f"alvo: a coluna {alvo!r} não existe; colunas: {list(tabela.columns)}")
        colunas = [c for c in tabela.columns if c != alvo] if colunas is None else list(colunas)
        faltando = [c for c in colunas if c not in tabela.columns]
        if faltando:
            raise ValueError(f"colunas: não existem no CSV: {faltando}")
        nao_numericas = [c for c in [*colunas, alvo] if not pd.api.types.is_numeric_dtype(tabela[c])]
        if nao_numericas:
            raise TypeError(f"colunas: esperava colunas numéricas, estas não são: {nao_numericas}")
        if transformacao is not None and not callable(transformacao):
            raise TypeError(f"transformacao: esperava uma função, recebi {type(transformacao).__name__}")
        self.caracteristicas = colunas
        self.X = torch.tensor(tabela[colunas].to_numpy(), dtype=torch.float32)
        self.y = torch.tensor(tabela[alvo].to_numpy(), dtype=tipo_alvo)
        self.transformacao = transformacao

    def __len__(self) -> int:
        return len(self.y)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.X[i]
        if self.transformacao is not None:
            x = self.transformacao(x)
        return x, self.y[i]
