"""Geração de todas as figuras do site.

Cada capítulo tem um submódulo (``figuras/fundamentos.py``, ``figuras/redes.py`` …) com uma função
``gerar(destino: Path) -> list[Path]`` que salva as suas imagens em ``destino`` e devolve os caminhos.
``python -m pytorchdl_snippets.figuras`` chama todos eles (veja o README).
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # sem janela: as figuras vão direto para arquivos PNG

import matplotlib.pyplot as plt
from PIL import Image


def salvar_figura(fig, caminho: Path, dpi: int = 100, cores: int | None = None) -> Path:
    """Salva ``fig`` em PNG (recortada nas bordas) e fecha a figura.

    Com ``cores``, o PNG usa uma paleta com esse número de cores: o arquivo fica várias vezes menor,
    sem diferença visível em gráficos (o peso das páginas do site conta).
    """
    if cores is not None and not (isinstance(cores, int) and 2 <= cores <= 256):
        raise ValueError(f"cores: esperava None ou um inteiro entre 2 e 256, recebi {cores!r}")
    caminho = Path(caminho)
    if cores is None:
        fig.savefig(caminho, dpi=dpi, bbox_inches="tight")
    else:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
        buffer.seek(0)
        with Image.open(buffer) as imagem:
            imagem.convert("RGB").quantize(colors=cores).save(caminho, optimize=True)
    plt.close(fig)
    return caminho


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
