"""Toda lição tem exercícios com soluções executadas, e o índice da página Exercícios os lista."""

import doctest
import re
from pathlib import Path

import pytest

from curso.capitulos import CAPITULOS, licoes
from curso.config import nav
from curso.licao import ler_licao, ler_pagina
from hooks.exercicios import MARCADOR, indice
from tests.paginas.harness import DOCS, cercas, criar_sybil

PAGINAS = [caminho for _, paginas in licoes() for _, caminho in paginas]


def test_os_capitulos_de_licao_sao_os_do_registro_na_ordem_do_menu():
    # curso/capitulos.py é o único registro; o nav tem uma seção para cada capítulo, na mesma ordem
    secoes = [t for s in nav() if isinstance(s, dict) for t in s]
    registrados = [c.titulo for c in CAPITULOS]
    assert [t for t in secoes if t in registrados] == registrados
    assert [capitulo.titulo for capitulo, _ in licoes()] == registrados
    assert all(c.paginas() for c in CAPITULOS), "capítulo registrado sem páginas no nav"


@pytest.mark.parametrize("caminho", PAGINAS)
def test_licao_tem_tres_exercicios_com_solucao_executada(caminho):
    pagina = DOCS / caminho
    licao = ler_pagina(caminho)
    texto = licao.markdown
    itens = licao.exercicios
    assert len(itens) >= 3, f"{caminho}: esperava >= 3 exercícios em '## Exercícios', achei {len(itens)}"
    secao = licao.secao_de_exercicios
    solucoes = secao.count('??? success "Solução"')
    assert solucoes >= len(itens), f"{caminho}: {len(itens)} exercícios e {solucoes} soluções"
    inicio = texto.index(secao)
    linha_inicial = texto.count("\n", 0, inicio) + 1
    linha_final = linha_inicial + secao.count("\n")
    documento = criar_sybil().parse(pagina)
    linhas = [texto.count("\n", 0, regiao.start) + 1 for _, regiao in documento.regions]
    executados = [linha for linha in linhas if linha_inicial <= linha <= linha_final]
    assert executados, f"{caminho}: nenhuma solução com código executado pelos testes"


def solucoes_que_nao_mostram_a_resposta(texto: str) -> list[int]:
    """Linhas das soluções com código que não mostram nem afirmam a resposta.

    Uma solução com código precisa de um ``>>>`` com saída conferida ou de um ``assert``: uma
    solução trocada por outra que calcula a coisa errada e não imprime nada tem de falhar.
    """
    linhas = texto.split("\n")
    sem_resposta = []
    for i, linha in enumerate(linhas):
        if 'success "Solução"' not in linha:
            continue
        recuo = len(linha) - len(linha.lstrip())
        corpo = []
        for seguinte in linhas[i + 1 :]:
            if seguinte.strip() and len(seguinte) - len(seguinte.lstrip()) <= recuo:
                break
            corpo.append(seguinte)
        cercas_da_solucao = cercas("\n".join(corpo))
        if not cercas_da_solucao:
            continue  # resposta em prosa ou matemática (exercício de recordar)
        mostra = False
        for cerca in cercas_da_solucao:
            partes = doctest.DocTestParser().parse(cerca.conteudo) if ">>>" in cerca.conteudo else []
            exemplos = [p for p in partes if isinstance(p, doctest.Example)]
            if any(e.want.strip() for e in exemplos) or re.search(r"^\s*assert\b", cerca.conteudo, re.M):
                mostra = True
        if not mostra:
            sem_resposta.append(i + 1)
    return sem_resposta


@pytest.mark.parametrize("caminho", PAGINAS)
def test_toda_solucao_com_codigo_mostra_ou_afirma_a_resposta(caminho):
    sem_resposta = solucoes_que_nao_mostram_a_resposta((DOCS / caminho).read_text(encoding="utf-8"))
    assert not sem_resposta, "\n".join(
        f"{caminho}:{linha}: solução com código sem saída conferida nem assert: uma solução errada passaria"
        for linha in sem_resposta
    )


def test_solucao_que_nao_imprime_nada_e_apontada():
    com_saida = (
        "## Exercícios\n\n1. **Calcular.** Quanto é 2 + 2?\n\n"
        '    ??? success "Solução"\n\n        ```pycon\n        >>> 2 + 2\n        4\n        ```\n'
    )
    assert solucoes_que_nao_mostram_a_resposta(com_saida) == []
    calado = com_saida.replace(">>> 2 + 2\n        4", ">>> x = 2 * 3")
    assert solucoes_que_nao_mostram_a_resposta(calado) == [5]
    codigo = com_saida.replace("```pycon\n        >>> 2 + 2\n        4", "```python\n        x = 2 * 3")
    assert solucoes_que_nao_mostram_a_resposta(codigo) == [5]
    assert solucoes_que_nao_mostram_a_resposta(codigo.replace("x = 2 * 3", "assert 2 + 2 == 4")) == []
    em_prosa = '1. **Recordar.** Quanto?\n\n    ??? success "Solução"\n\n        Vale $75$.\n'
    assert solucoes_que_nao_mostram_a_resposta(em_prosa) == []


def test_extrai_tipo_e_primeira_frase():
    texto = (
        "## Exercícios\n\n1. **Recordar.** Quanto vale x? Explique.\n\n"
        '    ??? success "Solução"\n\n        Vale 2.\n\n'
        "2. **Experimentar.** Troque a taxa\n   por 0,1. Veja.\n\n## Resumo\n\n1. **Não.** fora\n"
    )
    esperado = [("Recordar", "Quanto vale x?"), ("Experimentar", "Troque a taxa por 0,1.")]
    assert ler_licao(texto, "cap/a.md").exercicios == esperado


def test_indice_liga_cada_licao_com_exercicios(tmp_path):
    (tmp_path / "cap").mkdir()
    (tmp_path / "cap" / "a.md").write_text("# A\n\n## Exercícios\n\n1. **Recordar.** Um.\n", encoding="utf-8")
    (tmp_path / "cap" / "b.md").write_text("# B\n\nsem exercícios\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "nav:\n  - Início: index.md\n  - Fundamentos:\n      - A: cap/a.md\n      - B: cap/b.md\n",
        encoding="utf-8",
    )
    texto = indice(config, tmp_path)
    assert "### [A](../cap/a.md#exercicios)" in texto
    assert "1. **Recordar.** Um." in texto
    assert "cap/b.md" not in texto


def test_pagina_de_exercicios_tem_o_marcador():
    assert MARCADOR in (DOCS / "alem" / "exercicios.md").read_text(encoding="utf-8")
    assert Path(DOCS / "alem" / "exercicios.md").exists()
