"""Configuração do Sybil compartilhada entre ``conftest.py`` e os meta-testes, e a auditoria das páginas.

Coletamos exatamente dois tipos de bloco cercado (*fence*) nas páginas de ``docs/``:

- ```` ```python ````: executado; se começar com ``>>>``, é comparado como doctest;
- ```` ```pycon ````: sessão interativa comparada como doctest.

``auditar(pagina)`` é uma varredura independente do Sybil que lista, com ``arquivo:linha``, tudo o
que o leitor vê e que não seria executado ou comparado (e tudo o que seria executado sem que o leitor
veja). ``tests/paginas/test_meta_docs.py`` a roda em cada página e recria cada brecha numa página sintética.
"""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass
from doctest import NORMALIZE_WHITESPACE
from pathlib import Path

from sybil import Document, Region, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import SkipParser

from curso.licao import LINGUAS_EXECUTADAS, ler_licao
from tests.paginas.tolerancia import AvaliadorTolerante, declaracoes

RAIZ = Path(__file__).resolve().parents[2]
DOCS = RAIZ / "docs"
OPCOES_DOCTEST = NORMALIZE_WHITESPACE

# Diretivas de doctest permitidas nas páginas: as que só afrouxam a comparação de um trecho que muda
# entre versões (``...``) ou espaços. ``+SKIP`` esconderia uma saída errada; as outras não são usadas.
DIRETIVAS_PERMITIDAS = {"ELLIPSIS", "NORMALIZE_WHITESPACE"}

# Inclusões ``--8<--`` permitidas: o arquivo incluído e o teste que o executa (e compara a saída).
INCLUSOES_TESTADAS = {"examples/distribuido.py": "tests/paginas/test_distribuido.py"}

# Extensões que o MkDocs trata como página Markdown. Só ``.md`` é coletado pelo Sybil.
EXTENSOES_MARKDOWN = {".md", ".markdown", ".mdown", ".mkdn", ".mkd"}


class ParserDaLicao:
    """Os blocos ```` ```python ```` e ```` ```pycon ```` do modelo da lição (``curso/licao.py``, a
    página lida uma vez): um bloco que começa com ``>>>`` é uma sessão (cada exemplo confere a saída,
    com a tolerância declarada na página: tolerancia.py); outro, código que roda inteiro."""

    def __init__(self) -> None:
        self.doctest = DocTestStringParser(AvaliadorTolerante(OPCOES_DOCTEST))
        self.python = PythonEvaluator(())

    def __call__(self, documento: Document):
        for bloco in ler_licao(documento.text, documento.path).blocos:
            if bloco.lingua not in LINGUAS_EXECUTADAS:
                continue
            regiao = Region(bloco.inicio, bloco.fim, bloco.fonte, self.python)
            if not bloco.fonte.startswith(">>>"):
                yield regiao
                continue
            for exemplo in self.doctest(bloco.fonte, documento.path):
                exemplo.adjust(regiao, bloco.fonte)
                yield exemplo


def analisadores() -> list:
    # o "skip: next" é o do próprio Sybil (pula a região seguinte); o modelo lê a mesma diretiva
    return [ParserDaLicao(), SkipParser()]


def criar_sybil(docs: Path = DOCS) -> Sybil:
    return Sybil(parsers=analisadores(), patterns=["*.md"], path=str(docs))


def paginas(docs: Path = DOCS) -> list[Path]:
    return sorted(docs.rglob("*.md"))


# --- varredura independente -----------------------------------------------------------------------

# Abertura de bloco cercado com etiqueta parecida com Python, com ou sem atributos,
# em qualquer nível de recuo (admonições, abas) ou dentro de citações. Sem diferenciar maiúsculas.
CERCA_PYTHON = re.compile(
    r"^(?P<prefixo>[ \t>]*)(?P<cerca>`{3,}|~{3,})[ \t]*\{?\.?"
    r"(?P<lingua>i?py(?:thon)?[0-9.]*|pycon|py3?tb|pyi|pyodide|sage|cython|pyx)"
    r"(?![\w-])(?P<resto>[^\n]*)$",
    re.MULTILINE | re.IGNORECASE,
)

_ABERTURA = re.compile(
    r"^(?P<prefixo>(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(?P<cerca>`{3,}|~{3,})(?P<info>.*)$"
)


