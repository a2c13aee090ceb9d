"""Metade das páginas do site no Chromium, uma visita por página (a outra em
``test_paginas_no_navegador_2.py``; os testes e a visita estão em ``tests/site/paginas_no_navegador.py``).
Com ``--dist loadfile``, cada arquivo vai para um processo do pytest, e as metades rodam ao mesmo tempo."""

import pytest

from tests.site.paginas_no_navegador import (  # noqa: F401 (fixtures e testes, parametrizados abaixo)
    METADES,
    fonte_do_axe,
    parametrizar,
    test_acessivel,
    test_blocos_longe_da_tela_reservam_a_altura_certa,
    test_carrega_limpa,
    test_contraste_no_modo_escuro,
    test_imagens_com_tamanho_alt_e_carga_preguicosa,
    test_links_internos_resolvem,
    test_matematica_renderizada,
    test_nenhum_bloco_de_codigo_transborda_no_laptop,
    test_no_celular_o_botao_de_copiar_nao_cobre_o_codigo,
    test_no_celular_so_o_codigo_rola,
    visitadas,
)

pytestmark = pytest.mark.lento
pytest_generate_tests = parametrizar(METADES[0])
