"""Cada lição pode ser baixada como caderno (.ipynb) e como script (.py), e eles são a página.

``curso/derivar.py`` gera os dois do modelo da lição; ``hooks/baixar.py`` os grava no site. Aqui,
contra o que o Sybil executa (``tests/paginas/blocos_executados.py``):

- o código das células é exatamente o dos blocos que o harness executa, na ordem, e as saídas
  salvas são as saídas conferidas da página (todas: uma sessão vira uma célula por saída);
- o caderno roda num kernel novo, sem rede, e o script num Python novo, e os dois mostram o que a
  página mostra (com as tolerâncias declaradas): uma página no make test, todas no completo;
- no nível lento, o site servido tem os dois arquivos (iguais aos gerados aqui) e os links
  (``test_downloads_no_site`` em ``tests/site/test_copiar.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import jupytext
import nbformat
import pytest

from curso.cadernos import executar
from curso.derivar import caderno_da_licao, celula_instalar, script_da_licao
from curso.licao import ler_licao, ler_pagina
from tests.paginas.blocos_executados import blocos
from tests.paginas.harness import DOCS, paginas
from tests.site.execucao import conferir, rodar_script

SITE_URL = "https://pytorchdl.github.io/pytorchdl/"
LICOES = [p for p in paginas() if any(b.executado for b in blocos(p))]
PAGINA_RAPIDA = DOCS / "redes" / "camada-linear.md"


def _id(pagina: Path) -> str:
    return pagina.relative_to(DOCS).as_posix()


def gerar(pagina: Path) -> nbformat.NotebookNode:
    return caderno_da_licao(ler_pagina(_id(pagina)), SITE_URL)


def _codigo(caderno) -> list:
    return [c for c in caderno.cells if c.cell_type == "code"]


def _texto_salvo(celula) -> str:
    return "".join(s.text for s in celula.outputs if s.output_type == "stream" and s.name == "stdout")


_COMPOSTOS = (ast.With, ast.For, ast.While, ast.If, ast.Try)


def ecos_que_o_caderno_nao_mostra(licao) -> list[str]:
    """Instruções compostas (``with``, ``for``...) cuja saída na página é o eco de uma expressão de
    dentro delas: a sessão ``>>>`` ecoa, mas um caderno mostra só as expressões do nível de cima (e o
    script, só os ``print``). Guarde o valor num nome dentro do bloco e mostre o nome depois."""
    achados = []
    for bloco in licao.executados:
        for exemplo in bloco.exemplos if bloco.sessao else []:
            arvore = ast.parse(exemplo.fonte)
            if not exemplo.saida or exemplo.erro or not isinstance(arvore.body[0], _COMPOSTOS):
                continue
            chamadas = [no for no in ast.walk(arvore) if isinstance(no, ast.Call)]
            imprime = any(getattr(no.func, "id", None) == "print" for no in chamadas)
            if not imprime:
                achados.append(f"{licao.src_uri}:{bloco.linha}: {exemplo.fonte.splitlines()[0]}")
    return achados


@pytest.mark.parametrize("pagina", LICOES, ids=_id)
def test_saida_da_pagina_nao_vem_de_eco_dentro_de_bloco(pagina):
    assert not ecos_que_o_caderno_nao_mostra(ler_pagina(_id(pagina)))


def test_eco_dentro_de_bloco_e_apontado():
    pagina = "```pycon\n>>> with open('x') as f:\n...     f.readable()\nTrue\n```\n"
    assert ecos_que_o_caderno_nao_mostra(ler_licao(pagina, "x.md")) == ["x.md:1: with open('x') as f:"]
    com_print = pagina.replace("f.readable()", "print(f.readable())")
    assert ecos_que_o_caderno_nao_mostra(ler_licao(com_print, "x.md")) == []


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
    assert caderno.cells[0] is instalar and instalar.source.endswith(celula_instalar())
    executados = [b for b in blocos(pagina) if b.executado]
    assert "\n".join(c.source for c in celulas) == "\n".join(b.codigo for b in executados)
    # as saídas da página (um erro mostrado de propósito vai como a mensagem, no stderr)
    esperado = "".join(e.want for b in executados for e in b.exemplos if e.exc_msg is None)
    assert "".join(_texto_salvo(c) for c in celulas) == esperado
    erros = [e.exc_msg.strip() for b in executados for e in b.exemplos if e.exc_msg is not None]
    mostrados = [s.text.strip() for c in celulas for s in c.outputs if s.get("name") == "stderr"]
    assert mostrados == [m for m in mostrados if m.split(":")[0]] and len(mostrados) == len(erros)
    assert all(m.endswith(erro.split("\n")[-1]) for m, erro in zip(mostrados, erros, strict=True))
    # o script é o mesmo caderno, célula por célula (o jupytext o reabre como caderno), com as
    # expressões que a página mostra impressas por mostrar(...)
    script = jupytext.reads(script_da_licao(ler_pagina(_id(pagina)), SITE_URL), fmt="py:percent")
    fontes = [c.source for c in _codigo(script) if not c.source.startswith("def mostrar(")]
    assert len(fontes) == len(_codigo(caderno))
    # nada de sintaxe do MkDocs que o Jupyter mostraria como texto cru
    markdown = "\n".join(c.source for c in caderno.cells if c.cell_type == "markdown")
    assert "skip:" not in markdown and '??? success "' not in markdown and ".md)" not in markdown


def _conferir_execucao(pagina: Path, pasta: Path) -> None:
    caderno = gerar(pagina)
    caminho = pasta / f"{pagina.stem}.ipynb"
    nbformat.write(caderno, caminho)
    problemas = conferir(caderno, executar(caminho))  # kernel novo, sem rede; um erro falha
    assert not problemas, f"{_id(pagina)} (caderno):\n" + "\n".join(problemas)
    script = script_da_licao(ler_pagina(_id(pagina)), SITE_URL)
    problemas = conferir(caderno, rodar_script(script, pasta))
    assert not problemas, f"{_id(pagina)} (script):\n" + "\n".join(problemas)


@pytest.mark.lento  # um kernel e um Python novos: ~8 s, fora do nível rápido
def test_caderno_e_script_de_uma_licao_mostram_o_que_a_pagina_mostra(tmp_path):
    _conferir_execucao(PAGINA_RAPIDA, tmp_path)


# Nível completo (make test-completo): todo caderno e todo script gerados rodam de ponta a ponta
@pytest.mark.completo
@pytest.mark.parametrize("pagina", [p for p in LICOES if p != PAGINA_RAPIDA], ids=_id)
def test_caderno_e_script_de_cada_licao_mostram_o_que_a_pagina_mostra(pagina, tmp_path):
    _conferir_execucao(pagina, tmp_path)


@pytest.mark.parametrize(
    "codigo, esperado",
    [
        ("len(x)", "mostrar(len(x))"),
        ("a, b", "mostrar((a, b))"),
        ("(a, b)", "mostrar((a, b))"),
        # a tupla começa por um parêntese que não é dela: sem os de fora, viraria dois argumentos
        ("(32 - 4) // 2 + 1, f(32)", "mostrar(((32 - 4) // 2 + 1, f(32)))"),
        ("x = 1\nx  # comentário", "x = 1\nmostrar(x)  # comentário"),
        ("print(x)", "print(x)"),
    ],
)
def test_script_mostra_a_ultima_expressao(codigo, esperado):
    from curso.derivar import _mostrando_a_ultima_expressao

    assert _mostrando_a_ultima_expressao(codigo) == esperado


def test_nenhuma_licao_usa_o_nome_do_mostrar_do_script():
    """O script da lição define ``mostrar``: uma página que dá esse nome a outra coisa quebra o script."""
    usam = [
        f"{_id(pagina)}:{bloco.linha}"
        for pagina in LICOES
        for bloco in ler_pagina(_id(pagina)).executados
        for exemplo in bloco.exemplos
        for no in ast.walk(ast.parse(exemplo.fonte))
        if isinstance(no, ast.Name) and no.id == "mostrar" and isinstance(no.ctx, ast.Store)
    ]
    assert not usam, usam
