"""A verificação das fórmulas em dobro (de ``test_matematica_renderizada``, em
``tests/site/paginas_no_navegador.py``) pode falhar. A infraestrutura está em ``tests/site/navegador.py``."""

import pytest

from tests.site.navegador import JS_FORMULAS_EM_DOBRO, Visita

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
