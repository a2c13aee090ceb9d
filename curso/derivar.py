"""O que o leitor leva de uma lição, derivado do modelo (:mod:`curso.licao`), nunca da página de novo.

- :func:`caderno_da_licao`: o ``.ipynb`` da lição. A prosa vira células Markdown (links relativos
  viram endereços do site); cada bloco executado vira células de código com o texto que o botão de
  copiar dá, e uma sessão ``>>>`` é cortada depois de cada instrução que mostra uma saída, para que o
  caderno mostre **todas** as saídas da página (o Jupyter só mostra o valor da última expressão de
  uma célula). Blocos mostrados mas não executados ficam na prosa, com o motivo.
- :func:`script_da_licao`: o ``.py`` (formato *percent* do jupytext, que reabre como caderno), em que
  a expressão que a página mostra é impressa com ``mostrar(...)``: rodar o script imprime o que a
  página imprime.
- :func:`caderno_do_capitulo`: o caderno de ``examples/`` — as lições do capítulo, na ordem do menu.
"""

from __future__ import annotations

import ast
import posixpath
import re
from pathlib import Path

import jupytext
import nbformat

from curso.capitulos import Capitulo
from curso.config import DOCS, colab, pacote_git
from curso.licao import Bloco, Licao, Prosa, expandir_inclusoes, ler_pagina

_SKIP = re.compile(r"<!--\s*skip:.*?-->\s*", re.DOTALL)
_LINK = re.compile(r"(\]\()(?!https?:|mailto:|#)([^)\s]+)(\))")
_ADMONICAO = re.compile(r'^(?:!!!|\?\?\?\+?)\s+(?P<tipo>[\w-]+)(?:\s+"(?P<titulo>[^"]*)")?')
_TITULO_MD = re.compile(r"^(#{1,5}) ")
_TOLERANCIA = re.compile(r"^[*_]?Tolerância: ±")


# Células e saídas montadas direto, sem a validação por objeto do nbformat (o caderno inteiro é
# validado nos testes): no build, ela custava um terço do tempo das derivações.
def _saida_stream(nome: str, texto: str) -> nbformat.NotebookNode:
    return nbformat.NotebookNode(output_type="stream", name=nome, text=texto)


def _codigo(fonte: str) -> nbformat.NotebookNode:
    return nbformat.NotebookNode(
        cell_type="code", execution_count=None, metadata=nbformat.NotebookNode(), outputs=[], source=fonte
    )


def _markdown_cell(texto: str) -> nbformat.NotebookNode:
    return nbformat.NotebookNode(cell_type="markdown", metadata=nbformat.NotebookNode(), source=texto)


def celula_instalar() -> str:
    return f'''# Instala o pacote do curso quando ele falta (no Google Colab, por exemplo).
# Se o pacote já é importável, esta célula não faz nada e não usa a rede.
import importlib
import importlib.util
import subprocess
import sys

if importlib.util.find_spec("pytorchdl_snippets") is None:
    pacote = "{pacote_git()}"
    comando = [sys.executable, "-m", "pip", "install", "-q", pacote]
    if subprocess.run(comando).returncode != 0:
        raise RuntimeError(
            "Não consegui instalar o pacote do curso (sem internet?). "
            "Sem rede, num clone do repositório: `pip install -e .` "
            "na raiz e reabra este caderno."
        )
    importlib.invalidate_caches()'''


# Como o console (>>>) mostra uma expressão: o repr do valor, a não ser None.
MOSTRAR = '''def mostrar(valor):
    """Imprime o valor como o console (>>>) o mostra: o repr, a não ser None."""
    if valor is not None:
        print(repr(valor))'''


def endereco(destino: str, src_uri: str, site_url: str) -> str:
    """Um link relativo da página (``../redes/x.md#a``, ``../assets/f.png``) como endereço do site."""
    caminho, _, ancora = destino.partition("#")
    caminho = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), caminho))
    if caminho.endswith(".md"):
        caminho = caminho[: -len(".md")]
        caminho = "" if caminho in ("index", ".") else caminho.removesuffix("/index") + "/"
    return site_url.rstrip("/") + "/" + caminho + (f"#{ancora}" if ancora else "")


