"""O código que o harness (Sybil) executa em cada bloco de uma página, para comparar com o que o
leitor leva: o botão de copiar (``tests/site/test_copiar.py``) e os downloads (``tests/site/test_baixar.py``).

Tudo vem do próprio Sybil configurado em ``tests/paginas/harness.py``: o lexer de blocos cercados dá a
posição de cada bloco na página (na ordem do documento, de qualquer linguagem, como os botões de
copiar do site) e a análise do documento dá as regiões executadas dentro de cada bloco —
``doctest.Example`` numa sessão (código em ``source``, saída conferida em ``want``) ou o texto do
bloco inteiro — e as diretivas ``<!-- skip: next "motivo" -->``.
"""

from __future__ import annotations

import ast
import doctest
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from sybil import Document
from sybil.evaluators.skip import Skipper
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer

from curso.licao import Exemplo
from tests.paginas.harness import criar_sybil

# a expressão do próprio doctest para o comentário de diretiva (``# doctest: +ELLIPSIS``)
_DIRETIVA = re.compile(r"[ \t]*" + doctest.DocTestParser._OPTION_DIRECTIVE_RE.pattern, re.MULTILINE)
_SYBIL = criar_sybil()


def codigo_do_exemplo(exemplo: doctest.Example) -> str:
    """O código de um exemplo do Sybil, como o modelo da lição o copia (um erro de propósito vai
    comentado: ``curso.licao.Exemplo.codigo``)."""
    erro = None if exemplo.exc_msg is None else exemplo.exc_msg.split(":")[0].strip()
    return Exemplo(exemplo.source, exemplo.want, erro).codigo


@dataclass
class Bloco:
    """Um bloco cercado da página, na ordem do documento."""

    linha: int
    lingua: str
    texto: str  # o conteúdo do bloco no Markdown
    regioes: list = field(default_factory=list)  # regiões do Sybil dentro do bloco
    pulado: str | None = None  # o motivo do ``skip: next``, se houver

    @property
    def executado(self) -> bool:
        return bool(self.regioes) and self.pulado is None

    @property
    def sessao(self) -> bool:
        return any(isinstance(r.parsed, doctest.Example) for r in self.regioes)

    @property
    def codigo(self) -> str:
        """O código que o harness executa, como o leitor o copia: sem as diretivas do doctest.

        Um exemplo que levanta um erro de propósito (``exc_msg`` do doctest) vai comentado, no
        formato do modelo da lição; quais são comentados vem do Sybil.
        """
        partes = [
            codigo_do_exemplo(r.parsed) if isinstance(r.parsed, doctest.Example) else str(r.parsed)
            for r in self.regioes
        ]
        return _DIRETIVA.sub("", "".join(partes)).rstrip()

    @property
    def exemplos(self) -> list[doctest.Example]:
        return [r.parsed for r in self.regioes if isinstance(r.parsed, doctest.Example)]

    @property
    def saidas(self) -> str:
        """As saídas conferidas do bloco, juntas (vazio num bloco ``python`` sem ``>>>``)."""
        return "".join(e.want for e in self.exemplos)


@functools.cache
def blocos(pagina: Path) -> list[Bloco]:
    """Todos os blocos cercados da página, cada um com as regiões que o Sybil executa nele.

    (Guardados por página: a coleta e vários testes pedem os mesmos; não modifique a lista.)
    """
    documento = _SYBIL.parse(pagina)
    cru = Document(pagina.read_text(encoding="utf-8"), str(pagina))
    lexer = FencedCodeBlockLexer(language=r".*", mapping={"language": "lingua", "source": "fonte"})
    resultado = []
    posicoes = []
    for regiao in lexer(cru):
        linha = cru.text.count("\n", 0, regiao.start) + 1
        resultado.append(Bloco(linha, regiao.lexemes["lingua"], str(regiao.lexemes["fonte"])))
        posicoes.append((regiao.start, regiao.end))
    pular_proximo: str | None = None
    for exemplo in documento:
        regiao = exemplo.region
        if isinstance(regiao.evaluator, Skipper):
            acao, motivo = regiao.parsed
            pular_proximo = (motivo or "").strip().strip("\"'") if acao == "next" else None
            assert acao == "next", f'{pagina}: use só `skip: next "motivo"` ({acao})'
            continue
        indice = next(i for i, (ini, fim) in enumerate(posicoes) if ini <= regiao.start < fim)
        bloco = resultado[indice]
        if pular_proximo is not None:
            # o Sybil pula só a próxima região: ela precisa ser o bloco inteiro
            assert not bloco.regioes, f"{pagina}:{bloco.linha}: skip no meio de um bloco"
            bloco.pulado = pular_proximo or "(sem motivo)"
            pular_proximo = None
        bloco.regioes.append(regiao)
    return resultado


def eco_do_interpretador(exemplo: doctest.Example) -> bool:
    """Se a saída do exemplo pode ser o eco de uma expressão, que um script não imprime.

    Numa sessão, toda instrução que é só uma expressão (``x``, ``modelo.eval()``, mesmo dentro de
    um ``with`` ou ``for``) mostra o valor; num script, não. ``print(...)`` imprime nos dois.
    """

    def ecoa(no: ast.AST) -> bool:
        if isinstance(no, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return False  # o corpo de uma definição não roda ao definir
        if isinstance(no, ast.Expr):
            valor = no.value
            return not (isinstance(valor, ast.Call) and getattr(valor.func, "id", None) == "print")
        return any(ecoa(filho) for filho in ast.iter_child_nodes(no))

    return ecoa(ast.parse(exemplo.source))


def _normalizar(texto: str) -> str:
    return " ".join(texto.split())


def padrao_do_script(exemplos: list[doctest.Example]) -> re.Pattern:
    """O que um script com o código desses exemplos imprime, como expressão regular.

    Num script, cada exemplo imprime uma parte do que a sessão mostra (os ``print``, sem o eco):
    - sem expressão que possa ecoar: exatamente a saída conferida;
    - com uma (``modelo.eval()``, ``x`` dentro de um ``try``...): qualquer texto, se a sessão
      mostra algo, e nada, se não mostra;
    - um erro de propósito, copiado como comentário: nada.
    Espaços são normalizados e ``...`` na saída conferida casa qualquer texto, como no harness.
    """
    partes = []
    for exemplo in exemplos:
        if exemplo.exc_msg is not None:
            continue
        if not eco_do_interpretador(exemplo):
            texto = _normalizar(exemplo.want)
            if texto:
                partes.append(".*?".join(re.escape(p) for p in texto.split("...")))
        elif exemplo.want.strip():
            partes.append(".*?")
    return re.compile(r"\s*".join(partes), re.DOTALL)


def imprimiu(padrao: re.Pattern, saida: str) -> bool:
    return padrao.fullmatch(_normalizar(saida)) is not None
