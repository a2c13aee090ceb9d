"""O trabalho de HTML do site: funções puras sobre as páginas prontas, para qualquer gerador (issue 22).

Cada função recebe o HTML (ou o índice da busca) e devolve o HTML ajustado; nenhuma depende do
MkDocs. O hook ``hooks/renderizador.py`` só as chama nos
eventos do MkDocs (e o ``mkdocs serve`` continua recarregando a página a cada edição). O mesmo
trabalho roda sobre a pasta que outro gerador escreveu (o Zensical, por exemplo)::

    python -m hooks.posprocesso site/ [--gerador zensical]

O que depende de um detalhe interno do tema ou de um plugin está em ``hooks/acoplamentos.py``.

- **Cópia:** cada bloco de código ganha ``data-copy``, o código que roda (``hooks/copiar.py``).
- **Blocos leves:** o realce marca cada nome (``<span class="n">``) e cada espaço
  (``<span class="w">``) com um ``<span>`` que não muda nada na tela: eles saem, e o texto fica.
  Cada bloco ganha ``--linhas``, que o ``extra.css`` usa para reservar a altura do bloco enquanto
  ele está longe da tela (``content-visibility: auto``).
- **Fórmulas:** o LaTeX vira HTML do KaTeX no build (o ``katex.min.js`` roda no V8 do
  ``mini-racer``); a página recebe só o ``katex.min.css``.
- **Tabelas:** cada célula ganha ``data-rotulo`` (o título da coluna), as largas ``data-empilhar``
  (no celular, um cartão por linha), e cada ``<table>`` sem classe vem dentro do embrulho de
  rolagem (``md-typeset__scrollwrap``) que o Material punha com JavaScript, remontando a tabela.
- **Imagens:** ``width``/``height`` (sem salto de layout; um PNG de ``gravar_png`` com
  ``densidade`` 2 aparece com metade dos pixels), ``decoding="async"`` e, longe do topo,
  ``loading="lazy"``.
- **Scripts depois da primeira pintura:** os ``<script src>`` saem da página e um carregador
  (``CARREGADOR``) os pede, em ordem, depois da primeira pintura; o Material monta a página no
  ``DOMContentLoaded``, que o carregador repete para ele. As classes que o Material põe no
  ``<html>`` ao começar entram já no ``<head>`` (``MARCAS_DO_HTML``), e o esquema de cores do
  sistema entra no ``<body>`` antes da pintura (``paleta_antes_da_pintura``).
- **Busca:** sem "¶" e sem LaTeX cru nos textos, com campos sem acento (``convolucao`` acha
  "convolução") e os termos que cada página ensina (pelo glossário) com mais peso.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import html
import io
import json
import posixpath
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

try:  # o MkDocs carrega os hooks com a pasta hooks/ no sys.path
    import acoplamentos
    from cache_em_disco import Cache
    from copiar import BLOCO, BlocosDiferentes, processar_html, texto_do_bloco, textos_da_licao
except ModuleNotFoundError:  # nos testes e em python -m hooks.posprocesso, a partir da raiz
    from hooks import acoplamentos
    from hooks.cache_em_disco import Cache
    from hooks.copiar import BLOCO, BlocosDiferentes, processar_html, texto_do_bloco, textos_da_licao

RAIZ = Path(__file__).resolve().parent.parent
KATEX_JS = Path(__file__).resolve().parent / "vendor" / "katex.min.js"
CSS_DO_KATEX = "assets/vendor/katex/katex.min.css"


def _texto_puro(trecho: str) -> str:
    trecho = re.sub(r"<[^>]+>", "", trecho)
    return re.sub(r"\s+", " ", html.unescape(trecho)).strip()


# ---------------------------------------------------------------- blocos de código

_SEM_EFEITO = re.compile(r'<span class="[nw]">([^<]*)</span>')


def linhas_do_bloco(corpo: str) -> int:
    """Quantas linhas o bloco mostra (o texto do ``<pre>`` termina com uma quebra de linha)."""
    return texto_do_bloco(corpo).rstrip("\n").count("\n") + 1


# Caracteres de código que cabem à esquerda do botão de copiar num celular estreito (320 px; a
# 390 px, 41): um bloco com uma linha mais longa entre as duas primeiras ganha ``data-topo-longo``,
# e no celular o ``extra.css`` desce o código para baixo do botão (que nunca cobre o texto).
CABEM_AO_LADO_DO_BOTAO = 30


def blocos_leves(conteudo: str) -> str:
    """Cada bloco de código sem os ``<span>`` sem efeito e com ``--linhas`` no estilo; os que o
    botão de copiar cobriria no celular, com ``data-topo-longo``."""

    def bloco(m: re.Match) -> str:
        if 'style="--linhas' in m["abre"]:
            return m[0]  # já feito
        corpo = _SEM_EFEITO.sub(r"\1", m["resto"][1:])  # resto começa pelo ">" da abertura
        primeiras = texto_do_bloco(corpo).split("\n")[:2]
        topo = " data-topo-longo" if max(map(len, primeiras)) > CABEM_AO_LADO_DO_BOTAO else ""
        return f'{m["abre"]}{topo} style="--linhas: {linhas_do_bloco(corpo)}">{corpo}'

    return BLOCO.sub(bloco, conteudo)


def textos_para_copiar(conteudo: str, textos: list[str], onde: str = "") -> str:
    """Cada bloco com ``data-copy``, o texto do bloco da lição (``hooks/copiar.py``), se ainda não tem."""
    if re.search(r'<div class="(?:language-[\w-]+ )?highlight" data-copy=', conteudo):
        return conteudo
    return processar_html(conteudo, textos, onde)


# ---------------------------------------------------------------- fórmulas

# trechos em que um cifrão ou uma barra é texto, não fórmula
_SEM_FORMULAS = re.compile(
    r"<(head|script|style|textarea|pre|code|svg)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"(<[^>]*>)")
# os mesmos delimitadores do auto-render do KaTeX, na mesma ordem de preferência
_FORMULA = re.compile(
    r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]|\\\((?P<i1>.+?)\\\)|\$(?P<i2>[^$]+?)\$", re.DOTALL
)


class FormulaInvalida(ValueError):
    """Um erro de LaTeX: o build para com a página e a fórmula."""


# cada chamada ao V8 custa ~1 ms além da fórmula: as de uma página vão numa chamada só (``_LOTE``)
_LOTE = """(pedidos) => pedidos.map(([tex, destaque]) =>
  katex.renderToString(tex, {displayMode: destaque, throwOnError: true}))"""
_PRONTAS: dict[tuple[str, bool], str] = {}  # (tex, destaque) -> HTML do KaTeX, no processo inteiro


@functools.cache
def _katex():
    from py_mini_racer import MiniRacer

    contexto = MiniRacer()
    contexto.eval(KATEX_JS.read_text(encoding="utf-8"))
    contexto.eval(f"var __lote = {_LOTE};")
    # sem fechar o V8, ``python -m hooks.posprocesso`` (mini-racer 0.14) não termina depois das fórmulas
    atexit.register(contexto.close)
    return contexto


def _renderizar(tex: str, destaque: bool) -> str:
    # throwOnError: uma fórmula errada para o build (no navegador, ela aparecia em vermelho)
    if (tex, destaque) not in _PRONTAS:
        opcoes = {"displayMode": destaque, "throwOnError": True}
        _PRONTAS[tex, destaque] = _katex().call("katex.renderToString", tex, opcoes)
    return _PRONTAS[tex, destaque]


@functools.cache
def _cache_do_katex() -> Cache:
    # o HTML de uma fórmula: o LaTeX, o katex.min.js, o lote e as opções (este arquivo) e o mini-racer
    return Cache("katex", ["mini-racer"], [KATEX_JS, Path(__file__)])


def _renderizar_lote(pedidos: dict[tuple[str, bool], None], origem: str) -> None:
    """Renderiza, numa chamada ao V8, as fórmulas ``(tex, destaque)`` que ainda não estão prontas
    (nem no processo, nem no cache em disco: o V8 nem começa se todas estão lá)."""
    faltam = [pedido for pedido in pedidos if pedido not in _PRONTAS]
    if not faltam:
        return
    cache = _cache_do_katex()
    chaves = {pedido: cache.chave(list(pedido)) for pedido in faltam}
    for pedido in faltam:
        guardada = cache.ler(chaves[pedido])
        if isinstance(guardada, str):
            _PRONTAS[pedido] = guardada
    faltam = [pedido for pedido in faltam if pedido not in _PRONTAS]
    if not faltam:
        return
    try:
        prontas = [str(pronta) for pronta in _katex().call("__lote", [list(pedido) for pedido in faltam])]
    except Exception:  # uma fórmula errada: uma a uma, para dizer qual (o KaTeX diz onde está o erro)
        for tex, destaque in faltam:
            try:
                _renderizar(tex, destaque)
            except Exception as erro:
                raise FormulaInvalida(f"{origem}: fórmula inválida {tex!r}: {erro}") from erro
        raise
    _PRONTAS.update(zip(faltam, prontas, strict=True))
    for pedido, pronta in zip(faltam, prontas, strict=True):
        cache.gravar(chaves[pedido], pronta)


def _pedido(m: re.Match) -> tuple[str, bool]:
    destaque = m["d1"] is not None or m["d2"] is not None
    return html.unescape(next(g for g in m.groups() if g is not None)).strip(), destaque


def renderizar_formulas(pagina: str, origem: str = "") -> tuple[str, int]:
    """O HTML ``pagina`` com cada fórmula fora de código renderizada; e quantas eram."""
    # os trechos de texto fora de código (texto e tags se alternam em _TAG.split; só o texto tem
    # fórmulas): a primeira passada junta as fórmulas, renderizadas numa chamada; a segunda troca
    trechos, inicio = [], 0
    for m in _SEM_FORMULAS.finditer(pagina):
        trechos += [_TAG.split(pagina[inicio : m.start()]), m.group(0)]
        inicio = m.end()
    trechos.append(_TAG.split(pagina[inicio:]))
    pedidos: dict[tuple[str, bool], None] = {}
    for partes in trechos[::2]:
        for texto in partes[::2]:
            if "$" in texto or "\\" in texto:
                pedidos.update((_pedido(m), None) for m in _FORMULA.finditer(texto))
    if not pedidos:
        return pagina.replace('<div class="arithmatex">', '<div class="arithmatex" tabindex="0">'), 0
    _renderizar_lote(pedidos, origem)
    quantas = 0

    def formula(m: re.Match) -> str:
        nonlocal quantas
        quantas += 1
        return _PRONTAS[_pedido(m)]

    saida = []
    for i, trecho in enumerate(trechos):
        if i % 2:
            saida.append(trecho)
            continue
        trecho[::2] = [_FORMULA.sub(formula, p) if ("$" in p or "\\" in p) else p for p in trecho[::2]]
        saida.append("".join(trecho))
    # a fórmula em destaque que não cabe rola de lado: o teclado também precisa alcançá-la
    pronta = "".join(saida).replace('<div class="arithmatex">', '<div class="arithmatex" tabindex="0">')
    return pronta, quantas


def com_css_do_katex(pagina: str, raiz: str) -> str:
    """Acrescenta o CSS do KaTeX (``raiz``: caminho relativo da página até a raiz do site)."""
    if CSS_DO_KATEX in pagina:
        return pagina
    return pagina.replace("</head>", f'<link rel="stylesheet" href="{raiz}{CSS_DO_KATEX}">\n</head>', 1)


def formulas_prontas(pagina: str, raiz: str, origem: str = "") -> str:
    """As fórmulas renderizadas e, se havia alguma, o CSS do KaTeX no ``<head>``."""
    pagina, quantas = renderizar_formulas(pagina, origem)
    return com_css_do_katex(pagina, raiz) if quantas else pagina


# ---------------------------------------------------------------- tabelas

_TABELA_SIMPLES = re.compile(r"<table>(.*?)</table>", re.DOTALL)
LARGA = 45  # caracteres numa linha de tabela a partir dos quais ela não cabe bem em 390 px


def rotular_tabelas(conteudo: str) -> str:
    """Cada célula ganha ``data-rotulo`` (o título da coluna); tabelas largas, ``data-empilhar``.

    No celular, o CSS mostra uma tabela marcada como um cartão por linha (extra.css).
    """

    def rotular(m: re.Match) -> str:
        tabela = m.group(1)
        titulos = [_texto_puro(t) for t in re.findall(r"<th[^>]*>(.*?)</th>", tabela, re.DOTALL)]
        if len(titulos) < 3 or "data-rotulo=" in tabela:
            return m.group(0)
        larga = False

        def linha(mr: re.Match) -> str:
            nonlocal larga
            celulas = iter(titulos)
            texto = sum(
                len(_texto_puro(c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", mr.group(0), re.DOTALL)
            )
            larga = larga or texto > LARGA
            return re.sub(
                r"<td(?=[\s>])",
                lambda _: f'<td data-rotulo="{html.escape(next(celulas, ""), quote=True)}"',
                mr.group(0),
            )

        tabela = re.sub(r"<tr>.*?</tr>", linha, tabela, flags=re.DOTALL)
        return ("<table data-empilhar>" if larga else "<table>") + tabela + "</table>"

    return _TABELA_SIMPLES.sub(rotular, conteudo)


_TABELA = re.compile(r"<table\b([^>]*)>|</table>")
_CLASSE = re.compile(r"\bclass=")
EMBRULHO = ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">', "</div></div>")


def tabelas_embrulhadas(html_: str) -> str:
    """Cada ``<table>`` sem classe dentro do embrulho que o Material punha com JavaScript (rolagem
    lateral no celular). Feito no build, o navegador monta a tabela uma vez só."""
    abre, fecha = EMBRULHO
    pilha, insercoes = [], []
    for m in _TABELA.finditer(html_):
        if m[0] == "</table>":
            if pilha and pilha.pop():
                insercoes.append((m.end(), fecha))
            continue
        embrulhar = not _CLASSE.search(m[1]) and not html_.endswith(abre, 0, m.start())
        pilha.append(embrulhar)
        if embrulhar:
            insercoes.append((m.start(), abre))
    for posicao, texto in reversed(insercoes):
        html_ = html_[:posicao] + texto + html_[posicao:]
    return html_


# ---------------------------------------------------------------- imagens

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATRIBUTO = re.compile(r'\s([\w:-]+)\s*=\s*"([^"]*)"')
# Uma imagem com menos texto que isto antes dela (no artigo) pode aparecer na primeira tela (medido
# no Chromium: a de Filtros clássicos, com 970 caracteres antes, começa a 714 px no laptop e a 819
# px no celular); as outras ficam com loading="lazy".
TEXTO_ANTES_DA_DOBRA = 1200


def tamanho_css(dados: bytes) -> tuple[int, int] | None:
    """Largura e altura em pixels CSS: os pixels divididos pela densidade gravada no PNG."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(dados)) as imagem:
            largura, altura = imagem.size
            densidade = float(imagem.info.get("densidade", 1))
    except Exception:  # SVG ou formato que o Pillow não lê: fica sem tamanho
        return None
    return round(largura / densidade), round(altura / densidade)


