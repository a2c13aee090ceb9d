// Ler bem em qualquer tela (issue 13): fórmulas em destaque que não cabem na coluna (no celular)
// têm a fonte reduzida até caber, em vez de obrigar o leitor a rolar de lado.
// Roda depois do extra.js (que renderiza a matemática), a cada página e quando a janela muda.
(() => {
  const MINIMO = 0.55; // abaixo disso a fórmula fica ilegível: melhor rolar

  function ajustarFormulas(raiz) {
    raiz.querySelectorAll(".md-typeset div.arithmatex .katex-display").forEach((el) => {
      el.style.fontSize = "";
      const caixa = el.closest("div.arithmatex");
      const largura = caixa.clientWidth;
      const necessaria = el.scrollWidth;
      if (necessaria > largura + 1) {
        const escala = Math.max(MINIMO, (largura - 2) / necessaria);
        el.style.fontSize = `${Math.floor(escala * 100)}%`;
      }
    });
  }

  let pendente = null;
  document$.subscribe(({ body }) => {
    ajustarFormulas(body);
    window.addEventListener("resize", () => {
      clearTimeout(pendente);
      pendente = setTimeout(() => ajustarFormulas(document.body), 150);
    });
  });
})();
