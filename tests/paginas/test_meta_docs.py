"""Meta-testes: o Sybil coleta todo bloco de código das páginas, e nada fica escondido do leitor.

``auditar`` (em ``tests/paginas/harness.py``) roda em cada página de verdade; cada brecha conhecida é
recriada numa página sintética em ``tmp_path`` para provar que a auditoria a pega, com arquivo e linha.
"""

import textwrap

import pytest

from tests.paginas.harness import CERCA_PYTHON, DOCS, arquivos_fora_do_sybil, auditar, cercas, paginas

PAGINAS = paginas()


def _id(caminho):
    return str(caminho.relative_to(DOCS))


def _nav(itens) -> list[str]:
    encontrados = []
    for item in itens:
        valor = next(iter(item.values())) if isinstance(item, dict) else item
        encontrados += _nav(valor) if isinstance(valor, list) else [valor]
    return encontrados


def _nav_do_mkdocs() -> list[str]:
    from curso.config import nav

    return _nav(nav(DOCS.parent / "mkdocs.yml"))


def test_ha_paginas():
    assert PAGINAS


@pytest.mark.parametrize("pagina", PAGINAS, ids=_id)
def test_nada_escapa_dos_testes_na_pagina(pagina):
    problemas = auditar(pagina)
    assert not problemas, "\n".join(problemas)


def test_toda_pagina_do_site_e_coletada():
    problemas = arquivos_fora_do_sybil(DOCS, _nav_do_mkdocs())
    assert not problemas, "\n".join(problemas)


# --- cada brecha, recriada numa página sintética -------------------------------------------------

OK = """\
# Página

```pycon
>>> 1 + 1
2
```
"""


def _auditar(tmp_path, corpo: str) -> str:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    pagina = docs / "sintetica.md"
    pagina.write_text(textwrap.dedent(corpo), encoding="utf-8")
    return "\n".join(auditar(pagina, docs=docs))


def test_pagina_sintetica_correta_passa(tmp_path):
    assert _auditar(tmp_path, OK) == ""


@pytest.mark.parametrize("etiqueta", ["Python", "py3", "python2", "PYCON", "py", "ipython3", "{.python}"])
def test_brecha_cerca_com_etiqueta_que_o_sybil_ignora(tmp_path, etiqueta):
    problemas = _auditar(tmp_path, OK + f"\n```{etiqueta}\nprint(1)\n```\n")
    esperado = f"sintetica.md:8: use exatamente ```python ou ```pycon (o Sybil não coleta ```{etiqueta})"
    assert esperado in problemas


def test_brecha_cerca_com_atributos(tmp_path):
    problemas = _auditar(tmp_path, OK + '\n```python title="a.py"\nprint(1)\n```\n')
    assert "sintetica.md:8: use exatamente" in problemas


def test_brecha_bloco_recuado_com_prompt(tmp_path):
    problemas = _auditar(tmp_path, OK + "\nTexto:\n\n    >>> 1 + 1\n    3\n")
    assert "sintetica.md:10: >>> fora de um bloco ```pycon" in problemas


def test_brecha_prompt_em_bloco_de_texto(tmp_path):
    problemas = _auditar(tmp_path, OK + "\n```text\n>>> 1 + 1\n3\n```\n")
    assert "sintetica.md:8: bloco ```text com >>> não é executado" in problemas


@pytest.mark.parametrize(
    "diretiva",
    [
        "<!-- skip next -->",
        "<!--- skip: next --->",
        "<!-- skip: next -->",
        "<!-- Skip: next -->",
        '<!-- skip: next  "dois espaços" -->',
    ],
)
def test_brecha_skip_malformado_ou_sem_motivo(tmp_path, diretiva):
    problemas = _auditar(tmp_path, OK + f"\n{diretiva}\n```python\nprint(1)\n```\n")
    assert "sintetica.md:8: diretiva malformada ou sem motivo" in problemas


def test_brecha_skip_start_sem_end(tmp_path):
    problemas = _auditar(tmp_path, OK + '\n<!-- skip: start "x" -->\n```python\nprint(1)\n```\n')
    assert "sintetica.md:8: <!-- skip: start --> sem <!-- skip: end -->" in problemas
    fechado = OK + '\n<!-- skip: start "x" -->\n```python\nprint(1)\n```\n<!-- skip: end -->\n'
    assert _auditar(tmp_path, fechado) == ""


def test_skip_com_motivo_e_aceito(tmp_path):
    assert _auditar(tmp_path, OK + '\n<!-- skip: next "motivo" -->\n```python\nprint(1)\n```\n') == ""


def test_brecha_inclusao_de_arquivo_que_nenhum_teste_roda(tmp_path):
    problemas = _auditar(tmp_path, OK + '\n```python\n--8<-- "examples/outro.py"\n```\n')
    assert "sintetica.md:9: inclusão '--8<-- \"examples/outro.py\"' traz código que nenhum teste" in problemas
    permitido = OK + '\n```python\n--8<-- "examples/distribuido.py"\n```\n'
    assert "inclusão" not in _auditar(tmp_path, permitido)


