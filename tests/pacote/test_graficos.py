import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from pytorchdl_snippets.graficos import fronteira_de_decisao, prever_grade
from tests.paginas.harness import SO_COM_O_MATPLOTLIB_FIXADO, matplotlib_fixado


def _reta_x_maior_que_y():
    modelo = torch.nn.Linear(2, 1)
    with torch.no_grad():
        modelo.weight.copy_(torch.tensor([[1.0, -1.0]]))
        modelo.bias.zero_()
    return modelo


def test_prever_grade_com_uma_saida_usa_o_sinal():
    classes = prever_grade(_reta_x_maior_que_y(), np.array([-1.0, 1.0]), np.array([0.0]))
    assert classes.tolist() == [[0, 1]]


def test_prever_grade_com_varias_saidas_usa_argmax_e_preserva_modo():
    modelo = torch.nn.Sequential(torch.nn.Linear(2, 3))
    modelo.train()
    classes = prever_grade(modelo, np.linspace(-1, 1, 4), np.linspace(-1, 1, 5))
    assert classes.shape == (5, 4) and set(np.unique(classes)) <= {0, 1, 2}
    assert modelo.training


def test_fronteira_de_decisao_desenha():
    fig, ax = plt.subplots()
    X = torch.tensor([[0.0, 1.0], [1.0, 0.0]])
    fronteira_de_decisao(ax, _reta_x_maior_que_y(), X, torch.tensor([0, 1]), resolucao=10)
    assert ax.collections
    plt.close(fig)


def test_fronteira_de_decisao_valida_formatos():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"X: esperava formato \(N, 2\), recebi \(2, 3\)"):
        fronteira_de_decisao(ax, _reta_x_maior_que_y(), np.zeros((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match=r"y: esperava formato \(2,\)"):
        fronteira_de_decisao(ax, _reta_x_maior_que_y(), np.zeros((2, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="conjunto vazio"):
        fronteira_de_decisao(ax, _reta_x_maior_que_y(), np.zeros((0, 2)), np.zeros(0))
    plt.close(fig)


def test_cor_da_classe_nao_depende_das_classes_presentes_na_grade():
    # um modelo que prevê a classe 1 em toda parte: o fundo tem de ter a cor da classe 1
    modelo = torch.nn.Linear(2, 1)
    with torch.no_grad():
        modelo.weight.zero_()
        modelo.bias.fill_(1.0)
    fig, ax = plt.subplots()
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    fronteira_de_decisao(ax, modelo, X, np.array([0, 1]), resolucao=5)
    contorno = ax.collections[0]
    assert contorno.norm.vmin == 0 and contorno.norm.vmax == 1
    assert list(contorno.levels) == [-0.5, 0.5, 1.5]
    plt.close(fig)


# ---------------------------------------------------------------- estilo comum das figuras


def _figura_com_decimais():
    fig, (ax, ax_log) = plt.subplots(1, 2, figsize=(6, 2.5))
    ax.plot([0.0, 0.5, 1.0], [0.1, 0.25, 0.3])
    ax_log.semilogy([1, 2, 3], [0.001, 0.01, 0.1])
    return fig


def test_salvar_figura_poe_virgula_decimal_em_todos_os_eixos(tmp_path):
    from pytorchdl_snippets.figuras import gravar_png

    fig = _figura_com_decimais()
    ax = fig.axes[0]
    gravar_png(fig, tmp_path / "f.png")
    # depois de salvar, os rótulos desenhados são os do formatador envolvido
    rotulos = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    assert any("," in r for r in rotulos), rotulos
    assert not any(re.search(r"\d\.\d", r) for r in rotulos), rotulos


def test_virgula_so_entre_digitos():
    from pytorchdl_snippets.figuras import com_virgula

    assert com_virgula("0.25") == "0,25"
    assert com_virgula("−1.5") == "−1,5"
    assert com_virgula("conv1.weight") == "conv1.weight"
    assert com_virgula("fim.") == "fim."


def test_salvar_figura_densidade_2_grava_o_dobro_de_pixels_e_a_densidade(tmp_path):
    from PIL import Image

    from pytorchdl_snippets.figuras import gravar_png

    fig = _figura_com_decimais()
    simples = gravar_png(fig, tmp_path / "1x.png", densidade=1, cores=64)
    fig = _figura_com_decimais()
    nitida = gravar_png(fig, tmp_path / "2x.png")  # densidade 2 é o padrão
    with Image.open(simples) as a, Image.open(nitida) as b:
        assert abs(b.size[0] - 2 * a.size[0]) <= 4 and abs(b.size[1] - 2 * a.size[1]) <= 4
        assert b.info["densidade"] == "2" and b.mode == "P"  # paleta: o peso fica controlado
    # o hook do site mostra o PNG nítido no tamanho CSS do simples
    from hooks.posprocesso import tamanho_css as _tamanho_css

    css = _tamanho_css(nitida.read_bytes())
    assert abs(css[0] - a.size[0]) <= 2 and abs(css[1] - a.size[1]) <= 2


@pytest.mark.skipif(not matplotlib_fixado(), reason=SO_COM_O_MATPLOTLIB_FIXADO)
def test_figura_com_densidade_2_pesa_menos_de_3_vezes(tmp_path):
    from pytorchdl_snippets.figuras import gravar_png

    simples = gravar_png(_figura_com_decimais(), tmp_path / "1x.png", densidade=1, cores=64)
    nitida = gravar_png(_figura_com_decimais(), tmp_path / "2x.png")
    assert nitida.stat().st_size < 3 * simples.stat().st_size


def test_salvar_figura_valida_densidade(tmp_path):
    from pytorchdl_snippets.figuras import gravar_png

    fig = _figura_com_decimais()
    with pytest.raises(ValueError, match="densidade: esperava um inteiro entre 1 e 3, recebi 0"):
        gravar_png(fig, tmp_path / "f.png", densidade=0)
    with pytest.raises(ValueError, match=r"densidade: .* recebi 1\.5"):
        gravar_png(fig, tmp_path / "f.png", densidade=1.5)
    plt.close(fig)


def test_menor_fonte_no_celular_encolhe_com_a_largura():
    from pytorchdl_snippets.figuras import menor_fonte_no_celular

    estreita, _ = plt.subplots(figsize=(3.5, 2.5))
    larga, _ = plt.subplots(figsize=(10, 2.5))
    for fig in (estreita, larga):
        fig.axes[0].set_xlabel("x")
        fig.canvas.draw()
    # a 3,5 polegadas (350 px) a figura cabe no celular sem encolher: a fonte é a do estilo (10 pt)
    assert menor_fonte_no_celular(estreita) == pytest.approx(10)
    # a 10 polegadas ela encolhe para 358/1000: ticks de 10 pt viram ~3,6 pt, ilegíveis
    assert menor_fonte_no_celular(larga) == pytest.approx(3.58)
    plt.close("all")
