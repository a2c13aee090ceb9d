"""O modelo de uma lição: a página Markdown lida uma vez.

Uma :class:`Licao` é a sequência da página em :class:`Prosa` e :class:`Bloco` (cada bloco cercado,
com a língua, o texto, a linha, o motivo de um ``<!-- skip: next "motivo" -->`` e, numa sessão
``>>>``, os exemplos com as saídas esperadas). Dela derivam, sem ler a página de novo: o texto que o
botão de copiar dá, o caderno e o script da lição, o caderno do capítulo e o índice de exercícios
(``Licao.exercicios``).
Os blocos são achados pelo lexer do Sybil, e o Sybil executa os blocos deste modelo
(``ParserDaLicao`` em ``tests/paginas/harness.py``): a página é lida uma vez para tudo.
"""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sybil import Document, Lexeme
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, FencedCodeBlockLexer

from curso.capitulos import Capitulo, capitulo_da_pagina
from curso.config import DOCS, RAIZ

# a mesma expressão que o doctest usa para achar diretivas (``# doctest: +ELLIPSIS``) numa linha
_DIRETIVA = doctest.DocTestParser._OPTION_DIRECTIVE_RE
_TITULO = re.compile(r"^# (.+)$", re.MULTILINE)
_SECAO_DE_EXERCICIOS = re.compile(r"^## Exercícios\s*$(?P<corpo>.*?)(?=^## |\Z)", re.M | re.S)
# um exercício: item numerado com o tipo em negrito ("1. **Recordar.** Quanto vale x?")
_EXERCICIO = re.compile(r"^(\d+)\.\s+\*\*(?P<tipo>[^*]+?)\.?\*\*\s*(?P<texto>.*)$")
LINGUAS_EXECUTADAS = ("python", "pycon")


# uma inclusão do pymdownx.snippets: o bloco mostra o arquivo incluído
_INCLUSAO = re.compile(r'^(?P<recuo>[ \t]*)--8<-- "(?P<caminho>[^"]+)"[ \t]*$', re.MULTILINE)


def remover_diretivas(codigo: str) -> str:
    """Tira de cada linha o comentário ``# doctest: ...`` e os espaços antes dele."""
    return re.sub(r"[ \t]*" + _DIRETIVA.pattern, "", codigo, flags=_DIRETIVA.flags)


def expandir_inclusoes(texto: str, raiz: Path = RAIZ) -> str:
    """``--8<-- "examples/x.py"`` (pymdownx.snippets) vira o conteúdo do arquivo, como no site."""

    def incluir(m: re.Match) -> str:
        conteudo = (raiz / m["caminho"]).read_text(encoding="utf-8").rstrip("\n")
        return "\n".join(m["recuo"] + linha if linha else linha for linha in conteudo.split("\n"))

    return _INCLUSAO.sub(incluir, texto)


@dataclass(frozen=True)
class Exemplo:
    """Uma instrução ``>>>`` da sessão e a saída que a página mostra (vazia se nenhuma)."""

    fonte: str
    saida: str
    erro: str | None  # "ValueError" quando a página mostra a instrução levantando um erro

    @property
    def codigo(self) -> str:
        """O código a copiar; uma instrução que levanta um erro de propósito vira comentário.

        A página mostra o erro (por exemplo, um formato errado que dá ``ValueError``); copiado como
        código, ele interromperia o script ou a célula. Comentado, o leitor vê e pode descomentar.
        """
        if self.erro is None:
            return self.fonte
        linhas = "".join(f"# {linha}\n" for linha in self.fonte.splitlines())
        return f"# levanta {self.erro} de propósito (veja na página):\n{linhas}"


@dataclass(frozen=True)
class Bloco:
    lingua: str
    texto: str  # o conteúdo da cerca, como na página (sem o recuo da cerca)
    cerca: str  # o trecho inteiro da página, da linha da cerca ao fechamento
    linha: int  # linha da cerca de abertura (1 = primeira)
    motivo: str | None  # o motivo de ``<!-- skip: next "motivo" -->``
    # onde o bloco está na página, como o lexer do Sybil o achou: o início e o fim da região e o
    # conteúdo com a posição (o Sybil executa a partir daqui: tests/paginas/harness.py)
    inicio: int = field(default=0, compare=False)
    fim: int = field(default=0, compare=False)
    fonte: Lexeme | None = field(default=None, compare=False, repr=False)

    @property
    def executado(self) -> bool:
        return self.lingua in LINGUAS_EXECUTADAS and self.motivo is None

    @property
    def sessao(self) -> bool:
        return self.texto.lstrip().startswith(">>>")

    @cached_property
    def exemplos(self) -> list[Exemplo]:
        """As instruções da sessão com as saídas; um bloco de script é um exemplo sem saída."""
        texto = remover_diretivas(self.texto)
        if not self.sessao:
            return [Exemplo(texto.rstrip() + "\n", "", None)]
        return [
            Exemplo(e.source, e.want, None if e.exc_msg is None else e.exc_msg.split(":")[0].strip())
            for e in doctest.DocTestParser().get_examples(texto)
        ]

    @property
    def codigo(self) -> str:
        """O que o botão de copiar dá: sem prompts, saídas e diretivas do doctest; uma inclusão
        ``--8<--`` dá o arquivo incluído (o que o bloco mostra no site)."""
        if not self.sessao:
            return expandir_inclusoes(remover_diretivas(self.texto)).rstrip()
        return "".join(e.codigo for e in self.exemplos).rstrip()

    @property
    def saida(self) -> str:
        return "".join(e.saida for e in self.exemplos)


