"""Números da prosa conferidos contra as saídas da própria página.

``python -m tests.paginas.numeros_da_prosa [paginas...]`` lista as violações (sem argumentos: todas as
páginas de ``docs/``) e sai com código 1 se houver alguma.

A regra (repetida no README, em "Como acrescentar uma página"):

1. **O que é lido.** Prosa, títulos, células de tabela, admonições, texto de links, texto
   alternativo de imagens e os comentários ``#`` dos blocos ``python``/``pycon``. Não são lidos:
   código (blocos e ``código na linha``), matemática (``$...$``), endereços, comentários HTML e
   blocos de outras linguagens (``text``, ``bash``).
2. **O que é um resultado.** Um número é conferido quando tem a *forma* de resultado:
   vírgula decimal (``0,93``, ``43,5 s``), porcentagem (``91 %``, ``91,1%``), multiplicador
   (``3 vezes``, ``3×`` ou ``2,5x`` não seguidos de dígito) ou vizinho de ``±`` (``93 ± 2 %``).
   Todo o resto é definição e não é conferido: inteiros soltos (contagens, tamanhos, anos:
   ``1797 imagens``, ``1989``, ``25 épocas``) e dimensões (``8×8``, ``3 × 3``), porque o ``×`` é
   seguido de dígito. Números por extenso também não.
3. **Onde ele precisa estar.** Nas saídas esperadas dos blocos conferidos da mesma página (o
   ``want`` dos doctests que o Sybil coleta, sem os blocos pulados), com o arredondamento da
   prosa: a saída ``0.9107`` pode ser escrita ``0,91``, ``91 %`` ou ``91,1 %`` (diferença de até
   meia unidade da última casa escrita; sinal ignorado). Uma saída com ``%`` (``91.1%``, ou um
   bloco cuja saída tem ``%`` em algum lugar) vale também como porcentagem sem escala.
4. **Definições decimais.** Um decimal ou porcentagem que é definição (a taxa de aprendizado
   ``0,1``, ``25 %`` de teste) também é aceito se for, exatamente, um literal numérico do código
   da página (``lr=0.1`` → ``0,1`` ou ``10 %``; ``test_size=0.25`` → ``25 %``). Multiplicadores e
   ``±`` são sempre resultados: só saídas valem.

A página ``docs/desempenho.md`` não tem blocos: é gerada por ``ferramentas/desempenho.py`` a partir das
medições em ``ferramentas/desempenho.json``, e o teste confere que ela é exatamente o que o gerador
escreve a partir delas.
"""

from __future__ import annotations

import contextlib
import doctest
import re
import sys
import tokenize
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import StringIO
from pathlib import Path

from tests.paginas.harness import DOCS, RAIZ, cercas, criar_sybil
from tests.paginas.tolerancia import DECLARACAO as TOLERANCIA_DECLARADA

# páginas geradas por medições, conferidas de outro jeito (veja o docstring)
GERADAS = {"docs/desempenho.md"}

_ESPACO = r"[ \t\u00a0\u202f]"
# número com vírgula decimal opcional; não é pedaço de palavra, de outro número ou de versão
_NUMERO = r"(?<![\w.,])(?P<num>\d+(?:,\d+)?)(?!(?!x)\w|[.,]\d)"
_PORCENTO = re.compile(rf"{_ESPACO}?%")
_VEZES = re.compile(rf"{_ESPACO}*vezes\b")
# "3×", "2,5 ×" (sem dígito depois: "8×8" é dimensão); "3x" só antes de uma palavra ("3x mais"),
# para não confundir com álgebra ("2x + 1")
_MULT = re.compile(rf"{_ESPACO}*×(?!{_ESPACO}*\d)|x(?={_ESPACO}+[^\W\d_])")
_MAIS_MENOS_DEPOIS = re.compile(rf"{_ESPACO}*±{_ESPACO}*(?P<num>\d+(?:,\d+)?)(?P<pct>{_ESPACO}?%)?")
_MAIS_MENOS_ANTES = re.compile(rf"±{_ESPACO}*$")

