// Medidas de uma página no Chromium (tests/site/paginas_no_navegador.py): blocos de código, o que
// rola ou sai da tela, imagens, ids e links, fórmulas reduzidas. Avaliada com page.evaluate().
([codigo, zonaDoBotao]) => {
  const resumoDoBloco = (el) => (el.innerText || "").trim().split("\n")[0].slice(0, 50);
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
        if (/\s/.test(no.data[i])) continue;
        trecho.setStart(no, i);
        trecho.setEnd(no, i + 1);
        if ([...trecho.getClientRects()].some(dentro)) achado = no.data.slice(Math.max(0, i - 12), i + 12);
      }
    }
    if (achado) cobertos.push(`${resumoDoBloco(bloco)} → "${achado.trim()}"`);
  }
  montar.remove();
  const resumo = (el) => (el.innerText || "").trim().split("\n")[0].slice(0, 50);
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
}
