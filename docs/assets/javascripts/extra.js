// Executado a cada página (inclusive na navegação instantânea do Material).
document$.subscribe(({ body }) => {
  // Acessibilidade: cada barra de ações de bloco de código ganha um nome próprio (landmarks
  // únicos). Com content.lazy, o Material só cria a barra quando o bloco aparece na tela: um
  // MutationObserver nomeia as barras à medida que surgem, pela posição do bloco na página.
  const nomear = (nav) => {
    const ordem = [...body.querySelectorAll("article pre")].indexOf(nav.closest("pre")) + 1;
    nav.setAttribute("aria-label", `Ações do bloco de código ${ordem}`);
  };
  body.querySelectorAll("nav.md-code__nav").forEach(nomear);
  new MutationObserver((mudancas) => {
    for (const mudanca of mudancas)
      for (const no of mudanca.addedNodes) if (no.matches?.("nav.md-code__nav")) nomear(no);
  }).observe(body, { childList: true, subtree: true });
  // Acessibilidade: regiões roláveis (saídas longas dos cadernos) alcançáveis pelo teclado.
  // Mede todas antes de mudar alguma (um layout só).
  const rolaveis = ".highlight-ipynb, .jp-OutputArea-output pre, .jp-RenderedText pre";
  [...body.querySelectorAll(rolaveis)]
    .filter((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight)
    .forEach((el) => (el.tabIndex = 0));
});