def _sem_recuo(texto: str, rebaixar: int = 0) -> str:
    """Tira o recuo das admonições (``??? success "Solução"``), que no Jupyter viraria código.

    O título da admonição vira uma linha em negrito; um bloco cercado dentro dela (não executado)
    perde o recuo por inteiro, mantendo o recuo do código. Com ``rebaixar``, os títulos ``#`` descem
    esse número de níveis (a lição dentro do caderno do capítulo).
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
        elif rebaixar and _TITULO_MD.match(conteudo):
            conteudo = "#" * rebaixar + conteudo
        linhas.append(conteudo)
    return "\n".join(linhas)


_ID_DO_TITULO = re.compile(r"^(?P<titulo>#{1,6} .*?)\s*\{#(?P<id>[\w-]+)\}[ \t]*$", re.MULTILINE)


def _markdown(texto: str, src_uri: str, site_url: str, rebaixar: int = 0) -> str:
    texto = _sem_recuo(_SKIP.sub("", texto), rebaixar)
    # "## Título {#id}" (attr_list do MkDocs): no Jupyter, uma âncora HTML antes do título
    texto = _ID_DO_TITULO.sub(lambda m: f'<a id="{m["id"]}"></a>\n\n{m["titulo"]}', texto)
    return _LINK.sub(lambda m: m[1] + endereco(m[2], src_uri, site_url) + m[3], texto).strip()


def _saidas(texto: str, erro: str | None = None) -> list:
    """A saída da página. O erro que a página mostra de propósito (a instrução vai comentada) fica
    como a mensagem, no ``stderr``, sem o cabeçalho do *traceback*."""
    if erro:
        linhas = [li for li in texto.splitlines() if li.strip() and not li.startswith(("Traceback", "..."))]
        return [_saida_stream("stderr", "\n".join(linhas) + "\n")]
    return [_saida_stream("stdout", texto)] if texto else []


def pedacos(bloco: Bloco) -> list[tuple[str, str, str | None]]:
    """``[(código, saída, erro), ...]``: as células de um bloco executado.

    Uma sessão é cortada depois de cada instrução com saída (ou com erro mostrado); o resto, sem
    saída, fica junto. Um bloco de script é uma célula só.
    """
    resultado: list[tuple[str, str, str | None]] = []
    codigo = ""
    for exemplo in bloco.exemplos:
        codigo += exemplo.codigo
        if exemplo.saida or exemplo.erro:
            resultado.append((codigo.rstrip(), exemplo.saida, exemplo.erro))
            codigo = ""
    if codigo.strip():
        resultado.append((codigo.rstrip(), "", None))
    return resultado


def _resumo_da_prosa(texto: str) -> str:
    """A prosa no caderno do capítulo: só os títulos e as declarações de tolerância.

    O caderno do capítulo é o código do capítulo para rodar de uma vez (a prosa está nas páginas e
    nos cadernos de cada lição); os títulos orientam e a tolerância vale para o bloco seguinte.
    """
    paragrafos = re.split(r"\n[ \t]*\n", _SKIP.sub("", texto))
    guardados = []
    for paragrafo in paragrafos:
        limpo = paragrafo.strip()
        titulos = [li for li in limpo.splitlines() if _TITULO_MD.match(li.strip())]
        guardados += titulos
        if _TOLERANCIA.match(limpo):
            guardados.append(limpo)
    return "\n\n".join(guardados) + ("\n\n" if guardados else "")


def _celulas(licao: Licao, site_url: str, rebaixar: int = 0, capitulo: bool = False) -> list:
    """As células de uma lição. Na lição, uma sessão vira uma célula por saída; no caderno do
    capítulo (``capitulo=True``), uma célula por bloco (o caderno mostra cada expressão, como o
    console) e, da prosa, só títulos e tolerâncias."""
    celulas = []
    prosa: list[str] = []

    def fechar_prosa():
        texto = "".join(prosa)
        texto = _markdown(_resumo_da_prosa(texto) if capitulo else texto, licao.src_uri, site_url, rebaixar)
        if texto:
            celulas.append(_markdown_cell(texto))
        prosa.clear()

    for parte in licao.partes:
        if isinstance(parte, Prosa):
            prosa.append(parte.texto)
        elif not parte.executado:
            if not capitulo:
                nota = (
                    f"*Este bloco é mostrado, mas não executado: {parte.motivo}.*\n\n" if parte.motivo else ""
                )
                prosa.append(nota + expandir_inclusoes(parte.cerca))
        else:
            fechar_prosa()
            celulas_do_bloco = []
            for codigo, saida, erro in pedacos(parte):
                celula = _codigo(codigo)
                celula.outputs = _saidas(saida, erro)
                celulas_do_bloco.append(celula)
            if capitulo and celulas_do_bloco:
                celulas_do_bloco = [_juntar(celulas_do_bloco)]
            for celula in celulas_do_bloco:
                if not parte.sessao:
                    celula.metadata["bloco"] = "script"  # a página não mostra o valor das expressões
            celulas += celulas_do_bloco
    fechar_prosa()
    return celulas


def _juntar(celulas: list) -> nbformat.NotebookNode:
    """Um bloco numa célula só: o código todo, a saída em ordem e os erros mostrados no fim."""
    junta = _codigo("\n".join(c.source for c in celulas))
    texto = "".join(o.text for c in celulas for o in c.outputs if o.name == "stdout")
    junta.outputs = _saidas(texto) + [o for c in celulas for o in c.outputs if o.name == "stderr"]
    return junta


def _caderno(celulas: list) -> nbformat.NotebookNode:
    caderno = nbformat.v4.new_notebook()
    caderno.cells = celulas
    caderno.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    caderno.metadata["language_info"] = {"name": "python"}
    for i, celula in enumerate(caderno.cells):
        celula.id = f"celula-{i:03d}"  # ids estáveis: o mesmo build dá o mesmo arquivo
    return caderno


def caderno_da_licao(licao: Licao, site_url: str) -> nbformat.NotebookNode | None:
    """O caderno de uma lição, ou ``None`` se ela não tem código Python executado."""
    if not licao.executados:
        return None
    url = endereco(posixpath.basename(licao.src_uri), licao.src_uri, site_url)
    instalar = _codigo(f"# Caderno gerado da página {url}\n{celula_instalar()}")
    return _caderno([instalar, *_celulas(licao, site_url)])


def _mostrando_a_ultima_expressao(codigo: str) -> str:
    """``len(x)`` → ``mostrar(len(x))``: a última instrução, se for uma expressão (não um print)."""
    try:
        arvore = ast.parse(codigo)
    except SyntaxError:
        return codigo
    if not arvore.body or not isinstance(ultima := arvore.body[-1], ast.Expr):
        return codigo
    chamada = ultima.value
    if isinstance(chamada, ast.Call) and isinstance(chamada.func, ast.Name) and chamada.func.id == "print":
        return codigo
    linhas = codigo.split("\n")
    inicio, fim = ultima.lineno - 1, ultima.end_lineno - 1
    segmento = ast.get_source_segment(codigo, chamada) or ""
    # uma tupla sem parênteses ("a, b", ou "(a + b) // 2, c") viraria dois argumentos
    tupla_solta = isinstance(chamada, ast.Tuple) and len(ast.parse(f"f({segmento})").body[0].value.args) != 1
    abre, fecha = (b"mostrar((", b"))") if tupla_solta else (b"mostrar(", b")")
    # offsets do ast em bytes UTF-8: o fim da expressão, antes de um comentário na mesma linha
    fim_da_linha = linhas[fim].encode()
    linhas[fim] = (
        fim_da_linha[: ultima.end_col_offset] + fecha + fim_da_linha[ultima.end_col_offset :]
    ).decode()
    comeco = linhas[inicio].encode()
    linhas[inicio] = (comeco[: ultima.col_offset] + abre + comeco[ultima.col_offset :]).decode()
    return "\n".join(linhas)


def script_da_licao(licao: Licao, site_url: str, caderno: nbformat.NotebookNode | None = None) -> str | None:
    """O script ``.py`` da lição: as mesmas células, e cada saída que a página mostra é impressa.

    ``caderno``: o de :func:`caderno_da_licao`, se já foi gerado (o build gera os dois)."""
    caderno = caderno if caderno is not None else caderno_da_licao(licao, site_url)
    if caderno is None:
        return None
    script = nbformat.v4.new_notebook(metadata=caderno.metadata)
    usa_mostrar = False
    for celula in caderno.cells:
        nova = nbformat.from_dict(dict(celula))
        if celula.cell_type == "code":
            nova.outputs = []
            texto = "".join(s.text for s in celula.outputs if s.get("name") == "stdout")
            if texto:
                fonte = _mostrando_a_ultima_expressao(celula.source)
                usa_mostrar |= fonte != celula.source
                nova.source = fonte
        script.cells.append(nova)
    if usa_mostrar:
        script.cells.insert(1, _codigo(MOSTRAR))
    return jupytext.writes(script, fmt="py:percent")


# No caderno do capítulo, uma célula por bloco da página: como no console (>>>), cada expressão mostra
# o seu valor, não só a última da célula.
CELULA_CONSOLE = (
    "# Como no console (>>>): cada expressão da célula mostra o seu valor.\n"
    'get_ipython().ast_node_interactivity = "all"'
)


def caderno_do_capitulo(
    numero: int, capitulo: Capitulo, site_url: str, docs: Path = DOCS
) -> nbformat.NotebookNode:
    """O caderno de ``examples/``: a abertura, a instalação e as lições do capítulo, em ordem."""
    paginas = capitulo.paginas()
    lista = "\n".join(
        f"{i}. [{titulo}]({endereco(posixpath.basename(c), c, site_url)})"
        for i, (titulo, c) in enumerate(paginas, 1)
    )
    abertura = (
        f"# Capítulo {numero} — {capitulo.titulo}\n\n"
        f"[Abrir no Colab]({colab(capitulo.caderno)})\n\n"
        "Este caderno é gerado das páginas do capítulo, com as saídas que os testes conferiram "
        f"nelas. As lições:\n\n{lista}"
    )
    celulas = [
        _markdown_cell(abertura),
        _codigo(celula_instalar()),
        _codigo(CELULA_CONSOLE),
    ]
    for titulo, caminho in paginas:
        url = endereco(posixpath.basename(caminho), caminho, site_url)
        celulas.append(_markdown_cell(f"## {titulo}\n\n[A lição no site]({url})"))
        licao = ler_pagina(caminho, docs)
        # o título da página (# ...) já está na célula acima
        celulas += _celulas(licao, site_url, rebaixar=1, capitulo=True)
    return _caderno(celulas)
