"""Meta-testes: o Sybil coleta todo bloco de código das páginas, e nada fica escondido do leitor."""

import re

import pytest

from tests.harness import CERCA_PYTHON, DOCS, criar_sybil, paginas

PAGINAS = paginas()


def _id(caminho):
    return str(caminho.relative_to(DOCS))


def test_ha_paginas():
    assert PAGINAS


@pytest.mark.parametrize("pagina", PAGINAS, ids=_id)
def test_todo_bloco_python_e_coletado_pelo_sybil(pagina):
    texto = pagina.read_text(encoding="utf-8")
    documento = criar_sybil().parse(pagina)
    inicios = [regiao.start for _, regiao in documento.regions]
    for cerca in CERCA_PYTHON.finditer(texto):
        linha = texto.count("\n", 0, cerca.start()) + 1
        assert cerca["lingua"] in ("python", "pycon") and not cerca["resto"].strip(), (
            f"{_id(pagina)}:{linha}: use exatamente ```python ou ```pycon "
            f"(o Sybil não coleta {cerca.group(0).strip()!r})"
        )
        fim = texto.find(cerca["cerca"], cerca.end())
        assert any(cerca.start() <= inicio < fim for inicio in inicios), (
            f"{_id(pagina)}:{linha}: bloco não coletado pelo Sybil (recuo inconsistente?)"
        )


@pytest.mark.parametrize("pagina", PAGINAS, ids=_id)
def test_nenhum_codigo_invisivel_nem_skip_sem_motivo(pagina):
    texto = pagina.read_text(encoding="utf-8")
    assert "invisible-code" not in texto, f"{_id(pagina)}: código invisível quebra o copiar-e-rodar"
    for skip in re.finditer(r"<!--\s*skip:\s*(?P<resto>[^>]*?)\s*-->", texto):
        assert re.fullmatch(r"(next|start|end)\s+\".+\"", skip["resto"]) or skip["resto"] == "end", (
            f'{_id(pagina)}: skip sem motivo: {skip.group(0)!r}; use <!-- skip: next "motivo" -->'
        )


def test_a_varredura_independente_reconhece_as_variantes_de_cerca():
    exemplos = [
        "```python",
        "```py",
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
