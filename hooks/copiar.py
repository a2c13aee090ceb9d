"""O botão de copiar dá código que roda: o texto de cada bloco vem do modelo da lição.

O texto que o botão copia é ``Bloco.codigo`` do modelo da lição (``curso/licao.py``, a página lida
uma vez pelo lexer do Sybil): sem os prompts ``>>> ``/``... ``, sem as saídas e sem as diretivas do
doctest (o código separado das saídas pelo ``doctest.DocTestParser``, o mesmo que o Sybil usa para
executar a página); uma instrução que a página mostra levantando um erro de propósito vai como
comentário, para o script seguir; uma inclusão ``--8<--`` dá o arquivo incluído. Aqui, só o
trabalho no HTML, chamado pelo pós-processamento (``hooks/posprocesso.py``):

- as diretivas do doctest (``# doctest: +ELLIPSIS``) ficam no Markdown para o Sybil, mas saem do
  HTML: não aparecem;
- o ``n``-ésimo bloco de código da página recebe o texto do ``n``-ésimo bloco da lição no atributo
  ``data-copy``; se as contagens não batem, o build para.

O botão de copiar do Material (desde a 9.4.4, issue squidfunk/mkdocs-material#6086) copia o
``data-copy`` do ancestral mais próximo do código no lugar do texto visível (``hooks/acoplamentos.py``);
o teste no Chromium (``tests/site/test_copiar.py``) pega qualquer mudança. O botão em si não muda:
teclado e toque funcionam como antes.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:  # o MkDocs carrega os hooks só com a pasta hooks/ no sys.path
    sys.path.insert(0, str(RAIZ))

from curso.licao import ler_pagina  # noqa: E402

# o comentário de diretiva que o Pygments marca como comentário, com os espaços antes dele
_DIRETIVA_HTML = re.compile(r'[ \t]*<span class="c1">#\s*doctest:[^<]*</span>')
# um bloco de código das páginas, com os atributos que outros hooks acrescentam à abertura (os
# cadernos usam highlight-ipynb e ficam de fora); hooks/posprocesso.py usa o mesmo
BLOCO = re.compile(
    r'(?P<abre><div class="(?:language-[\w-]+ )?highlight"[^>]*)(?P<resto>>.*?</pre>)', re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")
_MARCADO = re.compile(r'<div class="(?:language-[\w-]+ )?highlight" data-copy="([^"]*)"')


class BlocosDiferentes(ValueError):
    """A página construída e a lição não têm os mesmos blocos de código: o build para."""


def texto_do_bloco(trecho_html: str) -> str:
    """O texto que o bloco mostra (sem as tags do realce)."""
    return html.unescape(_TAG.sub("", trecho_html))


def textos_da_licao(src_uri: str, docs: Path) -> list[str]:
    """O que o botão de cada bloco da página ``docs/<src_uri>`` copia, na ordem (do modelo)."""
    return [bloco.codigo for bloco in ler_pagina(src_uri, docs).blocos]


def processar_html(conteudo: str, textos: list[str], onde: str = "") -> str:
    """Remove as diretivas dos blocos de código e marca em cada um o texto a copiar, na ordem."""
    blocos = BLOCO.findall(conteudo)
    if len(blocos) != len(textos):
        raise BlocosDiferentes(
            f"{onde}: a página construída tem {len(blocos)} blocos de código e a lição {len(textos)} "
            "(um bloco que o Markdown não renderiza como código, ou o contrário?)"
        )
    seguintes = iter(textos)

    def marcar(m: re.Match) -> str:
        copiar = html.escape(next(seguintes), quote=True)
        return f'{m["abre"]} data-copy="{copiar}"{_DIRETIVA_HTML.sub("", m["resto"])}'

    return BLOCO.sub(marcar, conteudo)


def textos_para_copiar(html_pagina: str) -> list[str]:
    """O que o botão de cada bloco de uma página construída copia, na ordem: o ``data-copy``."""
    return [html.unescape(texto) for texto in _MARCADO.findall(html_pagina)]
