"""Cada página do site no Chromium, numa visita só: tudo o que se confere nela sai de duas cargas.

Uma visita por página (``visitar``) junta o que antes eram cinco, uma por arquivo de teste:

1. no laptop (1280×800), no esquema claro: a página carrega sem erro no console e sem pedidos a
   outros servidores; a matemática está renderizada pelo KaTeX (e com o CSS dele); as medidas de
   ``medir.js`` (código que transborda, imagens, ids e links); o axe-core inteiro, menos o
   contraste (com o código sem o realce, ``CODIGO_SEM_REALCE``);
2. o contraste de cores dos estilos que as páginas visitadas antes não tinham, no claro e, depois
   de um clique no botão de modo escuro, no escuro (veja ``ESTILOS_NOVOS``);
3. a mesma aba, agora do tamanho de um celular (390×844), carrega a página de novo: as medidas do
   celular (só o código rola, o botão de copiar não cobre código).

Os testes de cada página (``test_*`` abaixo) só leem o resultado da visita, guardado por processo:
``test_paginas_no_navegador_1.py`` e ``_2.py`` importam os testes e parametrizam cada um com metade
das páginas (com ``--dist loadfile``, cada arquivo vai para um processo do pytest).

``python -m tests.site.paginas_no_navegador <site>`` imprime as contagens de transbordo de um site
já construído.
"""

from __future__ import annotations

import functools
import html.parser
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from tests.site.navegador import ARTEFATOS, CAMINHOS, JS_FORMULAS_EM_DOBRO, Visita

pytestmark = pytest.mark.lento

# o que cada arquivo de teste (test_paginas_no_navegador_1.py e _2.py) importa: os testes e as fixtures
__all__ = [
    "fonte_do_axe",
    "test_acessivel",
    "test_blocos_longe_da_tela_reservam_a_altura_certa",
    "test_carrega_limpa",
    "test_contraste_no_modo_escuro",
    "test_imagens_com_tamanho_alt_e_carga_preguicosa",
    "test_links_internos_resolvem",
    "test_matematica_renderizada",
    "test_nenhum_bloco_de_codigo_transborda_no_laptop",
    "test_no_celular_o_botao_de_copiar_nao_cobre_o_codigo",
    "test_no_celular_so_o_codigo_rola",
    "visitadas",
]

LAPTOP = {"width": 1280, "height": 800}
CELULAR = {"width": 390, "height": 844}

# blocos de código que podem rolar: o <code> das lições; nos cadernos, a caixa do código de entrada
# e o <pre> das saídas
CODIGO = ".md-content pre > code, .md-content .highlight-ipynb, .md-content .jp-RenderedText pre"
MEDIR = (Path(__file__).with_name("medir.js")).read_text(encoding="utf-8")

# O botão de copiar do Material: um quadrado no canto de cima, à direita, do bloco, medido na fonte
# do código (.md-code__nav: 0,25em da borda e 1,5em mais 0,4rem de lado, 2,6em no total com a fonte
# de 13,6 px; num bloco dentro de uma admonição, a fonte e o botão encolhem juntos):
# test_zona_do_botao_de_copiar (test_telas.py) confere no Chromium.
ZONA_DO_BOTAO = 2.65

# Os cadernos dos capítulos saem todos do mesmo gerador (curso/derivar.py) e do mesmo modelo do
# mkdocs-jupyter, com o código das lições (conferido nas páginas delas); cada um tem de 8 a 21 mil
# elementos, e o axe leva segundos em cada. O make test-site visita um, o 02 (o mesmo que roda de
# ponta a ponta em test_cadernos.py); o make test-completo, todos.
CADERNO_DO_MAKE_TEST = "examples/02_redes_neurais/"

# As páginas fotografadas (artefatos/capturas/): o início (a moldura inteira), três lições (fórmulas,
# figuras, código, tabelas, exercícios com soluções), o caderno e o desempenho (tabelas largas).
CAPTURAS = {
    "",
    "fundamentos/aproximacao-universal/",
    "convolucionais/lenet/",
    "sequencias/atencao/",
    CADERNO_DO_MAKE_TEST,
    "desempenho/",
}

