"""Hook do MkDocs: cada lição pode ser levada inteira, como caderno (.ipynb) ou como script (.py).

Os dois arquivos são gerados no build a partir da própria página:

- a primeira célula instala o pacote do curso quando ele falta (no Google Colab, por exemplo);
- a prosa vira células Markdown (links relativos viram endereços do site);
- cada bloco executado vira uma célula de código, com o mesmo texto que o botão de copiar dá
  (``hooks/copiar.py``: sem prompts, saídas e diretivas do doctest), e as saídas conferidas da
  página como saídas salvas;
- blocos mostrados mas não executados (``<!-- skip: next "motivo" -->``) e blocos de outras
  linguagens ficam na célula Markdown, com o motivo.

Os blocos são achados pelo mesmo lexer que o harness dos testes usa (o do Sybil). O caderno é
escrito com o nbformat e o script com o jupytext (formato *percent*, que editores e o próprio
jupytext reabrem como caderno). Os links "Baixar" vão logo abaixo do título da página.
"""

from __future__ import annotations

import doctest
import html
import posixpath
import re
from pathlib import Path

import jupytext
import nbformat
from sybil import Document
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, FencedCodeBlockLexer

try:  # o MkDocs carrega os hooks com a pasta hooks/ no sys.path
    from copiar import codigo_para_copiar
except ModuleNotFoundError:  # nos testes, como pacote a partir da raiz do repositório
    from hooks.copiar import codigo_para_copiar

PACOTE = "pytorchdl-snippets @ git+https://github.com/pytorchdl/pytorchdl"
COLAB = "https://colab.research.google.com/github/pytorchdl/pytorchdl/blob/main/examples/"
CELULA_INSTALAR = f'''# Instala o pacote do curso quando ele falta (no Google Colab, por exemplo).
# Se o pacote já é importável, esta célula não faz nada e não usa a rede.
import importlib
import importlib.util
import subprocess
import sys

if importlib.util.find_spec("pytorchdl_snippets") is None:
    pacote = "{PACOTE}"
    comando = [sys.executable, "-m", "pip", "install", "-q", pacote]
    subprocess.run(comando, check=True)
    importlib.invalidate_caches()'''
# o caderno de cada capítulo em examples/, que o Colab abre direto do GitHub
CADERNO_DO_CAPITULO = {
    "fundamentos": "01_fundamentos.ipynb",
    "redes": "02_redes_neurais.ipynb",
    "treinamento": "03_treinamento.ipynb",
    "convolucionais": "04_convolucionais.ipynb",
    "sequencias": "05_sequencias.ipynb",
}
RAIZ = Path(__file__).resolve().parent.parent
_TRECHO = re.compile(r'^(?P<recuo>[ \t]*)--8<-- "(?P<caminho>[^"]+)"[ \t]*$', re.MULTILINE)
_SKIP = re.compile(r"<!--\s*skip:.*?-->\s*", re.DOTALL)
_LINK = re.compile(r"(\]\()(?!https?:|mailto:|#)([^)\s]+)(\))")
_ADMONICAO = re.compile(r'^(?:!!!|\?\?\?\+?)\s+(?P<tipo>[\w-]+)(?:\s+"(?P<titulo>[^"]*)")?')
_H1 = re.compile(r"(<h1\b[^>]*>.*?</h1>)", re.DOTALL)


def _lexers():
    return (
        FencedCodeBlockLexer(language=r".*", mapping={"language": "lingua", "source": "fonte"}),
        DirectiveInHTMLCommentLexer("skip"),
    )


def _endereco(destino: str, src_uri: str, site_url: str) -> str:
    """Um link relativo da página (``../redes/x.md#a``, ``../assets/f.png``) como endereço do site."""
    caminho, _, ancora = destino.partition("#")
    caminho = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), caminho))
    if caminho.endswith(".md"):
        caminho = caminho[: -len(".md")]
        caminho = "" if caminho in ("index", ".") else caminho.removesuffix("/index") + "/"
    return site_url.rstrip("/") + "/" + caminho + (f"#{ancora}" if ancora else "")


def _sem_recuo(texto: str) -> str:
    """Tira o recuo das admonições (``??? success "Solução"``), que no Jupyter viraria código.

    O título da admonição vira uma linha em negrito; um bloco cercado dentro dela (não executado)
    perde o recuo por inteiro, mantendo o recuo do código.
    """
    linhas = []
    recuo_da_cerca: int | None = None
    for linha in texto.split("\n"):
        recuo = len(linha) - len(linha.lstrip())
        conteudo = linha.strip()
        if recuo_da_cerca is not None:
            linhas.append(linha[recuo_da_cerca:] if not linha[:recuo_da_cerca].strip() else conteudo)
            if conteudo.startswith("```"):
                recuo_da_cerca = None
            continue
        if conteudo.startswith("```"):
            recuo_da_cerca = recuo
            linhas.append(conteudo)
            continue
        admonicao = _ADMONICAO.match(conteudo)
        if admonicao:
            conteudo = f"**{admonicao['titulo'] or admonicao['tipo'].capitalize()}**"
        linhas.append(conteudo)
    return "\n".join(linhas)


def _markdown(texto: str, src_uri: str, site_url: str) -> str:
    texto = _sem_recuo(_SKIP.sub("", texto))
    return _LINK.sub(lambda m: m[1] + _endereco(m[2], src_uri, site_url) + m[3], texto).strip()


