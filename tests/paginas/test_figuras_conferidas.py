"""Figuras conferidas: cada figura de ``docs/assets/`` é regenerada pelo código e comparada.

Um teste por capítulo regenera as figuras dele (``gerar_todas(destino, apenas=[capitulo])``) num
diretório temporário e compara cada uma com a imagem commitada: mesmo conjunto de arquivos, mesmo
tamanho em pixels e, bloco a bloco, quase os mesmos pixels. Uma figura velha (o código mudou e
ninguém rodou ``make figuras``), trocada ou editada à mão falha, nomeando o arquivo.

A tolerância olha blocos de 16×16 pixels: um número trocado numa legenda muda poucos pixels da
imagem inteira (a média global quase não se move), mas muda muito o bloco onde está. Regenerar
com o mesmo código dá diferença zero (medido: no máximo 0,005 no pior bloco); a folga absorve só
o antisserrilhado (*antialiasing*) de uma conta de ponto flutuante que mude na última casa.

Figuras desenhadas a partir de um treino (curvas de erro, matriz de confusão, fronteiras de decisão)
mudam de um processador para outro como os números das páginas: as curvas se deslocam alguns pixels.
Elas ficam em ``FIGURAS_DE_TREINO``, com o motivo, e são comparadas pela diferença média da imagem
inteira (``TOLERANCIA_MEDIA_TREINO``, medida com os kernels portáteis do PyTorch e com folga), sem a
regra do pior bloco: uma figura trocada por outra ainda falha, um deslocamento de curva não.

Regenerar tudo custa dezenas de segundos de CPU (há treinos nas figuras): os testes por capítulo
são marcados ``lento``.
"""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pytorchdl_snippets.figuras import capitulos, gerar_todas
from tests.paginas.harness import SO_COM_O_MATPLOTLIB_FIXADO, figuras_das_paginas, matplotlib_fixado

RAIZ = Path(__file__).resolve().parents[2]
ASSETS = RAIZ / "docs" / "assets"
BLOCO = 16
# níveis de cinza (0 a 255): média na imagem inteira e média no pior bloco 16×16
TOLERANCIA_MEDIA = 0.5
TOLERANCIA_BLOCO = 3.0
# figuras de um treino: só a diferença média, com a folga que os kernels portáteis pedem
TOLERANCIA_MEDIA_TREINO = 8.0
FIGURAS_DE_TREINO = {
    "fundamentos/aproximacoes.png": "curvas aproximadas por redes treinadas",
    "fundamentos/erro_vs_neuronios.png": "erro máximo de redes treinadas",
    "fundamentos/circulos.png": "fronteira de decisão de uma rede treinada",
}


def _pixels(caminho: Path) -> np.ndarray:
    with Image.open(caminho) as imagem:
        return np.asarray(imagem.convert("RGB"), dtype=np.float64)