def com_atributos(tag: str, novos: dict[str, str]) -> str:
    existentes = {nome.lower() for nome, _ in _ATRIBUTO.findall(tag)}
    extra = "".join(f' {k}="{v}"' for k, v in novos.items() if k not in existentes)
    fim = "/>" if tag.endswith("/>") else ">"
    return tag[: -len(fim)].rstrip() + extra + fim


# Um quadro recolhível fechado (``??? example "Código da figura"``) ocupa só a linha do título na tela
_QUADRO_FECHADO = re.compile(r"<details\b(?![^>]*\bopen\b)[^>]*>(.*?)</details>", re.DOTALL | re.IGNORECASE)
_RESUMO = re.compile(r"<summary\b.*?</summary>", re.DOTALL | re.IGNORECASE)


def _sem_quadros_fechados(trecho: str) -> str:
    """O trecho com cada ``<details>`` fechado reduzido ao seu título (o que a tela mostra)."""

    def titulo(m: re.Match) -> str:
        resumo = _RESUMO.search(m[1])
        return resumo[0] if resumo else ""

    return _QUADRO_FECHADO.sub(titulo, trecho)


def _inicio_do_artigo(pagina: str) -> int:
    m = re.search(r"<article\b[^>]*>", pagina)
    return m.end() if m else 0


