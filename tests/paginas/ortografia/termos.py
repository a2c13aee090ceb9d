"""Um termo por ideia: formas proibidas, ``## Resumo`` no fim das lições e vírgula decimal.

``python -m tests.paginas.ortografia.termos [paginas...]`` lista as violações (sem argumentos: todas as
páginas de ``docs/`` e os títulos do menu) e sai com código 1 se houver alguma.

O que é lido é o mesmo texto que o verificador de números lê (prosa, títulos, tabelas,
admonições, texto alternativo e comentários ``#`` do código; sem código, matemática e endereços).
Uma forma proibida entre aspas ("...", “...”, «...») é citada, não usada, e não conta.
As decisões de vocabulário estão no glossário (``docs/alem/glossario.md``) e no DESIGN.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from curso.capitulos import CAPITULOS
from curso.ortografia import titulos_do_nav
from tests.paginas.harness import DOCS, RAIZ
from tests.paginas.numeros_da_prosa import texto_lido

_S = r"\s+"  # as palavras podem quebrar a linha
# (forma proibida, o que usar); sem diferenciar maiúsculas
PROIBIDOS: list[tuple[re.Pattern, str]] = [
    (
        rf"\b(camadas?|neurônios?|unidades?|ativaç(ão|ões)|representaç(ão|ões)){_S}escondid[oa]s?\b",
        "«camada oculta», «neurônios ocultos»",
    ),
    (rf"\bgradientes?{_S}descendentes?\b", "«descida do gradiente» (lote inteiro) ou SGD (minilotes)"),
    (rf"\bregistro{_S}do{_S}autograd\b", "«grafo computacional»"),
    (r"\bidiomas?\b", "«prática recomendada» (idiom); para a língua do site, «língua»"),
    (r"\bfábricas?\b", "«funções de criação» (factory functions)"),
    (r"\bcalombos?\b", "«pulso» ou «saliência» (bump)"),
    (r"\bfechamentos?\b", "«função que reavalia a perda» (closure)"),
    (rf"\bserv(e|em|ir|indo){_S}(os{_S})?dados\b", "«fornecer os dados» / «entregar os dados»"),
    (rf"\b(propagação|passagem|passo){_S}para{_S}(a{_S})?frente\b", "«propagação direta» (forward)"),
    (r"\bretro-propaga", "«retropropagação» (sem hífen)"),
    (r"(?<![\w.,])\d+[ao](?![\w])", "ordinal com ª/º: «16ª», «3º»"),
    (r"\bsin\s*\(", "«sen» para o seno no texto (no código e na matemática, como estiver)"),
    # o termo em inglês só em itálico, ao lado do português: "a **incorporação** (*embedding*)"
    (r"(?<![*\w])embeddings?(?![*\w])", "«incorporação» (*embedding*); o nome no código fica em código"),
]
PROIBIDOS_RE = [(re.compile(p, re.IGNORECASE), sugestao) for p, sugestao in PROIBIDOS]

# ponto decimal na prosa; versões (3.11, 2.13.0, Python 3.11) e milhares (60.000) não contam
_PONTO_DECIMAL = re.compile(r"(?<![\w.,/])(?P<num>\d+\.\d+)(?![\w/]|\.\d)")
# versões ("Python 3.11") e identificadores ("doi:10.1007/...", "arXiv:2006.15704")
_VERSAO_ANTES = re.compile(
    r"((python|pytorch|torch|versão|versões|version|v|numpy|cuda)\s*|(doi|arxiv):)$", re.IGNORECASE
)
_MILHARES = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")

# capítulos cujas páginas são lições (terminam com "## Resumo"): o registro de curso/capitulos.py
CAPITULOS_DE_LICAO = tuple(c.titulo for c in CAPITULOS)


@dataclass(frozen=True)
class Violacao:
    arquivo: str
    linha: int
    achado: str
    sugestao: str

    def __str__(self) -> str:
        return f"{self.arquivo}:{self.linha}: «{self.achado}» — use {self.sugestao}"


def _linha(texto: str, posicao: int) -> int:
    return texto.count("\n", 0, posicao) + 1


# uma forma entre aspas é citada, não usada ("não escreva “camada escondida”"): o glossário faz isso
_CITACAO = re.compile(r"\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|«[^»\n]{1,60}»")


def termos_proibidos(texto: str, arquivo: str) -> list[Violacao]:
    """Formas proibidas no texto lido (prosa e comentários) de uma página, fora de citações."""
    violacoes = []
    for parte in texto_lido(texto):
        parte = _CITACAO.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), parte)
        for padrao, sugestao in PROIBIDOS_RE:
            for m in padrao.finditer(parte):
                achado = " ".join(m.group(0).split())
                violacoes.append(Violacao(arquivo, _linha(parte, m.start()), achado, sugestao))
    return sorted(violacoes, key=lambda v: v.linha)


def pontos_decimais(texto: str, arquivo: str) -> list[Violacao]:
    """Números com ponto decimal na prosa (não no código nem nos comentários do código)."""
    prosa, _ = texto_lido(texto)
    violacoes = []
    for m in _PONTO_DECIMAL.finditer(prosa):
        inicio_linha = prosa.rfind("\n", 0, m.start()) + 1
        if _VERSAO_ANTES.search(prosa[inicio_linha : m.start()]) or _MILHARES.match(m["num"]):
            continue
        violacoes.append(
            Violacao(
                arquivo,
                _linha(prosa, m.start()),
                m["num"],
                f"vírgula decimal: «{m['num'].replace('.', ',')}»",
            )
        )
    return violacoes


def resumo_no_fim(texto: str, arquivo: str) -> list[Violacao]:
    """Uma lição termina com a seção ``## Resumo`` (a última seção de nível 2)."""
    prosa, _ = texto_lido(texto)
    secoes = [(m.group(1).strip(), _linha(prosa, m.start())) for m in re.finditer(r"^## (.+)$", prosa, re.M)]
    if secoes and secoes[-1][0] == "Resumo":
        return []
    ultima = secoes[-1] if secoes else ("(nenhuma seção)", 1)
    return [Violacao(arquivo, ultima[1], f"## {ultima[0]}", "«## Resumo» como a última seção da lição")]


