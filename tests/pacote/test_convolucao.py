import numpy as np
import pytest
import torch
from scipy.signal import correlate2d

from pytorchdl_snippets.convolucao import (
    KERNELS,
    carregar_imagem_exemplo,
    convolucao_1d,
    correlacao_2d,
    encontrar_padrao,
    filtrar,
    imagem_para_tensor,
    kernel_classico,
    para_cinza,
    tamanho_saida,
)


def test_convolucao_1d_igual_ao_numpy_e_inverte_o_kernel():
    rng = np.random.default_rng(0)
    x, k = rng.normal(size=20), np.array([1.0, 2.0, -3.0])
    np.testing.assert_allclose(convolucao_1d(x, k), np.convolve(x, k, mode="valid"))
    # kernel não simétrico: a convolução não é a correlação
    assert not np.allclose(convolucao_1d(x, k), np.correlate(x, k, mode="valid"))
    assert convolucao_1d(torch.arange(5.0), [1.0, 0.0, -1.0]).tolist() == [2.0, 2.0, 2.0]


@pytest.mark.parametrize(
    ("sinal", "kernel", "mensagem"),
    [
        ([1.0, 2.0], [1.0, 0.0, -1.0], "kernel: tem 3 elementos, mais que o sinal"),
        ([[1.0, 2.0]], [1.0], r"sinal: esperava formato \(N,\)"),
        ([1.0, 2.0], [], "kernel: esperava formato"),
    ],
)
def test_convolucao_1d_erros(sinal, kernel, mensagem):
    with pytest.raises(ValueError, match=mensagem):
        convolucao_1d(sinal, kernel)


def test_convolucao_1d_tipo_invalido():
    with pytest.raises(TypeError, match="sinal: esperava"):
        convolucao_1d("abc", [1.0])


def test_correlacao_2d_igual_ao_scipy_e_ao_filtrar():
    rng = np.random.default_rng(1)
    img, k = rng.normal(size=(9, 7)), rng.normal(size=(3, 2))
    esperado = correlate2d(img, k, mode="valid")
    np.testing.assert_allclose(correlacao_2d(img, k), esperado)
    obtido = filtrar(img, k)
    assert obtido.dtype == torch.float32 and tuple(obtido.shape) == (7, 6)
    np.testing.assert_allclose(obtido.numpy(), esperado, rtol=1e-5, atol=1e-5)


def test_filtrar_com_preenchimento_mantem_o_tamanho():
    img = torch.rand(6, 5)
    assert tuple(filtrar(img, kernel_classico("sobel_x"), preenchimento=1).shape) == (6, 5)
    # kernel 5×5 não cabe numa imagem 4×4, mas cabe com preenchimento 1
    assert tuple(filtrar(torch.rand(4, 4), torch.ones(5, 5), preenchimento=1).shape) == (2, 2)


@pytest.mark.parametrize("funcao", [correlacao_2d, filtrar])
def test_kernel_maior_que_a_imagem(funcao):
    with pytest.raises(ValueError, match=r"kernel: formato \(5, 5\) é maior que a imagem \(4, 4\)"):
        funcao(np.zeros((4, 4)), np.ones((5, 5)))


@pytest.mark.parametrize("funcao", [correlacao_2d, filtrar])
def test_imagem_com_dimensoes_erradas(funcao):
    with pytest.raises(ValueError, match=r"imagem: esperava formato \(H, W\), recebi \(1, 4, 4\)"):
        funcao(np.zeros((1, 4, 4)), np.ones((3, 3)))
    with pytest.raises(ValueError, match=r"kernel: esperava formato \(kH, kW\)"):
        funcao(np.zeros((4, 4)), np.ones(3))


@pytest.mark.parametrize(("preenchimento", "erro"), [(-1, ValueError), (1.5, TypeError), (True, TypeError)])
def test_filtrar_preenchimento_invalido(preenchimento, erro):
    with pytest.raises(erro, match="preenchimento: esperava um int >= 0"):
        filtrar(np.zeros((4, 4)), np.ones((3, 3)), preenchimento=preenchimento)


def test_kernels_classicos():
    assert set(KERNELS) >= {"media", "sobel_x", "sobel_y", "laplace", "borda_vertical", "borda_horizontal"}
    for nome in KERNELS:
        k = kernel_classico(nome)
        assert k.shape == (3, 3) and k.dtype == torch.float32
    assert kernel_classico("media").sum().item() == pytest.approx(1.0)
    assert kernel_classico("laplace").sum().item() == 0.0
    # imagem constante: média preserva, derivadas dão zero
    constante = torch.full((5, 5), 0.5)
    assert torch.allclose(filtrar(constante, kernel_classico("media")), torch.full((3, 3), 0.5))
    assert torch.count_nonzero(filtrar(constante, kernel_classico("sobel_x"))) == 0
    with pytest.raises(ValueError, match="nome: esperava um de"):
        kernel_classico("gauss")