def ajustar_imagens(conteudo: str, ler: Callable[[str], bytes | None] = lambda src: None) -> str:
    """Acrescenta ``width``/``height`` (de ``ler(src)``, os bytes da imagem), ``decoding`` e
    ``loading``. Numa página inteira, o texto antes da imagem conta a partir do ``<article>``."""
    inicio = _inicio_do_artigo(conteudo)

    def ajustar(m: re.Match) -> str:
        tag = m.group(0)
        if m.start() < inicio:
            return tag
        atributos = dict((k.lower(), v) for k, v in _ATRIBUTO.findall(tag))
        novos = {"decoding": "async"}
        if len(_texto_puro(_sem_quadros_fechados(conteudo[inicio : m.start()]))) >= TEXTO_ANTES_DA_DOBRA:
            novos["loading"] = "lazy"
        src = atributos.get("src", "")
        dados = _bytes_embutidos(src) if src.startswith("data:") else ler(src)
        tamanho = tamanho_css(dados) if dados else None
        if tamanho:
            novos["width"], novos["height"] = str(tamanho[0]), str(tamanho[1])
        return com_atributos(tag, novos)

    return _IMG.sub(ajustar, conteudo)


def _bytes_embutidos(src: str) -> bytes | None:
    import base64

    if not src.startswith("data:image/") or "," not in src:
        return None
    return base64.b64decode(src.split(",", 1)[1])