# números das saídas: 0.9107, -3, 1e-05, 91.1%, 0,93 (saídas já formatadas em português)
_DESVIO_SAIDA = re.compile(rf"±{_ESPACO}*(?P<num>\d+(?:[.,]\d+)?)(?P<pct>{_ESPACO}?%)?")
_NUMERO_SAIDA = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?(?![\w])"
    rf"(?P<pct>{_ESPACO}?%|{_ESPACO}*±{_ESPACO}*\d+(?:[.,]\d+)?{_ESPACO}?%)?"
)

_CERCA = re.compile(r"^(?P<recuo>[ \t>]*)(?P<cerca>`{3,}|~{3,})[ \t]*(?P<lingua>[\w+-]*)")
_ALT = re.compile(r"!\[(?P<alt>(?:[^\[\]]|\[[^\]]*\])*)\]")  # admite [colchetes] dentro


@dataclass(frozen=True)
class Numero:
    """Um número da prosa com forma de resultado."""

    texto: str  # como aparece na página: "91,1 %"
    valor: Decimal  # 91.1
    casas: int  # casas decimais escritas: 1
    tipo: str  # "porcentagem", "decimal", "multiplicador" ou "±"
    linha: int
    coluna: int
    onde: str  # "prosa", "título", "tabela", "admonição", "texto alternativo", "comentário"


@dataclass(frozen=True)
class Violacao:
    arquivo: str
    numero: Numero
    trecho: str
    motivo: str = "não está em nenhuma saída conferida da página nem é literal do código dela"

    def __str__(self) -> str:
        return (
            f"{self.arquivo}:{self.numero.linha}:{self.numero.coluna + 1}: "
            f"{self.numero.texto!r} ({self.numero.onde}) {self.motivo} — «{self.trecho}»"
        )


# ---------------------------------------------------------------------------------------------
# números da prosa


def _apagar(texto: str, padrao: re.Pattern) -> str:
    """Troca cada trecho que casa com ``padrao`` por espaços, mantendo as quebras de linha."""
    return padrao.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), texto)


_APAGAR = [
    re.compile(r"<!--.*?-->", re.DOTALL),  # comentários HTML (diretivas do Sybil)
    TOLERANCIA_DECLARADA,  # "*Tolerância: ±0,005*": definição da página (tests/paginas/tolerancia.py)
    re.compile(r"\$\$.+?\$\$", re.DOTALL),  # matemática em bloco
    re.compile(r"(?<![\\$])\$[^$\n]+?\$"),  # matemática na linha
    re.compile(r"``.+?``|`[^`\n]+`"),  # código na linha
    re.compile(r"\]\([^)]*\)"),  # destino de links e imagens
    re.compile(r"https?://\S+"),  # endereços soltos
    re.compile(r"<[^>\n]+>"),  # tags HTML
    re.compile(r"\{[:.#][^}\n]*\}"),  # atributos attr_list
]


def _comentario(linha: str) -> int | None:
    """Posição do ``#`` que começa um comentário Python na linha (fora de aspas), ou None."""
    aspas = None
    i = 0
    while i < len(linha):
        c = linha[i]
        if aspas:
            if c == "\\":
                i += 1
            elif linha.startswith(aspas, i):
                i += len(aspas) - 1
                aspas = None
        elif linha.startswith(('"""', "'''"), i):
            aspas = linha[i : i + 3]
            i += 2
        elif c in "\"'":
            aspas = c
        elif c == "#":
            return i
        i += 1
    return None


def separar(texto: str) -> tuple[str, str]:
    """Divide a página em (texto lido, comentários), cada um com as mesmas linhas da página.

    No texto lido, os blocos cercados viram linhas em branco; em ``comentarios`` só ficam os
    comentários ``#`` dos blocos ``python``/``pycon`` (no resto, espaços).
    """
    linhas = texto.split("\n")
    prosa, comentarios = [], []
    cerca = None  # (recuo, cerca, língua) do bloco aberto
    for linha in linhas:
        vazio = " " * len(linha)
        if cerca is None:
            m = _CERCA.match(linha)
            if m:
                cerca = (m["recuo"], m["cerca"], m["lingua"])
                prosa.append(vazio)
                comentarios.append(vazio)
                continue
            prosa.append(linha)
            comentarios.append(vazio)
            continue
        recuo, marca, lingua = cerca
        fim = re.match(rf"^[ \t>]*{re.escape(marca[0])}{{{len(marca)},}}[ \t]*$", linha)
        prosa.append(vazio)
        if fim:
            cerca = None
            comentarios.append(vazio)
            continue
        codigo = linha[len(recuo) :] if linha.startswith(recuo) else linha.lstrip()
        if lingua == "pycon":
            if not codigo.startswith((">>>", "...")):
                comentarios.append(vazio)  # saída
                continue
            inicio_codigo = 4
        elif lingua in ("python", "py", "python3"):
            inicio_codigo = 0
        else:
            comentarios.append(vazio)
            continue
        pos = _comentario(codigo[inicio_codigo:])
        if pos is None:
            comentarios.append(vazio)
        else:
            deslocamento = len(linha) - len(codigo) + inicio_codigo + pos
            comentarios.append(" " * deslocamento + linha[deslocamento:])
    return "\n".join(prosa), "\n".join(comentarios)


