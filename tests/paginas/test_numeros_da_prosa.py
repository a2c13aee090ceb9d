"""Todo número de resultado escrito na prosa aparece numa saída conferida da mesma página.

A regra está em ``tests/paginas/numeros_da_prosa.py`` e no README ("Como acrescentar uma página").
"""

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tests.paginas.numeros_da_prosa import (
    Conferidos,
    aceito,
    conferidos,
    main,
    numeros_da_prosa,
    paginas,
    verificar_pagina,
)

RAIZ = Path(__file__).resolve().parents[2]

PAGINA = """# Uma página

Texto com 1797 imagens de 8×8 pixels, filtros 3 × 3, publicado em 1989.

```pycon
>>> acuracia = 0.9107
>>> round(acuracia, 4)
0.9107
>>> print("0,93 ± 0,02 (5 sementes)")
0,93 ± 0,02 (5 sementes)
>>> lr = 0.1  # a taxa de aprendizado 0,1 é definição
>>> print(2.96)
2.96
```

A acurácia foi de 91 % (ou 91,1 %, ou 0,91), com 0,93 ± 0,02 e 3 vezes mais rápido.

![Curva que chega a 91 % no fim](figura.png)
"""


def _numeros(texto):
    return [(n.texto, n.tipo) for n in numeros_da_prosa(texto)]


# ---- o que conta como resultado (regra 2) -----------------------------------------------------


def test_formas_de_resultado():
    texto = "Deu 91 %, 91,1% e 0,93; foi 3 vezes e 2,5× mais rápido; 93 ± 2 %; 4x menor."
    assert _numeros(texto) == [
        ("91 %", "porcentagem"),
        ("91,1%", "porcentagem"),
        ("0,93", "decimal"),
        ("3 vezes", "multiplicador"),
        ("2,5×", "multiplicador"),
        ("93 ± 2 %", "porcentagem"),
        ("2 %", "porcentagem"),
        ("4x", "multiplicador"),
    ]


def test_definicoes_ficam_de_fora():
    texto = (
        "São 1797 imagens de 8×8 pixels, kernels 3 × 3 e 5x5, de 1989, em 25 épocas, "
        "nas linhas 1, 2 e 3; Python 3.11 e PyTorch 2.13.0; duas vezes; y = 2x + 1."
    )
    assert _numeros(texto) == []


def test_codigo_matematica_e_enderecos_ficam_de_fora():
    texto = (
        "Código `lr=0,5` e `91 %`, matemática $0{,}5$ e $$\\sigma = 0,5$$, "
        "link [texto](https://x.org/0,5%) e <!-- 0,5 % -->.\n"
        "```text\n0,7 e 80 %\n```\n"
    )
    assert _numeros(texto) == []


def test_onde_cada_numero_aparece():
    texto = (
        "# Título com 0,5\n\n"
        "| a | 0,6 |\n\n"
        '!!! note "Nota 0,7"\n'
        "    Dentro com 0,8.\n\n"
        "![Alt com 0,9 e [colchetes]](x.png)\n\n"
        "```python\n"
        "x = 1  # comentário com 0,4 e '#' 0,3\n"
        "s = '# 0,2 não é comentário'\n"
        "```\n\n"
        "```pycon\n"
        ">>> y = 2  # 12 %\n"
        "0,1 é saída\n"
        "```\n"
    )
    achados = [(n.texto, n.linha, n.onde) for n in numeros_da_prosa(texto)]
    assert achados == [
        ("0,5", 1, "título"),
        ("0,6", 3, "tabela"),
        ("0,7", 5, "admonição"),
        ("0,8", 6, "admonição"),
        ("0,9", 8, "texto alternativo"),
        ("0,4", 11, "comentário"),
        ("0,3", 11, "comentário"),
        ("12 %", 16, "comentário"),
    ]


# ---- arredondamento e literais (regras 3 e 4) -----------------------------------------------


def _conf(saidas=(), literais=()):
    from tests.paginas.numeros_da_prosa import _numeros_de_saida

    simples, porcentagens = set(), set()
    for saida in saidas:
        s, p = _numeros_de_saida(saida)
        simples |= s
        porcentagens |= p
    return Conferidos(simples, porcentagens, {Decimal(x) for x in literais})


def _aceito(prosa, conf):
    (numero,) = [n for n in numeros_da_prosa(prosa) if n.texto == prosa.split(" (")[0]] or [None]
    assert numero is not None, prosa
    return aceito(numero, conf)


@pytest.mark.parametrize("prosa", ["91 %", "91,1 %", "0,91", "0,911", "91,07 %"])
def test_arredondamentos_aceitos(prosa):
    assert _aceito(prosa, _conf(["0.9107"]))


@pytest.mark.parametrize("prosa", ["81 %", "92 %", "91,2 %", "0,92", "0,9108", "9 %"])
def test_numeros_sem_saida_falham(prosa):
    assert not _aceito(prosa, _conf(["0.9107"]))


