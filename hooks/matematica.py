"""Hook do MkDocs: as fórmulas viram HTML do KaTeX no build, não no navegador (issue 13).

As páginas marcam as fórmulas com o arithmatex (``\\(...\\)`` e ``\\[...\\]``); os cadernos trazem
``$...$`` e ``$$...$$`` do Markdown do Jupyter. Antes, o navegador baixava o KaTeX (270 KB de
JavaScript) e montava cada fórmula durante a carga da página, o que pesava no celular. Agora o mesmo
``katex.min.js`` roda aqui, no V8 do pacote ``mini-racer``, e o navegador recebe o HTML pronto e só
o ``katex.min.css`` (com as fontes), nas páginas que têm fórmulas.

Roda no ``on_post_page``, depois de a busca guardar o texto da página (com o LaTeX, que o
``hooks/telas.py`` torna legível no índice). Fórmulas dentro de código, scripts e estilos ficam
como estão; um erro de LaTeX falha o build com a página e a fórmula.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

KATEX_JS = Path(__file__).resolve().parent / "vendor" / "katex.min.js"
CSS_DO_KATEX = "assets/vendor/katex/katex.min.css"

# trechos em que um cifrão ou uma barra é texto, não fórmula
_SEM_FORMULAS = re.compile(
    r"<(head|script|style|textarea|pre|code|svg)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"(<[^>]*>)")
# os mesmos delimitadores do auto-render do KaTeX, na mesma ordem de preferência
_FORMULA = re.compile(
    r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]|\\\((?P<i1>.+?)\\\)|\$(?P<i2>[^$]+?)\$", re.DOTALL
)


@functools.cache
def _katex():
    from py_mini_racer import MiniRacer

    contexto = MiniRacer()
    contexto.eval(KATEX_JS.read_text(encoding="utf-8"))
    return contexto


@functools.cache
def _renderizar(tex: str, destaque: bool) -> str:
    # throwOnError: uma fórmula errada para o build (no navegador, ela aparecia em vermelho)
    return _katex().call("katex.renderToString", tex, {"displayMode": destaque, "throwOnError": True})


def renderizar_formulas(pagina: str, origem: str = "") -> tuple[str, int]:
    """O HTML ``pagina`` com cada fórmula fora de código renderizada; e quantas eram."""
    quantas = 0

    def formula(m: re.Match) -> str:
        nonlocal quantas
        destaque = m["d1"] is not None or m["d2"] is not None
        tex = html.unescape(next(g for g in m.groups() if g is not None)).strip()
        try:
            pronta = _renderizar(tex, destaque)
        except Exception as erro:  # o KaTeX diz onde está o erro
            raise PluginError(f"{origem}: fórmula inválida {tex!r}: {erro}") from erro
        quantas += 1
        return pronta

    def texto(trecho: str) -> str:
        partes = _TAG.split(trecho)  # texto e tags se alternam; só o texto tem fórmulas
        partes[::2] = [_FORMULA.sub(formula, p) if ("$" in p or "\\" in p) else p for p in partes[::2]]
        return "".join(partes)

    saida, inicio = [], 0
    for m in _SEM_FORMULAS.finditer(pagina):
        saida += [texto(pagina[inicio : m.start()]), m.group(0)]
        inicio = m.end()
    saida.append(texto(pagina[inicio:]))
    # a fórmula em destaque que não cabe rola de lado: o teclado também precisa alcançá-la
    pronta = "".join(saida).replace('<div class="arithmatex">', '<div class="arithmatex" tabindex="0">')
    return pronta, quantas


def com_css_do_katex(pagina: str, raiz: str) -> str:
    """Acrescenta o CSS do KaTeX (``raiz``: caminho relativo da página até a raiz do site)."""
    return pagina.replace("</head>", f'<link rel="stylesheet" href="{raiz}{CSS_DO_KATEX}">\n</head>', 1)


@event_priority(-60)  # depois dos outros hooks e plugins: a página já está completa
def on_post_page(saida, page, config):
    saida, quantas = renderizar_formulas(saida, page.file.src_uri)
    if quantas:
        # da pasta da página até a raiz do site: "fundamentos/tensores/" → "../../"
        raiz = posixpath.relpath(".", page.url.rstrip("/")) + "/" if page.url else ""
        saida = com_css_do_katex(saida, raiz)
    return saida
