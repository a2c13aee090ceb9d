// Ler bem em qualquer tela (issue 13): fórmulas em destaque que não cabem na coluna (no celular)
// têm a fonte reduzida até caber, em vez de obrigar o leitor a rolar de lado.
// Roda depois do extra.js (que renderiza a matemática), a cada página e quando a janela muda.
(() => {
  const MINIMO = 0.5; // abaixo disso a fórmula fica ilegível: melhor rolar

  function ajustarFormulas(raiz) {
    raiz.querySelectorAll(".md-typeset div.arithmatex .katex-display").forEach((el) => {
      el.style.fontSize = "";
      const caixa = el.closest("div.arithmatex");
      // a largura não é exatamente proporcional à fonte: reduz em até 4 passos
      let escala = 1;
      for (let passo = 0; passo < 4 && caixa.scrollWidth > caixa.clientWidth + 1; passo++) {
        escala = Math.max(MINIMO, (escala * (caixa.clientWidth - 2)) / caixa.scrollWidth);
        el.style.fontSize = `${Math.floor(escala * 100)}%`;
        if (escala === MINIMO) break;
      }
    });
  }

  let pendente = null;
  document$.subscribe(({ body }) => {
    ajustarFormulas(body);
    // as fontes do KaTeX chegam depois: mede de novo quando estiverem prontas
    document.fonts.ready.then(() => ajustarFormulas(document.body));
    window.addEventListener("resize", () => {
      clearTimeout(pendente);
      pendente = setTimeout(() => ajustarFormulas(document.body), 150);
    });
  });
})();