# O contraste de cores decide-se pelo estilo do texto (cor, fundo, fonte), que vem das classes do
# elemento e dos ancestrais, e a folha de estilo é a mesma em todo o site. Uma página tem milhares de
# trechos com o mesmo estilo (cada nome, cada número do realce do código, cada parágrafo), e as
# páginas repetem os estilos umas das outras: o axe mediria cada trecho (26 s num caderno). Cada
# elemento com texto ganha um contexto (tag, classe e o que o estilo próprio diz de cor e fonte, dele
# e dos ancestrais até o artigo); ``ESTILOS_NOVOS`` acha os que nenhuma página visitada antes por este
# processo mostrou e tira o resto do conteúdo da árvore, e o axe mede só esses: cada combinação de estilo do
# site é medida uma vez, na primeira página em que aparece (no claro e no escuro). A página volta
# inteira na carga do celular. As outras regras do axe rodam na página inteira, antes.
ESTILOS_NOVOS = """([vistos, tudo]) => {
  vistos = new Set(vistos);
  const COR = /color|background|opacity|filter|font|text-shadow|visibility|mix-blend|display/;
  // do estilo próprio, só o que muda cores e fonte (o KaTeX dá altura e margem a cada pedaço)
  const cores = (estilo) => (estilo || "").split(";").filter((d) => COR.test(d.split(":")[0])).join(";");
  const contexto = (el) => {
    const partes = [];
    for (let e = el; e && !e.matches("article"); e = e.parentElement)
      partes.push(`${e.tagName}.${e.getAttribute("class")}[${cores(e.getAttribute("style"))}]`);
    return partes.join("<");
  };
  const temTexto = (el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.data.trim());
  const conteudo = document.querySelector(".md-content");
  const novos = [];
  const ficam = new Set([conteudo]);
  for (const el of conteudo.querySelectorAll("*")) {
    if (!temTexto(el)) continue;
    const c = contexto(el);
    if (vistos.has(c)) continue;
    vistos.add(c);
    novos.push(c);
    for (let e = el; e && !ficam.has(e); e = e.parentElement) ficam.add(e);
  }
  // o resto sai da árvore (o axe percorre todo nó do contexto): cada galho vira uma cópia rasa,
  // escondida, que guarda a posição entre os irmãos (nth-child, ~ e + do CSS continuam valendo)
  if (!tudo)
    for (const el of [...conteudo.querySelectorAll("*")])
      if (!ficam.has(el) && ficam.has(el.parentElement)) {
        const vazio = el.cloneNode(false);
        vazio.style.setProperty("display", "none", "important");
        el.replaceWith(vazio);
      }
  return novos;
}"""

# A moldura (cabeçalho, navegação, sumário, rodapé) tem os mesmos estilos em toda página: o contraste
# dela é conferido inteiro, com o conteúdo todo, na página inicial; nas outras, o dos estilos novos.
MOLDURA_CONFERIDA_EM = ""

# violações resumidas no navegador (os detalhes de cada nó ficariam enormes nos cadernos)
AXE = """([contexto, opcoes]) => axe.run(contexto, opcoes).then((r) => r.violations.map((v) =>
  `${v.id} (${v.nodes.length}×): ${v.help} → ` +
  v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")))"""
# O realce do código são milhares de <span> sem papel para as regras do axe fora do contraste (o
# texto, o <pre> que rola e o botão de copiar ficam): o axe percorre cada nó, e metade da página são
# elas. Antes dessas regras, cada <code> de um bloco fica com o texto puro; depois, as <span> voltam
# (o contraste, que depende delas, roda depois).
CODIGO_SEM_REALCE = """() => {
  window.__realce = [...document.querySelectorAll("pre > code")].map((c) => [c, [...c.childNodes]]);
  for (const [c] of window.__realce) c.replaceChildren(document.createTextNode(c.textContent));
}"""
CODIGO_REALCADO = "() => window.__realce.forEach(([c, filhos]) => c.replaceChildren(...filhos))"

# O contraste de cores e o dos links com o texto em volta (link-in-text-block) dependem do estilo: as
# duas regras rodam só nos estilos novos, e não precisam das folhas de estilo que o axe baixa de novo
# a cada rodada (preload: só a regra css-orientation-lock as usa, e ela roda na primeira rodada)
CONTRASTE = {"runOnly": ["color-contrast", "link-in-text-block"], "preload": False}
SEM_CONTRASTE = {
    "resultTypes": ["violations"],
    "rules": {"color-contrast": {"enabled": False}, "link-in-text-block": {"enabled": False}},
}

# O clique no botão de modo escuro (o rótulo visível da paleta), dado na página (o clique do
# Playwright espera a página parar de mexer, 0,2 s; o do leitor está em test_navegador_interacoes.py),
# e o esquema depois dele: o do <body> e o da janela. As cores do Material mudam de esquema com uma
# transição: desligada, o contraste se mede nas cores finais.
CLICAR_NA_PALETA = """() => {
  if (!document.getElementById("sem-transicao"))
    document.head.insertAdjacentHTML("beforeend",
      "<style id=sem-transicao>*, *::before, *::after { transition: none !important }</style>");
  [...document.querySelectorAll("form[data-md-component=palette] label")]
    .find((rotulo) => rotulo.checkVisibility()).click();
  return [document.body.dataset.mdColorScheme, getComputedStyle(document.documentElement).colorScheme];
}"""

