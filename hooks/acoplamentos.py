"""Cada dependência de um detalhe interno do tema ou de um plugin, num lugar só (issue 22).

O trabalho de HTML do site são funções puras sobre as páginas prontas (``hooks/posprocesso.py``),
que valem para qualquer gerador. O que depende de como o Material for MkDocs, o mkdocs-jupyter
(nbconvert) e o mkdocs-glightbox escrevem o HTML, o CSS e o JavaScript deles fica aqui, e só aqui:
cada acoplamento (``ACOPLAMENTOS``) diz o pacote, a faixa de versões em que foi conferido e o teste
que o guarda, e falha o build (``AcoplamentoQuebrado``, que os hooks viram ``PluginError``) quando

- a versão instalada do pacote sai da faixa conferida (``conferir_versoes``, no começo do build), ou
- o trecho que ele procura não aparece onde devia (cada função abaixo confere o que acha).

A tabela do README ("Acoplamentos com o tema") lista os mesmos nomes; ``tests/site/test_acoplamentos.py``
confere que a tabela e ``ACOPLAMENTOS`` batem.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass
from importlib import metadata

from packaging.specifiers import SpecifierSet
from packaging.version import Version


class AcoplamentoQuebrado(Exception):
    """Um detalhe do tema ou de um plugin de que o site depende mudou: o build para e diz qual."""


@dataclass(frozen=True)
class Acoplamento:
    nome: str
    pacote: str
    faixa: str  # as versões em que o trecho foi conferido (a fixada e a mínima do CI)
    o_que: str
    teste: str


_MATERIAL = ">=9.5.0,<9.9"  # conferido no 9.5.0 (constraints-minimas) e no 9.8.2 (constraints)
ACOPLAMENTOS = [
    Acoplamento(
        "bundle",
        "mkdocs-material",
        _MATERIAL,
        "dois trechos do bundle.*.min.js trocados por outros do mesmo tamanho: a meta color-scheme "
        "e o seletor que reembrulhava as tabelas",
        "tests/site/test_acoplamentos.py::test_bundle_de_outra_versao_falha_o_build",
    ),
    Acoplamento(
        "paleta",
        "mkdocs-material",
        _MATERIAL,
        "a regra [data-md-color-switching] do palette.*.css, que recalculava a página inteira",
        "tests/site/test_acoplamentos.py::test_paleta_sem_a_regra_falha_o_build",
    ),
    Acoplamento(
        "parciais",
        "mkdocs-material",
        _MATERIAL,
        "o HTML de três parciais (busca, repositório, crédito), ajustado na página pronta em vez de "
        "copiar os parciais: nome do diálogo de busca, repositório sem a API do GitHub, crédito em "
        "português",
        "tests/site/test_acoplamentos.py::test_parciais_sem_o_trecho_falham_o_build",
    ),
    Acoplamento(
        "copiar",
        "mkdocs-material",
        _MATERIAL,
        "o botão de copiar copia o data-copy do bloco (desde a 9.4.4) e, com content.lazy, só existe "
        "quando o bloco aparece na tela",
        "tests/site/test_copiar.py::test_copiar_cada_bloco",
    ),
    Acoplamento(
        "busca",
        "mkdocs-material",
        _MATERIAL,
        "o índice search/search_index.json (docs com location, title e text), os campos extras de "
        "plugins.search.fields e o separator, que a busca usa também para a consulta (palavras vazias)",
        "tests/site/test_acoplamentos.py::test_indice_sem_os_campos_falha_o_build",
    ),
    Acoplamento(
        "leitor-da-busca",
        "mkdocs-material",
        _MATERIAL,
        "o Parser do plugin de busca (Element compara só pela tag), trocado por um que conta as tags "
        "abertas e não lê as <span> do código realçado (o mesmo índice, sem um terço do build); o "
        "código do original é conferido pelo resumo",
        "tests/site/test_acoplamentos.py::test_leitor_rapido_da_busca_le_como_o_do_material",
    ),
    Acoplamento(
        "realce",
        "pymdown-extensions",
        ">=10.2,<14",
        "o Highlight.highlight do pymdownx (o realce de cada bloco pelo Pygments), embrulhado por um "
        "cache em disco cuja chave leva os argumentos, a configuração do realce e as versões",
        "tests/site/test_acoplamentos.py::test_realce_com_cache_da_o_mesmo_html",
    ),
    Acoplamento(
        "markdown",
        "mkdocs",
        ">=1.6.0,<1.7",
        "o Page.render do MkDocs (Markdown → HTML de cada página), embrulhado por um cache em disco: "
        "guarda o HTML, o índice lateral, o título, as âncoras e os links para âncoras que ele "
        "deixa na página; a chave leva o Markdown, os arquivos do site, a configuração e as versões",
        "tests/site/test_acoplamentos.py::test_markdown_com_cache_da_a_mesma_pagina",
    ),
    Acoplamento(
        "glightbox",
        "mkdocs-glightbox",
        ">=0.5.3,<0.6",
        "o CSS e o JS que o plugin injeta no <head> e o <script id=init-glightbox> no fim do <body>",
        "tests/site/test_acoplamentos.py::test_glightbox_de_outra_versao_falha_o_build",
    ),
    Acoplamento(
        "nbconvert",
        "nbconvert",
        ">=7.16,<8",
        "o preâmbulo do nbconvert (CSS do JupyterLab, MathJax, Mermaid), o texto alternativo padrão "
        "e o botão de copiar dos cadernos",
        "tests/site/test_acoplamentos.py::test_caderno_sem_o_preambulo_falha_o_build",
    ),
    Acoplamento(
        "mkdocs-jupyter",
        "mkdocs-jupyter",
        ">=0.25.0,<0.27",
        "as âncoras (anchor-link), os prompts jp-InputPrompt e o <clipboard-copy> das células; o "
        "cache dos cadernos, numa pasta com as versões (a chave do plugin as ignora)",
        "tests/site/test_hook_telas.py::test_indice_do_caderno_usa_ids_reais_e_mantem_codigo_inline",
    ),
]
POR_NOME = {a.nome: a for a in ACOPLAMENTOS}


def conferir_versoes(versao=metadata.version) -> None:
    """Falha se algum pacote acoplado está instalado fora da faixa em que o acoplamento foi conferido."""
    problemas = []
    for a in ACOPLAMENTOS:
        try:
            instalada = versao(a.pacote)
        except metadata.PackageNotFoundError:
            continue  # sem o pacote (outro gerador), o acoplamento não se aplica
        if Version(instalada) not in SpecifierSet(a.faixa):
            problemas.append(
                f"{a.nome}: {a.pacote} {instalada} fora de {a.faixa} ({a.o_que}); "
                f"confira o trecho e amplie a faixa em hooks/acoplamentos.py (teste: {a.teste})"
            )
    if problemas:
        raise AcoplamentoQuebrado("acoplamentos com o tema fora da faixa conferida:\n" + "\n".join(problemas))


def _exigir(quantas: int, esperado: str, nome: str, onde: str = "") -> None:
    if quantas == 0:
        a = POR_NOME[nome]
        raise AcoplamentoQuebrado(
            f"acoplamento {nome!r} ({a.pacote}): {esperado} não foi achado{f' em {onde}' if onde else ''}; "
            f"o tema ou o plugin mudou (teste: {a.teste})"
        )


# ---------------------------------------------------------------- bundle do Material

# Trechos do bundle trocados por outros do mesmo tamanho (o mapa de fontes, .map, continua certo):
# (o que é, regex, troca). Se um trecho não for achado exatamente uma vez, o build falha.
_AJUSTES_DO_BUNDLE = [
    (  # mountPalette: a <meta name="color-scheme"> não entra na página (o extra.css faz o papel dela)
        "a meta color-scheme",
        re.compile(r'(let (\w+)=\w+\("meta",\{name:"color-scheme"\}\);)(document\.head\.appendChild\(\2\);)'),
        lambda m: m[1] + " " * len(m[3]),
    ),
    (  # mountContent: as tabelas já vêm embrulhadas do build (tabelas_embrulhadas); o seletor não acha nada
        "o embrulho das tabelas",
        re.compile(r'(\w+\(")table:not\(\[class\]\)(",\w+\)\.map\()'),
        lambda m: m[1] + "table:not( table )" + m[2],
    ),
]


def bundle_ajustado(bundle: str) -> str:
    """O ``bundle`` do Material com os ``_AJUSTES_DO_BUNDLE``, do mesmo tamanho."""
    for descricao, trecho, troca in _AJUSTES_DO_BUNDLE:
        bundle, quantas = trecho.subn(troca, bundle)
        if quantas != 1:
            raise AcoplamentoQuebrado(
                f"acoplamento 'bundle': o trecho do Material com {descricao} foi achado {quantas} vezes "
                "(esperado: 1); confira o bundle desta versão do Material"
            )
    return bundle


# ---------------------------------------------------------------- palette.css do Material

_REGRA_DA_TROCA = re.compile(r"\[data-md-color-switching\][^{}]*\{[^{}]*\}")


def sem_regra_de_troca(css: str) -> tuple[str, int]:
    """O CSS sem as regras cujo seletor começa por ``[data-md-color-switching]``; e quantas eram."""
    return _REGRA_DA_TROCA.subn("", css)


def paleta_ajustada(css: str, onde: str = "palette.css") -> str:
    """``sem_regra_de_troca`` que falha se a regra não existe (o Material mudou o CSS)."""
    limpo, quantas = sem_regra_de_troca(css)
    _exigir(quantas, "a regra [data-md-color-switching]", "paleta", onde)
    return limpo


# ---------------------------------------------------------------- parciais do Material

_DIALOGO_DE_BUSCA = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(>)')
_FONTE = re.compile(r'(<a href="[^"]*" title="[^"]*" class="md-source") data-md-component="source"(>)')
_CREDITO = re.compile(r"(\n\s*)Made with(\s*<a href=\"https://squidfunk\.github\.io/mkdocs-material/\")")


def parciais_ajustados(pagina: str, nome_da_busca: str = "Pesquisar", onde: str = "") -> str:
    """O que antes exigia copiar três parciais inteiros, feito na página pronta:

    - o diálogo de busca ganha um nome (``aria-label``; axe-core ``aria-dialog-name``);
    - o link do repositório perde ``data-md-component="source"``: sem ele, o navegador não consulta
      a API do GitHub (estrelas, forks) e o site não faz nenhum pedido a terceiros;
    - o crédito do rodapé sai em português ("Feito com").

    Numa página do Material, faltar um trecho falha o build.
    """
    nome = nome_da_busca.replace('"', "&quot;")
    pagina, n_busca = _DIALOGO_DE_BUSCA.subn(rf'\1 aria-label="{nome}"\2', pagina, count=1)
    pagina = _FONTE.sub(r"\1\2", pagina)
    pagina = _CREDITO.sub(r"\1Feito com\2", pagina, count=1)
    if 'data-md-component="search"' in pagina and 'role="dialog" aria-label=' not in pagina:
        _exigir(n_busca, "o diálogo de busca", "parciais", onde)
    if 'data-md-component="source"' in pagina:
        _exigir(0, 'o link do repositório com data-md-component="source"', "parciais", onde)
    if "Made with" in pagina:
        _exigir(0, 'o crédito "Made with"', "parciais", onde)
    return pagina


# ---------------------------------------------------------------- índice da busca do Material

CAMPOS_DA_BUSCA = ("titulo_sem_acento", "texto_sem_acento", "ensina", "ensina_termo")


def conferir_indice(dados: dict) -> None:
    """O índice tem a forma que ``posprocesso.indice_da_busca`` preenche e os campos extras
    declarados em ``plugins.search.fields`` (sem eles, a busca ignora os campos preenchidos)."""
    campos = set((dados.get("config") or {}).get("fields") or {})
    faltam = [c for c in CAMPOS_DA_BUSCA if c not in campos]
    esperado = f"os campos {CAMPOS_DA_BUSCA} em config.fields do índice (faltam {faltam})"
    _exigir(int(not faltam), esperado, "busca")
    docs = dados.get("docs")
    _exigir(int(bool(docs) and all({"location", "title", "text"} <= set(d) for d in docs)),
            "docs com location, title e text", "busca")  # fmt: skip


# ---------------------------------------------------------------- leitor de páginas da busca do Material

# O plugin de busca do Material lê o HTML de cada página com ``Parser`` (um ``HTMLParser``) e, a cada
# texto e a cada tag, cruza o conjunto dos elementos pulados com a pilha de elementos abertos
# (``set.intersection``, ``__hash__`` e ``__eq__`` em Python): um terço do build. ``Element`` compara
# e espalha só pela tag, então as três perguntas do leitor ("algum aberto é pulado?", "estou dentro
# de <pre>?", "estou dentro do título?") dependem só das tags abertas: ``_LeitorDaBusca`` conta as
# tags abertas e responde em tempo constante, com o mesmo resultado. O código do original é
# conferido pelo resumo (``_RESUMOS_DO_LEITOR``: uma versão com outro código falha o build) e
# ``tests/site/test_acoplamentos.py`` compara os dois leitores nas páginas do site construído.
_RESUMOS_DO_LEITOR = {
    "2d3561fc09bcd665": "9.5.0",
    "dbf11b6ad68a3f66": "9.8.2",
}
_TITULOS = frozenset(f"h{n}" for n in range(1, 7))


def resumo_do_leitor(fonte: str) -> str:
    """O resumo do código de ``Element``, ``Section``, ``Parser`` e ``SearchIndex.add_entry_from_context``
    no ``plugin.py`` da busca do Material (o que ``_LeitorDaBusca`` reproduz)."""
    import ast
    import hashlib

    arvore = ast.parse(fonte)
    partes = []
    for no in arvore.body:
        if isinstance(no, ast.ClassDef) and no.name in ("Element", "Section", "Parser"):
            partes.append(ast.get_source_segment(fonte, no))
        if isinstance(no, ast.ClassDef) and no.name == "SearchIndex":
            partes += [
                ast.get_source_segment(fonte, f)
                for f in no.body
                if isinstance(f, ast.FunctionDef) and f.name == "add_entry_from_context"
            ]
    return hashlib.sha256("\n".join(partes).encode()).hexdigest()[:16]


# Dentro do ``<pre>`` de um bloco realçado, as ``<span class="...">`` do Pygments (a maior parte das
# tags do site) não mudam nada no que o leitor guarda: lá dentro, todo texto entra como está, e uma
# <span> nem abre título, nem é pulada, nem é guardada. O leitor as tira antes de ler (um
# ``re.sub`` em C) e lê a metade das tags. Só num bloco que certamente é código: aberto por
# ``class="...highlight..."`` seguido de ``<pre>``, sem comentário, script, estilo ou outro ``<pre>``
# no meio, e cujas <span> são todas ``<span>`` ou ``<span class="...">``.
_PRE_REALCADO = re.compile(
    r'(<div class="[^"<>]*\bhighlight\b[^"<>]*"[^<>]*>\s*<pre\b[^<>]*>)(.*?)(</pre>)', re.DOTALL
)
_SPAN_SEM_EFEITO = re.compile(r'<span(?: class="[^"<>]*")?>|</span>')
_NAO_SO_CODIGO = re.compile(
    r'<(?:span\b(?! class="[^"<>]*">)(?!>)|!--|/?(?:pre|script|style|textarea)\b)|-->'
)


def sem_spans_no_codigo(html_: str) -> str:
    """O HTML sem as ``<span>`` de dentro dos blocos realçados (o texto fica)."""

    def bloco(m: re.Match) -> str:
        codigo = m[2]
        if "<span" not in codigo or _NAO_SO_CODIGO.search(codigo):
            return m[0]
        return m[1] + _SPAN_SEM_EFEITO.sub("", codigo) + m[3]

    return _PRE_REALCADO.sub(bloco, html_)


def leitor_da_busca(modulo):
    """A subclasse de ``modulo.Parser`` (o plugin de busca do Material) que conta as tags abertas."""
    from html import escape

    Element, Section, void = modulo.Element, modulo.Section, modulo.void

    class _LeitorDaBusca(modulo.Parser):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._abertas: dict[str, int] = {}  # tag -> quantos elementos com ela estão abertos
            self._puladas = {x if isinstance(x, str) else x.tag for x in self.skip}  # tags de self.skip
            self._pulando = 0  # elementos abertos com uma tag de self.skip (o original cruza os dois)
            self._links_de_titulo = 0  # <a class="headerlink"> abertos

        def feed(self, data):
            super().feed(sem_spans_no_codigo(data))

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag in void:
                return
            el = Element(tag, attrs)
            self.context.append(el)
            abertas = self._abertas
            abertas[tag] = abertas.get(tag, 0) + 1
            if tag in self._puladas:
                self._pulando += 1
            if tag == "a" and attrs.get("class") == "headerlink":
                self._links_de_titulo += 1

            if tag in _TITULOS:
                depth = len(self.context)
                if "id" in attrs:
                    if tag != "h1" and not self.data:
                        self.section = Section(Element("hx"), depth)
                        self.data.append(self.section)
                    self.section = Section(el, depth)
                    if self.data:
                        self.section.id = attrs["id"]
                    self.data.append(self.section)

            if not self.section:
                self.section = Section(Element("hx"))
                self.data.append(self.section)

            if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
                self.skip.add(el)  # um Element igual (a mesma tag) já lá: nada muda
                if tag not in self._puladas:
                    self._puladas.add(tag)
                    self._pulando += abertas[tag]
                return

            if tag in self.keep and not self._pulando:
                no_titulo = abertas.get(self.section.el.tag)
                (self.section.title if no_titulo else self.section.text).append(f"<{tag}>")

        def handle_endtag(self, tag):
            context = self.context
            if not context or context[-1].tag != tag:
                return

            if self.section.depth > len(context):
                for section in reversed(self.data):
                    if section.depth <= len(context):
                        self.section.depth = float("inf")
                        self.section = section
                        break

            el = context.pop()
            abertas = self._abertas
            abertas[tag] -= 1
            if tag == "a" and el.attrs.get("class") == "headerlink":
                self._links_de_titulo -= 1
            if tag in self._puladas:
                self._pulando -= 1
                if tag not in ("script", "style", "object"):
                    self.skip.remove(el)
                    self._puladas.discard(tag)
                    self._pulando -= abertas[tag]
                return

            if tag in self.keep and not self._pulando:
                data = self.section.title if abertas.get(self.section.el.tag) else self.section.text
                index = data.index(f"<{tag}>")
                for i in range(index + 1, len(data)):
                    if not data[i].isspace():
                        index = len(data)
                        break
                if len(data) > index:
                    del data[index:]
                else:
                    data.append(f"</{tag}>")

        def handle_data(self, data):
            if self._pulando:
                return

            abertas = self._abertas
            dentro_de_pre = abertas.get("pre")
            if not dentro_de_pre:
                data = data.replace("\n", " ") if not data.isspace() else " "

            section = self.section
            if not section:
                section = self.section = Section(Element("hx"))
                self.data.append(section)

            if abertas.get(section.el.tag):  # dentro do título
                if not self._links_de_titulo:
                    section.title.append(escape(data, quote=False))
            elif data.isspace():
                text = section.text
                if not text or not text[-1].isspace() or dentro_de_pre:
                    text.append(data)
            else:
                section.text.append(escape(data, quote=False))

    return _LeitorDaBusca


def busca_com_leitor_rapido() -> bool:
    """Põe ``_LeitorDaBusca`` no lugar do ``Parser`` do plugin de busca do Material, se ele está
    instalado; falha se o código do original não é o de uma versão conferida. Diz se pôs."""
    try:
        from material.plugins.search import plugin as modulo
    except ImportError:
        return False  # sem o Material (outro gerador), não há o que trocar
    if getattr(modulo.Parser, "_leitor_rapido", False):
        return True  # já trocado (o mkdocs serve refaz o build no mesmo processo)
    from pathlib import Path

    resumo = resumo_do_leitor(Path(modulo.__file__).read_text(encoding="utf-8"))
    if resumo not in _RESUMOS_DO_LEITOR:
        a = POR_NOME["leitor-da-busca"]
        raise AcoplamentoQuebrado(
            f"acoplamento 'leitor-da-busca' ({a.pacote}): o código do Parser da busca mudou (resumo "
            f"{resumo}, conferidos: {', '.join(f'{r} ({v})' for r, v in _RESUMOS_DO_LEITOR.items())}); "
            "compare-o com _LeitorDaBusca em hooks/acoplamentos.py e acrescente o resumo "
            f"(teste: {a.teste})"
        )
    leitor = leitor_da_busca(modulo)
    leitor._leitor_rapido = True
    modulo.Parser = leitor
    return True


def _cache(nome: str, pacotes: list[str]):
    from pathlib import Path

    try:  # o MkDocs carrega os hooks com a pasta hooks/ no sys.path
        from cache_em_disco import Cache
    except ModuleNotFoundError:  # nos testes, como pacote a partir da raiz
        from hooks.cache_em_disco import Cache

    return Cache(nome, pacotes, [Path(__file__)])


# As entradas do índice que ``SearchIndex.add_entry_from_context`` tira de uma página dependem só do
# HTML dela, do endereço, do título, de ``meta`` (title, tags, search) e dos ids do índice lateral
# (o código do original é o conferido pelo resumo do acoplamento ``leitor-da-busca``, e o leitor é
# este arquivo): a chave do cache leva tudo isso, as versões do Material e do jieba (que, instalado,
# segmenta o chinês) e este arquivo.
def _ids_do_indice(toc) -> list:
    return [[item.id, _ids_do_indice(item.children)] for item in toc]


def entradas_em_cache(original, cache):
    """``SearchIndex.add_entry_from_context`` com as entradas de cada página guardadas em ``cache``."""
    import functools

    @functools.wraps(original)
    def add_entry_from_context(self, page):
        meta = {k: page.meta.get(k) for k in ("title", "tags", "search")}
        try:
            chave = cache.chave([page.content, page.url, str(page.title), meta, _ids_do_indice(page.toc)])
        except TypeError:  # um valor de meta que não cabe no JSON: sem cache
            return original(self, page)
        guardadas = cache.ler(chave)
        if isinstance(guardadas, list):
            self.entries.extend(guardadas)
            return None
        antes = len(self.entries)
        original(self, page)
        with contextlib.suppress(TypeError):  # uma entrada fora do JSON (um boost de outro tipo)
            cache.gravar(chave, self.entries[antes:])
        return None

    add_entry_from_context._entradas_em_cache = True
    return add_entry_from_context


def busca_em_cache() -> bool:
    """Põe ``entradas_em_cache`` no índice da busca do Material, se instalado. Diz se pôs."""
    try:
        from material.plugins.search import plugin as modulo
    except ImportError:
        return False
    indice = modulo.SearchIndex
    if getattr(indice.add_entry_from_context, "_entradas_em_cache", False):
        return True  # já posto (o mkdocs serve refaz o build no mesmo processo)
    cache = _cache("busca", ["mkdocs-material", "jieba"])
    indice.add_entry_from_context = entradas_em_cache(indice.add_entry_from_context, cache)
    return True


# ---------------------------------------------------------------- realce do pymdownx

# O realce de cada bloco (``pymdownx.highlight.Highlight.highlight``, ~15 % do build) é uma função
# pura dos argumentos e da configuração do ``Highlight`` (menos o título em modo "html", guardado
# no ``htmlStash`` do Markdown, e o realce em linha, que devolve um elemento): o HTML de cada bloco
# vai para o cache em disco (``hooks/cache_em_disco.py``), com a chave feita dos argumentos, de
# ``vars(self)`` inteiro (uma opção nova de outra versão entra sozinha na chave), das versões do
# Pygments, do pymdownx, do Markdown e dos pacotes com plugins do Pygments, e deste arquivo.
_PLUGINS_DO_PYGMENTS = ("pygments.lexers", "pygments.formatters", "pygments.styles", "pygments.filters")


def _pacotes_do_realce() -> list[str]:
    grupos = metadata.entry_points()
    extras = {ep.dist.name for g in _PLUGINS_DO_PYGMENTS for ep in grupos.select(group=g) if ep.dist}
    return ["Pygments", "pymdown-extensions", "Markdown", *sorted(extras)]


def realce_em_cache(original, cache):
    """``Highlight.highlight`` com o HTML de cada bloco guardado em ``cache`` (um ``Cache``)."""
    import functools

    @functools.wraps(original)
    def highlight(self, *args, **kwargs):
        opcoes = {k: v for k, v in vars(self).items() if k != "md"}
        if kwargs.get("inline") or opcoes.get("title_mode") != "text" or opcoes.get("auto_title"):
            return original(self, *args, **kwargs)
        try:
            chave = cache.chave([opcoes, list(args), kwargs])
        except TypeError:  # um argumento que não cabe no JSON: sem cache
            return original(self, *args, **kwargs)
        pronto = cache.ler(chave)
        if not isinstance(pronto, str):
            pronto = original(self, *args, **kwargs)
            if isinstance(pronto, str):
                cache.gravar(chave, pronto)
        return pronto

    highlight._realce_em_cache = True
    return highlight


def realce_com_cache() -> bool:
    """Põe ``realce_em_cache`` no ``Highlight.highlight`` do pymdownx, se instalado. Diz se pôs."""
    try:
        from pymdownx import highlight as modulo
    except ImportError:
        return False
    if getattr(modulo.Highlight.highlight, "_realce_em_cache", False):
        return True  # já posto (o mkdocs serve refaz o build no mesmo processo)
    cache = _cache("realce", _pacotes_do_realce())
    modulo.Highlight.highlight = realce_em_cache(modulo.Highlight.highlight, cache)
    return True


# ---------------------------------------------------------------- Markdown de cada página


# ``Page.render`` do MkDocs (~⅓ do build morno) converte o Markdown da página (já passado pelos hooks
# ``on_page_markdown``) e deixa na página: ``content``, ``toc`` (dos ``toc_tokens`` do Markdown),
# ``_title_from_render``, ``present_anchor_ids`` e ``links_to_anchors`` (o MkDocs confere as âncoras
# depois, com os das outras páginas). Tudo isso é função do Markdown, do arquivo da página, da lista de
# arquivos do site (os links relativos), da configuração do Markdown e da validação, e das versões:
# a chave leva tudo isso e este arquivo. Uma página que inclui arquivos (``--8<--`` do pymdownx.snippets)
# não entra no cache, e uma conversão que avisou algo (um link quebrado) não é guardada: o aviso
# volta a cada build, e o ``--strict`` continua falhando.
def _arquivo_da_chave(arquivo) -> list:
    return [arquivo.src_uri, arquivo.dest_uri, arquivo.url, str(getattr(arquivo, "inclusion", ""))]


def render_em_cache(original, cache):
    """``Page.render`` com o que a conversão deixa na página guardado em ``cache``."""
    import functools

    from mkdocs.structure.toc import get_toc

    @functools.wraps(original)
    def render(self, config, files):
        if self.markdown is None or "--8<--" in self.markdown:
            return original(self, config, files)
        try:
            chave = cache.chave(
                [
                    self.markdown,
                    _arquivo_da_chave(self.file),
                    sorted(_arquivo_da_chave(f) for f in files),
                    config["markdown_extensions"],
                    config["mdx_configs"],
                    str(config["validation"]),
                    config["use_directory_urls"],
                ]
            )
        except TypeError:  # uma opção de extensão que não cabe no JSON: sem cache
            return original(self, config, files)
        guardado = cache.ler(chave)
        if isinstance(guardado, dict):
            destinos = {f: files.get_file_from_path(f) for f in guardado["links"]}
            if all(destinos.values()):
                self.content = guardado["html"]
                self.toc = get_toc(guardado["toc"])
                self._title_from_render = guardado["titulo"]
                self.present_anchor_ids = set(guardado["ancoras"])
                if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
                    self.links_to_anchors = {destinos[f]: d for f, d in guardado["links"].items()}
                return None
        avisos = _Avisos()
        logging.getLogger("mkdocs").addHandler(avisos)
        try:
            original(self, config, files)
        finally:
            logging.getLogger("mkdocs").removeHandler(avisos)
        if not avisos.houve:
            with contextlib.suppress(TypeError):
                cache.gravar(
                    chave,
                    {
                        "html": self.content,
                        "toc": _tokens(self.toc),
                        "titulo": self._title_from_render,
                        "ancoras": sorted(self.present_anchor_ids or ()),
                        "links": {f.src_uri: d for f, d in (self.links_to_anchors or {}).items()},
                    },
                )
        return None

    render._render_em_cache = True
    return render


class _Avisos(logging.Handler):
    """Anota se algum aviso (ou erro) passou pelo registro do MkDocs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.houve = False

    def emit(self, registro) -> None:
        self.houve = True