def imagens_embutidas_sem_ampliar(conteudo: str) -> str:
    """Imagens embutidas (cadernos) ganham a classe ``sem-ampliar``: ampliar duplicaria o base64
    no HTML, e o glightbox (``skip_classes`` no mkdocs.yml) as pula."""

    def marcar(m: re.Match) -> str:
        tag = m.group(0)
        if ' src="data:' not in tag:
            return tag
        return com_atributos(re.sub(r'\sclass="[^"]*"', "", tag), {"class": "sem-ampliar"})

    return _IMG.sub(marcar, conteudo)


def leitor_do_site(site_dir: Path, url_da_pagina: str) -> Callable[[str], bytes | None]:
    """``ler(src)``: os bytes de uma imagem referida por uma página do site construído."""

    def ler(src: str) -> bytes | None:
        if re.match(r"^[a-z]+:|^/", src):
            return None
        pasta = url_da_pagina.rstrip("/") if url_da_pagina.endswith("/") else posixpath.dirname(url_da_pagina)
        caminho = posixpath.normpath(posixpath.join(pasta, src.split("#")[0].split("?")[0]))
        arquivo = Path(site_dir) / caminho
        return arquivo.read_bytes() if arquivo.is_file() else None

    return ler


# ---------------------------------------------------------------- descrição