def diferenca(a: Path, b: Path) -> tuple[float, float]:
    """(diferença média, diferença média no pior bloco 16×16) entre duas imagens do mesmo tamanho."""
    pa, pb = _pixels(a), _pixels(b)
    if pa.shape != pb.shape:
        raise ValueError(
            f"tamanhos diferentes: {a.name} tem {pa.shape[1::-1]}, {b.name} tem {pb.shape[1::-1]}"
        )
    dif = np.abs(pa - pb).mean(axis=2)
    altura = -(-dif.shape[0] // BLOCO) * BLOCO
    largura = -(-dif.shape[1] // BLOCO) * BLOCO
    preenchida = np.zeros((altura, largura))
    preenchida[: dif.shape[0], : dif.shape[1]] = dif
    blocos = preenchida.reshape(altura // BLOCO, BLOCO, largura // BLOCO, BLOCO).mean(axis=(1, 3))
    return float(dif.mean()), float(blocos.max())


def comparar(gerada: Path, commitada: Path, de_treino: bool = False) -> str | None:
    """Mensagem de erro se ``commitada`` não confere com ``gerada``; None se confere."""
    nome = commitada.relative_to(RAIZ) if commitada.is_relative_to(RAIZ) else commitada
    try:
        media, pior_bloco = diferenca(gerada, commitada)
    except ValueError as erro:
        return f"{nome}: {erro}"
    if de_treino:
        if media > TOLERANCIA_MEDIA_TREINO:
            return (
                f"{nome}: figura de treino difere da regenerada (média {media:.2f}; tolerância "
                f"{TOLERANCIA_MEDIA_TREINO})"
            )
        return None
    if media > TOLERANCIA_MEDIA or pior_bloco > TOLERANCIA_BLOCO:
        return (
            f"{nome}: "
            f"difere da regenerada (média {media:.2f}, pior bloco {pior_bloco:.1f}; "
            f"tolerâncias {TOLERANCIA_MEDIA} e {TOLERANCIA_BLOCO})"
        )
    return None


# ---- a comparação em imagens sintéticas --------------------------------------------------------


def _figura(caminho: Path, texto: str = "acurácia 0,91", tamanho=(400, 300)) -> Path:
    imagem = Image.new("RGB", tamanho, "white")
    desenho = ImageDraw.Draw(imagem)
    desenho.line([(20, 280), (380, 40)], fill=(31, 119, 180), width=3)
    desenho.text((30, 20), texto, fill="black")
    imagem.save(caminho)
    return caminho


def test_mesma_figura_confere(tmp_path):
    a = _figura(tmp_path / "a.png")
    b = _figura(tmp_path / "b.png")
    assert diferenca(a, b) == (0.0, 0.0)
    assert comparar(a, b) is None


def test_numero_trocado_na_legenda_falha(tmp_path):
    a = _figura(tmp_path / "a.png", "acurácia 0,91")
    b = _figura(tmp_path / "b.png", "acurácia 0,81")
    media, pior_bloco = diferenca(a, b)
    assert media < TOLERANCIA_MEDIA  # a média global sozinha não veria a troca
    assert pior_bloco > TOLERANCIA_BLOCO
    assert "b.png: difere da regenerada" in comparar(a, b)


def test_figura_trocada_ou_de_outro_tamanho_falha(tmp_path):
    a = _figura(tmp_path / "a.png")
    outra = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(outra).ellipse([(50, 50), (350, 250)], fill=(214, 39, 40))
    outra.save(tmp_path / "b.png")
    assert "difere da regenerada" in comparar(a, tmp_path / "b.png")
    c = _figura(tmp_path / "c.png", tamanho=(401, 300))
    assert "tamanhos diferentes" in comparar(a, c)


def test_figura_de_treino_aceita_curva_deslocada_mas_nao_outra_figura(tmp_path):
    a = _figura(tmp_path / "a.png", "acurácia 0,91")
    deslocada = _figura(tmp_path / "b.png", "acurácia 0,93")
    assert comparar(a, deslocada) is not None  # fora de FIGURAS_DE_TREINO, o bloco pega
    assert comparar(a, deslocada, de_treino=True) is None
    outra = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(outra).ellipse([(50, 50), (350, 250)], fill=(214, 39, 40))
    outra.save(tmp_path / "c.png")
    assert "figura de treino difere" in comparar(a, tmp_path / "c.png", de_treino=True)


def test_figuras_de_treino_existem():
    assert all((ASSETS / nome).is_file() for nome in FIGURAS_DE_TREINO), sorted(FIGURAS_DE_TREINO)


# ---- as figuras do site ------------------------------------------------------------------------


@pytest.mark.lento
@pytest.mark.skipif(not matplotlib_fixado(), reason=SO_COM_O_MATPLOTLIB_FIXADO)
@pytest.mark.parametrize("capitulo", capitulos())
def test_figuras_do_capitulo_conferem(capitulo, tmp_path):
    geradas = {p.name: p for p in gerar_todas(tmp_path, apenas=[capitulo])}
    pasta = ASSETS / capitulo
    das_paginas = {n.split("/", 1)[1] for n in figuras_das_paginas() if n.startswith(f"{capitulo}/")}
    commitadas = {p.name for p in pasta.glob("*.png")} - das_paginas  # essas, a página confere
    assert commitadas == set(geradas), (
        f"docs/assets/{capitulo}/: faltam {sorted(set(geradas) - commitadas)} "
        f"e sobram {sorted(commitadas - set(geradas))} (rode `make figuras`)"
    )
    erros = [
        e
        for nome, gerada in sorted(geradas.items())
        if (e := comparar(gerada, pasta / nome, de_treino=f"{capitulo}/{nome}" in FIGURAS_DE_TREINO))
    ]
    assert not erros, "figuras velhas ou trocadas (rode `make figuras` e confira):\n" + "\n".join(erros)
