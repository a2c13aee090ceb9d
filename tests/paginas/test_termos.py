"""Um termo por ideia (glossário), ``## Resumo`` no fim de cada lição e vírgula decimal na prosa.

A lógica está em ``tests/paginas/ortografia/termos.py``
(``python -m tests.paginas.ortografia.termos`` lista tudo).
"""

import re
from pathlib import Path

import pytest

from tests.paginas.harness import DOCS
from tests.paginas.ortografia.termos import (
    licoes,
    main,
    pontos_decimais,
    resumo_no_fim,
    termos_proibidos,
    verificar_nav,
    verificar_pagina,
)

RAIZ = Path(__file__).resolve().parents[2]


def _achados(texto):
    return [v.achado for v in termos_proibidos(texto, "x.md")]


@pytest.mark.parametrize(
    "texto",
    [
        "uma camada escondida",
        "as camadas\nescondidas",
        "32 neurônios escondidos",
        "o gradiente descendente",
        "o registro do autograd",
        "o idioma é chamar zero_grad",
        "é um idioma legado",
        "as fábricas de tensores",
        "um calombo",
        "o fechamento",
        "para servir os dados",
        "a passagem para a frente",
        "a 16a rodada",
        "a função sin(x)",
    ],
)
def test_forma_proibida_falha(texto):
    assert len(_achados(texto)) == 1, texto


@pytest.mark.parametrize(
    "texto",
    [
        "uma camada oculta e nada escondido",
        "a descida do gradiente",
        "o grafo computacional",
        "a 16ª rodada e o 3º passo",
        "sen(x), `torch.sin(x)` e $\\sin(x)$",
        "```python\ncamada_escondida = 1\n```\n",
        "o argumento `escondidas=[16]`",
        'não escreva "camada escondida" nem «calombo»',
    ],
)
def test_forma_correta_passa(texto):
    assert _achados(texto) == [], texto


def test_forma_proibida_em_comentario_de_codigo():
    texto = "```python\nx = 1  # a camada escondida\n```\n"
    (violacao,) = termos_proibidos(texto, "x.md")
    assert violacao.linha == 2 and "camada oculta" in str(violacao)


def test_ponto_decimal_na_prosa():
    texto = (
        "A perda foi 0.77 e o MAE 43.5.\n"
        "Python 3.11, PyTorch 2.13.0, 60.000 imagens, doi:10.1007/BF02551274, arXiv:2006.15704;\n"
        "no código `0.77` e $0.5$ pode.\n"
        "```pycon\n>>> 0.5  # comentário 0.5\n0.5\n```\n"
        "![Curva em 0.93](x.png)\n"
    )
    assert [(v.linha, v.achado) for v in pontos_decimais(texto, "x.md")] == [
        (1, "0.77"),
        (1, "43.5"),
        (8, "0.93"),
    ]


def test_resumo_no_fim():
    assert resumo_no_fim("# T\n\n## Exercícios\n\nx\n\n## Resumo\n\n- a\n", "x.md") == []
    (violacao,) = resumo_no_fim("# T\n\n## Resumo\n\n## Conclusão\n\ntexto\n", "x.md")
    assert (violacao.linha, violacao.achado) == (5, "## Conclusão")
    # um "## Resumo" dentro de um bloco de código não conta
    assert resumo_no_fim("# T\n\n## Fim\n\n```text\n## Resumo\n```\n", "x.md")


def test_licoes_sao_os_quatro_capitulos():
    capitulos = {p.parent.name for p in licoes()}
    assert capitulos == {"fundamentos", "redes", "treinamento", "convolucionais", "sequencias", "pratica"}
    assert all(p.exists() for p in licoes())


def test_cli_em_pagina_sintetica(tmp_path, capsys):
    pagina = tmp_path / "licao.md"
    pagina.write_text("# Lição\n\nA camada escondida deu 0.9.\n\n## Resumo\n\n- ok\n", encoding="utf-8")
    assert main([str(pagina)]) == 1
    saida = capsys.readouterr().out
    assert "licao.md:3: «camada escondida»" in saida and "«0.9»" in saida


TERMOS_DECIDIDOS = [
    "camada oculta",
    "descida do gradiente",
    "SGD (descida do gradiente estocástica)",
    "propagação direta",
    "retropropagação",
    "grafo computacional",
    "caderno",
    "lição",
    "prática recomendada",
    "funções de criação",
    "função que reavalia a perda",
    "pulso",
]


def test_glossario_registra_os_termos_decididos_com_link():
    texto = (DOCS / "alem" / "glossario.md").read_text(encoding="utf-8")
    linhas = {m.group(1): m.group(0) for m in re.finditer(r"^\| \*\*(.+?)\*\* \|.*$", texto, re.M)}
    for termo in TERMOS_DECIDIDOS:
        assert termo in linhas, f"glossário sem o termo «{termo}»"
    sem_link = [t for t, linha in linhas.items() if not re.search(r"\]\([^)]+\.md(#[^)]*)?\) \|$", linha)]
    assert not sem_link, f"termos do glossário sem link para a página que os ensina: {sem_link}"


def test_titulos_do_menu():
    violacoes = verificar_nav()
    assert not violacoes, "\n".join(map(str, violacoes))


@pytest.mark.parametrize("pagina", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_termos_da_pagina(pagina):
    violacoes = verificar_pagina(pagina)
    if violacoes:
        pytest.fail(
            "termos fora do glossário (docs/alem/glossario.md), ponto decimal ou lição sem «## Resumo» "
            "no fim:\n" + "\n".join(f"  {v}" for v in violacoes),
            pytrace=False,
        )
