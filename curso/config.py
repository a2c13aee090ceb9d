"""A configuração do site (``mkdocs.yml``) lida sem o MkDocs, e o endereço do repositório.

O ``repo_url`` do ``mkdocs.yml`` é o único lugar onde o endereço do repositório está escrito: os
links do Colab, de edição e a instalação com ``pip install git+…`` derivam dele.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

RAIZ = Path(__file__).resolve().parent.parent
DOCS = RAIZ / "docs"
EXEMPLOS = RAIZ / "examples"


class _Carregador(yaml.SafeLoader):
    """Lê o ``mkdocs.yml`` ignorando as tags do Python (``!!python/name:...``)."""


_Carregador.add_multi_constructor("", lambda carregador, sufixo, no: None)


@cache
def _ler(caminho: Path) -> dict:
    return yaml.load(caminho.read_text(encoding="utf-8"), Loader=_Carregador)


def mkdocs(caminho: Path | None = None) -> dict:
    """O ``mkdocs.yml`` (ou outro) como dicionário; as tags do Python viram ``None``."""
    return _ler(Path(caminho or RAIZ / "mkdocs.yml").resolve())


def nav(caminho: Path | None = None) -> list:
    return mkdocs(caminho).get("nav", [])


def repositorio(caminho: Path | None = None) -> str:
    """``https://github.com/<dono>/<nome>``, do ``repo_url``."""
    endereco = mkdocs(caminho).get("repo_url", "")
    if not endereco.startswith("https://github.com/"):
        raise ValueError(f"repo_url: esperava https://github.com/<dono>/<nome>, achei {endereco!r}")
    return endereco.rstrip("/")


def pacote_git(caminho: Path | None = None) -> str:
    """O requisito do pip que instala o pacote do curso direto do repositório."""
    return f"pytorchdl-snippets @ git+{repositorio(caminho)}"


def colab(caderno: str, caminho: Path | None = None) -> str:
    """O endereço que abre ``examples/<caderno>`` no Google Colab."""
    dono_nome = repositorio(caminho).removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{dono_nome}/blob/main/examples/{caderno}"
