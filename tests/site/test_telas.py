"""Ler bem em qualquer tela (issue 13), medido no Chromium em toda página do site construído.

- Laptop (1280×800): nenhum bloco de código transborda a sua caixa (nada de rolar para ler o fim
  de uma linha).
- Celular (390×844): o código pode rolar dentro da caixa, mas nada mais rola na horizontal nem sai
  da tela: tabelas e fórmulas se adaptam.
- Todo link interno (âncoras inclusive) leva a uma página e a um id que existem.
- Imagens com largura e altura, texto alternativo de verdade, carga imediata na primeira tela e
  ``loading="lazy"`` bem abaixo dela; nos cadernos, nenhuma quebra no meio de palavras.
- A busca perdoa a falta de acentos e põe a página que ensina o termo entre as três primeiras, sem
  LaTeX cru nem "¶" nos resultados.

A infraestrutura (site construído, servidor local, Chromium) está em ``tests/site/navegador.py``.
``python -m tests.site.test_telas`` imprime as contagens de transbordo de um site já construído.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from tests.site.navegador import CAMINHOS, OPCOES_CHROMIUM, digitar_busca

pytestmark = pytest.mark.lento

LAPTOP = {"width": 1280, "height": 800}
CELULAR = {"width": 390, "height": 844}

# blocos de código que podem rolar: o <code> das lições; nos cadernos, a caixa do código de entrada
# e o <pre> das saídas
CODIGO = ".md-content pre > code, .md-content .highlight-ipynb, .md-content .jp-RenderedText pre"

MEDIR = """([codigo, zonaDoBotao]) => {
  const resumoDoBloco = (el) => (el.innerText || "").trim().split("\\n")[0].slice(0, 50);
  // blocos de código longe da tela não são montados (content-visibility: auto) e reservam a altura
  // estimada pelo número de linhas (extra.css): montar todos não pode mudar a altura da página
  const alturaReservada = document.documentElement.scrollHeight;
  // as imagens medidas antes de montar os blocos e abrir as soluções: a página como ela carrega
  const imagens = [...document.querySelectorAll(".md-content img")].map((img) => ({
    src: img.getAttribute("src").slice(0, 60),
    alt: img.getAttribute("alt"),
    largura: img.getAttribute("width"),
    altura: img.getAttribute("height"),
    loading: img.getAttribute("loading"),
    topo: img.getBoundingClientRect().top + scrollY,
  }));
  const montar = document.createElement("style");
  montar.textContent = ".md-typeset .highlight > pre { content-visibility: visible !important }";
  document.head.append(montar);
  const alturaMontada = document.documentElement.scrollHeight;
  montar.remove();
  // soluções recolhidas (??? "Solução") também contam: abre todas antes de medir
  document.querySelectorAll(".md-content details").forEach((d) => (d.open = true));
  // o botão de copiar fica no canto de cima, à direita, de cada bloco (ZONA_DO_BOTAO em de lado):
  // nenhum caractere do código pode ficar embaixo dele (com os blocos montados e as soluções abertas)
  document.head.append(montar);
  const cobertos = [];
  const trecho = document.createRange();
  for (const bloco of document.querySelectorAll(".md-content div.highlight")) {
    const code = bloco.querySelector("pre > code");
    if (!code) continue;
    const c = bloco.getBoundingClientRect();
    const lado = zonaDoBotao * parseFloat(getComputedStyle(code).fontSize);
    const zona = { left: c.right - lado, top: c.top, right: c.right, bottom: c.top + lado };
    const dentro = (r) =>
      r.right > zona.left && r.left < zona.right && r.bottom > zona.top && r.top < zona.bottom;
    const nos = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    let achado = null;
    while (!achado && nos.nextNode()) {
      const no = nos.currentNode;
      trecho.selectNodeContents(no);
      if (!dentro(trecho.getBoundingClientRect())) continue;
      for (let i = 0; i < no.length && !achado; i++) {
        if (/\\s/.test(no.data[i])) continue;
        trecho.setStart(no, i);
        trecho.setEnd(no, i + 1);
        if ([...trecho.getClientRects()].some(dentro)) achado = no.data.slice(Math.max(0, i - 12), i + 12);
      }
    }
    if (achado) cobertos.push(`${resumoDoBloco(bloco)} → "${achado.trim()}"`);
  }
  montar.remove();
  const resumo = (el) => (el.innerText || "").trim().split("\\n")[0].slice(0, 50);
  const ehCodigo = (el) => el.closest("pre, code, .highlight, .highlight-ipynb") !== null;
  const largura = document.documentElement.clientWidth;
  const transbordos = [...document.querySelectorAll(codigo)]
    .filter((el) => el.scrollWidth - el.clientWidth > 1)
    .map((el) => `+${el.scrollWidth - el.clientWidth} px: ${resumo(el)}`);
  const rolam = [];
  const foraDaTela = [];
  // só as medidas geométricas (baratas depois do layout) decidem quem merece getComputedStyle
  for (const el of document.querySelectorAll(".md-content *")) {
    const sobra = el.scrollWidth - el.clientWidth > 1;
    const r = el.getBoundingClientRect();
    if (!sobra && r.right <= largura + 1) continue;
    if (ehCodigo(el)) continue;
    if (r.width === 0 && r.height === 0) continue;
    if (sobra && ["auto", "scroll"].includes(getComputedStyle(el).overflowX)) {
      rolam.push(`<${el.tagName.toLowerCase()} class="${el.className}">: ` +
        `+${el.scrollWidth - el.clientWidth} px: ${resumo(el)}`);
    }
    if (r.right <= largura + 1) continue;
    let rolagem = el.parentElement;
    while (rolagem && !["auto", "scroll", "hidden"].includes(getComputedStyle(rolagem).overflowX))
      rolagem = rolagem.parentElement;
    if (r.right > largura + 1 && (!rolagem || rolagem.contains(document.querySelector(".md-content"))))
      foraDaTela.push(`<${el.tagName.toLowerCase()}> até ${Math.round(r.right)} px: ${resumo(el)}`);
  }
  const ids = [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.name);
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.href);

  // fórmulas que o telas.js precisou reduzir para caber (legíveis só em tamanho cheio)
  const formulasReduzidas = [...document.querySelectorAll(".md-content .katex-display")]
    .filter((k) => k.style.fontSize)
    .map((k) => `${k.style.fontSize}: ${k.querySelector("annotation")?.textContent.trim().slice(0, 50)}`);
  const quebraTudo = [...document.querySelectorAll(".md-content pre, .md-content pre *")]
    .filter((el) => getComputedStyle(el).wordBreak === "break-all").length;
  return {
    blocos: document.querySelectorAll(codigo).length,
    transbordos, rolam, foraDaTela, ids, links, imagens, quebraTudo, alturaReservada, alturaMontada, cobertos,
    formulasReduzidas,
    paginaRola: document.documentElement.scrollWidth > largura,
  };
}"""


# O botão de copiar do Material: um quadrado no canto de cima, à direita, do bloco, medido na fonte
# do código (.md-code__nav: 0,25em da borda e 1,5em mais 0,4rem de lado, 2,6em no total com a fonte
# de 13,6 px; num bloco dentro de uma admonição, a fonte e o botão encolhem juntos):
# test_zona_do_botao_de_copiar confere no Chromium.
ZONA_DO_BOTAO = 2.65


def _contexto(navegador, viewport):
    contexto = navegador.new_context(viewport=viewport)

    def filtrar(rota):
        local = urlparse(rota.request.url).hostname in ("127.0.0.1", "localhost")
        rota.continue_() if local else rota.abort()

    contexto.route("**/*", filtrar)
    return contexto


def medir_site(navegador, url_base: str, caminhos: list[str]) -> dict:
    """``{(caminho, "laptop"|"celular"): medidas}`` de cada página nos dois tamanhos de tela."""
    medidas = {}
    for nome, viewport in (("laptop", LAPTOP), ("celular", CELULAR)):
        contexto = _contexto(navegador, viewport)
        aba = contexto.new_page()
        for caminho in caminhos:
            aba.goto(url_base + caminho, wait_until="load")
            # o telas.js ajusta as fórmulas largas depois da primeira pintura e das fontes
            aba.wait_for_function("document.body.dataset.formulas === 'ajustadas'")
            medidas[caminho, nome] = aba.evaluate(MEDIR, [CODIGO, ZONA_DO_BOTAO])
        contexto.close()
    return medidas


@pytest.fixture(scope="module")
def medidas(navegador, servidor):
    return medir_site(navegador, servidor.url, CAMINHOS)


_ids = {"ids": lambda c: c or "index"}


@pytest.mark.parametrize("caminho", CAMINHOS, **_ids)
def test_nenhum_bloco_de_codigo_transborda_no_laptop(medidas, caminho):
    transbordos = medidas[caminho, "laptop"]["transbordos"]
    assert not transbordos, (
        f"/{caminho}: {len(transbordos)} bloco(s) de código transbordam a caixa em 1280×800 "
        "(linhas de no máximo 80 caracteres):\n" + "\n".join(transbordos)
    )


@pytest.mark.parametrize("caminho", CAMINHOS, **_ids)
def test_no_celular_so_o_codigo_rola(medidas, caminho):
    m = medidas[caminho, "celular"]
    problemas = [f"rola: {r}" for r in m["rolam"]] + [f"fora da tela: {f}" for f in m["foraDaTela"]]
    # o telas.js reduz a fonte de uma fórmula larga até caber; a fórmula deve caber sem isso
    # (quebrada em linhas com aligned/gathered), para ser lida em tamanho cheio
    problemas += [f"fórmula reduzida a {f}" for f in m["formulasReduzidas"]]
    if m["paginaRola"]:
        problemas.append("a página inteira rola na horizontal")
    assert not problemas, f"/{caminho} em 390×844:\n" + "\n".join(problemas[:20])


@pytest.mark.parametrize("caminho", CAMINHOS, **_ids)
def test_no_celular_o_botao_de_copiar_nao_cobre_o_codigo(medidas, caminho):
    """O botão fica por cima do canto do bloco; no celular, um bloco com a primeira ou a segunda
    linha longa desce o código para baixo dele (``data-topo-longo``, extra.css)."""
    cobertos = medidas[caminho, "celular"]["cobertos"]
    assert not cobertos, f"/{caminho} em 390×844: o botão de copiar cobre o código:\n" + "\n".join(cobertos)


def test_zona_do_botao_de_copiar(navegador, servidor):
    """O botão de copiar de verdade (criado quando o bloco aparece, content.lazy) cabe na zona que
    o teste acima supõe, no celular e no laptop, num bloco solto e num dentro de uma solução."""
    casos = [
        ("fundamentos/tensores/", "article div.highlight"),
        ("alem/exercicios/", "article details div.highlight"),
    ]
    for viewport in (CELULAR, LAPTOP):
        contexto = _contexto(navegador, viewport)
        try:
            aba = contexto.new_page()
            for caminho, seletor in casos:
                aba.goto(servidor.url + caminho, wait_until="networkidle")
                aba.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
                bloco = aba.locator(seletor).nth(2)
                bloco.scroll_into_view_if_needed()
                botao = bloco.locator("button[data-md-type=copy]")
                botao.wait_for(state="attached")
                b, c = botao.bounding_box(), bloco.bounding_box()
                fonte = bloco.locator("pre > code").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                lado = ZONA_DO_BOTAO * float(fonte)
                assert c["x"] + c["width"] - lado <= b["x"] and b["x"] + b["width"] <= c["x"] + c["width"], (
                    b,
                    c,
                )
                assert c["y"] <= b["y"] and b["y"] + b["height"] <= c["y"] + lado, (
                    caminho,
                    viewport,
                    b,
                    c,
                    lado,
                )
        finally:
            contexto.close()


@pytest.mark.parametrize("caminho", CAMINHOS, **_ids)
def test_blocos_longe_da_tela_reservam_a_altura_certa(medidas, caminho):
    """Sem salto ao rolar nem âncoras fora do lugar: a altura reservada é a do bloco montado."""
    for tela in ("laptop", "celular"):
        m = medidas[caminho, tela]
        diferenca = m["alturaMontada"] - m["alturaReservada"]
        assert abs(diferenca) <= 4, (
            f"/{caminho} ({tela}): montar os blocos de código muda a altura da página em "
            f"{diferenca} px (a conta de --linhas no extra.css não bate com a altura real)"
        )


def test_links_internos_resolvem(medidas, servidor):
    ids_por_pagina = {caminho: set(m["ids"]) for (caminho, tela), m in medidas.items()}
    existe: dict[str, bool] = {}
    mortos = []
    for (origem, tela), m in medidas.items():
        if tela != "laptop":
            continue
        for link in sorted(set(m["links"])):
            if not link.startswith(servidor.url):
                continue
            endereco, ancora = urldefrag(link)
            caminho = endereco[len(servidor.url) :]
            if caminho in ids_por_pagina:
                if ancora and ancora not in ids_por_pagina[caminho]:
                    mortos.append(f"/{origem} → /{caminho}#{ancora}: âncora inexistente")
                continue
            if endereco not in existe:
                try:
                    with urllib.request.urlopen(urllib.request.Request(endereco, method="HEAD")):
                        existe[endereco] = True
                except urllib.error.HTTPError:
                    existe[endereco] = False
            if not existe[endereco]:
                mortos.append(f"/{origem} → /{caminho}: não existe")
    assert not mortos, f"{len(mortos)} link(s) interno(s) quebrado(s):\n" + "\n".join(mortos)


@pytest.mark.parametrize("caminho", CAMINHOS, **_ids)
def test_imagens_com_tamanho_alt_e_carga_preguicosa(medidas, caminho):
    m = medidas[caminho, "laptop"]
    problemas = []
    for tela, tamanho in (("laptop", LAPTOP), ("celular", CELULAR)):
        for img in medidas[caminho, tela]["imagens"]:
            # na primeira tela, carga imediata (lazy atrasa o que o leitor vê); bem abaixo, lazy
            if img["topo"] < tamanho["height"] and img["loading"] == "lazy":
                problemas.append(f"{img['src']}: na 1ª tela do {tela} ({img['topo']:.0f} px) com lazy")
            if img["topo"] > 1.5 * tamanho["height"] and img["loading"] != "lazy":
                problemas.append(f"{img['src']}: a {img['topo']:.0f} px no {tela} sem loading=lazy")
    for img in m["imagens"]:
        if not (img["largura"] and img["altura"]):
            problemas.append(f"{img['src']}: sem width/height (a página pula ao carregar)")
        if not img["alt"] or img["alt"].startswith("No description"):
            problemas.append(f"{img['src']}: sem texto alternativo de verdade ({img['alt']!r})")
    assert m["quebraTudo"] == 0, f"/{caminho}: {m['quebraTudo']} bloco(s) com word-break: break-all"
    assert not problemas, f"/{caminho}:\n" + "\n".join(problemas)


# consulta (como o leitor digita, sem acento) → página que ensina o termo (a do glossário)
BUSCAS = [
    ("convolucao", "convolucionais/convolucao-1d/"),
    ("retropropagacao", "treinamento/retropropagacao/"),
    ("gradiente", "treinamento/otimizacao/"),
    ("tensor", "fundamentos/tensores/"),
    ("entropia cruzada", "treinamento/funcoes-de-perda/"),
    ("ativacao", "redes/ativacoes/"),
    ("validacao", "treinamento/treino-e-validacao/"),
]


# LaTeX cru: \( \[ $ ou um comando como \frac (o \n de um código não conta)
LATEX = re.compile(r"\\[(\[]|\\[a-zA-Z]{2,}|\$")


@pytest.mark.parametrize("consulta, esperado", BUSCAS)
def test_busca_sem_acento_acha_a_licao(visita, servidor, consulta, esperado):
    aba = visita.aba
    if not aba.url.startswith(servidor.url):
        aba.goto(servidor.url, wait_until="networkidle")
    aba.click("input.md-search__input")
    digitar_busca(aba, consulta)
    paginas = aba.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
    )
    # uma página por resultado, na ordem (os links levam ?h=termo e #seção)
    paginas = list(
        dict.fromkeys(urljoin(aba.url, p).split("#")[0].split("?")[0][len(servidor.url) :] for p in paginas)
    )
    textos = aba.eval_on_selector_all(".md-search-result__item", "els => els.map(e => e.innerText)")
    aba.locator("input.md-search__input").fill("")
    assert esperado in paginas[:3], f"{consulta!r}: {esperado} fora das três primeiras: {paginas[:8]}"
    crus = [t[:80] for t in textos if "¶" in t or LATEX.search(t)]
    assert not crus, f"{consulta!r}: LaTeX cru ou ¶ nos resultados: {crus}"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from curso.site_local import ServidorLocal
    from tests.site.navegador import CHROMIUM

    with ServidorLocal(Path(sys.argv[1])) as servidor, sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=OPCOES_CHROMIUM)
        resultado = medir_site(navegador, servidor.url, CAMINHOS)
        navegador.close()
    import json

    destino = Path("artefatos") / f"telas_{Path(sys.argv[1]).name}.json"
    destino.parent.mkdir(exist_ok=True)
    destino.write_text(json.dumps({f"{c}|{t}": m for (c, t), m in resultado.items()}, indent=1))
    for tela in ("laptop", "celular"):
        total = sum(len(m["transbordos"]) for (c, t), m in resultado.items() if t == tela)
        blocos = sum(m["blocos"] for (c, t), m in resultado.items() if t == tela)
        outros = sum(len(m["rolam"]) + len(m["foraDaTela"]) for (c, t), m in resultado.items() if t == tela)
        print(
            f"{tela}: {total} de {blocos} blocos de código transbordam; {outros} outros elementos rolam/saem"
        )
        for caminho in CAMINHOS:
            m = resultado[caminho, tela]
            if m["transbordos"] or m["rolam"] or m["foraDaTela"]:
                print(
                    f"  /{caminho}: {len(m['transbordos'])} código, {len(m['rolam'])} rolam, "
                    f"{len(m['foraDaTela'])} fora da tela"
                )