@dataclass
class Cerca:
    linha: int  # linha da abertura (contada a partir de 1)
    fim_linha: int  # linha do fechamento (ou a última do arquivo)
    inicio: int  # deslocamento da abertura no texto
    fim: int  # deslocamento do fim do fechamento
    info: str
    conteudo: str  # sem o recuo da abertura

    @property
    def lingua(self) -> str:
        return _lingua(self.info)


def _lingua(info: str) -> str:
    partes = info.strip().lstrip("{").lstrip(".").split()
    return partes[0].rstrip("}").lower() if partes else ""


def _parece_python(lingua: str) -> bool:
    if CERCA_PYTHON.match("```" + lingua):
        return True
    try:
        from pygments.lexers import get_lexer_by_name
        from pygments.lexers.python import PythonLexer
        from pygments.util import ClassNotFound
    except ImportError:  # sem o Pygments, vale só a expressão regular
        return False
    try:
        analisador = get_lexer_by_name(lingua)
    except ClassNotFound:
        return False
    return "python" in analisador.name.lower() or isinstance(analisador, PythonLexer)


def cercas(texto: str) -> list[Cerca]:
    """Todos os blocos cercados do texto, por uma leitura linha a linha independente do Sybil."""
    encontradas: list[Cerca] = []
    linhas = texto.splitlines(keepends=True)
    deslocamentos = [0]
    for linha in linhas:
        deslocamentos.append(deslocamentos[-1] + len(linha))
    i = 0
    while i < len(linhas):
        abertura = _ABERTURA.match(linhas[i].rstrip("\n"))
        if not abertura or (abertura["cerca"][0] == "`" and "`" in abertura["info"]):
            i += 1
            continue
        cerca, recuo = abertura["cerca"], len(abertura["prefixo"])
        j = i + 1
        while j < len(linhas):
            fechamento = _ABERTURA.match(linhas[j].rstrip("\n"))
            if (
                fechamento
                and fechamento["cerca"][0] == cerca[0]
                and len(fechamento["cerca"]) >= len(cerca)
                and not fechamento["info"].strip()
            ):
                break
            j += 1
        corpo = "".join(_sem_recuo(linha, recuo) for linha in linhas[i + 1 : j])
        fim = deslocamentos[min(j + 1, len(linhas))]
        encontradas.append(Cerca(i + 1, j + 1, deslocamentos[i], fim, abertura["info"], corpo))
        i = j + 1
    return encontradas


def _sem_recuo(linha: str, recuo: int) -> str:
    k = 0
    while k < recuo and k < len(linha) and linha[k] in " \t>":
        k += 1
    return linha[k:]


def _mascarar(texto: str, trechos: list[tuple[int, int]]) -> str:
    """O texto com os trechos trocados por espaços (as quebras de linha ficam: as linhas não mudam)."""
    partes = list(texto)
    for inicio, fim in trechos:
        for k in range(inicio, min(fim, len(partes))):
            if partes[k] != "\n":
                partes[k] = " "
    return "".join(partes)


_COMENTARIO = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_DIRETIVA = re.compile(r"^<!-{2,}\s*(?P<nome>skip|clear-namespace|invisible-code[\w-]*|code-block)\b", re.I)
_SKIP_VALIDO = re.compile(r'<!-- skip: (?:(?P<acao>next|start) "[^"\n]+"|(?P<fim>end)) -->')
_OCULTO = re.compile(
    r"<(?P<tag>[a-zA-Z][\w-]*)\b(?P<attrs>[^>]*?"
    r"(?:\shidden\b|display\s*:\s*none|visibility\s*:\s*hidden|\bopacity\s*:\s*0(?![.\d]*[1-9])|"
    r"font-size\s*:\s*0\b)[^>]*)>"
    r"|<(?P<tag_invisivel>template|script|style|noscript)\b[^>]*>",
    re.IGNORECASE,
)
_INCLUSAO = re.compile(r"-{1,2}8<-{1,2}")
_INCLUSAO_VALIDA = re.compile(r'^[ \t]*--8<-- "(?P<arquivo>[^"\n]+)"[ \t]*$')


