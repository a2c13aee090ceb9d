// Executado a cada página (inclusive na navegação instantânea do Material).
document$.subscribe(({ body }) => {
  // Matemática: $...$ e $$...$$ marcados pelo arithmatex, renderizados pelo KaTeX servido pelo próprio site.
  renderMathInElement(body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
  });
  // Acessibilidade: cada barra de ações de bloco de código ganha um nome próprio (landmarks únicos)
  body.querySelectorAll("nav.md-code__nav").forEach((nav, i) => {
    nav.setAttribute("aria-label", `Ações do bloco de código ${i + 1}`);
  });
  // Acessibilidade: regiões roláveis (saídas longas dos cadernos) alcançáveis pelo teclado
  const rolaveis = ".highlight-ipynb, .jp-OutputArea-output pre, .jp-RenderedText pre";
  body.querySelectorAll(rolaveis).forEach((el) => {
    if (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight) el.tabIndex = 0;
  });
  // fórmulas em destaque podem rolar na horizontal em telas estreitas
  body.querySelectorAll("div.arithmatex").forEach((el) => (el.tabIndex = 0));
});
