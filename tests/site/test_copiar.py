"""O que o botão de copiar dá roda (contrato do leitor, item 5).

O texto copiado de cada bloco é comparado com o código que o harness (Sybil) executa naquele bloco
(``tests/paginas/blocos_executados.py``): sem prompts ``>>> ``/``... ``, sem saídas e sem diretivas do
doctest. Depois, os blocos copiados de uma página, juntos na ordem, rodam como um script num
interpretador novo, sem rede, e imprimem o que a página mostra.

- nível rápido: a função do hook (``hooks/copiar.py``) aplicada ao Markdown de cada página, e uma
  página leve rodada como script;
- no site construído (nível rápido): o texto que o botão copia (atributo ``data-copy`` de cada
  bloco) de cada página com código, conferido bloco a bloco com o que o Sybil executa;
- nível lento (``lento``): no Chromium de verdade, cada botão de copiar de duas páginas (uma de
  sessões ``>>>`` e a de exercícios, com soluções recolhidas e erros de propósito) recebe um clique —
  a prova de que o botão copia o ``data-copy`` —, e um botão, o Enter e o toque;
- nível completo (``completo``): o Chromium clica cada botão de cada página com código, e todas
  essas páginas rodam como script a partir do que foi copiado.

Blocos que falham de propósito ou precisam do que o curso não instala (``<!-- skip: next "motivo"
-->``) são deixados de fora do script; ``test_blocos_deixados_de_fora`` lista quais e quantos.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import nbformat
import pytest

from curso.cadernos import GUARDA_DE_REDE
from curso.derivar import script_da_licao
from curso.licao import codigo_para_copiar, ler_pagina
from curso.site_local import site_compartilhado
from hooks.copiar import BlocosDiferentes, processar_html, textos_para_copiar
from tests.paginas.blocos_executados import Bloco, blocos, imprimiu, padrao_do_script
from tests.paginas.harness import DOCS, RAIZ, paginas
from tests.site.navegador import abrir, busca_sem_indice

PAGINAS_COM_CODIGO = [p for p in paginas() if any(b.executado for b in blocos(p))]
# três páginas leves (cerca de 4 s de CPU cada, com os imports): a primeira roda como script no nível
# rápido; a última, com o pacote instalado (test_pacote_instalado.py)
PAGINAS_RAPIDAS = ["fundamentos/tensores.md", "redes/camada-linear.md", "convolucionais/convolucao-1d.md"]
DEIXADOS_DE_FORA = {
    "alem/distribuido.md": "o script roda em 2 processos lançados pelo torchrun",
    "alem/exercicios.md": "código com erros de propósito: o exercício é encontrá-los",
    "convolucionais/estrategias-de-treino.md": "baixa os pesos do ImageNet e precisa do torchvision",
    "pratica/desempenho-na-cpu.md": "o inductor compila C++ na primeira chamada",
}


def _id(pagina: Path) -> str:
    return pagina.relative_to(DOCS).as_posix()


def _url(pagina: Path) -> str:
    return pagina.relative_to(DOCS).with_suffix("").as_posix() + "/"


# --- a função do hook -------------------------------------------------------------------------


def test_sessao_copia_so_as_instrucoes():
    sessao = (
        ">>> import torch\n"
        ">>> for i in range(2):\n"
        "...     print(i)\n"
        "0\n"
        "1\n"
        ">>> torch.manual_seed(0)  # doctest: +ELLIPSIS\n"
        "<torch._C.Generator object at ...>\n"
        ">>> x = 1\n"
    )
    assert codigo_para_copiar(sessao) == (
        "import torch\nfor i in range(2):\n    print(i)\ntorch.manual_seed(0)\nx = 1"
    )


def test_saida_com_reticencias_nao_vira_codigo():
    # uma linha de saída "..." (ELLIPSIS) depois de outra saída é saída, não continuação
    sessao = ">>> print('a\\n...')  # doctest: +ELLIPSIS\na\n...\n>>> y = 2\n"
    assert codigo_para_copiar(sessao) == "print('a\\n...')\ny = 2"


def test_erro_de_proposito_vira_comentario():
    sessao = (
        ">>> int('a')\nTraceback (most recent call last):\n  ...\nValueError: invalid literal\n>>> z = 3\n"
    )
    assert (
        codigo_para_copiar(sessao) == "# levanta ValueError de propósito (veja na página):\n# int('a')\nz = 3"
    )


def test_padrao_do_script_sem_eco():
    sessao = ">>> print('a')\na\n>>> x = 2\n>>> x\n2\n>>> for i in range(2):\n...     print('b')\nb\nb\n"
    padrao = padrao_do_script(doctest.DocTestParser().get_examples(sessao))
    assert imprimiu(padrao, "a\nb\nb\n")  # o script não ecoa o x
    assert imprimiu(padrao, "a\n2\nb\nb\n")  # (uma expressão que ecoa aceita qualquer texto)
    assert not imprimiu(padrao, "a\nb\n")
    assert not imprimiu(padrao, "b\nb\na\n")


def test_bloco_python_copia_o_que_mostra():
    assert codigo_para_copiar("import torch\n\nx = torch.ones(2)\n") == "import torch\n\nx = torch.ones(2)"


def test_html_sem_diretivas_e_com_texto_para_copiar():
    html = (
        '<div class="highlight"><pre><span></span><code>'
        '<span class="gp">&gt;&gt;&gt; </span><span class="n">f</span><span class="p">()</span>'
        '  <span class="c1"># doctest: +ELLIPSIS</span>\n'
        '<span class="go">&lt;...&gt;</span>\n'
        "</code></pre></div>"
    )
    saida = processar_html(html, ["f()"])
    assert "doctest" not in saida
    assert '<div class="highlight" data-copy="f()">' in saida
    assert textos_para_copiar(saida) == ["f()"]  # o que o teste no site construído lê
    # o texto vem da lição, bloco a bloco: contagens diferentes param o build
    with pytest.raises(BlocosDiferentes, match="1 blocos de código e a lição 2"):
        processar_html(html, ["f()", "g()"], "x.md")


@pytest.mark.parametrize("pagina", PAGINAS_COM_CODIGO, ids=_id)
def test_hook_copia_o_codigo_executado(pagina):
    for bloco in blocos(pagina):
        if bloco.executado:
            assert codigo_para_copiar(bloco.texto) == bloco.codigo, f"{_id(pagina)}:{bloco.linha}"


def test_blocos_deixados_de_fora():
    """Os blocos mostrados mas não executados: exatamente estes, cada um com o seu motivo."""
    fora = [
        (_id(p), b.pulado)
        for p in paginas()
        for b in blocos(p)
        if b.lingua in ("python", "pycon") and not b.executado
    ]
    assert len(fora) == len(DEIXADOS_DE_FORA) == 4, fora
    for pagina, motivo in fora:
        assert motivo.startswith(DEIXADOS_DE_FORA[pagina]), (pagina, motivo)


# --- rodar como script --------------------------------------------------------------------------


def _esperado(blocos_da_pagina: list[Bloco]) -> re.Pattern:
    """O que o script da página imprime (``padrao_do_script``), só dos blocos executados."""
    return padrao_do_script([e for b in blocos_da_pagina if b.executado for e in b.exemplos])


def rodar_como_script(codigos: list[str], pasta: Path) -> subprocess.CompletedProcess:
    """Junta os blocos num script e roda num interpretador novo, sem rede, fora do repositório."""
    guarda = pasta / "guarda"
    guarda.mkdir()
    (guarda / "sitecustomize.py").write_text(GUARDA_DE_REDE, encoding="utf-8")
    script = pasta / "pagina.py"
    script.write_text("\n\n".join(codigos) + "\n", encoding="utf-8")
    ambiente = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guarda), str(RAIZ)]),
        "MPLBACKEND": "Agg",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, str(script)], cwd=pasta, env=ambiente, capture_output=True, text=True, timeout=300
    )


def conferir_script(pagina: Path, codigos: list[str], pasta: Path) -> None:
    processo = rodar_como_script(codigos, pasta)
    assert processo.returncode == 0, f"{_id(pagina)}: o script falhou\n{processo.stderr[-3000:]}"
    esperado = _esperado(blocos(pagina))
    assert imprimiu(esperado, processo.stdout), (
        f"{_id(pagina)}: o script não imprimiu o que a página mostra\n"
        f"esperado (regex): {esperado.pattern[:3000]}\nimpresso: {processo.stdout[:3000]}"
    )


# uma página leve, no make test (cada bloco copiado é conferido com o que o Sybil executa em toda
# página, acima; um Python novo leva ~2 s, fora do nível rápido); todas as páginas rodam como script
# no make test-completo (test_copiar_cada_bloco_e_rodar_a_pagina, a partir do que o Chromium copiou)
@pytest.mark.lento
@pytest.mark.parametrize("relativo", PAGINAS_RAPIDAS[:1])
def test_pagina_roda_como_script(relativo, tmp_path):
    pagina = DOCS / relativo
    codigos = [codigo_para_copiar(b.texto) for b in blocos(pagina) if b.executado]
    conferir_script(pagina, codigos, tmp_path)


# --- no navegador ------------------------------------------------------------------------------


MONTAR = """async () => {
  const quadro = () => new Promise((pronto) => requestAnimationFrame(() => setTimeout(pronto)));
  document.querySelectorAll("article details").forEach((d) => (d.open = true));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await quadro();
  }
  // numa máquina ocupada, um quadro pulado deixa um bloco sem aparecer: esses, um a um
  const codigos = [...document.querySelectorAll("article pre > code")];
  for (let volta = 0; volta < 3; volta++) {
    const semBotao = codigos.filter((c) => !c.parentElement.querySelector("button[data-md-type=copy]"));
    for (const c of semBotao) {
      c.scrollIntoView();
      await quadro();
    }
  }
  return codigos.length;
}"""


def montar_botoes(aba) -> None:
    """Rola a página de cima a baixo: com ``content.lazy`` (mkdocs.yml), o Material só cria o botão
    de copiar de um bloco quando ele aparece na tela, como acontece com o leitor que rola a página.
    As soluções dos exercícios ficam recolhidas: o leitor abre antes de copiar."""
    aba.wait_for_function(
        "n => document.querySelectorAll('article button[data-md-type=copy]').length >= n",
        arg=aba.evaluate(MONTAR),
        timeout=10_000,
    )


# Cada botão, na ordem do documento, recebe um clique (o evento que o Material trata; o clique do
# mouse de verdade, o Enter e o toque estão em test_botao_copiar_codigo e
# test_copiar_pelo_teclado_e_pelo_toque), e a área de transferência é lida depois de cada um.
COPIAR_TODOS = """async () => {
  const copiados = [];
  for (const botao of document.querySelectorAll("article button[data-md-type=copy]")) {
    await navigator.clipboard.writeText("");
    botao.click();
    copiados.push(await navigator.clipboard.readText());
  }
  return copiados;
}"""


def copiar_todos(aba, servidor, pagina: Path) -> list[str]:
    """Clica, na ordem do documento, cada botão de copiar da página e devolve o que foi copiado."""
    aba.goto(servidor.url + _url(pagina), wait_until="load")
    montar_botoes(aba)
    return aba.evaluate(COPIAR_TODOS)


def conferir_copiados(pagina: Path, copiados: list[str]) -> list[str]:
    """Confere o texto copiado de cada bloco com o que o Sybil executa e devolve os executados."""
    todos = blocos(pagina)
    assert len(copiados) == len(todos), f"{_id(pagina)}: {len(copiados)} botões para {len(todos)} blocos"
    executados = []
    for bloco, copiado in zip(todos, copiados, strict=True):
        assert copiado.strip(), f"{_id(pagina)}:{bloco.linha}: nada copiado"
        if bloco.executado:
            assert copiado == bloco.codigo, f"{_id(pagina)}:{bloco.linha}: copiado ≠ executado"
            executados.append(copiado)
        else:
            assert not copiado.lstrip().startswith(">>>")
    fora = sum(1 for b in todos if b.pulado)
    print(f"{_id(pagina)}: {len(executados)} blocos copiados e conferidos, {fora} deixados de fora")
    return executados


def _copiar_e_conferir(pagina, visita, servidor) -> list[str]:
    """Copia cada bloco no navegador, confere com o que o Sybil executa e devolve os executados."""
    executados = conferir_copiados(pagina, copiar_todos(visita.aba, servidor, pagina))
    assert not visita.erros, visita.erros
    return executados


@pytest.fixture(scope="module")
def site_construido(tmp_path_factory) -> Path:
    return site_compartilhado(tmp_path_factory)[0]


@pytest.mark.parametrize("pagina", PAGINAS_COM_CODIGO, ids=_id)
def test_botao_de_cada_bloco_copia_o_codigo_executado(pagina, site_construido):
    construida = site_construido / _url(pagina) / "index.html"
    conferir_copiados(pagina, textos_para_copiar(construida.read_text(encoding="utf-8")))


# no navegador: a prova de que o clique copia o data-copy (uma página de sessões e os exercícios)
PAGINAS_NO_NAVEGADOR = ["fundamentos/tensores.md", "alem/exercicios.md"]


@pytest.mark.lento
@pytest.mark.parametrize("relativo", PAGINAS_NO_NAVEGADOR)
def test_copiar_cada_bloco(relativo, visita, servidor):
    _copiar_e_conferir(DOCS / relativo, visita, servidor)


# Nível completo (make test-completo): o que foi copiado de cada página roda como um script
@pytest.mark.completo
@pytest.mark.parametrize("pagina", PAGINAS_COM_CODIGO, ids=_id)
def test_copiar_cada_bloco_e_rodar_a_pagina(pagina, visita, servidor, tmp_path):
    conferir_script(pagina, _copiar_e_conferir(pagina, visita, servidor), tmp_path)


@pytest.mark.lento
def test_copiar_pelo_teclado_e_pelo_toque(navegador, servidor):
    """O botão é o mesmo do Material: Enter no botão focado e um toque num celular copiam o código."""
    pagina = DOCS / "fundamentos" / "tensores.md"
    primeiro = next(b for b in blocos(pagina) if b.executado and b.sessao)
    contexto = navegador.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        contexto.grant_permissions(["clipboard-read", "clipboard-write"], origin=servidor.url)
        busca_sem_indice(contexto, servidor.url)
        aba = contexto.new_page()
        abrir(aba, servidor.url + _url(pagina))
        indice = blocos(pagina).index(primeiro)
        montar_botoes(aba)
        botao = aba.locator("article button[data-md-type=copy]").nth(indice)
        botao.scroll_into_view_if_needed()
        aba.evaluate("navigator.clipboard.writeText('')")
        botao.tap()
        assert aba.evaluate("navigator.clipboard.readText()") == primeiro.codigo
        aba.evaluate("navigator.clipboard.writeText('')")
        botao.focus()
        aba.keyboard.press("Enter")
        assert aba.evaluate("navigator.clipboard.readText()") == primeiro.codigo
    finally:
        contexto.close()


@pytest.mark.lento
def test_downloads_no_site(visita, servidor):
    """Os links "Baixar" de cada lição entregam o caderno e o script gerados da página.

    (Aqui, e não em ``tests/site/test_baixar.py``, para aproveitar o site construído por este módulo.)
    """
    from tests.site.test_baixar import LICOES, SITE_URL, gerar

    for pagina in LICOES:
        endereco = servidor.url + _url(pagina)
        with urllib.request.urlopen(endereco + f"{pagina.stem}.ipynb") as resposta:
            caderno = nbformat.reads(resposta.read().decode("utf-8"), as_version=4)
        assert caderno == gerar(pagina), _id(pagina)
        with urllib.request.urlopen(endereco + f"{pagina.stem}.py") as resposta:
            script = script_da_licao(ler_pagina(_id(pagina)), SITE_URL)
            assert resposta.read().decode("utf-8") == script, _id(pagina)
    # no navegador, o link baixa o arquivo (atributo download), com o nome da lição
    pagina = DOCS / "redes" / "ativacoes.md"
    abrir(visita.aba, servidor.url + _url(pagina))
    for texto, nome in [
        ("Baixar como caderno (.ipynb)", "ativacoes.ipynb"),
        ("Baixar como script (.py)", "ativacoes.py"),
    ]:
        with visita.aba.expect_download() as baixado:
            visita.aba.get_by_role("link", name=texto).click()
        assert baixado.value.suggested_filename == nome