@pytest.mark.parametrize(
    ("entrada", "kernel", "opcoes", "esperado"),
    [
        (32, 5, {}, 28),
        (8, 5, {"passo": 1, "preenchimento": 2}, 8),
        (8, 3, {"passo": 2, "preenchimento": 1}, 4),
        (7, 3, {"passo": 2}, 3),
        (10, 3, {"dilatacao": 2}, 6),
    ],
)
def test_tamanho_saida_confere_com_o_pytorch(entrada, kernel, opcoes, esperado):
    assert tamanho_saida(entrada, kernel, **opcoes) == esperado
    camada = torch.nn.Conv2d(
        1,
        1,
        kernel,
        stride=opcoes.get("passo", 1),
        padding=opcoes.get("preenchimento", 0),
        dilation=opcoes.get("dilatacao", 1),
    )
    assert camada(torch.zeros(1, 1, entrada, entrada)).shape[-1] == esperado


def test_tamanho_saida_erros():
    with pytest.raises(ValueError, match=r"kernel: alcance 5 é maior que a entrada preenchida \(4 \+ 2 × 0"):
        tamanho_saida(4, 5)
    with pytest.raises(ValueError, match="passo: esperava um int >= 1, recebi 0"):
        tamanho_saida(8, 3, passo=0)
    with pytest.raises(TypeError, match="entrada: esperava um int >= 1, recebi float"):
        tamanho_saida(8.0, 3)


def test_imagem_de_exemplo_e_conversao_para_tensor():
    img = carregar_imagem_exemplo("flower.jpg", reducao=4)
    assert img.shape == (107, 160, 3) and img.dtype == np.uint8
    lote = imagem_para_tensor(img)
    assert lote.shape == (1, 3, 107, 160) and lote.dtype == torch.float32
    assert lote.min() >= 0.0 and lote.max() <= 1.0
    assert lote[0, 2, 10, 20].item() == pytest.approx(img[10, 20, 2] / 255)
    cinza = para_cinza(lote)
    assert cinza.shape == (1, 1, 107, 160)
    assert torch.allclose(para_cinza(torch.ones(2, 3, 4, 4)), torch.ones(2, 1, 4, 4))


def test_imagem_de_exemplo_erros():
    with pytest.raises(ValueError, match="nome: esperava um de"):
        carregar_imagem_exemplo("gato.png")
    with pytest.raises(ValueError, match="reducao: esperava um int >= 1, recebi 0"):
        carregar_imagem_exemplo(reducao=0)


def test_imagem_para_tensor_erros():
    with pytest.raises(ValueError, match=r"recebi 8 \(formato \(3, 5, 8\); a imagem já está como"):
        imagem_para_tensor(np.zeros((3, 5, 8), dtype=np.uint8))
    with pytest.raises(ValueError, match=r"imagem: esperava formato \(H, W, C\), recebi \(5, 8\)"):
        imagem_para_tensor(np.zeros((5, 8), dtype=np.uint8))
    with pytest.raises(TypeError, match="imagem: esperava um array"):
        imagem_para_tensor([[1, 2]])


def test_para_cinza_erros():
    with pytest.raises(ValueError, match=r"lote: esperava 3 canais .* recebi 4"):
        para_cinza(torch.zeros(1, 4, 5, 5))
    with pytest.raises(ValueError, match=r"lote: esperava formato \(B, 3, H, W\), recebi \(3, 5, 5\)"):
        para_cinza(torch.zeros(3, 5, 5))
    with pytest.raises(TypeError, match=r"lote: esperava um torch\.Tensor"):
        para_cinza(np.zeros((1, 3, 5, 5)))


def test_encontrar_padrao_acha_o_recorte():
    rng = np.random.default_rng(2)
    img = rng.random((30, 40))
    img[:10, :10] += 5.0  # uma região muito clara: a correlação pura se engana, a distância não
    padrao = img[17:24, 25:31].copy()
    assert encontrar_padrao(img, padrao) == (17, 25)
    assert np.unravel_index(correlacao_2d(img, padrao).argmax(), (24, 35)) != (17, 25)
    with pytest.raises(ValueError, match="padrao: formato"):
        encontrar_padrao(padrao, img)