def texto_lido(texto: str) -> tuple[str, str]:
    """(prosa, comentários) com as linhas da página; a prosa já sem código, matemática e endereços."""
    prosa, comentarios = separar(texto)
    for padrao in _APAGAR:
        prosa = _apagar(prosa, padrao)
    return prosa, comentarios


def _onde(linhas_originais: list[str], n: int, em_alt: bool, comentario: bool) -> str:
    if comentario:
        return "comentário"
    if em_alt:
        return "texto alternativo"
    linha = linhas_originais[n - 1]
    if re.match(r"^#{1,6}\s", linha):
        return "título"
    if linha.lstrip().startswith("|"):
        return "tabela"
    # admonição: linha recuada abaixo de um !!!/??? (ou o próprio título dela)
    if re.match(r"^\s*(!!!|\?\?\?)", linha):
        return "admonição"
    if linha.startswith(("    ", "\t")):
        for anterior in reversed(linhas_originais[: n - 1]):
            if re.match(r"^\s*(!!!|\?\?\?)", anterior):
                return "admonição"
            if anterior.strip() and not anterior.startswith(("    ", "\t")):
                break
    return "prosa"


def _para_decimal(texto: str) -> Decimal:
    return Decimal(texto.replace(",", "."))


def _meia_unidade(casas: int) -> Decimal:
    """O arredondamento que a prosa pode ter feito: meia unidade da última casa escrita."""
    return Decimal(5) * Decimal(10) ** -(casas + 1)


def _casas(texto: str) -> int:
    m = re.search(r"[.,](\d+)", texto)
    return len(m.group(1)) if m else 0


def numeros_da_prosa(texto: str) -> list[Numero]:
    """Os números com forma de resultado (regra 2) da página ``texto``, em ordem."""
    prosa, comentarios = separar(texto)
    alts = [(m.start("alt"), m.end("alt")) for m in _ALT.finditer(prosa)]
    for padrao in _APAGAR:
        prosa = _apagar(prosa, padrao)
    originais = texto.split("\n")
    achados = []
    for fonte, comentario in ((prosa, False), (comentarios, True)):
        for m in re.finditer(_NUMERO, fonte):
            depois = fonte[m.end() : m.end() + 40]
            antes = fonte[max(0, m.start() - 5) : m.start()]
            num = m["num"]
            mm = _MAIS_MENOS_DEPOIS.match(depois)
            if _PORCENTO.match(depois):
                tipo, texto_num = "porcentagem", num + _PORCENTO.match(depois).group(0)
            elif mm:
                tipo = "±"
                texto_num = num + mm.group(0)
                if mm["pct"]:
                    tipo = "porcentagem"
            elif _MAIS_MENOS_ANTES.search(antes):
                tipo, texto_num = "±", num
                # "93 ± 2 %": o segundo número é porcentagem e já casa acima
            elif _VEZES.match(depois):
                tipo, texto_num = "multiplicador", num + _VEZES.match(depois).group(0)
            elif _MULT.match(depois):
                tipo, texto_num = "multiplicador", num + _MULT.match(depois).group(0).strip()
            elif "," in num:
                tipo, texto_num = "decimal", num
            else:
                continue  # inteiro solto ou dimensão: definição (regra 2)
            linha = fonte.count("\n", 0, m.start()) + 1
            coluna = m.start() - (fonte.rfind("\n", 0, m.start()) + 1)
            em_alt = any(a <= m.start() < b for a, b in alts)
            achados.append(
                Numero(
                    texto=texto_num.strip(),
                    valor=_para_decimal(num),
                    casas=_casas(num),
                    tipo=tipo,
                    linha=linha,
                    coluna=coluna,
                    onde=_onde(originais, linha, em_alt, comentario),
                )
            )
    return sorted(achados, key=lambda n: n.linha)


