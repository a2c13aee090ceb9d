import pytest
import torch

from pytorchdl_snippets.regularizacao import aumentar, rotulos_com_ruido


def _gerador(semente=0):
    return torch.Generator().manual_seed(semente)


def test_sem_giro_nem_deslocamento_devolve_a_imagem():
    imagens = torch.rand(4, 8, 8, generator=_gerador())
    assert torch.allclose(aumentar(imagens, graus=0, pixels=0), imagens, atol=1e-6)


def test_deslocamento_de_um_pixel_inteiro_move_a_imagem():
    # com graus=0, o sorteio só mexe no deslocamento; forçamos ±1 pixel exato com pixels grandes
    # e conferimos o caso particular pela posição do único pixel aceso
    imagem = torch.zeros(1, 8, 8)
    imagem[0, 4, 4] = 1.0
    saida = aumentar(imagem, graus=0, pixels=1, gerador=_gerador(1))
    assert saida.sum().item() == pytest.approx(1.0, abs=1e-5)  # a massa só muda de lugar
    linhas, colunas = torch.nonzero(saida[0] > 1e-6, as_tuple=True)
    assert linhas.min() >= 3 and linhas.max() <= 5
    assert colunas.min() >= 3 and colunas.max() <= 5


def test_cada_imagem_recebe_o_seu_sorteio():
    imagem = torch.rand(1, 8, 8, generator=_gerador())
    lote = imagem.repeat(6, 1, 1)
    saida = aumentar(lote, gerador=_gerador(2))
    assert saida.shape == (6, 8, 8)
    assert not torch.allclose(saida[0], saida[1])


def test_mesma_semente_mesmo_resultado_e_aceita_canais():
    imagens = torch.rand(3, 2, 8, 8, generator=_gerador())
    a = aumentar(imagens, gerador=_gerador(5))
    b = aumentar(imagens, gerador=_gerador(5))
    assert a.shape == (3, 2, 8, 8)
    assert torch.equal(a, b)


def test_giro_de_90_graus_sem_deslocamento_e_uma_rotacao():
    imagem = torch.rand(1, 8, 8, generator=_gerador())
    # graus=90 sorteia um ângulo em [-90, 90]; comparamos a energia: girar conserva os pixels
    # do meio, então a soma muda pouco numa imagem cujo conteúdo está longe das bordas
    centro = torch.zeros(1, 8, 8)
    centro[0, 3:5, 3:5] = imagem[0, 3:5, 3:5]
    saida = aumentar(centro, graus=90, pixels=0, gerador=_gerador(3))
    assert saida.sum().item() == pytest.approx(centro.sum().item(), rel=0.2)


def test_rotulos_com_ruido_troca_perto_da_fracao():
    rotulos = torch.arange(10).repeat(200)
    ruidosos = rotulos_com_ruido(rotulos, 0.3, gerador=_gerador())
    errados = (ruidosos != rotulos).float().mean().item()
    assert errados == pytest.approx(0.3 * 0.9, abs=0.03)
    assert ruidosos.min() >= 0 and ruidosos.max() <= 9
    assert torch.equal(rotulos_com_ruido(rotulos, 0.0), rotulos)


@pytest.mark.parametrize(
    ("argumentos", "erro", "mensagem"),
    [
        ({"imagens": torch.rand(8, 8)}, ValueError, "imagens: esperava um tensor (N, H, W)"),
        ({"imagens": [[1.0]]}, ValueError, "recebi list"),
        ({"imagens": torch.zeros(2, 8, 8, dtype=torch.long)}, TypeError, "ponto flutuante"),
        ({"graus": -1}, ValueError, "graus: esperava um número entre 0 e 180, recebi -1.0"),
        ({"graus": "10"}, TypeError, "graus: esperava um número, recebi str"),
        ({"pixels": -0.5}, ValueError, "pixels: esperava um número >= 0, recebi -0.5"),
        ({"pixels": True}, TypeError, "pixels: esperava um número, recebi bool"),
        ({"gerador": 0}, TypeError, "gerador: esperava None ou um torch.Generator, recebi int"),
    ],
)
def test_aumentar_valida_as_entradas(argumentos, erro, mensagem):
    argumentos = {"imagens": torch.rand(2, 8, 8), **argumentos}
    with pytest.raises(erro, match=mensagem.replace("(", r"\(").replace(")", r"\)")):
        aumentar(**argumentos)


@pytest.mark.parametrize(
    ("argumentos", "erro", "mensagem"),
    [
        ({"rotulos": torch.rand(5)}, TypeError, "rotulos: esperava um tensor de inteiros"),
        ({"rotulos": torch.zeros(2, 2, dtype=torch.long)}, TypeError, r"recebi \(2, 2\)"),
        ({"fracao": 1.5}, ValueError, "fracao: esperava um número entre 0 e 1, recebi 1.5"),
        ({"classes": 1}, ValueError, "classes: esperava um int >= 2, recebi 1"),
        ({"gerador": "x"}, TypeError, "gerador: esperava None ou um torch.Generator"),
    ],
)
def test_rotulos_com_ruido_valida_as_entradas(argumentos, erro, mensagem):
    argumentos = {"rotulos": torch.arange(5), "fracao": 0.3, **argumentos}
    with pytest.raises(erro, match=mensagem):
        rotulos_com_ruido(**argumentos)
