"""Hook do MkDocs: cada lição pode ser levada inteira, como caderno (.ipynb) ou como script (.py).

Os dois arquivos derivam do modelo da lição (``curso/licao.py``, a página lida uma vez) por
``curso/derivar.py``; este hook só os grava no site e põe os links logo abaixo do título: "Baixar
como caderno", "Baixar como script" e, quando a página é de um capítulo, "Abrir no Colab o caderno
do capítulo" (``examples/``, gerado das mesmas páginas). As páginas dos cadernos ganham os links
do caderno do capítulo.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from pathlib import Path

import nbformat

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:  # o MkDocs carrega os hooks só com a pasta hooks/ no sys.path
    sys.path.insert(0, str(RAIZ))

from curso.capitulos import CAPITULOS, capitulo_da_pagina  # noqa: E402
from curso.config import colab  # noqa: E402
from curso.derivar import caderno_da_licao, script_da_licao  # noqa: E402
from curso.licao import ler_licao  # noqa: E402

try:  # o MkDocs carrega os hooks com a pasta hooks/ no sys.path
    from cache_em_disco import Cache
except ModuleNotFoundError:  # nos testes, como pacote a partir da raiz
    from hooks.cache_em_disco import Cache

_H1 = re.compile(r"(<h1\b[^>]*>.*?</h1>)", re.DOTALL)
_GERADOS: dict[str, tuple[str, str]] = {}  # src_uri -> (texto do .ipynb, texto do .py)
# O .ipynb (nbformat.writes) e o .py (script_da_licao: jupytext) saem só do caderno da lição: a
# chave é o caderno, com as versões do nbformat e do jupytext e o código de curso/derivar.py
_CACHE: list[Cache] = []


def _cache() -> Cache:
    if not _CACHE:
        codigo = [RAIZ / "curso" / "derivar.py", RAIZ / "curso" / "licao.py", Path(__file__)]
        _CACHE.append(Cache("baixar", ["nbformat", "jupytext"], codigo))
    return _CACHE[0]


def arquivos_do_caderno(caderno: nbformat.NotebookNode, licao, site_url: str) -> tuple[str, str]:
    """O texto do ``.ipynb`` e o do ``.py`` da lição, do cache se o mesmo caderno já foi escrito."""

    def escrever() -> list[str]:
        script = script_da_licao(licao, site_url, caderno)
        return [nbformat.writes(caderno), script]

    texto, script = _cache().lembrar(caderno, escrever)
    return texto, script


def on_pre_build(config):
    _GERADOS.clear()


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith("examples/"):
        return markdown
    licao = ler_licao(markdown, page.file.src_uri)
    site_url = config["site_url"] or "/"
    caderno = caderno_da_licao(licao, site_url)
    if caderno is not None:
        _GERADOS[page.file.src_uri] = arquivos_do_caderno(caderno, licao, site_url)
    return markdown


def _colab(endereco: str) -> str:
    return f'<a href="{html.escape(endereco)}">Abrir no Colab o caderno do capítulo</a>'


def _links(page) -> str:
    src_uri = page.file.src_uri
    if src_uri.startswith("examples/"):  # a página de um caderno de capítulo
        nome = posixpath.basename(src_uri)
        return (
            f'<p class="baixar"><a href="{nome}" download>Baixar o caderno (.ipynb)</a> · '
            f"{_colab(colab(nome))}</p>"
        )
    nome = Path(src_uri).stem
    capitulo = capitulo_da_pagina(src_uri)
    extra = f" · {_colab(colab(capitulo.caderno))}" if capitulo else ""
    return (
        '<p class="baixar">'
        f'<a href="{nome}.ipynb" download>Baixar como caderno (.ipynb)</a> · '
        f'<a href="{nome}.py" download>Baixar como script (.py)</a>{extra}</p>'
    )


def on_page_content(html_pagina, page, config, files):
    cadernos = {f"examples/{c.caderno}" for c in CAPITULOS}
    if page.file.src_uri not in _GERADOS and page.file.src_uri not in cadernos:
        return html_pagina
    return _H1.sub(lambda m: m[1] + "\n" + _links(page), html_pagina, count=1)


def on_post_build(config):
    for src_uri, (texto, script) in _GERADOS.items():
        # a pasta da página no site: redes/ativacoes.md -> redes/ativacoes/ (URLs de diretório)
        relativo = src_uri[: -len(".md")]
        if not config["use_directory_urls"] or posixpath.basename(relativo) == "index":
            relativo = posixpath.dirname(relativo)
        pasta = Path(config["site_dir"]) / relativo
        pasta.mkdir(parents=True, exist_ok=True)
        nome = Path(src_uri).stem
        # o que nbformat.write escreve: o texto e, se não termina em quebra de linha, uma
        fim = "" if texto.endswith("\n") else "\n"
        (pasta / f"{nome}.ipynb").write_text(texto + fim, encoding="utf-8")
        (pasta / f"{nome}.py").write_text(script, encoding="utf-8")