# ---------------------------------------------------------------------------------------------
# saídas conferidas e literais do código


@dataclass
class Conferidos:
    """Valores que a prosa pode citar: saídas conferidas e literais do código de uma página."""

    simples: set[Decimal]  # valores das saídas, na escala em que foram impressos
    porcentagens: set[Decimal]  # valores das saídas já em "%" (0.91 → 91; "91.1%" → 91.1)
    literais: set[Decimal]  # literais numéricos do código
    pares: set[tuple[Decimal, Decimal]] = field(default_factory=set)  # (média, desvio) impressos juntos
    linhas: list[str] = field(default_factory=list)  # linhas das saídas conferidas


def _numeros_de_saida(saida: str) -> tuple[set[Decimal], set[Decimal]]:
    simples, porcentagens = set(), set()
    bloco_em_porcento = "%" in saida
    for m in _NUMERO_SAIDA.finditer(saida):
        bruto = m.group(0)[: m.start("pct") - m.start()] if m["pct"] else m.group(0)
        try:
            valor = abs(_para_decimal(bruto))
        except InvalidOperation:
            continue
        simples.add(valor)
        porcentagens.add(valor * 100)
        if m["pct"] or bloco_em_porcento:
            porcentagens.add(valor)
            simples.add(valor / 100)
    # o desvio de "97,9 ± 0,5 %" (engolido pelo grupo pct acima) também é uma saída
    for m in _DESVIO_SAIDA.finditer(saida):
        valor = abs(_para_decimal(m["num"]))
        simples.add(valor)
        porcentagens.add(valor * 100)
        if m["pct"] or bloco_em_porcento:
            porcentagens.add(valor)
            simples.add(valor / 100)
    return simples, porcentagens


_PAR_SAIDA = re.compile(
    rf"(?<![\w.])(?P<media>\d+(?:[.,]\d+)?)(?P<pct1>{_ESPACO}?%)?{_ESPACO}*±{_ESPACO}*"
    rf"(?P<desvio>\d+(?:[.,]\d+)?)(?P<pct2>{_ESPACO}?%)?"
)


def _pares_de_saida(saida: str) -> set[tuple[Decimal, Decimal]]:
    """Os pares ``média ± desvio`` de uma saída, na escala impressa e em porcentagem."""
    pares = set()
    for m in _PAR_SAIDA.finditer(saida):
        media, desvio = _para_decimal(m["media"]), _para_decimal(m["desvio"])
        pares |= {(media, desvio), (media * 100, desvio * 100), (media / 100, desvio / 100)}
    return pares


def _literais(codigo: str) -> set[Decimal]:
    valores = set()
    try:
        for tok in tokenize.generate_tokens(StringIO(codigo).readline):
            if tok.type == tokenize.NUMBER and not tok.string.lower().startswith(("0x", "0o", "0b")):
                texto = tok.string.replace("_", "").rstrip("jJ")
                with contextlib.suppress(InvalidOperation):
                    valores.add(abs(Decimal(texto)))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        valores |= {Decimal(n) for n in re.findall(r"(?<![\w.])\d+\.\d+(?![\w.])", codigo)}
    return valores


def conferidos(caminho: Path) -> Conferidos:
    """Saídas esperadas (``want``) e literais do código dos blocos que o Sybil coleta na página."""
    documento = criar_sybil().parse(Path(caminho))
    simples, porcentagens, literais, pares, linhas = set(), set(), set(), set(), []
    # como no Sybil: "skip: next" pula só o exemplo seguinte (um ``>>>``), não o bloco inteiro
    pular = False  # skip: next
    pulando = False  # skip: start ... end
    for exemplo in documento:
        parsed = exemplo.parsed
        if isinstance(parsed, tuple):  # diretiva do SkipParser: (ação, motivo)
            acao = parsed[0]
            pular = acao == "next"
            pulando = acao == "start" or (pulando and acao != "end")
            continue
        if isinstance(parsed, doctest.Example):
            literais |= _literais(parsed.source)
            if not (pular or pulando):
                s, p = _numeros_de_saida(parsed.want)
                simples |= s
                porcentagens |= p
                pares |= _pares_de_saida(parsed.want)
                linhas += parsed.want.splitlines()
        else:
            literais |= _literais(str(parsed))
        pular = False
    return Conferidos(simples, porcentagens, literais, pares, linhas)


