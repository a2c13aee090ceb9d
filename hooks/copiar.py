"""Hook do MkDocs: o botão de copiar dá código que roda.

- Diretivas do doctest (``# doctest: +ELLIPSIS``) ficam no Markdown para o Sybil, mas saem do HTML:
  não aparecem nem são copiadas.
- Num bloco de sessão interativa (começa com ``>>>``), o botão copia só as instruções, sem os
  prompts ``>>> ``/``... `` e sem as saídas. O código é separado das saídas pelo próprio
  ``doctest.DocTestParser``, o mesmo que o Sybil usa para executar a página. Uma instrução que a
  página mostra levantando um erro de propósito é copiada como comentário, para o script seguir.

O texto vai no atributo ``data-copy`` do bloco: o botão de copiar do Material (desde a 9.4.4, issue
squidfunk/mkdocs-material#6086) copia o ``data-copy`` do ancestral mais próximo do código no lugar
do texto visível. O recurso saiu da documentação do Material, mas continua no código; o teste no
Chromium (``tests/site/test_copiar.py``) pega qualquer mudança. O botão em si não muda: teclado e toque
funcionam como antes. Blocos sem ``>>>`` são copiados como são mostrados (sem as diretivas).
"""

from __future__ import annotations

import doctest
import html
import re

# o comentário de diretiva que o Pygments marca como comentário, com os espaços antes dele
_DIRETIVA_HTML = re.compile(r'[ \t]*<span class="c1">#\s*doctest:[^<]*</span>')
# a mesma expressão que o doctest usa para achar diretivas numa linha de código
_DIRETIVA = doctest.DocTestParser._OPTION_DIRECTIVE_RE
# um bloco de código das páginas, com os atributos que outros hooks acrescentam à abertura (os
# cadernos usam highlight-ipynb e ficam de fora); hooks/posprocesso.py usa o mesmo
BLOCO = re.compile(
    r'(?P<abre><div class="(?:language-[\w-]+ )?highlight"[^>]*)(?P<resto>>.*?</pre>)', re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")


def remover_diretivas(codigo: str) -> str:
    """Tira de cada linha o comentário ``# doctest: ...`` e os espaços antes dele."""
    return re.sub(r"[ \t]*" + _DIRETIVA.pattern, "", codigo, flags=_DIRETIVA.flags)


def codigo_do_exemplo(exemplo: doctest.Example) -> str:
    """O código de um exemplo da sessão; um que levanta um erro de propósito vira comentário.

    A página mostra o erro (por exemplo, um formato errado que dá ``ValueError``); copiado como
    código, ele interromperia o script ou a célula. Comentado, o leitor vê e pode descomentar.
    """
    if exemplo.exc_msg is None:
        return exemplo.source
    erro = exemplo.exc_msg.split(":")[0].strip()
    linhas = "".join(f"# {linha}\n" for linha in exemplo.source.splitlines())
    return f"# levanta {erro} de propósito (veja na página):\n{linhas}"


def codigo_para_copiar(texto: str) -> str:
    """O que o leitor copia de um bloco: sem prompts nem saídas (sessão) ou o próprio texto."""
    texto = remover_diretivas(texto)
    if not texto.lstrip().startswith(">>>"):
        return texto.rstrip()
    exemplos = doctest.DocTestParser().get_examples(texto)
    return "".join(codigo_do_exemplo(exemplo) for exemplo in exemplos).rstrip()


def texto_do_bloco(trecho_html: str) -> str:
    """O texto que o bloco mostra (sem as tags do realce)."""
    return html.unescape(_TAG.sub("", trecho_html))


def _marcar(m: re.Match) -> str:
    resto = _DIRETIVA_HTML.sub("", m["resto"])
    codigo = codigo_para_copiar(texto_do_bloco(resto[1:]))
    return f'{m["abre"]} data-copy="{html.escape(codigo, quote=True)}"{resto}'


def processar_html(conteudo: str) -> str:
    """Remove as diretivas dos blocos de código e marca o texto a copiar em cada um."""
    return BLOCO.sub(_marcar, conteudo)


_MARCADO = re.compile(r'<div class="(?:language-[\w-]+ )?highlight" data-copy="([^"]*)"')


def textos_para_copiar(html_pagina: str) -> list[str]:
    """O que o botão de cada bloco de uma página construída copia, na ordem: o ``data-copy``."""
    return [html.unescape(texto) for texto in _MARCADO.findall(html_pagina)]


def on_page_content(html_pagina, page, config, files):
    return processar_html(html_pagina)