def test_saidas_com_porcentagem_e_mais_ou_menos():
    conf = _conf(["acurácia 91.1%", "0,93 ± 0,02 (5 sementes)", "93,0 ± 2,0 %"])
    for prosa in ("91,1 %", "0,911", "0,93", "0,02", "93 %", "93,0 ± 2,0 %", "2 %", "0,93 ± 0,02"):
        assert _aceito(prosa, conf), prosa
    assert not _aceito("94 %", conf)


def test_multiplicador_arredondado_mas_nunca_por_literal():
    assert _aceito("3 vezes", _conf(["2.96"]))
    assert _aceito("3×", _conf(["2.96"]))
    assert not _aceito("3 vezes", _conf(["2.2"], literais=["3"]))


def test_decimal_de_definicao_pelo_literal_do_codigo():
    conf = _conf(literais=["0.1", "0.25"])
    assert _aceito("0,1", conf)
    assert _aceito("10 %", conf)
    assert _aceito("25 %", conf)
    # o literal precisa ser exato: definição não se arredonda
    assert not _aceito("0,2", conf)
    assert not _aceito("0,10 ± 0,01", _conf(literais=["0.1", "0.01"]))


# ---- páginas sintéticas: trocar um número faz o teste falhar, nomeando o lugar ---------------


def _escrever(tmp_path, texto):
    caminho = tmp_path / "pagina.md"
    caminho.write_text(texto, encoding="utf-8")
    return caminho


def test_pagina_sintetica_limpa(tmp_path):
    assert verificar_pagina(_escrever(tmp_path, PAGINA)) == []


def test_trocar_91_por_81_na_prosa_falha_com_o_lugar(tmp_path):
    caminho = _escrever(tmp_path, PAGINA.replace("foi de 91 %", "foi de 81 %"))
    (violacao,) = verificar_pagina(caminho)
    linha = PAGINA.split("\n").index(next(t for t in PAGINA.split("\n") if t.startswith("A acurácia"))) + 1
    mensagem = str(violacao)
    assert f"pagina.md:{linha}:" in mensagem
    assert "'81 %'" in mensagem and "(prosa)" in mensagem


def test_trocar_numero_do_texto_alternativo_falha(tmp_path):
    caminho = _escrever(tmp_path, PAGINA.replace("chega a 91 %", "chega a 95 %"))
    (violacao,) = verificar_pagina(caminho)
    assert violacao.numero.onde == "texto alternativo"
    assert "'95 %' (texto alternativo)" in str(violacao)


def test_numero_em_comentario_de_codigo_e_conferido(tmp_path):
    caminho = _escrever(tmp_path, PAGINA.replace("definição", "definição; acurácia 0,97"))
    (violacao,) = verificar_pagina(caminho)
    assert (violacao.numero.texto, violacao.numero.onde) == ("0,97", "comentário")


def test_saida_de_exemplo_pulado_nao_conta(tmp_path):
    # como no Sybil, "skip: next" pula o exemplo seguinte: a saída dele não foi conferida
    bloco = '\n<!-- skip: next "motivo" -->\n```pycon\n>>> print(97 / 100)\n0.97\n```\n\nDeu 0,97.\n'
    (violacao,) = verificar_pagina(_escrever(tmp_path, PAGINA + bloco))
    assert violacao.numero.texto == "0,97"
    sem_pular = PAGINA + bloco.replace('<!-- skip: next "motivo" -->', "")
    assert verificar_pagina(_escrever(tmp_path, sem_pular)) == []


def test_cli_lista_violacoes_e_sai_com_1(tmp_path, capsys):
    caminho = _escrever(tmp_path, PAGINA.replace("91,1 %", "91,9 %"))
    assert main([str(caminho)]) == 1
    saida = capsys.readouterr().out
    assert "'91,9 %'" in saida and "pagina.md" in saida
    assert main([str(_escrever(tmp_path, PAGINA))]) == 0


# ---- as páginas do site -------------------------------------------------------------------


@pytest.mark.parametrize("pagina", paginas(), ids=lambda p: str(p.relative_to(RAIZ / "docs")))
def test_numeros_da_pagina_conferidos(pagina):
    violacoes = verificar_pagina(pagina)
    if violacoes:
        pytest.fail(
            "números da prosa sem saída conferida na página (imprima-os num bloco pycon, "
            "ou, se for uma definição decimal, use o literal no código):\n"
            + "\n".join(f"  {v}" for v in violacoes),
            pytrace=False,
        )