def aceito(numero: Numero, conf: Conferidos) -> bool:
    """O número está numa saída (com o arredondamento da prosa) ou, se decimal, num literal?"""
    meia_unidade = _meia_unidade(numero.casas)
    valores = conf.porcentagens if numero.tipo == "porcentagem" else conf.simples
    if any(abs(v - numero.valor) <= meia_unidade for v in valores):
        return True
    if numero.tipo == "porcentagem":
        return any(lit * 100 == numero.valor for lit in conf.literais)
    if numero.tipo == "decimal":
        return numero.valor in conf.literais
    return False


# ---------------------------------------------------------------------------------------------
# afirmações conferidas como afirmações: o par média ± desvio, os veredictos, as sementes

_PAR_PROSA = re.compile(
    rf"(?<![\w.,])(?P<media>\d+(?:,\d+)?)(?P<pct1>{_ESPACO}?%)?{_ESPACO}*±{_ESPACO}*"
    rf"(?P<desvio>\d+(?:,\d+)?)(?P<pct2>{_ESPACO}?%)?"
)


def _posicao(fonte: str, inicio: int) -> tuple[int, int]:
    linha = fonte.count("\n", 0, inicio) + 1
    return linha, inicio - (fonte.rfind("\n", 0, inicio) + 1)


def pares_violados(texto: str, conf: Conferidos) -> list[tuple[Numero, str]]:
    """Cada ``média ± desvio`` da prosa precisa estar impresso JUNTO numa saída (o mesmo par)."""
    prosa, _ = texto_lido(texto)
    violados = []
    for m in _PAR_PROSA.finditer(prosa):
        media, desvio = _para_decimal(m["media"]), _para_decimal(m["desvio"])
        meia_m, meia_d = _meia_unidade(_casas(m["media"])), _meia_unidade(_casas(m["desvio"]))
        if any(abs(a - media) <= meia_m and abs(b - desvio) <= meia_d for a, b in conf.pares):
            continue
        linha, coluna = _posicao(prosa, m.start())
        numero = Numero(m.group(0).strip(), media, _casas(m["media"]), "±", linha, coluna, "prosa")
        violados.append((numero, "não está impresso junto (média e desvio) em nenhuma saída conferida"))
    return violados


# "empatam"/"dentro do ruído" (empate) contra "fora do ruído" (diferença); uma negação na mesma
# oração ("não empatam", "nenhum ganho está dentro do ruído") inverte
_VEREDICTO_VERBAL = re.compile(
    r"\b(?:(?P<empate>empatam|empata|empate|dentro do ruído)|fora do ruído)\b", re.IGNORECASE
)
_NEGACAO = re.compile(r"\b(?:não|nenhum|nenhuma|nem|sem)\b[^.;:!?()—]*$", re.IGNORECASE)
_VEREDICTO_IMPRESSO = re.compile(r"\b(True|False)\b")


