"""Saídas comparadas na precisão que a lição afirma: a tolerância declarada e visível na página.

Uma saída determinística (forma, aritmética exata, mensagem de erro, contagem em dados fixos) é
comparada exatamente. Uma saída de treino, de amostragem ou de uma redução longa em ponto flutuante
muda nas últimas casas de uma CPU para outra (outro conjunto de instruções, outra ordem de soma). Para
ela, a página declara a tolerância num parágrafo que o leitor vê, logo antes do bloco::

    *Tolerância: ±0,005* — números de um treino: em outra CPU, as últimas casas mudam.

    ```pycon
    >>> print(medida)
    0,963 ± 0,006 (5 sementes)
    ```

Forma: ``*Tolerância: ±X*`` (X com vírgula decimal) ou ``*Tolerância: ±X, N linha(s)*`` (uma lista
que pode ganhar ou perder até N linhas, como a lista de erros de um classificador; ``±0, 1 linha``
deixa os números exatos e só uma linha livre). No bloco seguinte:

- cada número da saída esperada pode diferir do obtido em até X (valor absoluto);
- um número logo depois de ``=`` (``lr=0.003``) é um rótulo e é exato;
- todo o resto — palavras, ``True``/``False``, pontuação — é exato (espaços normalizados): um
  veredicto que vira falha sempre.

Como o ``NUMBER`` do Sybil e o ``FLOAT_CMP`` do pytest-doctestplus, mas com vírgula decimal, uma
tolerância absoluta que o leitor lê, e rótulos exatos.
"""

from __future__ import annotations

import difflib
import doctest
import re
from dataclasses import dataclass
from decimal import Decimal

from sybil.evaluators.doctest import DocTestEvaluator

# "*Tolerância: ±0,005*" ou "*Tolerância: ±1, 1 linha*", no começo de um parágrafo
DECLARACAO = re.compile(
    r"^[ \t]*(?P<enfase>[*_]?)Tolerância: ±(?P<valor>\d+(?:,\d+)?)"
    r"(?:, (?P<linhas>\d+) linhas?)?(?P=enfase)(?![*_])",
    re.MULTILINE,
)
# tudo o que parece uma declaração, para achar as malformadas
PARECE_DECLARACAO = re.compile(r"^[ \t]*[*_]?Toler[âa]ncia\b", re.MULTILINE | re.IGNORECASE)

# Número numa saída: 0.93, 0,93 (vírgula entre dígitos), -1e-05, 98.9, 450
NUMERO = re.compile(r"(?<![\w.])(?P<sinal>[-+−]?)(?P<corpo>\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?)(?![\w])")


@dataclass(frozen=True)
class Tolerancia:
    valor: Decimal  # diferença absoluta máxima de cada número
    linhas: int = 0  # linhas que podem sobrar ou faltar

    def __str__(self) -> str:
        texto = f"±{str(self.valor).replace('.', ',')}"
        return texto + (f", {self.linhas} linha{'s' if self.linhas > 1 else ''}" if self.linhas else "")


def ler_declaracao(linha: str) -> Tolerancia | None:
    achado = DECLARACAO.match(linha)
    if not achado:
        return None
    return Tolerancia(Decimal(achado["valor"].replace(",", ".")), int(achado["linhas"] or 0))


def _numeros(texto: str) -> list[tuple[int, int, Decimal, bool]]:
    """(início, fim, valor, é_rótulo) de cada número; rótulo = logo depois de ``=``."""
    encontrados = []
    for achado in NUMERO.finditer(texto):
        corpo = achado["corpo"].replace(",", ".")
        sinal = "-" if achado["sinal"] in ("-", "−") else ""
        antes = texto[: achado.start()].rstrip(" ")
        encontrados.append((achado.start(), achado.end(), Decimal(sinal + corpo), antes.endswith("=")))
    return encontrados


def _esqueleto(texto: str) -> tuple[str, list[tuple[Decimal, bool]]]:
    """O texto com cada número trocado por um marcador (espaços normalizados) e os números."""
    partes, numeros, fim = [], [], 0
    for inicio, final, valor, rotulo in _numeros(texto):
        partes.append(texto[fim:inicio])
        partes.append("\0")
        numeros.append((valor, rotulo))
        fim = final
    partes.append(texto[fim:])
    return " ".join("".join(partes).split()), numeros


def linha_confere(esperada: str, obtida: str, valor: Decimal) -> bool:
    """Mesmo texto (espaços normalizados), números a até ``valor`` e rótulos exatos."""
    esq_e, num_e = _esqueleto(esperada)
    esq_o, num_o = _esqueleto(obtida)
    if esq_e != esq_o or len(num_e) != len(num_o):
        return False
    for (e, rotulo), (o, _) in zip(num_e, num_o, strict=True):
        if rotulo and e != o:
            return False
        if abs(e - o) > valor:
            return False
    return True


def confere(esperado: str, obtido: str, tolerancia: Tolerancia) -> bool:
    """A saída ``obtido`` está dentro da ``tolerancia`` da ``esperado``?"""
    if tolerancia.linhas == 0:
        return linha_confere(esperado, obtido, tolerancia.valor)
    linhas_e = [li for li in esperado.splitlines() if li.strip()]
    linhas_o = [li for li in obtido.splitlines() if li.strip()]
    # alinha as linhas iguais; os trechos trocados de mesmo tamanho são conferidos par a par
    chaves_e = [" ".join(li.split()) for li in linhas_e]
    chaves_o = [" ".join(li.split()) for li in linhas_o]
    diferentes = 0
    comparador = difflib.SequenceMatcher(None, chaves_e, chaves_o, autojunk=False)
    for operacao, i1, i2, j1, j2 in comparador.get_opcodes():
        if operacao == "replace" and i2 - i1 == j2 - j1:
            pares = zip(linhas_e[i1:i2], linhas_o[j1:j2], strict=True)
            diferentes += sum(not linha_confere(e, o, tolerancia.valor) for e, o in pares)
        elif operacao != "equal":
            diferentes += max(i2 - i1, j2 - j1)
    return diferentes <= tolerancia.linhas