# fórmulas sem o HTML do KaTeX; fórmulas sem o CSS dele (em dobro: JS_FORMULAS_EM_DOBRO)
FORMULAS = f"""() => [
  [...document.querySelectorAll(".arithmatex")].filter((e) => !e.querySelector(".katex")).length,
  ({JS_FORMULAS_EM_DOBRO})()]"""


@dataclass
class Visitada:
    """O que uma visita a uma página registrou."""

    status: int | None = None
    erros: list[str] = field(default_factory=list)
    externos: list[str] = field(default_factory=list)
    sem_render: int = 0
    em_dobro: int = 0
    violacoes: list[str] = field(default_factory=list)
    contraste_claro: list[str] = field(default_factory=list)
    contraste_escuro: list[str] = field(default_factory=list)
    estilos_novos: int = 0  # contextos de estilo que o contraste mediu nesta página (veja ESTILOS_NOVOS)
    esquema: tuple = ()  # (data-md-color-scheme, color-scheme da janela) depois do clique
    medidas: dict = field(default_factory=dict)  # "laptop" | "celular" → saída de medir.js


def _esperar_formulas(aba) -> None:
    """O telas.js ajusta as fórmulas largas depois da primeira pintura e das fontes, e marca
    ``data-formulas="ajustadas"`` no ``<body>``."""
    aba.wait_for_function("document.body.dataset.formulas === 'ajustadas'")


def visitar(visita: Visita, url_base: str, caminho: str, fonte_do_axe: str, vistos: set[str]) -> Visitada:
    """A página no laptop (claro e escuro) e no celular, e o que se mede nelas. ``vistos``: os
    contextos de estilo cujo contraste já foi medido (em outras páginas); a visita junta os desta."""
    aba, v = visita.aba, Visitada()
    visita.erros.clear()
    visita.externos.clear()
    if aba.viewport_size != LAPTOP:
        aba.set_viewport_size(LAPTOP)
    # Com duas abas, a que não está na frente tem os temporizadores e os quadros (requestAnimationFrame)
    # segurados pelo Chromium: o telas.js, que ajusta as fórmulas depois da primeira pintura, esperava
    # ~2 s a cada carga. Cada aba vem para a frente antes da sua carga.
    aba.bring_to_front()
    resposta = aba.goto(url_base + caminho, wait_until="load")
    v.status = resposta and resposta.status
    _esperar_formulas(aba)
    v.sem_render, v.em_dobro = aba.evaluate(FORMULAS)
    if caminho in CAPTURAS:
        ARTEFATOS.mkdir(parents=True, exist_ok=True)
        aba.screenshot(path=str(ARTEFATOS / ((caminho.strip("/").replace("/", "_") or "index") + ".png")))
    v.medidas["laptop"] = aba.evaluate(MEDIR, [CODIGO, ZONA_DO_BOTAO])  # abre as soluções recolhidas
    aba.evaluate(fonte_do_axe)
    aba.evaluate(CODIGO_SEM_REALCE)
    v.violacoes = aba.evaluate(AXE, ["html", SEM_CONTRASTE])
    aba.evaluate(CODIGO_REALCADO)

    moldura = caminho == MOLDURA_CONFERIDA_EM
    novos = aba.evaluate(ESTILOS_NOVOS, [sorted(vistos), moldura])
    vistos.update(novos)
    v.estilos_novos = len(novos)
    onde = "html" if moldura else ".md-content"
    v.esquema = tuple(aba.evaluate(CLICAR_NA_PALETA))  # o leitor muda para o modo escuro
    if novos or moldura:
        v.contraste_escuro = aba.evaluate(AXE, [onde, CONTRASTE])
    aba.evaluate(CLICAR_NA_PALETA)
    if novos or moldura:
        v.contraste_claro = aba.evaluate(AXE, [onde, CONTRASTE])

    # o celular noutra aba, numa carga nova (a página inteira): os blocos de código montados guardam
    # a altura que tinham (contain-intrinsic-block-size: auto), e a conta da altura reservada só vale
    # na primeira carga
    celular = visita.celular = getattr(visita, "celular", None) or visita.nova_aba(CELULAR)
    celular.bring_to_front()
    celular.goto(url_base + caminho, wait_until="load")
    _esperar_formulas(celular)
    v.medidas["celular"] = celular.evaluate(MEDIR, [CODIGO, ZONA_DO_BOTAO])
    v.erros, v.externos = list(visita.erros), list(visita.externos)
    return v


