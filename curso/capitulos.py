"""O registro dos capítulos: o único lugar que diz quais seções do menu são capítulos de lições, em
que pasta de ``docs/`` ficam e qual caderno de ``examples/`` cada um gera.

As páginas de cada capítulo, e a ordem delas, vêm do ``nav`` do ``mkdocs.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from curso.config import nav


@dataclass(frozen=True)
class Capitulo:
    titulo: str  # a seção do nav
    pasta: str  # docs/<pasta>/
    caderno: str  # examples/<caderno>, gerado das páginas

    def paginas(self, config: Path | None = None) -> list[tuple[str, str]]:
        """``[(título, "pasta/pagina.md"), ...]`` na ordem do menu."""
        for secao in nav(config):
            if isinstance(secao, dict) and self.titulo in secao:
                return [(t, c) for item in secao[self.titulo] for t, c in item.items() if c.endswith(".md")]
        return []


CAPITULOS = (
    Capitulo("Fundamentos", "fundamentos", "01_fundamentos.ipynb"),
    Capitulo("Redes neurais", "redes", "02_redes_neurais.ipynb"),
    Capitulo("Treinamento", "treinamento", "03_treinamento.ipynb"),
    Capitulo("Redes convolucionais", "convolucionais", "04_convolucionais.ipynb"),
    Capitulo("Sequências e atenção", "sequencias", "05_sequencias.ipynb"),
    Capitulo("Na prática", "pratica", "07_pratica.ipynb"),
)


def capitulo_da_pagina(src_uri: str) -> Capitulo | None:
    """O capítulo de ``"pasta/pagina.md"``, ou ``None`` (página fora dos capítulos)."""
    pasta = src_uri.split("/")[0]
    return next((c for c in CAPITULOS if c.pasta == pasta), None)


def licoes(config: Path | None = None) -> list[tuple[Capitulo, list[tuple[str, str]]]]:
    """``[(capítulo, [(título, caminho), ...]), ...]`` na ordem do registro."""
    return [(c, c.paginas(config)) for c in CAPITULOS]
