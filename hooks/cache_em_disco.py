"""Cache em disco do build, endereçado pelo conteúdo (issue 22): uma entrada nunca envelhece.

A chave de cada entrada é o resumo (SHA-256) de **tudo** o que determina o valor guardado:

- as entradas da função (o código de um bloco e as opções do realce, o LaTeX de uma fórmula...);
- as versões dos pacotes que o produzem (``pacotes``) e do Python;
- o conteúdo dos nossos arquivos que o produzem (``arquivos``, e este módulo).

Mudou qualquer um deles, a chave é outra e a entrada velha só deixa de ser lida: não há o que
invalidar, e um ``.cache/`` vindo de outro build (outro clone, o cache do CI) nunca dá um valor
errado. Cada entrada é um arquivo JSON em ``.cache/build/<nome>/<2 primeiros>/<chave>.json``,
escrito num arquivo temporário e renomeado (processos paralelos do pytest não leem meia entrada).
Com ``PYTORCHDL_SEM_CACHE=1``, nada é lido nem escrito (o build frio, para medir).

Entradas que nenhum build usa mais ficam na pasta; ``rm -rf .cache/build`` as apaga.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

RAIZ = Path(__file__).resolve().parent.parent
PASTA = RAIZ / ".cache" / "build"


def _resumo(dados: Any) -> str:
    texto = json.dumps(dados, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def _versao(pacote: str) -> str:
    try:
        return metadata.version(pacote)
    except metadata.PackageNotFoundError:
        return "ausente"


def ligado() -> bool:
    return os.environ.get("PYTORCHDL_SEM_CACHE", "") in ("", "0")


class Cache:
    """Um espaço do cache: ``nome``, e o que além das entradas determina os valores guardados."""

    def __init__(
        self,
        nome: str,
        pacotes: Iterable[str] = (),
        arquivos: Iterable[Path] = (),
        pasta: Path | None = None,
        versao: Callable[[str], str] = _versao,
    ) -> None:
        codigo = {
            Path(a).name: hashlib.sha256(Path(a).read_bytes()).hexdigest() for a in (*arquivos, __file__)
        }
        self.sal = _resumo(
            {
                "nome": nome,
                "python": platform.python_version(),
                "pacotes": {p: versao(p) for p in pacotes},
                "codigo": codigo,
            }
        )
        self.pasta = (pasta or PASTA) / nome

    def chave(self, entradas: Any) -> str:
        """O resumo do sal e das ``entradas`` (tipos do JSON; outro tipo é ``TypeError``)."""
        return _resumo([self.sal, entradas])

    def _arquivo(self, chave: str) -> Path:
        return self.pasta / chave[:2] / f"{chave}.json"

    def ler(self, chave: str) -> Any | None:
        if not ligado():
            return None
        try:
            return json.loads(self._arquivo(chave).read_text(encoding="utf-8"))
        except (OSError, ValueError):  # ausente, ou escrito pela metade por um processo morto
            return None

    def gravar(self, chave: str, valor: Any) -> None:
        if not ligado():
            return
        texto = json.dumps(valor, ensure_ascii=False)  # um valor fora do JSON: TypeError, nada escrito
        arquivo = self._arquivo(chave)
        try:
            arquivo.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=arquivo.parent, suffix=".tmp", delete=False
            ) as temporario:
                temporario.write(texto)
            os.replace(temporario.name, arquivo)
        except OSError:  # sem permissão de escrita (um checkout só de leitura): só não guarda
            pass

    def lembrar(self, entradas: Any, calcular: Callable[[], Any]) -> Any:
        """O valor guardado para ``entradas``; ou ``calcular()``, que fica guardado."""
        chave = self.chave(entradas)
        valor = self.ler(chave)
        if valor is None:
            valor = calcular()
            self.gravar(chave, valor)
        return valor
