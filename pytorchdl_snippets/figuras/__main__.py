"""Regera as figuras do site: ``python -m pytorchdl_snippets.figuras [capitulo ...]``."""

import argparse
from pathlib import Path

from pytorchdl_snippets.figuras import capitulos, gerar_todas

parser = argparse.ArgumentParser(description="Regera as figuras do site em docs/assets/.")
parser.add_argument("capitulos", nargs="*", help=f"capítulos a gerar (padrão: todos {capitulos()})")
parser.add_argument("--destino", type=Path, default=Path("docs/assets"))
args = parser.parse_args()
for caminho in gerar_todas(args.destino, args.capitulos or None):
    print(caminho)