def _fim_do_elemento(texto: str, tag: str, depois: int) -> int:
    """Onde termina o elemento HTML ``tag`` aberto antes de ``depois`` (contando aninhamentos)."""
    padrao = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
    nivel = 1
    for achado in padrao.finditer(texto, depois):
        nivel += -1 if achado.group(1) else 1
        if nivel == 0:
            return achado.end()
    return len(texto)


def _problemas_do_doctest(cerca: Cerca, nome: str) -> list[str]:
    """Num bloco de sessão interativa, toda linha precisa ser código ou saída comparada."""
    problemas = []
    try:
        partes = doctest.DocTestParser().parse(cerca.conteudo)
    except ValueError as erro:
        return [f"{nome}:{cerca.linha}: sessão interativa malformada: {erro}"]
    linha = 0
    for parte in partes:
        if isinstance(parte, doctest.Example):
            for diretiva in re.finditer(r"doctest:\s*(?P<opcoes>[^\n]*)", parte.source):
                for opcao in re.findall(r"[+-]\s*(\w+)", diretiva["opcoes"]):
                    if opcao.upper() not in DIRETIVAS_PERMITIDAS:
                        problemas.append(
                            f"{nome}:{cerca.linha + 1 + parte.lineno}: diretiva de doctest {opcao!r} "
                            f"proibida (só {', '.join(sorted(DIRETIVAS_PERMITIDAS))}): ela esconderia "
                            "uma saída errada"
                        )
            if parte.options.get(doctest.ELLIPSIS) and not parte.exc_msg:
                for achado in re.finditer(r"(?m)^\.\.\.|\.\.\.$", parte.want.rstrip("\n")):
                    numero = cerca.linha + 1 + parte.lineno + 1 + parte.want.count("\n", 0, achado.start())
                    problemas.append(
                        f"{nome}:{numero}: reticências no começo ou no fim de uma linha da saída engolem "
                        "linhas inteiras (uma tabela de resultados que a prosa cita): ponha-as entre textos "
                        "na mesma linha (object at ...>)"
                    )
            linha = parte.lineno + parte.source.count("\n") + parte.want.count("\n")
        else:
            for k, texto in enumerate(parte.splitlines()):
                numero = linha + k
                if texto.strip():
                    problemas.append(
                        f"{nome}:{cerca.linha + 1 + numero}: linha que não é código nem saída comparada "
                        f"(depois de uma linha em branco, o doctest ignora o texto): {texto.strip()[:60]!r}; "
                        "use <BLANKLINE> ou outro bloco"
                    )
            linha += parte.count("\n")
    return problemas


