// Ler bem em qualquer tela (issue 13): fórmulas em destaque que não cabem na coluna (no celular)
// têm a fonte reduzida até caber, em vez de obrigar o leitor a rolar de lado.
// As fórmulas chegam prontas do build (hooks/posprocesso.py); roda a cada página e quando a janela muda.
(() => {
  const MINIMO = 0.5; // abaixo disso a fórmula fica ilegível: melhor rolar

  // Lê as larguras de todas as fórmulas e só depois escreve os tamanhos: ler depois de cada
  // escrita obrigaria o navegador a refazer o layout da página uma vez por fórmula.
  function ajustarFormulas(raiz) {
    const formulas = [...raiz.querySelectorAll(".md-typeset div.arithmatex .katex-display")].map(
      (el) => ({ el, caixa: el.closest("div.arithmatex"), escala: 1 }),
    );
    formulas.forEach((f) => (f.el.style.fontSize = ""));
    // a largura não é exatamente proporcional à fonte: reduz em até 4 passos
    let largas = formulas;
    for (let passo = 0; passo < 4 && largas.length; passo++) {
      const medidas = largas.map((f) => [f, f.caixa.scrollWidth, f.caixa.clientWidth]);
      largas = [];
      for (const [f, largura, cabe] of medidas) {
        if (largura <= cabe + 1 || f.escala === MINIMO) continue;
        f.escala = Math.max(MINIMO, (f.escala * (cabe - 2)) / largura);
        f.el.style.fontSize = `${Math.floor(f.escala * 100)}%`;
        largas.push(f);
      }
    }
  }

  let pendente = null;
  // Mede depois da primeira pintura, quando o layout já está pronto: medir durante a carga obriga
  // o navegador a refazer o layout da página inteira (o Lighthouse no celular contava ~300 ms).
  const depoisDaPintura = (f) => requestAnimationFrame(() => setTimeout(f));
  document$.subscribe(({ body }) => {
    depoisDaPintura(() => ajustarFormulas(body));
    // as fontes do KaTeX chegam depois: mede de novo quando estiverem prontas (e avisa os testes)
    document.fonts.ready.then(() =>
      depoisDaPintura(() => {
        ajustarFormulas(document.body);
        document.body.dataset.formulas = "ajustadas";
      }),
    );
    window.addEventListener("resize", () => {
      clearTimeout(pendente);
      pendente = setTimeout(() => ajustarFormulas(document.body), 150);
    });
  });
})();