def descricao(conteudo: str, limite: int = 200) -> str:
    """O primeiro parágrafo (texto puro, sem matemática), cortado numa palavra até ``limite``."""
    for m in re.finditer(r"<p>(.*?)</p>", conteudo, re.DOTALL):
        trecho = re.sub(r'<(span|div) class="arithmatex">.*?</\1>', "…", m.group(1), flags=re.DOTALL)
        texto = _texto_puro(trecho)
        if len(texto) >= 40:
            if len(texto) > limite:
                texto = texto[: limite - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return texto
    return ""


# ---------------------------------------------------------------- scripts depois da pintura

# scripts externos (o bundle do Material, os extra_javascript e o glightbox)
_SCRIPT_EXTERNO = re.compile(r'<script src="([^"]+)"></script>\n?')

CARREGADOR = """<script>
// hooks/posprocesso.py: os scripts rodam depois da primeira pintura, na ordem da página
(() => {
  const fila = %s;
  const carregar = () => {
    for (const [i, endereco] of fila.entries()) {
      const script = document.createElement("script");
      script.src = endereco;
      script.async = false; // baixados juntos, executados na ordem
      script.onload = script.onerror = () => {
        // o Material monta a página no DOMContentLoaded, que já passou: repete para ele
        if (/\\/bundle\\.[^/]*\\.js$/.test(endereco)) document.dispatchEvent(new Event("DOMContentLoaded"));
        if (i === fila.length - 1) (window.__depoisDosScripts || []).forEach((f) => f());
      };
      document.head.append(script); // no <head>: não invalida o estilo do <body>
    }
  };
  const depoisDaPintura = () => requestAnimationFrame(() => setTimeout(carregar));
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", depoisDaPintura, { once: true });
  else depoisDaPintura();
})();
</script>"""


# o que o Material (e o polyfill de :focus-visible dele) faria no <html> ao rodar
MARCAS_DO_HTML = (
    "<script>document.documentElement.classList.replace('no-js', 'js');"
    "document.documentElement.classList.add('js-focus-visible');"
    "document.documentElement.setAttribute('data-js-focus-visible', '')</script>"
)


def paleta_antes_da_pintura(saida: str, paletas: list[dict]) -> str:
    """Na primeira visita (sem paleta guardada), o esquema do sistema (claro ou escuro) entra no
    ``<body>`` já na leitura do HTML: o Material, que rodava antes da primeira pintura e agora roda
    depois, só o aplicaria então, e a página piscaria clara para quem usa o modo escuro."""
    opcoes = [
        {chave: paleta[chave] for chave in ("media", "scheme", "primary", "accent")}
        for paleta in paletas
        if paleta.get("media")
    ]
    if not opcoes or 'if (!__md_get("__palette")) for (const p of' in saida:
        return saida
    script = (
        '<script>if (!__md_get("__palette")) for (const p of '
        + json.dumps(opcoes, ensure_ascii=False)
        + ") if (matchMedia(p.media).matches) { for (const [k, v] of Object.entries(p))"
        ' document.body.setAttribute("data-md-color-" + k, v); break }</script>'
    )
    return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + script, saida, count=1)