def auditar(pagina: Path, docs: Path = DOCS, raiz: Path = RAIZ) -> list[str]:
    """Problemas da página como ``arquivo:linha: mensagem`` (lista vazia: nada escapa dos testes)."""
    texto = pagina.read_text(encoding="utf-8")
    nome = str(pagina.relative_to(docs))
    problemas: list[str] = []

    def linha_de(deslocamento: int) -> int:
        return texto.count("\n", 0, deslocamento) + 1

    todas = cercas(texto)
    fora_das_cercas = _mascarar(texto, [(c.inicio, c.fim) for c in todas])
    comentarios = [(m.start(), m.end()) for m in _COMENTARIO.finditer(fora_das_cercas)]
    ocultos = []
    for achado in _OCULTO.finditer(_mascarar(fora_das_cercas, comentarios)):
        tag = achado["tag"] or achado["tag_invisivel"]
        ocultos.append((achado.start(), _fim_do_elemento(fora_das_cercas, tag, achado.end()), tag))
    regioes = [regiao.start for _, regiao in criar_sybil(docs).parse(pagina).regions]

    for cerca in todas:
        if _parece_python(cerca.lingua):
            if cerca.info.strip() not in ("python", "pycon"):
                problemas.append(
                    f"{nome}:{cerca.linha}: use exatamente ```python ou ```pycon "
                    f"(o Sybil não coleta ```{cerca.info.strip()})"
                )
            elif not any(cerca.inicio <= inicio < cerca.fim for inicio in regioes):
                problemas.append(f"{nome}:{cerca.linha}: bloco não coletado pelo Sybil (recuo errado?)")
            primeira = next((li.strip() for li in cerca.conteudo.splitlines() if li.strip()), "")
            if cerca.info.strip() == "pycon" and not primeira.startswith(">>>"):
                problemas.append(
                    f"{nome}:{cerca.linha}: bloco ```pycon sem o prompt >>> na primeira linha: seria "
                    "executado como código e a 'saída' não seria comparada; use ```python ou >>>"
                )
            if primeira.startswith(">>>"):
                problemas += _problemas_do_doctest(cerca, nome)
        elif re.search(r"^[ \t]*>>>", cerca.conteudo, re.MULTILINE):
            problemas.append(
                f"{nome}:{cerca.linha}: bloco ```{cerca.info.strip()} com >>> não é executado; use ```pycon"
            )
        for inicio, fim in comentarios:
            if inicio <= cerca.inicio < fim:
                problemas.append(
                    f"{nome}:{cerca.linha}: bloco dentro de um comentário HTML: o leitor não o vê "
                    "(código escondido quebra o copiar-e-rodar)"
                )
        for inicio, fim, tag in ocultos:
            if inicio <= cerca.inicio < fim:
                problemas.append(
                    f"{nome}:{cerca.linha}: bloco dentro de <{tag}> oculto (linha {linha_de(inicio)}): "
                    "o leitor não o vê"
                )

    # >>> fora de cerca: bloco recuado (ou solto) que o site mostra e ninguém executa
    sem_comentarios = _mascarar(fora_das_cercas, comentarios)
    for achado in re.finditer(r"^[ \t>]*>>>", sem_comentarios, re.MULTILINE):
        problemas.append(
            f"{nome}:{linha_de(achado.start())}: >>> fora de um bloco ```pycon: o site mostra o código "
            "e ninguém o executa"
        )

    # diretivas do Sybil em comentários: só a forma exata, com motivo, e todo start com seu end
    pilha: list[int] = []
    for inicio, fim in comentarios:
        comentario = fora_das_cercas[inicio:fim]
        if "invisible-code" in comentario:
            problemas.append(f"{nome}:{linha_de(inicio)}: código invisível quebra o copiar-e-rodar")
            continue
        if not _DIRETIVA.match(comentario):
            continue
        valido = _SKIP_VALIDO.fullmatch(comentario.strip())
        if not valido:
            problemas.append(
                f"{nome}:{linha_de(inicio)}: diretiva malformada ou sem motivo: {comentario.strip()[:70]!r}; "
                'use <!-- skip: next "motivo" --> (ou start "motivo" … end)'
            )
        elif valido["acao"] == "start":
            pilha.append(linha_de(inicio))
        elif valido["fim"]:
            if not pilha:
                problemas.append(f"{nome}:{linha_de(inicio)}: <!-- skip: end --> sem start")
            else:
                pilha.pop()
    problemas += [f"{nome}:{li}: <!-- skip: start --> sem <!-- skip: end -->: pula o resto" for li in pilha]

    # tolerâncias: bem formadas e cada uma logo antes de um bloco >>>
    problemas += [f"{nome}:{problema}" for problema in declaracoes(texto)[1]]

    # inclusões --8<--: só de arquivos que um teste executa
    for achado in _INCLUSAO.finditer(texto):
        li = linha_de(achado.start())
        linha_toda = texto.splitlines()[li - 1]
        valida = _INCLUSAO_VALIDA.match(linha_toda)
        arquivo = valida["arquivo"] if valida else None
        teste = INCLUSOES_TESTADAS.get(arquivo or "")
        if not teste or arquivo not in (raiz / teste).read_text(encoding="utf-8"):
            problemas.append(
                f"{nome}:{li}: inclusão {linha_toda.strip()[:60]!r} traz código que nenhum teste executa "
                f"(permitidas: {sorted(INCLUSOES_TESTADAS)}, cada uma com o teste que a roda)"
            )
    return problemas


def arquivos_fora_do_sybil(docs: Path = DOCS, nav: list[str] | None = None) -> list[str]:
    """Páginas que o MkDocs constrói e o Sybil não coleta (``*.markdown``…), e itens do menu
    que não são uma página ``.md`` de ``docs/`` nem um caderno de ``examples/``."""
    problemas = [
        f"{p.relative_to(docs)}: página Markdown com extensão {p.suffix}: o Sybil, os meta-testes, a "
        "ortografia e o navegador só leem .md; renomeie para .md"
        for p in sorted(docs.rglob("*"))
        if p.is_file() and p.suffix.lower() in EXTENSOES_MARKDOWN and p.suffix != ".md"
    ]
    coletadas = {str(p.relative_to(docs)) for p in paginas(docs)}
    for item in nav or []:
        if "://" in item or item in coletadas:
            continue
        if not re.fullmatch(r"examples/[^/]+\.ipynb", item):
            problemas.append(f"mkdocs.yml (nav): {item!r} não é uma página .md de docs/ nem um caderno")
    return problemas