def _tokens(toc) -> list:
    """Os ``toc_tokens`` do Markdown de volta, de um ``TableOfContents`` do MkDocs."""
    return [
        {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "html": item.title,
            "data-toc-label": "",
            "children": _tokens(item.children),
        }
        for item in toc
    ]


def markdown_com_cache() -> bool:
    """Põe ``render_em_cache`` no ``Page.render`` do MkDocs. Diz se pôs."""
    from mkdocs.structure import pages

    if getattr(pages.Page.render, "_render_em_cache", False):
        return True  # já posto (o mkdocs serve refaz o build no mesmo processo)
    cache = _cache("markdown", ["mkdocs", *_pacotes_do_realce()])
    pages.Page.render = render_em_cache(pages.Page.render, cache)
    return True


# ---------------------------------------------------------------- glightbox

# o que o plugin mkdocs-glightbox injeta: JS e CSS no <head>, a inicialização no fim do <body>
_GLIGHTBOX_CABECA = re.compile(
    r'<link href="[^"]*glightbox\.min\.css" rel="stylesheet">'
    r'<script src="[^"]*glightbox\.min\.js"></script><style id="glightbox-style">.*?</style>',
    re.DOTALL,
)
INICIO_GLIGHTBOX = re.compile(r'<script id="init-glightbox">(.*?)</script>', re.DOTALL)