@dataclass
class BlocoTolerante:
    inicio: int  # deslocamento da abertura da cerca
    fim: int
    tolerancia: Tolerancia
    linha_da_declaracao: int


def declaracoes(texto: str) -> tuple[list[BlocoTolerante], list[str]]:
    """Os blocos com tolerância declarada e os problemas (``linha: mensagem``) das declarações."""
    from tests.paginas.harness import cercas  # evita importação circular

    todas = cercas(texto)
    blocos, problemas = [], []
    for achado in PARECE_DECLARACAO.finditer(texto):
        if any(c.inicio <= achado.start() < c.fim for c in todas):
            continue  # dentro de um bloco de código
        linha = texto.count("\n", 0, achado.start()) + 1
        conteudo_da_linha = texto[achado.start() :].split("\n", 1)[0]
        tolerancia = ler_declaracao(conteudo_da_linha)
        if tolerancia is None:
            problemas.append(
                f"{linha}: tolerância malformada: {conteudo_da_linha.strip()[:60]!r}; "
                "use *Tolerância: ±0,005* ou *Tolerância: ±1, 1 linha* no começo do parágrafo"
            )
            continue
        if tolerancia.valor == 0 and tolerancia.linhas == 0:
            problemas.append(f"{linha}: tolerância ±0 é o mesmo que nenhuma: tire a declaração")
            continue
        # o parágrafo termina numa linha em branco; depois dele, só linhas em branco até a cerca
        fim_do_paragrafo = re.search(r"\n[ \t>]*\n", texto[achado.start() :])
        depois = achado.start() + fim_do_paragrafo.end() if fim_do_paragrafo else len(texto)
        seguinte = next((c for c in todas if c.inicio >= depois), None)
        entre = texto[depois : seguinte.inicio] if seguinte else texto[depois:]
        if seguinte is None or entre.strip(" \t\n>") or not seguinte.conteudo.lstrip().startswith(">>>"):
            problemas.append(
                f"{linha}: tolerância declarada sem um bloco ```pycon logo depois do parágrafo: "
                "ela vale só para o bloco seguinte"
            )
            continue
        blocos.append(BlocoTolerante(seguinte.inicio, seguinte.fim, tolerancia, linha))
    return blocos, problemas


class VerificadorTolerante(doctest.OutputChecker):
    """O verificador do Sybil/doctest, com a tolerância do bloco quando há uma."""

    def __init__(self, original: doctest.OutputChecker) -> None:
        self.original = original
        self.tolerancia: Tolerancia | None = None

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        if self.original.check_output(want, got, optionflags):
            return True
        return self.tolerancia is not None and confere(want, got, self.tolerancia)

    def output_difference(self, example, got: str, optionflags: int) -> str:
        texto = self.original.output_difference(example, got, optionflags)
        if self.tolerancia is not None:
            texto += f"(tolerância declarada na página: {self.tolerancia}; fora dela ou texto diferente)\n"
        return texto


class AvaliadorTolerante(DocTestEvaluator):
    """Avalia um exemplo ``>>>`` com a tolerância declarada antes do bloco dele na página."""

    def __init__(self, optionflags: int = 0) -> None:
        super().__init__(optionflags)
        self.verificador = VerificadorTolerante(self.runner._checker)
        self.runner._checker = self.verificador
        self._cache: dict[str, list[BlocoTolerante]] = {}

    def __call__(self, sybil_example) -> str:
        documento = sybil_example.document
        if documento.path not in self._cache:
            self._cache[documento.path] = declaracoes(documento.text)[0]
        self.verificador.tolerancia = next(
            (b.tolerancia for b in self._cache[documento.path] if b.inicio <= sybil_example.start < b.fim),
            None,
        )
        try:
            return super().__call__(sybil_example)
        finally:
            self.verificador.tolerancia = None


def tolerancias_do_caderno(caderno) -> dict[int, Tolerancia]:
    """Num caderno, a tolerância de cada célula de código (numeradas a partir de 1) que vem depois
    de uma célula Markdown cujo último parágrafo começa por ``*Tolerância: ±X*`` — a primeira e as
    seguintes, até a próxima célula Markdown (o caderno gerado corta um bloco da página em várias
    células, uma por saída)."""
    tolerancias, numero, anterior = {}, 0, None
    for celula in caderno.cells:
        if celula.cell_type == "code":
            numero += 1
            if anterior is not None:
                paragrafos = [p for p in re.split(r"\n[ \t]*\n", anterior.source) if p.strip()]
                declarada = ler_declaracao(paragrafos[-1].strip()) if paragrafos else None
                if declarada:
                    tolerancias[numero] = declarada
        if celula.cell_type == "markdown":
            anterior = celula
    return tolerancias


def comparador_do_caderno(caderno):
    """``comparar(celula, salvo, novo)`` para ``ferramentas.cadernos.diferencas``."""
    tolerancias = tolerancias_do_caderno(caderno)

    def comparar(numero: int, salvo: str, novo: str) -> bool:
        tolerancia = tolerancias.get(numero)
        prefixo = salvo.split(":", 1)[0]
        mesmo_tipo = novo.split(":", 1)[0] == prefixo
        return tolerancia is not None and mesmo_tipo and confere(salvo, novo, tolerancia)

    return comparar