def veredictos_violados(texto: str) -> list[tuple[Numero, str]]:
    """A prosa logo depois de um bloco que imprime ``empatam(...)`` concorda com o que ele imprime.

    O comentário de um bloco é a prosa entre ele e o bloco ou o título seguinte. Se o bloco imprime só
    ``True`` (empate), o comentário não pode dizer "fora do ruído"; se só ``False``, não pode dizer
    "empatam"/"dentro do ruído" (uma negação na mesma oração inverte). Blocos que imprimem os dois
    ficam de fora: a frase precisaria dizer qual linha.
    """
    violados = []
    todas = cercas(texto)
    for atual, seguinte in zip(todas, [*todas[1:], None], strict=False):
        if "empatam(" not in atual.conteudo or not atual.conteudo.lstrip().startswith(">>>"):
            continue
        saida = "\n".join(
            li for li in atual.conteudo.splitlines() if not li.lstrip().startswith((">>>", "..."))
        )
        impressos = set(_VEREDICTO_IMPRESSO.findall(saida))
        if len(impressos) != 1:
            continue
        empate_impresso = impressos == {"True"}
        fim = seguinte.inicio if seguinte else len(texto)
        titulo = re.search(r"^#{1,6} ", texto[atual.fim : fim], re.MULTILINE)
        comentario = texto[atual.fim : atual.fim + titulo.start()] if titulo else texto[atual.fim : fim]
        prosa = _apagar(comentario, re.compile(r"``.+?``|`[^`\n]+`"))
        for achado in _VEREDICTO_VERBAL.finditer(prosa):
            diz_empate = bool(achado["empate"])
            inicio_da_oracao = max(prosa.rfind(c, 0, achado.start()) for c in (*".;:!?()—", "\n\n")) + 1
            if _NEGACAO.search(prosa[inicio_da_oracao : achado.start()]):
                diz_empate = not diz_empate
            if diz_empate == empate_impresso:
                continue
            linha, coluna = _posicao(texto, atual.fim + achado.start())
            numero = Numero(achado.group(0), Decimal(0), 0, "veredicto", linha, coluna, "prosa")
            impresso = "True" if empate_impresso else "False"
            violados.append((numero, f"contradiz o veredicto impresso logo acima (empatam → {impresso})"))
    return violados


# A quem o número é atribuído: as palavras da oração antes dele que rotulam linhas de saída
_PALAVRA = re.compile(r"[^\W\d_]{3,}")
_COMUNS = {
    *("que", "com", "para", "por", "uma", "uns", "umas", "dos", "das", "nos", "nas", "aos", "pela"),
    *("pelo", "pelos", "pelas", "entre", "contra", "sem", "mais", "menos", "até", "após", "sobre"),
    *("como", "quando", "onde", "cada", "todo", "toda", "todos", "todas", "este", "esta", "isso"),
    *("esse", "essa", "ele", "ela", "eles", "elas", "seu", "sua", "são", "foi", "era", "ser", "está"),
    *("estão", "fica", "ficou", "tem", "têm", "mas", "não", "sim", "nem", "média", "desvio"),
    *("sementes", "semente", "vezes", "ponto", "pontos"),
}


def _palavras(texto: str) -> set[str]:
    return {p.lower() for p in _PALAVRA.findall(texto)} - _COMUNS


def atribuicoes_violadas(texto: str, conf: Conferidos) -> list[tuple[Numero, str]]:
    """Um ``média ± desvio`` da prosa está numa linha de saída que tem o rótulo que a frase lhe dá.

    Rótulos são as palavras das linhas de saída da página que não aparecem em todas elas. Se o
    trecho logo antes do número (desde o número anterior, a vírgula ou o começo da oração) cita um
    rótulo, alguma linha de saída rotulada com esse valor precisa trazer um dos rótulos citados:
    "o MLP erra 44,3 ± 2,1" falha se 44,3 ± 2,1 só aparece na linha da regressão linear.
    """
    linhas = [li for li in conf.linhas if li.strip()]
    if not linhas:
        return []
    contagem: dict[str, int] = {}
    for li in linhas:
        for palavra in _palavras(li):
            contagem[palavra] = contagem.get(palavra, 0) + 1
    rotulos = {p for p, n in contagem.items() if n < len(linhas)}
    prosa, _ = texto_lido(texto)
    violados = []
    anterior = 0
    for numero in numeros_da_prosa(texto):
        if numero.onde == "comentário" or "±" not in numero.texto:
            continue  # só os resultados dos braços (média ± desvio)
        inicio = sum(len(li) + 1 for li in prosa.split("\n")[: numero.linha - 1]) + numero.coluna
        if inicio < anterior:
            continue
        corte = max(prosa.rfind(c, 0, inicio) for c in (*".,;:!?()—|", "\n\n"))
        contexto = prosa[max(corte + 1, anterior) : inicio]
        anterior = inicio + len(numero.texto)
        citados = _palavras(contexto) & rotulos
        if not citados:
            continue
        meia = _meia_unidade(numero.casas)
        com_valor = []
        for li in linhas:
            simples, porcentagens = _numeros_de_saida(li)
            valores = porcentagens if numero.tipo == "porcentagem" else simples
            if any(abs(v - numero.valor) <= meia for v in valores):
                com_valor.append(li)
        rotulados = [li for li in com_valor if _palavras(li) & rotulos]
        if not rotulados or any(citados & _palavras(li) for li in rotulados):
            continue
        exemplos = " | ".join(" ".join(li.split()) for li in com_valor[:2])
        motivo = (
            f"é atribuído a {', '.join(sorted(citados))}, mas nenhuma linha de saída com esse valor traz "
            f"esse rótulo (linhas com o valor: {exemplos})"
        )
        violados.append((numero, motivo))
    return violados


