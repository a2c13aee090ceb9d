"""``hooks/cadernos.py``: o botão de copiar das células dos cadernos em português."""

import pytest

from hooks.cadernos import botao_de_copiar_em_portugues


def test_botao_do_jupyter_vira_portugues_sem_atributo_invalido():
    html = '<clipboard-copy ,="" aria-label="Copy to Clipboard" for="cell-1">'
    novo = botao_de_copiar_em_portugues(html)
    assert novo == '<clipboard-copy aria-label="Copiar para a área de transferência" for="cell-1">'


def test_marcacao_nova_do_plugin_falha_alto():
    with pytest.raises(RuntimeError, match="mudou a marcação"):
        botao_de_copiar_em_portugues('<clipboard-copy aria-label="Copy">')


def test_pagina_sem_botao_fica_igual():
    assert botao_de_copiar_em_portugues("<p>oi</p>") == "<p>oi</p>"