def scripts_depois_da_pintura(saida: str) -> str:
    """Troca os ``<script src>`` da página pelo ``CARREGADOR`` (no fim do ``<body>``)."""
    fila = _SCRIPT_EXTERNO.findall(saida)
    if not fila:
        return saida
    saida = _SCRIPT_EXTERNO.sub("", saida)
    saida = acoplamentos.glightbox_depois_dos_scripts(saida)
    lista = "[" + ", ".join(json.dumps(endereco) for endereco in fila) + "]"
    saida = saida.replace("<head>", "<head>" + MARCAS_DO_HTML, 1)
    return saida.replace("</body>", CARREGADOR % lista + "\n</body>", 1)


# ---------------------------------------------------------------- HTML válido

_AUTOCOMPLETE_EM_CHECKBOX = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?) autocomplete="[^"]*"')
_TABINDEX_VAZIO = re.compile(r'(<[a-z]+\b[^>]*?) tabindex=""')


def html_valido(pagina: str) -> str:
    """Sem o HTML inválido que o tema escreve (validador do W3C): ``autocomplete`` num checkbox
    (o atributo só vale em campos de texto) e ``tabindex=""`` (precisa ser um número)."""
    return _TABINDEX_VAZIO.sub(r"\1", _AUTOCOMPLETE_EM_CHECKBOX.sub(r"\1", pagina))


# ---------------------------------------------------------------- a página inteira


@dataclass
class Pagina:
    """O que o pós-processamento precisa saber de uma página pronta, venha ela de qual gerador for."""

    url: str  # "fundamentos/tensores/" (vazio: a página inicial)
    ler: Callable[[str], bytes | None] = lambda src: None  # bytes de uma imagem da página
    paletas: list[dict] = field(default_factory=list)  # theme.palette do mkdocs.yml
    material: bool = True  # o HTML é do Material for MkDocs (aplica os acoplamentos)
    caderno: bool = False  # página de um caderno (mkdocs-jupyter)
    origem: str = ""  # para as mensagens de erro
    copiar: list[str] = field(default_factory=list)  # o texto de cada bloco de código, da lição

    @property
    def raiz(self) -> str:
        """Da pasta da página até a raiz do site: "fundamentos/tensores/" → "../../"."""
        pasta = self.url.rstrip("/") if self.url.endswith("/") else posixpath.dirname(self.url)
        return posixpath.relpath(".", pasta) + "/" if pasta else ""


def pagina_pronta(saida: str, pagina: Pagina) -> str:
    """Todo o trabalho de HTML numa página pronta, na ordem; aplicar duas vezes não muda nada."""
    onde = pagina.origem or pagina.url or "index"
    if pagina.material and pagina.caderno:
        css = posixpath.relpath("assets/stylesheets/cadernos.css", pagina.url.rstrip("/") or ".")
        if "assets/stylesheets/cadernos.css" not in saida:
            saida = acoplamentos.limpar_caderno(saida, css, onde)
    saida = blocos_leves(textos_para_copiar(saida, pagina.copiar, onde))
    saida = ajustar_imagens(saida, pagina.ler)
    saida = rotular_tabelas(saida)
    saida = formulas_prontas(saida, pagina.raiz, onde)
    if pagina.material:
        saida = acoplamentos.sem_glightbox_inutil(saida, onde)
        saida = acoplamentos.parciais_ajustados(saida, onde=onde)
    saida = html_valido(tabelas_embrulhadas(saida))
    if "const fila = " not in saida:
        saida = scripts_depois_da_pintura(saida)
    return paleta_antes_da_pintura(saida, pagina.paletas)


# ---------------------------------------------------------------- busca

_GREGO = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "phi": "φ", "varphi": "φ", "omega": "ω", "Sigma": "Σ", "Delta": "Δ",
    "nabla": "∇", "partial": "∂", "cdot": "·", "times": "×", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "approx": "≈", "in": "∈", "infty": "∞", "to": "→", "sum": "Σ",
    "ldots": "…", "dots": "…", "cdots": "…", "neq": "≠", "ne": "≠", "pm": "±", "log": "log",
    "exp": "exp", "max": "max", "min": "min", "sin": "sen", "tanh": "tanh", "odot": "⊙",
}  # fmt: skip