_SEMENTES_PROSA = re.compile(r"(?<![\w,])(?P<n>\d+) sementes\b")
_SEMENTES_SAIDA = re.compile(r"\b(\d+) sementes\b")


def sementes_do_codigo(texto: str) -> set[int]:
    """Quantas sementes a página usa: ``(N sementes)`` impresso, ``range(N)``/``range(a, b)`` e
    listas literais atribuídas a um nome com "semente"."""
    contagens = set()
    for cerca in cercas(texto):
        codigo = cerca.conteudo
        contagens |= {int(n) for n in _SEMENTES_SAIDA.findall(codigo)}
        for a, b in re.findall(r"range\((\d+)(?:,\s*(\d+))?\)", codigo):
            contagens.add(int(b) - int(a) if b else int(a))
        for lista in re.findall(r"sementes?\w*\s*=\s*[\[(]([\d,\s]+)[\])]", codigo):
            contagens.add(len([n for n in lista.split(",") if n.strip()]))
    return contagens


def sementes_violadas(texto: str) -> list[tuple[Numero, str]]:
    """Toda contagem "N sementes" da prosa é uma que o código da página usa ou imprime."""
    prosa, _ = texto_lido(texto)
    usadas = sementes_do_codigo(texto)
    violados = []
    for m in _SEMENTES_PROSA.finditer(prosa):
        if int(m["n"]) in usadas:
            continue
        linha, coluna = _posicao(prosa, m.start())
        numero = Numero(m.group(0), Decimal(m["n"]), 0, "contagem", linha, coluna, "prosa")
        violados.append((numero, f"não bate com o código da página (sementes usadas: {sorted(usadas)})"))
    return violados


def _relativo(caminho: Path) -> str:
    try:
        return str(Path(caminho).resolve().relative_to(RAIZ))
    except ValueError:
        return str(caminho)


def verificar_pagina(caminho: Path) -> list[Violacao]:
    """As violações da regra numa página (lista vazia: todos os números conferidos)."""
    caminho = Path(caminho)
    nome = _relativo(caminho)
    if nome in GERADAS:
        return []
    texto = caminho.read_text(encoding="utf-8")
    conf = conferidos(caminho)
    linhas = texto.split("\n")
    violacoes = [
        Violacao(nome, n, _trecho(linhas[n.linha - 1], n.coluna))
        for n in numeros_da_prosa(texto)
        if not aceito(n, conf)
    ]
    afirmacoes = pares_violados(texto, conf) + veredictos_violados(texto) + sementes_violadas(texto)
    afirmacoes += atribuicoes_violadas(texto, conf)
    violacoes += [
        Violacao(nome, n, _trecho(linhas[n.linha - 1], n.coluna), motivo) for n, motivo in afirmacoes
    ]
    return sorted(violacoes, key=lambda v: (v.numero.linha, v.numero.coluna))


def _trecho(linha: str, coluna: int, largura: int = 45) -> str:
    inicio, fim = max(0, coluna - largura), coluna + largura
    return ("…" if inicio else "") + linha[inicio:fim].strip() + ("…" if fim < len(linha) else "")


def paginas() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if _relativo(p) not in GERADAS)


def main(argumentos: list[str]) -> int:
    alvos = [Path(a) for a in argumentos] or paginas()
    total = 0
    for pagina in alvos:
        for violacao in verificar_pagina(pagina):
            print(violacao)
            total += 1
    print(f"{total} número(s) sem conferência em {len(alvos)} página(s)", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