def _nav(config: Path | None = None) -> list:
    from curso.config import nav

    return nav(config)


def licoes(config: Path | None = None) -> list[Path]:
    """As páginas dos capítulos de lição, na ordem do menu."""
    paginas = []
    for secao in _nav(config):
        if isinstance(secao, dict):
            for titulo, itens in secao.items():
                if titulo in CAPITULOS_DE_LICAO and isinstance(itens, list):
                    paginas += [DOCS / alvo for item in itens for alvo in item.values()]
    return paginas


def _relativo(caminho: Path) -> str:
    try:
        return str(Path(caminho).resolve().relative_to(RAIZ))
    except ValueError:
        return str(caminho)


def verificar_pagina(caminho: Path, licao: bool | None = None) -> list[Violacao]:
    caminho = Path(caminho)
    arquivo = _relativo(caminho)
    texto = caminho.read_text(encoding="utf-8")
    if licao is None:
        licao = caminho.resolve() in {p.resolve() for p in licoes()}
    violacoes = termos_proibidos(texto, arquivo) + pontos_decimais(texto, arquivo)
    if licao:
        violacoes += resumo_no_fim(texto, arquivo)
    return sorted(violacoes, key=lambda v: v.linha)


def verificar_nav(config: Path | None = None) -> list[Violacao]:
    titulos = "\n".join(titulos_do_nav(config))
    return termos_proibidos(titulos, "mkdocs.yml (nav)") + pontos_decimais(titulos, "mkdocs.yml (nav)")


def main(argumentos: list[str]) -> int:
    alvos = [Path(a) for a in argumentos] or sorted(DOCS.rglob("*.md"))
    violacoes = [v for pagina in alvos for v in verificar_pagina(pagina)]
    if not argumentos:
        violacoes += verificar_nav()
    for v in violacoes:
        print(v)
    print(f"{len(violacoes)} violação(ões) em {len(alvos)} página(s)", file=sys.stderr)
    return 1 if violacoes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