def latex_legivel(texto: str) -> str:
    """Tira os delimitadores e os comandos do LaTeX de um texto do índice da busca."""

    def formula(m: re.Match) -> str:
        f = m.group(1)
        f = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)\b", "", f)
        f = re.sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"(\1)/(\2)", f)
        f = re.sub(r"\\(?:text|mathrm|mathbf|mathbb|operatorname|boldsymbol)\s*\{([^{}]*)\}", r"\1", f)
        f = re.sub(r"\\([A-Za-z]+)", lambda c: _GREGO.get(c.group(1), c.group(1)), f)
        f = f.replace("\\,", " ").replace("\\;", " ").replace("\\!", "").replace("\\", "")
        return re.sub(r"[{}]", "", f)

    texto = re.sub(r"\\\((.*?)\\\)", formula, texto, flags=re.DOTALL)
    texto = re.sub(r"\\\[(.*?)\\\]", formula, texto, flags=re.DOTALL)
    texto = re.sub(r"\$\$(.*?)\$\$", formula, texto, flags=re.DOTALL)
    texto = re.sub(r"\$([^$\n]+?)\$", formula, texto)
    return texto


def sem_acento(texto: str) -> str:
    decomposto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in decomposto if not unicodedata.combining(c))


def palavras_sem_acento(texto: str) -> str:
    """As palavras acentuadas do texto, sem acento (o resto já está no índice como está)."""
    vistas: dict[str, None] = {}
    for palavra in re.findall(r"\w+", texto):
        if palavra.isascii():
            continue  # sem acento já (a maioria: a decomposição custava 0,5 s por build)
        simples = sem_acento(palavra)
        if simples != palavra:
            vistas[simples.lower()] = None
    return " ".join(vistas)


GLOSSARIO = "alem/glossario.md"
_LINHA_GLOSSARIO = re.compile(
    r"^\|\s*\*\*(?P<termo>[^*]+)\*\*\s*\|(?P<ingles>[^|]*)\|.*\]\((?P<link>[^)#]+\.md)[^)]*\)\s*\|\s*$"
)


def termos_ensinados(docs_dir: Path) -> dict[str, list[str]]:
    """``{url da página: [termos]}`` pela coluna "Onde se aprende" do glossário."""
    fonte = Path(docs_dir) / GLOSSARIO
    if not fonte.exists():
        return {}
    ensina: dict[str, list[str]] = {}
    for linha in fonte.read_text(encoding="utf-8").splitlines():
        m = _LINHA_GLOSSARIO.match(linha)
        if not m:
            continue
        alvo = posixpath.normpath(posixpath.join(posixpath.dirname(GLOSSARIO), m["link"]))
        url = "" if alvo == "index.md" else alvo.removesuffix(".md") + "/"
        ingles = re.sub(r"[*_]", "", m["ingles"])
        # "filtro, kernel" e "camada escondida (oculta)": cada nome é um termo
        nomes = [n.strip() for n in re.split(r"[,()]", m["termo"]) if n.strip()]
        ensina.setdefault(url, []).extend([*nomes, ingles.strip()])
    return ensina


def indice_da_busca(dados: dict, ensina: dict[str, list[str]]) -> dict:
    """O índice da busca (formato do Material: ``docs`` com ``location``, ``title``, ``text``) sem
    "¶" nem LaTeX cru, com os campos sem acento e os termos que cada página ensina."""
    for doc in dados["docs"]:
        if doc["location"] in ensina:
            termos = " ".join(ensina[doc["location"]])
            doc["ensina"] = f"{termos} {sem_acento(termos)}"
            # um termo de uma palavra só ("gradiente") pesa mais: é o nome exato do conceito
            unicos = " ".join(t for t in ensina[doc["location"]] if re.fullmatch(r"\w+", t.strip()))
            if unicos:
                doc["ensina_termo"] = f"{unicos} {sem_acento(unicos)}"
        for campo in ("title", "text"):
            doc[campo] = latex_legivel(doc[campo].replace("¶", "")).strip()
        doc["titulo_sem_acento"] = palavras_sem_acento(_texto_puro(doc["title"]))
        doc["texto_sem_acento"] = palavras_sem_acento(_texto_puro(doc["text"]))
    return dados


