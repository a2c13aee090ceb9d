"""Linhas de código que cabem na coluna: no máximo 80 caracteres em todo bloco de código das páginas.

Verificação rápida na fonte (sem navegador): conta cada linha de todo bloco cercado de
``docs/**/*.md``, com o prompt (``>>> ``/``... ``) e sem o recuo da admonição ou aba que contém o
bloco; o conteúdo incluído com ``--8<-- "arquivo"`` também conta, e as linhas de saída das sessões
``pycon`` também (uma mensagem de erro longa rola de lado como o código). Como uma admonição (ou
uma solução dentro de um item de lista) estreita a caixa, a linha crua, com o recuo, também tem um
teto: ``LIMITE_COM_RECUO``. Cerca de 80 caracteres cabem na coluna de um laptop
(1280×800); o teste no navegador (``tests/site/test_telas.py``) confere o que o leitor vê.

``python -m tests.paginas.test_linhas_de_codigo`` lista as linhas longas e a contagem por página.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.paginas.harness import DOCS, RAIZ, paginas

LIMITE = 80
LIMITE_COM_RECUO = 84

_ABERTURA = re.compile(r"^(?P<recuo>[ \t]*)(?P<cerca>`{3,}|~{3,})[ \t]*(?P<lingua>[\w+-]*)")
_SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["'](?P<arquivo>[^"'\n]+)["']\s*$""")


def linhas_de_codigo(pagina: Path) -> list[tuple[int, str, str, int]]:
    """Devolve ``(número da linha, origem, texto, recuo)`` de cada linha de código da página.

    ``origem`` é ``"pagina.md:linha"`` ou, para conteúdo incluído, ``"arquivo.py:linha"``.
    """
    relativo = pagina.relative_to(RAIZ).as_posix()
    linhas = pagina.read_text(encoding="utf-8").splitlines()
    resultado: list[tuple[int, str, str, int]] = []
    i = 0
    while i < len(linhas):
        abertura = _ABERTURA.match(linhas[i])
        if not abertura:
            i += 1
            continue
        recuo, cerca = abertura["recuo"], abertura["cerca"]
        i += 1
        while i < len(linhas) and not linhas[i].strip().startswith(cerca):
            linha = linhas[i]
            # o recuo da admonição/aba não aparece para o leitor
            texto = linha[len(recuo) :] if linha.startswith(recuo) else linha.lstrip()
            snippet = _SNIPPET.match(texto)
            if snippet:
                incluido = RAIZ / snippet["arquivo"]
                for n, t in enumerate(incluido.read_text(encoding="utf-8").splitlines(), 1):
                    resultado.append((n, f"{snippet['arquivo']}:{n}", t, 0))
            else:
                resultado.append((i + 1, f"{relativo}:{i + 1}", texto, len(linha) - len(texto)))
            i += 1
        i += 1
    return resultado


def linhas_longas(pagina: Path) -> list[str]:
    """``"origem: N caracteres: texto"`` de cada linha de código longa demais: mais de ``LIMITE``
    caracteres sem o recuo, ou mais de ``LIMITE_COM_RECUO`` com ele."""
    return [
        f"{origem}: {len(texto)} caracteres ({len(texto) + recuo} com o recuo): {texto.strip()[:60]}"
        for _, origem, texto, recuo in linhas_de_codigo(pagina)
        if len(texto) > LIMITE or len(texto) + recuo > LIMITE_COM_RECUO
    ]


PAGINAS = paginas()


@pytest.mark.parametrize("pagina", PAGINAS, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_linhas_de_codigo_cabem_em_80_caracteres(pagina):
    longas = linhas_longas(pagina)
    assert not longas, (
        f"{len(longas)} linha(s) de código com mais de {LIMITE} caracteres "
        "(quebre a linha, encurte o comentário ou leve-o para a prosa):\n" + "\n".join(longas)
    )


def test_a_varredura_conta_prompt_e_saida_e_ignora_recuo_de_admonicao(tmp_path, monkeypatch):
    pagina = tmp_path / "docs" / "p.md"
    pagina.parent.mkdir()
    (tmp_path / "incluido.py").write_text("x = 1\n" + "y" * 81 + "\n", encoding="utf-8")
    pagina.write_text(
        "Texto " + "t" * 100 + "\n\n"
        "```pycon\n>>> " + "a" * 77 + "\n" + "s" * 100 + "\n```\n\n"
        "!!! note\n\n    ```python\n    " + "b" * 80 + "\n    ```\n\n"
        "1. item\n\n    ??? note\n\n        ```python\n        " + "c" * 78 + "\n        ```\n\n"
        '```python\n--8<-- "incluido.py"\n```\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "RAIZ", tmp_path)
    codigo = [(origem, len(texto), recuo) for _, origem, texto, recuo in linhas_de_codigo(pagina)]
    # o prompt conta (4 + 77 = 81), a saída (100) também; a prosa não; o recuo da admonição fica à parte
    assert codigo == [
        ("docs/p.md:4", 81, 0),
        ("docs/p.md:5", 100, 0),
        ("docs/p.md:11", 80, 4),
        ("docs/p.md:19", 78, 8),
        ("incluido.py:1", 5, 0),
        ("incluido.py:2", 81, 0),
    ]
    # 80 + 4 de recuo cabem; 78 + 8 (solução dentro de um item de lista) não
    assert [linha.split(":")[0:2] for linha in linhas_longas(pagina)] == [
        ["docs/p.md", "4"],
        ["docs/p.md", "5"],
        ["docs/p.md", "19"],
        ["incluido.py", "2"],
    ]


if __name__ == "__main__":
    total = 0
    for pagina in PAGINAS:
        longas = linhas_longas(pagina)
        total += len(longas)
        if longas:
            print(f"{len(longas):4d}  {pagina.relative_to(RAIZ).as_posix()}")
    print(f"{total:4d}  no total (limite: {LIMITE} caracteres, {LIMITE_COM_RECUO} com o recuo)")