def _incluir_trecho(m: re.Match) -> str:
    """``--8<-- "examples/x.py"`` (pymdownx.snippets): o caderno leva o conteúdo, como o site."""
    texto = (RAIZ / m["caminho"]).read_text(encoding="utf-8").rstrip("\n")
    return "\n".join(m["recuo"] + linha if linha else linha for linha in texto.split("\n"))


def _saida(texto: str):
    return [nbformat.v4.new_output("stream", name="stdout", text=texto)] if texto else []


def caderno_da_pagina(markdown: str, src_uri: str, site_url: str) -> nbformat.NotebookNode | None:
    """O caderno de uma página, ou ``None`` se a página não tem código Python executado."""
    documento = Document(markdown, src_uri)
    cercas, pulos = _lexers()
    regioes = sorted([*cercas(documento), *pulos(documento)], key=lambda r: r.start)
    celulas = []
    prosa: list[str] = []
    inicio = 0
    motivo: str | None = None
    url = _endereco(posixpath.basename(src_uri), src_uri, site_url)
    for regiao in regioes:
        if "lingua" not in regiao.lexemes:  # <!-- skip: next "motivo" -->
            motivo = str(regiao.lexemes["arguments"]).removeprefix("next").strip().strip("\"'")
            continue
        comeco_da_linha = markdown.rfind("\n", 0, regiao.start) + 1  # com o recuo da cerca
        antes = markdown[inicio:comeco_da_linha]
        inicio = regiao.end
        lingua = regiao.lexemes["lingua"]
        if lingua not in ("python", "pycon") or motivo is not None:
            nota = f"*Este bloco é mostrado, mas não executado: {motivo}.*\n\n" if motivo else ""
            cerca = _TRECHO.sub(_incluir_trecho, markdown[comeco_da_linha : regiao.end])
            prosa.append(antes + nota + cerca)
            motivo = None
            continue
        prosa.append(antes)
        texto_prosa = _markdown("".join(prosa), src_uri, site_url)
        if texto_prosa:
            celulas.append(nbformat.v4.new_markdown_cell(texto_prosa))
        prosa = []
        fonte = str(regiao.lexemes["fonte"])
        celula = nbformat.v4.new_code_cell(codigo_para_copiar(fonte))
        if fonte.lstrip().startswith(">>>"):
            exemplos = doctest.DocTestParser().get_examples(fonte)
            celula.outputs = _saida("".join(e.want for e in exemplos))
        celulas.append(celula)
    if not any(c.cell_type == "code" for c in celulas):
        return None
    resto = _markdown("".join([*prosa, markdown[inicio:]]), src_uri, site_url)
    if resto:
        celulas.append(nbformat.v4.new_markdown_cell(resto))
    instalar = nbformat.v4.new_code_cell(f"# Caderno gerado da página {url}\n{CELULA_INSTALAR}")
    caderno = nbformat.v4.new_notebook(cells=[instalar, *celulas])
    caderno.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    caderno.metadata["language_info"] = {"name": "python"}
    for i, celula in enumerate(caderno.cells):
        celula.id = f"celula-{i:02d}"  # ids estáveis: o mesmo build dá o mesmo arquivo
    return caderno


def script_do_caderno(caderno: nbformat.NotebookNode) -> str:
    """O caderno como script ``.py`` (formato *percent* do jupytext), sem as saídas."""
    return jupytext.writes(caderno, fmt="py:percent")


_GERADOS: dict[str, nbformat.NotebookNode] = {}


def on_pre_build(config):
    _GERADOS.clear()


def on_page_markdown(markdown, page, config, files):
    caderno = caderno_da_pagina(markdown, page.file.src_uri, config["site_url"] or "/")
    if caderno is not None:
        _GERADOS[page.file.src_uri] = caderno
    return markdown


def _links(page) -> str:
    nome = Path(page.file.src_uri).stem
    capitulo = page.file.src_uri.split("/")[0]
    colab = ""
    if capitulo in CADERNO_DO_CAPITULO:
        endereco = COLAB + CADERNO_DO_CAPITULO[capitulo]
        colab = f' · <a href="{html.escape(endereco)}">Abrir no Colab o caderno do capítulo</a>'
    return (
        '<p class="baixar">'
        f'<a href="{nome}.ipynb" download>Baixar como caderno (.ipynb)</a> · '
        f'<a href="{nome}.py" download>Baixar como script (.py)</a>{colab}</p>'
    )


def on_page_content(html_pagina, page, config, files):
    if page.file.src_uri not in _GERADOS:
        return html_pagina
    return _H1.sub(lambda m: m[1] + "\n" + _links(page), html_pagina, count=1)


def on_post_build(config):
    for src_uri, caderno in _GERADOS.items():
        # a pasta da página no site: redes/ativacoes.md -> redes/ativacoes/ (URLs de diretório)
        relativo = src_uri[: -len(".md")]
        if not config["use_directory_urls"] or posixpath.basename(relativo) == "index":
            relativo = posixpath.dirname(relativo)
        pasta = Path(config["site_dir"]) / relativo
        pasta.mkdir(parents=True, exist_ok=True)
        nome = Path(src_uri).stem
        nbformat.write(caderno, pasta / f"{nome}.ipynb")
        (pasta / f"{nome}.py").write_text(script_do_caderno(caderno), encoding="utf-8")
