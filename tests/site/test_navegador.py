"""Toda página do site, aberta no Chromium: carrega limpa, sem pedidos a terceiros, com a matemática
renderizada e sem violações do axe-core. A infraestrutura está em ``tests/site/navegador.py``."""

import pytest

from tests.site.navegador import ARTEFATOS, CAMINHOS, JS_FORMULAS_EM_DOBRO, Visita

pytestmark = pytest.mark.lento

# páginas fotografadas (artefatos/capturas/): o início, uma de cada capítulo, um caderno e o desempenho
CAPTURAS = {
    "",
    "fundamentos/aproximacao-universal/",
    "redes/ativacoes/",
    "treinamento/otimizacao/",
    "convolucionais/lenet/",
    "alem/armadilhas/",
    "examples/01_fundamentos/",
    "desempenho/",
}


def conferir_pagina(visita, servidor, axe, caminho):
    aba = visita.aba
    resposta = aba.goto(servidor.url + caminho, wait_until="load")
    assert resposta is not None and resposta.ok, f"{caminho}: HTTP {resposta and resposta.status}"
    assert not visita.externos, f"{caminho}: pedidos a outros servidores: {visita.externos}"
    assert not visita.erros, f"{caminho}: erros no console: {visita.erros}"
    # matemática: todo trecho marcado pelo arithmatex virou KaTeX
    sem_render = aba.evaluate(
        "[...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex')).length"
    )
    assert sem_render == 0, f"{caminho}: {sem_render} fórmulas não renderizadas"
    em_dobro = aba.evaluate(JS_FORMULAS_EM_DOBRO)
    assert em_dobro == 0, (
        f"{caminho}: {em_dobro} fórmulas sem o estilo do KaTeX (katex.min.css?): aparecem em dobro"
    )
    # resultTypes: só as violações vêm com detalhes (mais rápido; o resultado é o mesmo)
    violacoes = axe().run(aba, options={"resultTypes": ["violations"]}).response["violations"]
    resumo = [f"{v['id']} ({len(v['nodes'])}×): {v['help']}" for v in violacoes]
    assert not resumo, f"{caminho}: violações de acessibilidade (axe-core):\n" + "\n".join(resumo)
    if caminho in CAPTURAS:
        ARTEFATOS.mkdir(parents=True, exist_ok=True)
        nome = (caminho.strip("/").replace("/", "_") or "index") + ".png"
        aba.screenshot(path=str(ARTEFATOS / nome))


# As páginas se dividem entre este arquivo e test_navegador_2.py: com `--dist loadfile`, cada arquivo
# vai para um processo do pytest, e as duas metades rodam ao mesmo tempo (cada uma com o seu Chromium).
@pytest.mark.parametrize("caminho", CAMINHOS[: len(CAMINHOS) // 2], ids=lambda c: c or "index")
def test_pagina_carrega_limpa_com_matematica_e_acessivel(visita, servidor, axe, caminho):
    conferir_pagina(visita, servidor, axe, caminho)


def test_sem_o_css_do_katex_as_formulas_aparecem_em_dobro(navegador, servidor):
    """A verificação acima pode falhar: sem o katex.min.css, ela conta as fórmulas em dobro."""
    v = Visita(navegador, servidor)
    try:
        v.contexto.route("**/katex.min.css", lambda rota: rota.abort())
        v.aba.goto(servidor.url + "fundamentos/aproximacao-universal/", wait_until="load")
        assert v.aba.evaluate("document.querySelectorAll('.katex').length") > 0
        assert v.aba.evaluate(JS_FORMULAS_EM_DOBRO) > 0
    finally:
        v.fechar()
