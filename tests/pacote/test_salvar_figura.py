"""``salvar_figura``: a figura de uma página, feita por um bloco visível dela.

Três destinos: a pasta ``figuras/`` do leitor (sem variáveis de ambiente), a pasta de referência
do repositório (``PYTORCHDL_FIGURAS_GRAVAR=1``) ou a conferência contra a imagem commitada (só a
referência definida, como na suíte).
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from pytorchdl_snippets.figuras import FiguraDesatualizada, salvar_figura


def _figura(inclinacao=1.0, titulo="reta"):
    fig, ax = plt.subplots(figsize=(4, 3))
    x = np.linspace(0, 1, 50)
    ax.plot(x, inclinacao * x)
    ax.set_title(titulo)
    return fig


@pytest.fixture
def sem_ambiente(monkeypatch):
    monkeypatch.delenv("PYTORCHDL_FIGURAS_REFERENCIA", raising=False)
    monkeypatch.delenv("PYTORCHDL_FIGURAS_GRAVAR", raising=False)
    return monkeypatch


def test_leitor_ganha_a_figura_na_pasta_figuras(tmp_path, sem_ambiente):
    sem_ambiente.chdir(tmp_path)
    assert salvar_figura(_figura(), "parte/reta.png") is None  # nada impresso na sessão
    assert (tmp_path / "figuras" / "parte" / "reta.png").stat().st_size > 0


def test_gravar_escreve_na_referencia(tmp_path, sem_ambiente):
    sem_ambiente.setenv("PYTORCHDL_FIGURAS_REFERENCIA", str(tmp_path))
    sem_ambiente.setenv("PYTORCHDL_FIGURAS_GRAVAR", "1")
    salvar_figura(_figura(), "parte/reta.png")
    assert (tmp_path / "parte" / "reta.png").is_file()


def test_conferir_aceita_a_mesma_figura_e_recusa_outra(tmp_path, sem_ambiente):
    sem_ambiente.setenv("PYTORCHDL_FIGURAS_REFERENCIA", str(tmp_path))
    sem_ambiente.setenv("PYTORCHDL_FIGURAS_GRAVAR", "1")
    salvar_figura(_figura(), "parte/reta.png")
    gravada = (tmp_path / "parte" / "reta.png").read_bytes()
    sem_ambiente.delenv("PYTORCHDL_FIGURAS_GRAVAR")
    salvar_figura(_figura(), "parte/reta.png")  # a mesma: passa, e não reescreve
    assert (tmp_path / "parte" / "reta.png").read_bytes() == gravada
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.imshow(np.random.default_rng(0).random((20, 20)))  # outra figura, mesmo tamanho
    with pytest.raises(FiguraDesatualizada, match=r"parte/reta\.png.*PYTORCHDL_FIGURAS_GRAVAR"):
        salvar_figura(fig, "parte/reta.png")


def test_conferir_sem_imagem_commitada_falha(tmp_path, sem_ambiente):
    sem_ambiente.setenv("PYTORCHDL_FIGURAS_REFERENCIA", str(tmp_path))
    with pytest.raises(FiguraDesatualizada, match="não existe"):
        salvar_figura(_figura(), "parte/nova.png")


@pytest.mark.parametrize("nome", ["/abs/x.png", "../x.png", "parte/x.jpg", 3, "x.png"])
def test_nome_invalido(nome, sem_ambiente):
    with pytest.raises((ValueError, TypeError), match="nome"):
        salvar_figura(_figura(), nome)


def test_conferir_nao_grava_nem_reduz_as_cores(tmp_path, sem_ambiente, monkeypatch):
    """A conferência desenha a figura na mesma resolução e compara direto, sem paleta nem arquivo."""
    from pytorchdl_snippets import figuras

    sem_ambiente.setenv("PYTORCHDL_FIGURAS_REFERENCIA", str(tmp_path))
    sem_ambiente.setenv("PYTORCHDL_FIGURAS_GRAVAR", "1")
    salvar_figura(_figura(), "parte/reta.png", cores=16)
    sem_ambiente.delenv("PYTORCHDL_FIGURAS_GRAVAR")

    def nao_grava(*args, **kwargs):
        raise AssertionError("a conferência não grava PNG")

    monkeypatch.setattr(figuras, "gravar_png", nao_grava)
    salvar_figura(_figura(), "parte/reta.png", cores=16)  # a paleta de 16 cores cabe na folga
    with pytest.raises(ValueError, match="cores"):
        salvar_figura(_figura(), "parte/reta.png", cores=1)  # as opções são validadas igual


def test_desenhar_tem_o_tamanho_do_png_gravado(tmp_path):
    from PIL import Image

    from pytorchdl_snippets.figuras import desenhar, diferenca_de_figuras, gravar_png

    imagem = desenhar(_figura(), dpi=100, densidade=2)
    with Image.open(gravar_png(_figura(), tmp_path / "reta.png", cores=64)) as gravada:
        assert imagem.size == gravada.size
        assert diferenca_de_figuras(imagem, gravada) < 1
