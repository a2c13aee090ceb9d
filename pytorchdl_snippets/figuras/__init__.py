"""Geração de todas as figuras do site.

Cada capítulo tem um submódulo (``figuras/fundamentos.py``, ``figuras/redes.py`` …) com uma função
``gerar(destino: Path) -> list[Path]`` que salva as suas imagens em ``destino`` e devolve os caminhos.
``python -m pytorchdl_snippets.figuras`` chama todos eles (veja o README).
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # sem janela: as figuras vão direto para arquivos PNG


def capitulos() -> list[str]:
    """Nomes dos submódulos de figuras, em ordem alfabética."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def gerar_todas(destino: Path, apenas: list[str] | None = None) -> list[Path]:
    """Gera as figuras de todos os capítulos (ou só de ``apenas``) em ``destino/<capitulo>/``."""
    destino = Path(destino)
    conhecidos = capitulos()
    escolhidos = apenas or conhecidos
    desconhecidos = sorted(set(escolhidos) - set(conhecidos))
    if desconhecidos:
        raise ValueError(f"apenas: capítulos desconhecidos {desconhecidos}; conhecidos: {conhecidos}")
    gerados: list[Path] = []
    for nome in escolhidos:
        modulo = importlib.import_module(f"{__name__}.{nome}")
        pasta = destino / nome
        pasta.mkdir(parents=True, exist_ok=True)
        gerados.extend(modulo.gerar(pasta))
    return gerados
