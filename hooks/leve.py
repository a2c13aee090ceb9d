"""Hook do MkDocs: menos trabalho para o navegador ao carregar cada página (issue 13).

Medido com traços do Chromium e com o Lighthouse no celular, o que pesava na carga das lições era
o recálculo de estilo e o layout de milhares de elementos, sobretudo os ``<span>`` do realce de
sintaxe (1.889 dos 3.471 elementos de Tensores). Aqui:

- **Blocos de código:** o realce marca cada nome (``<span class="n">``) e cada espaço
  (``<span class="w">``) com um ``<span>`` que não muda nada na tela (o tema pinta nomes com a
  mesma cor do código; espaços não têm estilo): eles saem, e o texto fica. Cada bloco ganha
  ``--linhas`` (o número de linhas), que o ``extra.css`` usa para reservar a altura certa do
  bloco enquanto ele está longe da tela (``content-visibility: auto``: o navegador só monta o
  bloco quando ele se aproxima da parte visível).
- **Paleta do Material:** ao carregar cada página, o componente de paleta marca o ``<body>`` com
  ``data-md-color-switching`` e lê ``getComputedStyle`` logo depois; com a regra
  ``[data-md-color-switching] *{transition-duration:0s!important}`` do ``palette.css``, essa
  marca invalida o estilo de todos os elementos: um recálculo da página inteira (146 ms de
  391 ms da tarefa do Material num traço de Tensores sem limitar a CPU; o Lighthouse no celular
  multiplica por 4). A regra só faz as cores mudarem de uma vez ao trocar entre claro e escuro,
  sem as transições que alguns links e botões têm; o hook a tira do CSS copiado para o site.
- **Meta ``color-scheme``:** o Material criava, ao montar a paleta, uma
  ``<meta name="color-scheme">`` no ``<head>`` e a preenchia logo depois. Cada uma dessas duas
  mudanças faz o Chromium recalcular o estilo de **todos** os elementos (a meta muda o esquema de
  cores da página), e os dois recálculos caíam na tarefa do Material: 2 × ~50 ms num traço de
  Tensores sem limitar a CPU (1.690 elementos cada), ×4 no celular do Lighthouse. O hook tira do
  ``bundle`` a linha que põe a meta na página (trocada por espaços do mesmo tamanho: o mapa de
  fontes continua certo) e o ``extra.css`` dá ao ``<html>`` o esquema do ``<body>``, que é o que a
  meta fazia (barras de rolagem escuras no modo escuro).
- **Tabelas:** o Material tirava cada ``<table>`` da página e a punha de volta dentro de um
  embrulho de rolagem (``md-typeset__scrollwrap``), e o navegador montava a tabela de novo: no
  glossário, um recálculo de 1.380 elementos e um novo layout dentro da tarefa do Material
  (~95 ms sem limitar a CPU). O embrulho agora vem pronto no HTML (``tabelas_embrulhadas``) e o
  seletor do Material que procurava as tabelas passa a não achar nenhuma.
- **Scripts depois da primeira pintura:** com ``defer``, o JavaScript do Material (e o do site)
  rodava antes da primeira pintura, forçando o primeiro layout da página dentro da tarefa dele; a
  maior pintura (LCP) do Lighthouse no celular variava de 1,4 s a 3,7 s conforme essa corrida.
  Agora um carregador (``CARREGADOR``) pede os scripts, em ordem, só depois da primeira pintura;
  o Material monta a página no ``DOMContentLoaded``, que o carregador repete para ele, e os
  trechos que usam o ``document$`` do Material (a inicialização do glightbox) rodam no fim; numa
  página sem figura para ampliar, o glightbox (56 KB de JS) nem entra (``sem_glightbox_inutil``). As
  classes que o Material põe no ``<html>`` ao começar (``js`` e as do polyfill de foco) entram já
  no ``<head>`` (``MARCAS_DO_HTML``): mudá-las depois invalidava o estilo da página inteira.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

try:  # o MkDocs carrega os hooks com a pasta hooks/ no sys.path
    from copiar import BLOCO, texto_do_bloco
except ModuleNotFoundError:  # nos testes, como pacote a partir da raiz do repositório
    from hooks.copiar import BLOCO, texto_do_bloco

_SEM_EFEITO = re.compile(r'<span class="[nw]">([^<]*)</span>')
_REGRA_DA_TROCA = re.compile(r"\[data-md-color-switching\][^{}]*\{[^{}]*\}")


def linhas_do_bloco(corpo: str) -> int:
    """Quantas linhas o bloco mostra (o texto do ``<pre>`` termina com uma quebra de linha)."""
    return texto_do_bloco(corpo).rstrip("\n").count("\n") + 1


def blocos_leves(conteudo: str) -> str:
    """Cada bloco de código sem os ``<span>`` sem efeito e com ``--linhas`` no estilo."""

    def bloco(m: re.Match) -> str:
        corpo = _SEM_EFEITO.sub(r"\1", m["resto"][1:])  # resto começa pelo ">" da abertura
        return f'{m["abre"]} style="--linhas: {linhas_do_bloco(corpo)}">{corpo}'

    return BLOCO.sub(bloco, conteudo)


def sem_regra_de_troca(css: str) -> tuple[str, int]:
    """O CSS sem as regras cujo seletor começa por ``[data-md-color-switching]``; e quantas eram."""
    return _REGRA_DA_TROCA.subn("", css)


# Trechos do bundle do Material 9.8 trocados por outros do mesmo tamanho (o mapa de fontes, .map,
# continua certo): (o que é, regex, troca). Se um trecho não for achado, o build falha.
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
            raise PluginError(
                f"hooks/leve.py: o trecho do Material com {descricao} foi achado {quantas} vezes "
                "(esperado: 1); confira o bundle desta versão do Material"
            )
    return bundle


_TABELA = re.compile(r"<table\b([^>]*)>|</table>")
_CLASSE = re.compile(r"\bclass=")
EMBRULHO = ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">', "</div></div>")


def tabelas_embrulhadas(html: str) -> str:
    """Cada ``<table>`` sem classe dentro do embrulho que o Material punha com JavaScript (rolagem
    lateral no celular). Feito no build, o navegador monta a tabela uma vez só."""
    abre, fecha = EMBRULHO
    pilha, insercoes = [], []
    for m in _TABELA.finditer(html):
        if m[0] == "</table>":
            if pilha and pilha.pop():
                insercoes.append((m.end(), fecha))
            continue
        embrulhar = not _CLASSE.search(m[1]) and not html.endswith(abre, 0, m.start())
        pilha.append(embrulhar)
        if embrulhar:
            insercoes.append((m.start(), abre))
    for posicao, texto in reversed(insercoes):
        html = html[:posicao] + texto + html[posicao:]
    return html


# scripts externos (o bundle do Material, os extra_javascript e o glightbox)
_SCRIPT_EXTERNO = re.compile(r'<script src="([^"]+)"></script>\n?')
# o que o plugin mkdocs-glightbox injeta: JS e CSS no <head>, a inicialização no fim do <body>
_GLIGHTBOX_CABECA = re.compile(
    r'<link href="[^"]*glightbox\.min\.css" rel="stylesheet">'
    r'<script src="[^"]*glightbox\.min\.js"></script><style id="glightbox-style">.*?</style>',
    re.DOTALL,
)
_INICIO_GLIGHTBOX = re.compile(r'<script id="init-glightbox">(.*?)</script>', re.DOTALL)


def sem_glightbox_inutil(saida: str) -> str:
    """Numa página sem figura para ampliar, sai o que o glightbox injeta (56 KB de JS e o CSS)."""
    if 'class="glightbox"' in saida:
        return saida
    return _INICIO_GLIGHTBOX.sub("", _GLIGHTBOX_CABECA.sub("", saida, count=1), count=1)


CARREGADOR = """<script>
// hooks/leve.py: os scripts rodam depois da primeira pintura, na ordem da página
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
    if not opcoes:
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
    saida = _INICIO_GLIGHTBOX.sub(
        r'<script id="init-glightbox">(window.__depoisDosScripts ||= []).push(() => {\1});</script>', saida
    )
    lista = "[" + ", ".join(json.dumps(endereco) for endereco in fila) + "]"
    saida = saida.replace("<head>", "<head>" + MARCAS_DO_HTML, 1)
    return saida.replace("</body>", CARREGADOR % lista + "\n</body>", 1)


@event_priority(-100)  # por último: o hooks/copiar.py lê os mesmos blocos antes
def on_page_content(conteudo, page, config, files):
    return blocos_leves(conteudo)


@event_priority(-70)  # depois do glightbox e dos hooks telas e matematica: a página está pronta
def on_post_page(saida, page, config):
    saida = scripts_depois_da_pintura(tabelas_embrulhadas(sem_glightbox_inutil(saida)))
    return paleta_antes_da_pintura(saida, config["theme"].get("palette") or [])


def on_post_build(config):
    for bundle in (Path(config["site_dir"]) / "assets" / "javascripts").glob("bundle.*.min.js"):
        bundle.write_text(bundle_ajustado(bundle.read_text(encoding="utf-8")), encoding="utf-8")
    for css in (Path(config["site_dir"]) / "assets" / "stylesheets").glob("palette.*.css"):
        texto, quantas = sem_regra_de_troca(css.read_text(encoding="utf-8"))
        if quantas:
            css.write_text(texto, encoding="utf-8")