@pytest.fixture(scope="session")
def fonte_do_axe(axe) -> str:
    return axe().axe_script


@pytest.fixture(scope="session")
def visitadas(navegador, servidor, fonte_do_axe):
    """``visitadas(caminho)``: a visita à página, feita na primeira vez que um teste pede."""
    visita, vistos = Visita(navegador, servidor), set()
    yield functools.cache(lambda caminho: visitar(visita, servidor.url, caminho, fonte_do_axe, vistos))
    visita.fechar()


def _marcas(caminho: str) -> list:
    outro_caderno = caminho.startswith("examples/") and caminho != CADERNO_DO_MAKE_TEST
    return [pytest.mark.completo] if outro_caderno else []


def parametrizar(caminhos: list[str]):
    """O ``pytest_generate_tests`` de um arquivo que roda os testes abaixo nas ``caminhos``."""
    parametros = [pytest.param(c, marks=_marcas(c)) for c in caminhos]

    def pytest_generate_tests(metafunc):
        if "caminho" in metafunc.fixturenames:
            metafunc.parametrize("caminho", parametros, ids=lambda c: c or "index")

    return pytest_generate_tests


# --- os testes de cada página ------------------------------------------------------------------


def test_carrega_limpa(visitadas, caminho):
    v = visitadas(caminho)
    assert v.status == 200, f"/{caminho}: HTTP {v.status}"
    assert not v.externos, f"/{caminho}: pedidos a outros servidores: {v.externos}"
    assert not v.erros, f"/{caminho}: erros no console: {v.erros}"


def test_matematica_renderizada(visitadas, caminho):
    v = visitadas(caminho)
    assert v.sem_render == 0, f"/{caminho}: {v.sem_render} fórmulas não renderizadas"
    assert v.em_dobro == 0, (
        f"/{caminho}: {v.em_dobro} fórmulas sem o estilo do KaTeX (katex.min.css?): aparecem em dobro"
    )


def test_acessivel(visitadas, caminho):
    """O axe-core inteiro na página; o contraste, nos estilos que ela foi a primeira a mostrar."""
    violacoes = visitadas(caminho).violacoes + visitadas(caminho).contraste_claro
    assert not violacoes, f"/{caminho}: violações de acessibilidade (axe-core):\n" + "\n".join(violacoes)


def test_contraste_no_modo_escuro(visitadas, caminho):
    """O botão de modo escuro escurece a página (e a janela), e o texto se lê nela."""
    v = visitadas(caminho)
    assert v.esquema == ("slate", "dark"), f"/{caminho}: {v.esquema}"
    assert not v.contraste_escuro, f"/{caminho} no modo escuro:\n" + "\n".join(v.contraste_escuro)


def test_nenhum_bloco_de_codigo_transborda_no_laptop(visitadas, caminho):
    transbordos = visitadas(caminho).medidas["laptop"]["transbordos"]
    assert not transbordos, (
        f"/{caminho}: {len(transbordos)} bloco(s) de código transbordam a caixa em 1280×800 "
        "(linhas de no máximo 80 caracteres):\n" + "\n".join(transbordos)
    )


def test_no_celular_so_o_codigo_rola(visitadas, caminho):
    m = visitadas(caminho).medidas["celular"]
    problemas = [f"rola: {r}" for r in m["rolam"]] + [f"fora da tela: {f}" for f in m["foraDaTela"]]
    # o telas.js reduz a fonte de uma fórmula larga até caber; a fórmula deve caber sem isso
    # (quebrada em linhas com aligned/gathered), para ser lida em tamanho cheio
    problemas += [f"fórmula reduzida a {f}" for f in m["formulasReduzidas"]]
    if m["paginaRola"]:
        problemas.append("a página inteira rola na horizontal")
    assert not problemas, f"/{caminho} em 390×844:\n" + "\n".join(problemas[:20])


def test_no_celular_o_botao_de_copiar_nao_cobre_o_codigo(visitadas, caminho):
    """O botão fica por cima do canto do bloco; no celular, um bloco com a primeira ou a segunda
    linha longa desce o código para baixo dele (``data-topo-longo``, extra.css)."""
    cobertos = visitadas(caminho).medidas["celular"]["cobertos"]
    assert not cobertos, f"/{caminho} em 390×844: o botão de copiar cobre o código:\n" + "\n".join(cobertos)


