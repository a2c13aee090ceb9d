"""A tolerância declarada na página: números dentro dela passam; texto, veredictos e rótulos, não.

Cada regra é provada numa página sintética rodada pelo mesmo Sybil das páginas de verdade.
"""

import textwrap
from decimal import Decimal

import pytest
from sybil.example import SybilFailure

from tests.paginas.harness import auditar, criar_sybil
from tests.paginas.tolerancia import Tolerancia, confere, declaracoes, ler_declaracao

T = Tolerancia(Decimal("0.005"))


@pytest.mark.parametrize(
    ("esperado", "obtido"),
    [
        ("0,963 ± 0,006", "0,960 ± 0,010"),
        ("perda 0.05 · acurácia 98.9%", "perda 0.05 · acurácia 98.9%"),
        ("-0,0 ± 0,7 %", "0,0 ± 0,7 %"),
        ("a    0,862\nb  0,1", "a 0,860\nb   0,1"),  # colunas que mudam de largura
        ("(0.0037, True)", "(0.0032, True)"),
    ],
)
def test_numeros_dentro_da_tolerancia_passam(esperado, obtido):
    assert confere(esperado, obtido, T)


@pytest.mark.parametrize(
    ("esperado", "obtido", "motivo"),
    [
        ("0,963 ± 0,006", "0,957 ± 0,006", "número fora da tolerância"),
        ("empatam: False", "empatam: True", "veredicto"),
        ("(0.0037, True)", "(0.0037, False)", "veredicto"),
        ("vence: ajuste fino", "vence: do zero", "texto"),
        ("lr=0.003  0,963", "lr=0.001  0,963", "rótulo depois de ="),
        ("0,963 ± 0,006", "0,963 ± 0,006 ± 0,001", "número a mais"),
        ("1 → 8: 1\n2 → 1: 1", "1 → 8: 1", "linha a menos"),
    ],
)
def test_o_resto_e_exato(esperado, obtido, motivo):
    assert not confere(esperado, obtido, T), motivo


def test_zero_com_linhas_e_aceito():
    corpo = "*Tolerância: ±0, 1 linha*\n\n```pycon\n>>> 1\n1\n```\n"
    _, problemas = declaracoes(corpo)
    assert problemas == []
    assert confere("a 1\nb 2", "a 1", Tolerancia(Decimal(0), 1))
    assert not confere("a 1\nb 2", "a 2\nb 2", Tolerancia(Decimal(0), 0))


def test_linhas_que_sobram_ou_faltam():
    esperado = "imagem 46: 5→3\nimagem 64: 2→1\nimagem 283: 6→4\nimagem 448: 1→8"
    sem_uma = "imagem 46: 5→3\nimagem 64: 2→1\nimagem 448: 1→8"
    sem_duas = "imagem 46: 5→3\nimagem 448: 1→8"
    uma = Tolerancia(Decimal(0), linhas=1)
    assert confere(esperado, sem_uma, uma)
    assert not confere(esperado, sem_duas, uma)
    assert confere(esperado, "imagem 46: 5→3\nimagem 64: 2→1\nimagem 283: 6→4\nimagem 448: 1→8", uma)


@pytest.mark.parametrize(
    ("linha", "tolerancia"),
    [
        ("*Tolerância: ±0,005* — números de um treino.", Tolerancia(Decimal("0.005"))),
        ("_Tolerância: ±1, 1 linha_ na lista", Tolerancia(Decimal(1), 1)),
        ("*Tolerância: ±0,5, 2 linhas*", Tolerancia(Decimal("0.5"), 2)),
        ("Tolerância: ±2", Tolerancia(Decimal(2))),
        ("*Tolerância: 0,005*", None),
        ("*Tolerância: ±0.005*", None),
    ],
)
def test_forma_da_declaracao(linha, tolerancia):
    assert ler_declaracao(linha) == tolerancia
    if tolerancia:
        assert str(tolerancia).startswith("±")


PAGINA = """\
# Página

```python
x = 0.9612
```

{declaracao}

```pycon
>>> print(f"{{x:.3f}}".replace(".", ","), x > 0.9)
{saida}
```
"""


def _pagina(tmp_path, declaracao: str, saida: str):
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    pagina = docs / "sintetica.md"
    pagina.write_text(textwrap.dedent(PAGINA.format(declaracao=declaracao, saida=saida)), encoding="utf-8")
    return docs, pagina


def _rodar(docs, pagina) -> list[str]:
    falhas = []
    for exemplo in criar_sybil(docs).parse(pagina):
        try:
            exemplo.evaluate()
        except SybilFailure as falha:
            falhas.append(str(falha))
    return falhas


@pytest.mark.parametrize(
    ("declaracao", "saida", "passa"),
    [
        ("", "0,961 True", True),
        ("", "0,963 True", False),  # sem declaração, exato
        ("*Tolerância: ±0,005* — de um treino.", "0,963 True", True),
        ("*Tolerância: ±0,001* — de um treino.", "0,963 True", False),
        ("*Tolerância: ±0,005* — de um treino.", "0,961 False", False),  # o veredicto é exato
    ],
)
def test_pagina_sintetica_com_e_sem_tolerancia(tmp_path, declaracao, saida, passa):
    docs, pagina = _pagina(tmp_path, declaracao, saida)
    assert auditar(pagina, docs=docs) == []
    falhas = _rodar(docs, pagina)
    assert (falhas == []) == passa, falhas
    if not passa:
        assert "sintetica.md, line 10" in falhas[0]


def test_falha_diz_a_tolerancia(tmp_path):
    docs, pagina = _pagina(tmp_path, "*Tolerância: ±0,001*", "0,963 True")
    assert "tolerância declarada na página: ±0,001" in _rodar(docs, pagina)[0]


@pytest.mark.parametrize(
    ("corpo", "problema"),
    [
        ("*Tolerância: 0,005*\n\n```pycon\n>>> 1\n1\n```\n", "sintetica.md:1: tolerância malformada"),
        ("*Tolerância: ±0*\n\n```pycon\n>>> 1\n1\n```\n", "sintetica.md:1: tolerância ±0"),
        ("*Tolerância: ±0, 1 linha*\n\nTexto.\n\n```pycon\n>>> 1\n1\n```\n", "sem um bloco ```pycon"),
        ("*Tolerância: ±0,1*\n\nTexto no meio.\n\n```pycon\n>>> 1\n1\n```\n", "sem um bloco ```pycon"),
        ("*Tolerância: ±0,1*\n\n```python\nx = 1\n```\n", "sem um bloco ```pycon"),
        ("*Tolerância: ±0,1* no fim da página.\n", "sem um bloco ```pycon"),
    ],
)
def test_auditoria_pega_declaracao_solta_ou_malformada(tmp_path, corpo, problema):
    docs = tmp_path / "docs"
    docs.mkdir()
    pagina = docs / "sintetica.md"
    pagina.write_text(corpo, encoding="utf-8")
    assert problema in "\n".join(auditar(pagina, docs=docs))
