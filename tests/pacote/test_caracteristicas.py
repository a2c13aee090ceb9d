import pytest
import torch

from pytorchdl_snippets.caracteristicas import (
    NOMES_CARACTERISTICAS,
    caracteristicas_digitos,
    cnn_pequena,
    treinar_cnn,
)
from pytorchdl_snippets.dados import carregar_digitos


def test_formato_e_nomes():
    d = carregar_digitos()
    F = caracteristicas_digitos(d.X_treino)
    assert F.shape == (len(d.X_treino), len(NOMES_CARACTERISTICAS)) == (1347, 17)
    assert torch.isfinite(F).all()
    # aceita também (N, 8, 8)
    assert torch.equal(caracteristicas_digitos(d.X_treino[:, 0]), F)


def test_valores_numa_imagem_conhecida():
    X = torch.zeros(1, 1, 8, 8)
    X[0, 0, :, 0] = 1.0  # uma coluna de tinta à esquerda
    f = dict(zip(NOMES_CARACTERISTICAS, caracteristicas_digitos(X)[0].tolist(), strict=True))
    assert f["tinta_total"] == 8
    assert f["tinta_quadrante_sup_esq"] == f["tinta_quadrante_inf_esq"] == 4
    assert f["tinta_quadrante_sup_dir"] == 0
    assert f["tinta_faixa_esquerda"] == 8 and f["tinta_faixa_direita"] == 0
    assert f["assimetria_esq_dir"] == 16 and f["assimetria_cima_baixo"] == 0
    assert f["centro_x"] == 0 and f["centro_y"] == pytest.approx(3.5)
    assert f["cruzamentos_horizontais"] == 1 and f["cruzamentos_verticais"] == 0


def test_imagem_em_branco_nao_gera_nan():
    assert torch.isfinite(caracteristicas_digitos(torch.zeros(2, 1, 8, 8))).all()


@pytest.mark.parametrize(
    ("X", "erro", "trecho"),
    [
        ([[0.0]], TypeError, "esperava um torch.Tensor"),
        (torch.zeros(3, 1, 8, 8, dtype=torch.int64), TypeError, "ponto flutuante"),
        (torch.zeros(3, 1, 7, 8), ValueError, r"recebi \(3, 1, 7, 8\)"),
        (torch.zeros(0, 8, 8), ValueError, "conjunto vazio"),
    ],
)
def test_erros_de_entrada(X, erro, trecho):
    with pytest.raises(erro, match=trecho):
        caracteristicas_digitos(X)


def test_cnn_pequena_devolve_logits():
    assert cnn_pequena()(torch.zeros(5, 1, 8, 8)).shape == (5, 10)


def test_treinar_cnn_aprende_e_e_reprodutivel():
    d = carregar_digitos()
    pequeno = (d.X_treino[:400], d.X_teste, d.y_treino[:400], d.y_teste)
    r1 = treinar_cnn(*pequeno, epocas=4, tamanho_lote=50)
    r2 = treinar_cnn(*pequeno, epocas=4, tamanho_lote=50)
    assert r1.acuracia > 0.7  # bem acima do acaso (0,1) com 400 imagens e 4 épocas
    assert r1.acuracia == r2.acuracia
    assert not r1.modelo.training  # devolvido em modo de avaliação


def test_treinar_cnn_erros():
    d = carregar_digitos()
    with pytest.raises(TypeError, match="y_treino: esperava rótulos int64"):
        treinar_cnn(d.X_treino, d.X_teste, d.y_treino.float(), d.y_teste)
    with pytest.raises(ValueError, match="X_teste: esperava formato"):
        treinar_cnn(d.X_treino, d.X_teste[:, :, :4], d.y_treino, d.y_teste)
    with pytest.raises(ValueError, match="epocas: esperava um int >= 1, recebi 0"):
        treinar_cnn(*d, epocas=0)
    with pytest.raises(ValueError, match="y_treino: esperava 1347 rótulos, recebi 10"):
        treinar_cnn(d.X_treino, d.X_teste, d.y_treino[:10], d.y_teste)