def restricoes(nome: str) -> dict[str, str]:
    """As versões de ``requirements/<nome>`` (``pacote==versão``), com o nome normalizado."""
    linhas = (RAIZ / "requirements" / nome).read_text(encoding="utf-8").splitlines()
    pares = (li.split("#")[0].strip().split("==") for li in linhas if "==" in li)
    return {re.sub(r"[-_.]+", "-", a).lower(): b for a, b in pares}


def matplotlib_fixado() -> bool:
    """O matplotlib instalado é o de ``requirements/constraints.txt``? As figuras commitadas foram
    geradas com ele; outra versão muda margens e texto em alguns pixels e a compressão do PNG."""
    import matplotlib

    return matplotlib.__version__ == restricoes("constraints.txt").get("matplotlib")


SO_COM_O_MATPLOTLIB_FIXADO = (
    "figura comparada pixel a pixel com a commitada: só com o matplotlib fixado "
    "(requirements/constraints.txt); outra versão desenha margens e texto alguns pixels diferentes"
)


def estado_da_arvore(raiz: Path = RAIZ) -> dict[str, str] | None:
    """Cada arquivo novo ou mudado da árvore de trabalho (``git status``) com o hash do conteúdo.

    O ``conftest.py`` compara o estado do começo e do fim da suíte: uma página ou um teste que
    escreve no repositório faz a suíte falhar. Fora de um clone do git, ``None`` (nada a conferir).
    """
    import hashlib
    import subprocess

    try:
        saida = subprocess.run(
            ["git", "status", "--porcelain", "-z", "--untracked-files=all"],
            cwd=raiz,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    estado = {}
    for item in filter(None, saida.decode("utf-8", "replace").split("\0")):
        caminho = raiz / item[3:]
        conteudo = caminho.read_bytes() if caminho.is_file() else b""
        estado[item[3:]] = item[:2] + hashlib.sha1(conteudo).hexdigest()
    return estado


_SALVAR_FIGURA = re.compile(r'salvar_figura\(\s*\w+,\s*"([\w/-]+\.png)"')


def figuras_das_paginas(raiz: Path = RAIZ) -> set[str]:
    """``"pasta/nome.png"`` de cada figura feita por um bloco de página (``salvar_figura(fig, "...")``)."""
    return {
        nome
        for pagina in (raiz / "docs").rglob("*.md")
        for nome in _SALVAR_FIGURA.findall(pagina.read_text(encoding="utf-8"))
    }


# --- o nível rápido ----------------------------------------------------------------------------
# O make test-rapido (ciclo editar-testar, meta ≤ 45 s) roda as páginas que não treinam redes: as que
# levaram até LIMITE_RAPIDO_S na última medida da suíte (ferramentas/desempenho.json, a mesma da
# página Desempenho; `make desempenho` a refaz). As outras são marcadas `lento` e rodam no make test.
# Página nova, ainda sem medida, fica no nível rápido.
# O tempo é o de CPU dos blocos (cpu_s do conftest.py). Uma página perto do corte pode trocar de lado
# de uma medida para outra (treino-e-validacao fica perto dele); com 2,5 s, o nível rápido ficava
# perto dos 45 s, e com 1,5 s, em ~36 s, qualquer que seja o lado dela.
LIMITE_RAPIDO_S = 1.5
MEDICOES = RAIZ / "ferramentas" / "desempenho.json"


def paginas_lentas(medicoes: Path = MEDICOES, limite: float = LIMITE_RAPIDO_S) -> set[str]:
    """As páginas (``docs/...md``) que levaram mais de ``limite`` segundos na última medida."""
    import json

    por_pagina = json.loads(medicoes.read_text(encoding="utf-8"))["suite"]["por_pagina"]
    return {pagina for pagina, segundos in por_pagina.items() if segundos > limite}