def test_blocos_longe_da_tela_reservam_a_altura_certa(visitadas, caminho):
    """Sem salto ao rolar nem âncoras fora do lugar: a altura reservada é a do bloco montado."""
    for tela, m in visitadas(caminho).medidas.items():
        diferenca = m["alturaMontada"] - m["alturaReservada"]
        assert abs(diferenca) <= 4, (
            f"/{caminho} ({tela}): montar os blocos de código muda a altura da página em "
            f"{diferenca} px (a conta de --linhas no extra.css não bate com a altura real)"
        )


def test_imagens_com_tamanho_alt_e_carga_preguicosa(visitadas, caminho):
    medidas = visitadas(caminho).medidas
    problemas = []
    for tela, tamanho in (("laptop", LAPTOP), ("celular", CELULAR)):
        for img in medidas[tela]["imagens"]:
            # na primeira tela, carga imediata (lazy atrasa o que o leitor vê); bem abaixo, lazy
            if img["topo"] < tamanho["height"] and img["loading"] == "lazy":
                problemas.append(f"{img['src']}: na 1ª tela do {tela} ({img['topo']:.0f} px) com lazy")
            if img["topo"] > 1.5 * tamanho["height"] and img["loading"] != "lazy":
                problemas.append(f"{img['src']}: a {img['topo']:.0f} px no {tela} sem loading=lazy")
    m = medidas["laptop"]
    for img in m["imagens"]:
        if not (img["largura"] and img["altura"]):
            problemas.append(f"{img['src']}: sem width/height (a página pula ao carregar)")
        if not img["alt"] or img["alt"].startswith("No description"):
            problemas.append(f"{img['src']}: sem texto alternativo de verdade ({img['alt']!r})")
    assert m["quebraTudo"] == 0, f"/{caminho}: {m['quebraTudo']} bloco(s) com word-break: break-all"
    assert not problemas, f"/{caminho}:\n" + "\n".join(problemas)


class _Ids(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        atributos = dict(attrs)
        self.ids.update(filter(None, [atributos.get("id"), tag == "a" and atributos.get("name")]))


@functools.cache
def _ids_da_pagina(endereco: str) -> frozenset[str] | None:
    """Os ids do HTML servido em ``endereco`` (``None`` se a página não existe)."""
    try:
        with urllib.request.urlopen(endereco) as resposta:
            texto = resposta.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError:
        return None
    leitor = _Ids()
    leitor.feed(texto if "html" in resposta.headers.get("Content-Type", "") else "")
    return frozenset(leitor.ids)


def test_links_internos_resolvem(visitadas, servidor, caminho):
    """Cada link para o próprio site leva a uma página que existe e, com âncora, a um id dela."""
    m = visitadas(caminho).medidas["laptop"]
    mortos = []
    for link in sorted(set(m["links"])):
        if not link.startswith(servidor.url):
            continue
        endereco, ancora = urldefrag(link)
        ids = set(m["ids"]) if endereco == servidor.url + caminho else _ids_da_pagina(endereco)
        if ids is None:
            mortos.append(f"/{caminho} → /{endereco[len(servidor.url) :]}: não existe")
        elif ancora and ancora not in ids:
            mortos.append(f"/{caminho} → /{endereco[len(servidor.url) :]}#{ancora}: âncora inexistente")
    assert not mortos, f"{len(mortos)} link(s) interno(s) quebrado(s):\n" + "\n".join(mortos)


METADES = (CAMINHOS[0::2], CAMINHOS[1::2])  # intercaladas: os cadernos (os mais caros) se dividem


if __name__ == "__main__":
    import sys

    from playwright.sync_api import sync_playwright

    from curso.site_local import ServidorLocal
    from tests.site.navegador import CHROMIUM, OPCOES_CHROMIUM

    with ServidorLocal(Path(sys.argv[1])) as servidor, sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=OPCOES_CHROMIUM)
        from axe_playwright_python.sync_playwright import Axe

        visita = Visita(navegador, servidor)
        vistos: set[str] = set()
        resultado = {c: visitar(visita, servidor.url, c, Axe().axe_script, vistos) for c in CAMINHOS}
        navegador.close()
    for tela in ("laptop", "celular"):
        total = sum(len(v.medidas[tela]["transbordos"]) for v in resultado.values())
        blocos = sum(v.medidas[tela]["blocos"] for v in resultado.values())
        print(f"{tela}: {total} de {blocos} blocos de código transbordam")
        for caminho, v in resultado.items():
            m = v.medidas[tela]
            if m["transbordos"] or m["rolam"] or m["foraDaTela"]:
                print(
                    f"  /{caminho}: {len(m['transbordos'])} código, {len(m['rolam'])} rolam, "
                    f"{len(m['foraDaTela'])} fora da tela"
                )