def test_brecha_pagina_markdown_que_nao_e_md(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(OK, encoding="utf-8")
    (docs / "b.markdown").write_text(OK, encoding="utf-8")
    problemas = "\n".join(arquivos_fora_do_sybil(docs, ["a.md", "b.markdown", "examples/01.ipynb", "c.txt"]))
    assert "b.markdown: página Markdown com extensão .markdown" in problemas
    assert "mkdocs.yml (nav): 'b.markdown' não é uma página .md" in problemas
    assert "'c.txt'" in problemas and "'a.md'" not in problemas and "01.ipynb" not in problemas


def test_brecha_bloco_dentro_de_comentario_html(tmp_path):
    problemas = _auditar(tmp_path, OK + "\n<!--\n```python\nsegredo = 1\n```\n-->\n")
    assert "sintetica.md:9: bloco dentro de um comentário HTML" in problemas


@pytest.mark.parametrize(
    "abertura",
    ['<div hidden markdown="1">', '<div style="display: none" markdown>', '<span style="visibility:hidden">'],
)
def test_brecha_bloco_dentro_de_elemento_oculto(tmp_path, abertura):
    tag = abertura[1:].split()[0]
    problemas = _auditar(tmp_path, OK + f"\n{abertura}\n\n```python\nsegredo = 1\n```\n\n</{tag}>\n")
    assert f"sintetica.md:10: bloco dentro de <{tag}> oculto (linha 8)" in problemas


def test_elemento_visivel_nao_e_oculto(tmp_path):
    assert _auditar(tmp_path, OK + '\n<div markdown="1">\n\n```python\nx = 1\n```\n\n</div>\n') == ""


def test_brecha_texto_depois_de_linha_em_branco_no_pycon(tmp_path):
    problemas = _auditar(tmp_path, OK + "\n```pycon\n>>> print('a\\n\\nb')\na\n\nb\n```\n")
    assert "sintetica.md:12: linha que não é código nem saída comparada" in problemas
    com_blankline = OK + "\n```pycon\n>>> print('a\\n\\nb')\na\n<BLANKLINE>\nb\n```\n"
    assert _auditar(tmp_path, com_blankline) == ""


def test_brecha_doctest_skip(tmp_path):
    problemas = _auditar(tmp_path, OK + "\n```pycon\n>>> 1 + 1  # doctest: +SKIP\n3\n```\n")
    assert "sintetica.md:9: diretiva de doctest 'SKIP' proibida" in problemas
    elipse = OK + "\n```pycon\n>>> print('abc')  # doctest: +ELLIPSIS\na...c\n```\n"
    assert _auditar(tmp_path, elipse) == ""


def test_brecha_pycon_sem_prompts(tmp_path):
    problemas = _auditar(tmp_path, OK + "\n```pycon\nx = 1 + 1\n3\n```\n")
    assert "sintetica.md:8: bloco ```pycon sem o prompt >>>" in problemas


def test_a_varredura_independente_reconhece_as_variantes_de_cerca():
    exemplos = [
        "```python",
        "```py",
        "```Python",
        "```PY3",
        "```python2",
        "```pycon",
        '```python title="a.py"',
        "   ```python",
        "``` python",
        "~~~python",
        "```{.python}",
        "> ```python",
    ]
    for exemplo in exemplos:
        assert CERCA_PYTHON.search(exemplo + "\n"), exemplo
    assert not CERCA_PYTHON.search("```bash\n")
    assert not CERCA_PYTHON.search("```pythonic\n")


def test_cercas_acha_blocos_aninhados_em_listas_e_admonicoes():
    texto = (
        "1. Item\n\n    ```python\n    x = 1\n    ```\n\n"
        '??? success "S"\n\n    ~~~pycon\n    >>> 1\n    1\n    ~~~\n'
    )
    achadas = cercas(texto)
    assert [(c.linha, c.lingua, c.conteudo) for c in achadas] == [
        (3, "python", "x = 1\n"),
        (9, "pycon", ">>> 1\n1\n"),
    ]


@pytest.mark.parametrize(
    ("saida", "falha"),
    [
        ("<torch._C.Generator object at ...>", False),
        ("treino: ... s, ... ms por lote", False),
        ("nenhuma ...", True),  # a tabela inteira de resultados engolida
        ("início\n...\nfim", True),
    ],
)
def test_brecha_reticencias_que_engolem_linhas(tmp_path, saida, falha):
    corpo = f"# P\n\n```pycon\n>>> print(1)  # doctest: +ELLIPSIS\n{saida}\n```\n"
    problemas = _auditar(tmp_path, corpo)
    linha = 5 + saida.split("\n").index(next(li for li in saida.split("\n") if "..." in li))
    assert (f"sintetica.md:{linha}: reticências" in problemas) == falha, problemas


def test_estado_da_arvore_ve_arquivo_novo_e_mudado(tmp_path):
    import subprocess

    from tests.paginas.harness import estado_da_arvore

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("site/\n")
    (tmp_path / "pagina.md").write_text("a\n")
    inicio = estado_da_arvore(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("ignorado")
    assert estado_da_arvore(tmp_path) == inicio
    (tmp_path / "pagina.md").write_text("b\n")  # já era novo: muda o conteúdo
    assert estado_da_arvore(tmp_path) != inicio
    (tmp_path / "pagina.md").write_text("a\n")
    (tmp_path / "figura.png").write_bytes(b"x")
    assert set(estado_da_arvore(tmp_path)) - set(inicio) == {"figura.png"}
    assert estado_da_arvore(tmp_path / "nao-existe") is None
