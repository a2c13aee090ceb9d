"""Cada lição pode ser baixada como caderno (.ipynb) e como script (.py), e eles são a página.

``hooks/baixar.py`` gera os dois arquivos no build. Aqui, contra o Sybil
(``tests/paginas/blocos_executados.py``):

- as células de código do caderno são exatamente os blocos que o harness executa, na ordem, e as
  saídas salvas são as saídas conferidas da página; o script tem as mesmas células;
- o caderno roda de ponta a ponta num kernel novo, sem rede, e imprime o que a página mostra:
  uma página leve no nível rápido, todas no nível lento;
- no nível lento, o site servido tem os dois arquivos (iguais aos gerados aqui) e os links
  (``test_downloads_no_site`` em ``tests/site/test_copiar.py``, que aproveita o site que aquele módulo
  constrói para o Chromium).
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

from ferramentas.cadernos import executar
from hooks.baixar import CELULA_INSTALAR, caderno_da_pagina, script_do_caderno
from tests.paginas.blocos_executados import blocos, imprimiu, padrao_do_script
from tests.paginas.harness import DOCS, paginas

SITE_URL = "https://pytorchdl.github.io/pytorchdl/"
LICOES = [p for p in paginas() if any(b.executado for b in blocos(p))]
PAGINA_RAPIDA = DOCS / "redes" / "camada-linear.md"


def _id(pagina: Path) -> str:
    return pagina.relative_to(DOCS).as_posix()


def gerar(pagina: Path) -> nbformat.NotebookNode:
    return caderno_da_pagina(pagina.read_text(encoding="utf-8"), _id(pagina), SITE_URL)


def _codigo(caderno) -> list:
    return [c for c in caderno.cells if c.cell_type == "code"]


def _texto_salvo(celula) -> str:
    return "".join(s.text for s in celula.outputs if s.output_type == "stream")


def test_ha_licoes():
    assert len(LICOES) >= 20, [_id(p) for p in LICOES]


@pytest.mark.parametrize("pagina", [p for p in paginas() if p not in LICOES], ids=_id)
def test_pagina_sem_codigo_nao_tem_caderno(pagina):
    assert gerar(pagina) is None


@pytest.mark.parametrize("pagina", LICOES, ids=_id)
def test_caderno_e_script_sao_a_pagina(pagina):
    caderno = gerar(pagina)
    nbformat.validate(caderno)
    instalar, *celulas = _codigo(caderno)
    assert caderno.cells[0] is instalar and instalar.source.endswith(CELULA_INSTALAR)
    executados = [b for b in blocos(pagina) if b.executado]
    assert [c.source for c in celulas] == [b.codigo for b in executados]
    assert [_texto_salvo(c) for c in celulas] == [b.saidas for b in executados]
    # o script é o mesmo caderno, célula por célula (o jupytext o reabre como caderno)
    script = jupytext.reads(script_do_caderno(caderno), fmt="py:percent")
    assert [c.source for c in _codigo(script)] == [c.source for c in _codigo(caderno)]
    # nada de sintaxe do MkDocs que o Jupyter mostraria como texto cru
    markdown = "\n".join(c.source for c in caderno.cells if c.cell_type == "markdown")
    assert "skip:" not in markdown and '??? success "' not in markdown and ".md)" not in markdown


def _conferir_execucao(pagina: Path, pasta: Path) -> None:
    caminho = pasta / f"{pagina.stem}.ipynb"
    nbformat.write(gerar(pagina), caminho)
    executado = executar(caminho)  # kernel novo, sem rede; um erro em qualquer célula falha
    _, *celulas = _codigo(executado)
    for bloco, celula in zip([b for b in blocos(pagina) if b.executado], celulas, strict=True):
        # o que a célula imprime: as saídas conferidas, menos o eco de expressões da sessão
        esperado = padrao_do_script(bloco.exemplos)
        impresso = "".join(s.text for s in celula.outputs if s.output_type == "stream" and s.name == "stdout")
        assert imprimiu(esperado, impresso), f"{_id(pagina)}:{bloco.linha}\n{esperado.pattern}\n{impresso}"


def test_caderno_de_uma_licao_roda(tmp_path):
    _conferir_execucao(PAGINA_RAPIDA, tmp_path)


# Nível completo (make test-completo): todo caderno gerado roda de ponta a ponta
@pytest.mark.completo
@pytest.mark.parametrize("pagina", [p for p in LICOES if p != PAGINA_RAPIDA], ids=_id)
def test_caderno_de_cada_licao_roda(pagina, tmp_path):
    _conferir_execucao(pagina, tmp_path)