@dataclass(frozen=True)
class Prosa:
    texto: str


@dataclass(frozen=True)
class Licao:
    src_uri: str  # "redes/ativacoes.md"
    markdown: str
    partes: tuple[Prosa | Bloco, ...]

    @property
    def titulo(self) -> str:
        achado = _TITULO.search(self.markdown)
        return achado[1].strip() if achado else Path(self.src_uri).stem

    @property
    def capitulo(self) -> Capitulo | None:
        return capitulo_da_pagina(self.src_uri)

    @property
    def blocos(self) -> list[Bloco]:
        return [p for p in self.partes if isinstance(p, Bloco)]

    @property
    def executados(self) -> list[Bloco]:
        return [b for b in self.blocos if b.executado]

    @property
    def secao_de_exercicios(self) -> str:
        """O trecho entre ``## Exercícios`` e o próximo título ``## `` (vazio se não houver)."""
        achado = _SECAO_DE_EXERCICIOS.search(self.markdown)
        return achado["corpo"] if achado else ""

    @property
    def exercicios(self) -> list[tuple[str, str]]:
        """``(tipo, enunciado)`` de cada exercício: o tipo em negrito e a primeira frase."""
        itens = []
        linhas = self.secao_de_exercicios.splitlines()
        for i, linha in enumerate(linhas):
            achado = _EXERCICIO.match(linha)
            if not achado:
                continue
            partes = [achado["texto"]]
            for seguinte in linhas[i + 1 :]:
                if not seguinte.startswith("   ") or seguinte.strip().startswith("???"):
                    break
                partes.append(seguinte.strip())
            enunciado = " ".join(p for p in partes if p)
            frase = re.split(r"(?<=[.?!])\s", enunciado, maxsplit=1)[0]
            itens.append((achado["tipo"].strip(), frase))
        return itens


def _lexers():
    return (
        FencedCodeBlockLexer(language=r".*", mapping={"language": "lingua", "source": "fonte"}),
        DirectiveInHTMLCommentLexer("skip"),
    )


def ler_licao(markdown: str, src_uri: str) -> Licao:
    """Lê a página uma vez: prosa e blocos, na ordem."""
    documento = Document(markdown, src_uri)
    cercas, pulos = _lexers()
    regioes = sorted([*cercas(documento), *pulos(documento)], key=lambda r: r.start)
    partes: list[Prosa | Bloco] = []
    inicio = 0
    motivo: str | None = None
    for regiao in regioes:
        if "lingua" not in regiao.lexemes:  # <!-- skip: next "motivo" -->
            motivo = str(regiao.lexemes["arguments"]).removeprefix("next").strip().strip("\"'")
            continue
        comeco_da_linha = markdown.rfind("\n", 0, regiao.start) + 1  # com o recuo da cerca
        partes.append(Prosa(markdown[inicio:comeco_da_linha]))
        partes.append(
            Bloco(
                lingua=str(regiao.lexemes["lingua"]),
                texto=str(regiao.lexemes["fonte"]),
                cerca=markdown[comeco_da_linha : regiao.end],
                linha=markdown.count("\n", 0, regiao.start) + 1,
                motivo=motivo,
                inicio=regiao.start,
                fim=regiao.end,
                fonte=regiao.lexemes["fonte"],
            )
        )
        motivo = None
        inicio = regiao.end
    partes.append(Prosa(markdown[inicio:]))
    return Licao(src_uri, markdown, tuple(p for p in partes if not (isinstance(p, Prosa) and not p.texto)))


def codigo_para_copiar(texto: str) -> str:
    """O que o botão de copiar dá de um bloco com este texto (``Bloco.codigo``)."""
    return Bloco("python", texto, texto, 1, None).codigo


def ler_pagina(src_uri: str, docs: Path = DOCS) -> Licao:
    """A lição de ``docs/<src_uri>``."""
    return ler_licao((docs / src_uri).read_text(encoding="utf-8"), src_uri)