# ---------------------------------------------------------------- o site inteiro


def arquivos_do_tema(site_dir: Path) -> None:
    """O bundle e o palette.css do Material copiados para o site, com os ajustes dos acoplamentos
    (cada build copia os originais do tema de novo; um trecho que falta falha o build)."""
    site_dir = Path(site_dir)
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        texto = bundle.read_text(encoding="utf-8")
        bundle.write_text(acoplamentos.bundle_ajustado(texto), encoding="utf-8")
    for css in (site_dir / "assets" / "stylesheets").glob("palette.*.css"):
        texto = css.read_text(encoding="utf-8")
        css.write_text(acoplamentos.paleta_ajustada(texto, css.name), encoding="utf-8")


def busca_do_site(site_dir: Path, docs_dir: Path) -> bool:
    """Ajusta ``search/search_index.json`` (o índice do Material), se houver; diz se havia."""
    indice = Path(site_dir) / "search" / "search_index.json"
    if not indice.exists():
        return False
    dados = json.loads(indice.read_text(encoding="utf-8"))
    acoplamentos.conferir_indice(dados)
    if any("texto_sem_acento" in d for d in dados["docs"]):
        return True  # já feito
    dados = indice_da_busca(dados, termos_ensinados(docs_dir))
    indice.write_text(json.dumps(dados, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def _configuracao(caminho: Path) -> dict:
    import yaml

    class _Carregador(yaml.SafeLoader):
        pass

    _Carregador.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    _Carregador.add_multi_constructor("!", lambda *_: None)
    return yaml.load(caminho.read_text(encoding="utf-8"), Loader=_Carregador) or {}


def textos_da_pagina(docs_dir: Path, url: str) -> list[str]:
    """O texto de copiar de cada bloco da lição que gerou a página ``url`` (nenhum, sem lição)."""
    candidatos = ["index.md"] if not url else [url.rstrip("/") + ".md", url + "index.md"]
    for candidato in candidatos:
        if (Path(docs_dir) / candidato).is_file():
            return textos_da_licao(candidato, Path(docs_dir))
    return []


def posprocessar_site(
    site_dir: Path, configuracao: Path = RAIZ / "mkdocs.yml", gerador: str = "zensical"
) -> int:
    """Aplica ``pagina_pronta`` a cada página HTML de ``site_dir`` e os ajustes do site inteiro.

    ``gerador="mkdocs"``: o HTML é do Material (aplica os acoplamentos); outro gerador: só o que
    não depende do tema. Devolve quantas páginas foram processadas.
    """
    site_dir = Path(site_dir)
    config = _configuracao(Path(configuracao))
    paletas = (config.get("theme") or {}).get("palette") or []
    docs_dir = Path(configuracao).parent / config.get("docs_dir", "docs")
    material = gerador == "mkdocs"
    n = 0
    for arquivo in sorted(site_dir.rglob("*.html")):
        relativo = arquivo.relative_to(site_dir).as_posix()
        url = "" if relativo == "index.html" else relativo.removesuffix("index.html")
        pagina = Pagina(
            url=url,
            ler=leitor_do_site(site_dir, url),
            paletas=paletas,
            material=material,
            caderno=url.startswith("examples/") and material,
            origem=relativo,
            copiar=textos_da_pagina(docs_dir, url),
        )
        texto = arquivo.read_text(encoding="utf-8")
        pronta = pagina_pronta(texto, pagina)
        if pronta != texto:
            arquivo.write_text(pronta, encoding="utf-8")
        n += 1
    if material:
        arquivos_do_tema(site_dir)
        busca_do_site(site_dir, docs_dir)
    return n


def main(argumentos: list[str] | None = None) -> int:
    leitor = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    leitor.add_argument("site", type=Path, help="a pasta que o gerador escreveu (site/)")
    leitor.add_argument("--config", type=Path, default=RAIZ / "mkdocs.yml")
    leitor.add_argument("--gerador", default="zensical", choices=["zensical", "mkdocs"])
    args = leitor.parse_args(argumentos)
    inicio = time.perf_counter()
    try:
        n = posprocessar_site(args.site, args.config, args.gerador)
    except (acoplamentos.AcoplamentoQuebrado, FormulaInvalida, BlocosDiferentes) as erro:
        print(f"erro: {erro}", file=sys.stderr)
        return 1
    print(f"{n} páginas pós-processadas em {time.perf_counter() - inicio:.1f} s ({args.site})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
