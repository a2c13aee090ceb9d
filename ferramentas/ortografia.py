"""Lista de palavras da ortografia: o que o hunspell não conhece e como acrescentar ao projeto.

``python -m ferramentas.ortografia`` imprime cada palavra desconhecida e onde aparece (o mesmo que
``tests/paginas/test_ortografia.py`` reprova). Depois de revisar a lista e corrigir as grafias
erradas, ``python -m ferramentas.ortografia --acrescentar`` grava as que sobraram, em ordem
alfabética, em ``tests/paginas/ortografia/palavras.txt``.
"""

from __future__ import annotations

import argparse

from curso.ortografia import PALAVRAS, hunspell_disponivel, verificar


def acrescentar(novas: set[str]) -> list[str]:
    """Junta ``novas`` à lista revisada (sem repetir) e a regrava em ordem alfabética."""
    atuais = {p for p in PALAVRAS.read_text(encoding="utf-8").split("\n") if p}
    juntas = sorted(atuais | novas, key=lambda p: (p.lower(), p))
    PALAVRAS.write_text("\n".join(juntas) + "\n", encoding="utf-8")
    return sorted(novas - atuais)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acrescentar", action="store_true", help="grava as desconhecidas na lista")
    argumentos = parser.parse_args()
    if not hunspell_disponivel():
        print("hunspell com pt_BR e en_US não encontrado (apt-get install hunspell-pt-br hunspell-en-us)")
        return 2
    desconhecidas = verificar()
    for palavra, arquivos in sorted(desconhecidas.items(), key=lambda kv: kv[0].lower()):
        print(f"{palavra}\t{', '.join(sorted(arquivos))}")
    if argumentos.acrescentar:
        print(f"{len(acrescentar(set(desconhecidas)))} palavras acrescentadas a {PALAVRAS.name}")
    return 1 if desconhecidas and not argumentos.acrescentar else 0


if __name__ == "__main__":
    raise SystemExit(main())
