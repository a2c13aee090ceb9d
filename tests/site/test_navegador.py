"""As verificações de ``tests/site/paginas_no_navegador.py`` podem falhar: fórmulas em dobro (de
``test_matematica_renderizada``) e o contraste medido só nos estilos novos de cada página. A
infraestrutura está em ``tests/site/navegador.py``."""

import pytest

from tests.site.navegador import JS_FORMULAS_EM_DOBRO, Visita
from tests.site.paginas_no_navegador import ESTILOS_NOVOS, visitar
from tests.site.paginas_no_navegador import fonte_do_axe as fonte_do_axe  # a fixture

pytestmark = pytest.mark.lento


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


def test_contraste_mede_os_estilos_novos_de_uma_pagina_depois_de_outra(navegador, servidor, fonte_do_axe):
    """O contraste de cada página mede só os estilos que as anteriores não tinham, com o resto do
    conteúdo escondido (``ESTILOS_NOVOS``): texto claro demais plantado nesses estilos é achado."""
    vistos: set[str] = set()
    v = Visita(navegador, servidor)
    try:
        v.aba.goto(servidor.url + "desempenho/", wait_until="load")
        vistos.update(v.aba.evaluate(ESTILOS_NOVOS, [[], False]))
        # o leitor vê texto cinza-claro sobre branco em toda a página seguinte
        v.contexto.add_init_script(
            "document.addEventListener('DOMContentLoaded', () => document.head.insertAdjacentHTML("
            "'beforeend', '<style>.md-typeset * { color: #ddd !important }</style>'))"
        )
        visitada = visitar(v, servidor.url, "fundamentos/pytorch/", fonte_do_axe, vistos)
    finally:
        v.fechar()
    assert 0 < visitada.estilos_novos < len(vistos)
    assert any(r.startswith("color-contrast") for r in visitada.contraste_claro), visitada.contraste_claro