def test_trocar_um_numero_conferido_de_cada_pagina_falha(tmp_path):
    """Numa cópia de cada página real, um número aceito trocado por outro sem saída é apontado."""
    trocadas = 0
    for pagina in paginas():
        texto = pagina.read_text(encoding="utf-8")
        conf = conferidos(pagina)
        aceitos = [n for n in numeros_da_prosa(texto) if aceito(n, conf)]
        if not aceitos:
            continue
        n = aceitos[0]
        unidade = Decimal(10) ** -n.casas
        novo = next(
            v for k in range(7, 1000) if not aceito(replace(n, valor=(v := n.valor + k * unidade)), conf)
        )
        novo_texto = f"{novo:.{n.casas}f}".replace(".", ",")
        linhas = texto.split("\n")
        linha = linhas[n.linha - 1]
        antigo = re.match(r"\d+(?:,\d+)?", linha[n.coluna :]).group(0)
        linhas[n.linha - 1] = linha[: n.coluna] + novo_texto + linha[n.coluna + len(antigo) :]
        copia = tmp_path / pagina.relative_to(RAIZ)
        copia.parent.mkdir(parents=True, exist_ok=True)
        copia.write_text("\n".join(linhas), encoding="utf-8")
        apontados = {
            (v.numero.linha, v.numero.texto.split()[0].rstrip("%×x")) for v in verificar_pagina(copia)
        }
        assert (n.linha, novo_texto) in apontados, f"{pagina}: trocar {antigo} por {novo_texto} não falhou"
        trocadas += 1
    assert trocadas >= 5


def test_desvio_de_uma_saida_formatada_em_porcentagem_tambem_conta():
    from tests.paginas.numeros_da_prosa import _numeros_de_saida

    _, porcentagens = _numeros_de_saida("LeNet  teste 97,9 ± 0,5 %\n")
    assert Decimal("0.5") in porcentagens
    assert Decimal("97.9") in porcentagens


# ---- afirmações conferidas como afirmações (issue "Números que valem em qualquer máquina") ----

BRACOS = """\
# Dois braços

```pycon
>>> from pytorchdl_snippets.estatistica import empatam, medir
>>> mlp = medir([42.0, 44.0, 46.0])
>>> reta = medir([41.0, 44.3, 47.0])
>>> for nome, m in [("MLP", mlp), ("regressão linear", reta)]:
...     print(f"{nome:17} {m.formatar(casas=1)} (3 sementes)")
MLP               44,0 ± 2,0 (3 sementes)
regressão linear  44,1 ± 3,0 (3 sementes)
>>> empatam(mlp, reta)
True
```

Nas 3 sementes, o MLP erra em média 44,0 ± 2,0 e a regressão linear 44,1 ± 3,0: a diferença está
dentro do ruído, e os dois empatam.
"""


def test_pagina_de_bracos_limpa(tmp_path):
    assert verificar_pagina(_escrever(tmp_path, BRACOS)) == []


@pytest.mark.parametrize(
    ("de", "para", "trecho_da_mensagem"),
    [
        # os números dos dois braços trocados: a frase dá o vencedor errado
        (
            "o MLP erra em média 44,0 ± 2,0 e a regressão linear 44,1 ± 3,0",
            "o MLP erra em média 44,1 ± 3,0 e a regressão linear 44,0 ± 2,0",
            "é atribuído a mlp",
        ),
        # o ± mudado na prosa (o 3,0 existe na página, mas não com 44,0)
        ("44,0 ± 2,0 e", "44,0 ± 3,0 e", "não está impresso junto"),
        # o veredicto verbal contra o impresso
        ("dentro do ruído", "fora do ruído", "contradiz o veredicto impresso"),
        ("os dois empatam", "os dois não empatam", "contradiz o veredicto impresso"),
        # as sementes da prosa contra as do código
        ("Nas 3 sementes", "Nas 5 sementes", "não bate com o código da página"),
    ],
)
def test_defeito_plantado_falha_com_pagina_e_linha(tmp_path, de, para, trecho_da_mensagem):
    assert de in BRACOS
    violacoes = [str(v) for v in verificar_pagina(_escrever(tmp_path, BRACOS.replace(de, para)))]
    linha = next(i for i, li in enumerate(BRACOS.split("\n"), 1) if de.split("\n")[0] in li)
    assert any(f"pagina.md:{linha}:" in v and trecho_da_mensagem in v for v in violacoes), violacoes


def test_veredicto_que_diz_diferenca_quando_o_impresso_e_false(tmp_path):
    pagina = BRACOS.replace(">>> empatam(mlp, reta)\nTrue", ">>> empatam(mlp, reta)\nFalse")
    texto = pagina.split("\nNas 3")[0] + "\nA diferença está fora do ruído: não empatam.\n"
    assert [v for v in verificar_pagina(_escrever(tmp_path, texto)) if v.numero.tipo == "veredicto"] == []
    errado = texto.replace("está fora do ruído: não empatam", "está dentro do ruído: empatam")
    violacoes = verificar_pagina(_escrever(tmp_path, errado))
    motivos = [v.motivo for v in violacoes if v.numero.tipo == "veredicto"]
    assert len(motivos) == 2 and all("empatam → False" in m for m in motivos)