def sem_glightbox_inutil(saida: str, onde: str = "") -> str:
    """Numa página sem figura para ampliar, sai o que o glightbox injeta (56 KB de JS e o CSS)."""
    if "glightbox.min.js" not in saida or 'class="glightbox"' in saida:
        return saida
    saida, n_cabeca = _GLIGHTBOX_CABECA.subn("", saida, count=1)
    saida, n_inicio = INICIO_GLIGHTBOX.subn("", saida, count=1)
    _exigir(min(n_cabeca, n_inicio), "o CSS, o JS e a inicialização do glightbox", "glightbox", onde)
    return saida


def glightbox_depois_dos_scripts(saida: str) -> str:
    """A inicialização do glightbox espera o carregador (``posprocesso.scripts_depois_da_pintura``)."""
    return INICIO_GLIGHTBOX.sub(
        r'<script id="init-glightbox">(window.__depoisDosScripts ||= []).push(() => {\1});</script>', saida
    )


# ---------------------------------------------------------------- nbconvert e mkdocs-jupyter

# o que muda o HTML de um caderno além do próprio caderno e das opções do plugin
_VERSOES_DO_CACHE = ("mkdocs-jupyter", "nbconvert", "nbformat", "mistune", "pygments", "jupyterlab-pygments")


def pasta_do_cache_dos_cadernos(pasta: str, versao=metadata.version) -> str:
    """A pasta do cache do mkdocs-jupyter com as versões das bibliotecas que fazem o HTML: a chave
    do plugin é o caderno e as opções, e um cache de outra versão do nbconvert passaria adiante
    um HTML que ela não faz mais."""
    partes = []
    for pacote in _VERSOES_DO_CACHE:
        try:
            partes.append(f"{pacote}-{versao(pacote)}")
        except metadata.PackageNotFoundError:
            partes.append(f"{pacote}-ausente")
    return f"{pasta.rstrip('/')}/{'_'.join(partes)}"


