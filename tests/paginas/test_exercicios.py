"""Toda lição tem exercícios com soluções executadas, e o índice da página Exercícios os lista."""

from pathlib import Path

import pytest
import yaml

from hooks.exercicios import MARCADOR, exercicios, indice, licoes, secao_de_exercicios
from tests.paginas.harness import DOCS, RAIZ, criar_sybil


def _nav():
    # o mkdocs.yml usa tags do PyYAML (!!python/name) só em extensões; aqui basta o nav
    class Carregador(yaml.SafeLoader):
        pass

    Carregador.add_multi_constructor("", lambda carregador, sufixo, no: None)
    return yaml.load((RAIZ / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Carregador)["nav"]


PAGINAS = [caminho for _, paginas in licoes(_nav()) for _, caminho in paginas]


def test_ha_licoes_em_quatro_capitulos():
    assert [capitulo for capitulo, _ in licoes(_nav())] == [
        "Fundamentos",
        "Redes neurais",
        "Treinamento",
        "Redes convolucionais",
    ]


@pytest.mark.parametrize("caminho", PAGINAS)
def test_licao_tem_tres_exercicios_com_solucao_executada(caminho):
    pagina = DOCS / caminho
    texto = pagina.read_text(encoding="utf-8")
    itens = exercicios(texto)
    assert len(itens) >= 3, f"{caminho}: esperava >= 3 exercícios em '## Exercícios', achei {len(itens)}"
    secao = secao_de_exercicios(texto)
    solucoes = secao.count('??? success "Solução"')
    assert solucoes >= len(itens), f"{caminho}: {len(itens)} exercícios e {solucoes} soluções"
    inicio = texto.index(secao)
    linha_inicial = texto.count("\n", 0, inicio) + 1
    linha_final = linha_inicial + secao.count("\n")
    documento = criar_sybil().parse(pagina)
    linhas = [texto.count("\n", 0, regiao.start) + 1 for _, regiao in documento.regions]
    executados = [linha for linha in linhas if linha_inicial <= linha <= linha_final]
    assert executados, f"{caminho}: nenhuma solução com código executado pelos testes"


def test_extrai_tipo_e_primeira_frase():
    texto = (
        "## Exercícios\n\n1. **Recordar.** Quanto vale x? Explique.\n\n"
        '    ??? success "Solução"\n\n        Vale 2.\n\n'
        "2. **Experimentar.** Troque a taxa\n   por 0,1. Veja.\n\n## Resumo\n\n1. **Não.** fora\n"
    )
    assert exercicios(texto) == [("Recordar", "Quanto vale x?"), ("Experimentar", "Troque a taxa por 0,1.")]


def test_indice_liga_cada_licao_com_exercicios(tmp_path):
    (tmp_path / "cap").mkdir()
    (tmp_path / "cap" / "a.md").write_text("# A\n\n## Exercícios\n\n1. **Recordar.** Um.\n", encoding="utf-8")
    (tmp_path / "cap" / "b.md").write_text("# B\n\nsem exercícios\n", encoding="utf-8")
    nav = [{"Início": "index.md"}, {"Fundamentos": [{"A": "cap/a.md"}, {"B": "cap/b.md"}]}]
    texto = indice(nav, tmp_path)
    assert "### [A](../cap/a.md#exercicios)" in texto
    assert "1. **Recordar.** Um." in texto
    assert "cap/b.md" not in texto


def test_pagina_de_exercicios_tem_o_marcador():
    assert MARCADOR in (DOCS / "alem" / "exercicios.md").read_text(encoding="utf-8")
    assert Path(DOCS / "alem" / "exercicios.md").exists()