ALT_PADRAO = "No description has been provided for this image"  # o alt que o nbconvert põe
# o preâmbulo do nbconvert: pygments, ~600 KB de CSS do JupyterLab, MathJax (vazio) e Mermaid
_PREAMBULO_JUPYTER = re.compile(
    r'<style type="text/css">\s*pre \{ line-height: 125%; \}.*?<!-- End of mermaid configuration -->',
    re.DOTALL,
)
# o mesmo CSS do pygments impresso como lista Python (str(list)), que nunca se aplica
_ESTILO_LISTA = re.compile(r"<style>\s*\['pre \{.*?</style>", re.DOTALL)
ANCORA_JUPYTER = re.compile(r'<a class="anchor-link" href="#([^"]+)">¶</a>')
PROMPTS_JUPYTER = re.compile(
    r'<div class="(jp-InputPrompt|jp-OutputPrompt|zeroclipboard-container|clipboard-copy-txt)'
)
# o botão de copiar das células: um atributo "," solto e aria-label em inglês num elemento sem papel
_BOTAO_DO_CADERNO = re.compile(r'<clipboard-copy (?:,="" )?aria-label="Copy to Clipboard"')


def limpar_caderno(saida: str, css: str, onde: str = "") -> str:
    """Tira o CSS e os scripts do Jupyter da página pronta e põe o CSS enxuto do site; o botão de
    copiar das células sai em português e com HTML válido."""
    saida, quantas = _PREAMBULO_JUPYTER.subn("", saida, count=1)
    _exigir(quantas, "o preâmbulo do nbconvert (pre { line-height: 125%; } … mermaid)", "nbconvert", onde)
    saida = _ESTILO_LISTA.sub("", saida)
    saida = _BOTAO_DO_CADERNO.sub('<clipboard-copy role="button" aria-label="Copiar o código"', saida)
    saida = saida.replace(">Copied!</span>", ">Copiado!</span>")
    return saida.replace("</head>", f'<link rel="stylesheet" href="{css}">\n</head>', 1)
