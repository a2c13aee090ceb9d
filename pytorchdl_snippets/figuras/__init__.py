"""As figuras do site, feitas pelas próprias páginas.

Cada figura é desenhada por um bloco visível da página que a mostra, a partir das variáveis que a
página calculou, e salva com ``salvar_figura(fig, "parte/nome.png")``. Aqui ficam só as peças comuns:
o estilo (texto legível num celular), a vírgula decimal nos eixos, o PNG leve e a conferência com a
imagem commitada em ``docs/assets/``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # sem janela: as figuras vão direto para arquivos PNG

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
from PIL import Image
from PIL.PngImagePlugin import PngInfo

# Estilo comum das figuras: texto legível quando a figura encolhe para a largura de um celular.
ESTILO = {
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "figure.titlesize": 12,
    "axes.formatter.use_mathtext": False,
    "savefig.facecolor": "white",
}
matplotlib.rcParams.update(ESTILO)

_PONTO_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")


def com_virgula(texto: str) -> str:
    """``"0.5"`` → ``"0,5"``: troca o ponto decimal (entre dígitos) pela vírgula."""
    if isinstance(texto, bytes):  # rótulos de categorias (ex.: matriz de confusão) podem vir em bytes
        texto = texto.decode()
    return _PONTO_DECIMAL.sub(",", str(texto))


class VirgulaDecimal(mticker.Formatter):
    """Envolve o formatador de um eixo e escreve os números com vírgula decimal."""

    def __init__(self, original: mticker.Formatter) -> None:
        self.original = original

    def set_axis(self, axis) -> None:
        super().set_axis(axis)
        self.original.set_axis(axis)

    def set_locs(self, locs) -> None:
        self.original.set_locs(locs)

    def __call__(self, x, pos=None) -> str:
        return com_virgula(self.original(x, pos))

    def format_ticks(self, values) -> list[str]:
        return [com_virgula(t) for t in self.original.format_ticks(values)]

    def get_offset(self) -> str:
        return com_virgula(self.original.get_offset())


def virgula_nos_eixos(fig) -> None:
    """Aplica :class:`VirgulaDecimal` a todos os eixos da figura (x, y e z; marcas maiores e menores)."""
    for ax in fig.get_axes():
        for nome in ("xaxis", "yaxis", "zaxis"):
            eixo = getattr(ax, nome, None)
            if eixo is None:
                continue
            for obter, definir in (
                (eixo.get_major_formatter, eixo.set_major_formatter),
                (eixo.get_minor_formatter, eixo.set_minor_formatter),
            ):
                atual = obter()
                if not isinstance(atual, (VirgulaDecimal, mticker.NullFormatter)):
                    definir(VirgulaDecimal(atual))


def menor_fonte_no_celular(fig, largura_tela: int = 358) -> float:
    """Tamanho (em pt) do menor texto da figura quando ela encolhe para ``largura_tela`` px CSS.

    A figura aparece com a largura que teria a 100 dpi (``hooks/telas.py``), no máximo a da coluna
    (358 px num celular de 390 px). Use num teste: ``assert menor_fonte_no_celular(fig) >= 7``.
    """
    escala = min(1.0, largura_tela / (fig.get_figwidth() * 100))
    textos = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    return min((t.get_fontsize() * escala for t in textos), default=float("inf"))


def _validar_opcoes(cores, densidade) -> None:
    if cores is not None and not (isinstance(cores, int) and 2 <= cores <= 256):
        raise ValueError(f"cores: esperava None ou um inteiro entre 2 e 256, recebi {cores!r}")
    if isinstance(densidade, bool) or not isinstance(densidade, int) or not 1 <= densidade <= 3:
        raise ValueError(f"densidade: esperava um inteiro entre 1 e 3, recebi {densidade!r}")


def _png_em_memoria(fig, dpi: int, densidade: int) -> io.BytesIO:
    """O PNG (recortado nas bordas, vírgula decimal nos eixos) num buffer, com todas as cores."""
    virgula_nos_eixos(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi * densidade, bbox_inches="tight")
    buffer.seek(0)
    return buffer


def desenhar(fig, dpi: int = 100, cores: int | None = None, densidade: int = 2) -> Image.Image:
    """A imagem que :func:`gravar_png` gravaria (mesmo recorte e tamanho), sem paleta, e fecha a figura.

    É o que a conferência da suíte compara com a imagem commitada: reduzir as cores e comprimir o
    PNG custaria mais que desenhar, e a diferença fica muito abaixo da folga da comparação.
    ``cores`` é só validado, como em :func:`gravar_png`.
    """
    _validar_opcoes(cores, densidade)
    with Image.open(_png_em_memoria(fig, dpi, densidade)) as imagem:
        imagem.load()
        desenho = imagem.copy()
    plt.close(fig)
    return desenho


def gravar_png(fig, caminho: Path, dpi: int = 100, cores: int | None = None, densidade: int = 2) -> Path:
    """Salva ``fig`` em PNG (recortada nas bordas), com vírgula decimal nos eixos, e fecha a figura.

    ``densidade`` pixels por pixel CSS: com 2 (padrão), o PNG tem o dobro de pixels em cada lado,
    nítido em telas de alta densidade, e o ``hooks/telas.py`` o mostra no tamanho de ``dpi``
    (o número fica gravado no PNG). Com ``cores``, o PNG usa uma paleta com esse número de cores: o
    arquivo fica várias vezes menor, sem diferença visível em gráficos; com ``densidade`` > 1 e sem
    ``cores``, usa 256 cores para o peso não crescer (o peso das páginas do site conta).
    """
    _validar_opcoes(cores, densidade)
    caminho = Path(caminho)
    if cores is None and densidade > 1:
        cores = 256
    resolucao = dpi * densidade
    if cores is None:
        virgula_nos_eixos(fig)
        fig.savefig(caminho, dpi=resolucao, bbox_inches="tight")
    else:
        buffer = _png_em_memoria(fig, dpi, densidade)
        info = PngInfo()
        info.add_text("densidade", str(densidade))
        with Image.open(buffer) as imagem:
            paleta = imagem.convert("RGB").quantize(colors=cores)
            paleta.save(caminho, optimize=True, dpi=(resolucao, resolucao), pnginfo=info)
    plt.close(fig)
    return caminho


class FiguraDesatualizada(AssertionError):
    """A figura desenhada pela página não é a imagem commitada em ``docs/assets/``."""


# Conferência independente da versão do matplotlib: as duas imagens reduzidas a uma grade de cinza
# de 96 px de largura (o antisserrilhado e um pixel a mais no recorte somem) e comparadas pela
# diferença média, com a folga das figuras de treino (curvas que se deslocam de uma CPU para outra).
LARGURA_CONFERIDA = 96
TOLERANCIA_CONFERIDA = 8.0


def _cinza_reduzida(imagem: Image.Image, tamanho: tuple[int, int]):
    import numpy as np

    fundo = Image.new("RGBA", imagem.size, "white")
    fundo.alpha_composite(imagem.convert("RGBA"))
    reduzida = fundo.convert("L").resize(tamanho, Image.Resampling.BOX)
    return np.asarray(reduzida, dtype=float)


def diferenca_de_figuras(a: Image.Image, b: Image.Image) -> float:
    """Diferença média (0 a 255) entre duas imagens reduzidas a cinza na mesma grade.

    Proporções que diferem em mais de 5 % dão ``inf``: é outra figura.
    """
    razao_a, razao_b = a.height / a.width, b.height / b.width
    if abs(razao_a - razao_b) > 0.05 * razao_a:
        return float("inf")
    tamanho = (LARGURA_CONFERIDA, max(1, round(LARGURA_CONFERIDA * razao_a)))
    return float(abs(_cinza_reduzida(a, tamanho) - _cinza_reduzida(b, tamanho)).mean())


def _validar_nome(nome) -> str:
    if not isinstance(nome, str):
        raise TypeError(f"nome: esperava um texto como 'parte/figura.png', recebi {type(nome).__name__}")
    partes = nome.split("/")
    if nome.startswith("/") or ".." in partes or len(partes) < 2 or not nome.endswith(".png"):
        raise ValueError(
            f"nome: esperava um caminho relativo 'parte/figura.png' (pasta da parte e PNG), recebi {nome!r}"
        )
    return nome


def salvar_figura(fig, nome: str, **opcoes) -> None:
    """Salva a figura de uma página: ``salvar_figura(fig, "parte/figura.png")``.

    É a última linha do bloco visível que desenha a figura, e a página a mostra logo depois. Onde o
    PNG vai:

    - leitor (sem variáveis de ambiente): ``figuras/parte/figura.png`` na pasta atual;
    - ``PYTORCHDL_FIGURAS_REFERENCIA=<pasta>`` (a suíte põe ``docs/assets``): confere o desenho com a
      imagem commitada e levanta :class:`FiguraDesatualizada` se ela falta ou mudou;
    - com ``PYTORCHDL_FIGURAS_GRAVAR=1`` também: grava na referência (``make figuras``).

    ``opcoes`` vão para :func:`gravar_png` (``dpi``, ``cores``, ``densidade``). Não devolve nada: a
    sessão ``>>>`` não imprime nada.
    """
    import os

    nome = _validar_nome(nome)
    referencia = os.environ.get("PYTORCHDL_FIGURAS_REFERENCIA")
    if not referencia:
        destino = Path("figuras") / nome
        destino.parent.mkdir(parents=True, exist_ok=True)
        gravar_png(fig, destino, **opcoes)
        return None
    commitada = Path(referencia) / nome
    if os.environ.get("PYTORCHDL_FIGURAS_GRAVAR") == "1":
        commitada.parent.mkdir(parents=True, exist_ok=True)
        gravar_png(fig, commitada, **opcoes)
        return None
    regravar = "grave-a de novo rodando a página com PYTORCHDL_FIGURAS_GRAVAR=1 (make figuras)"
    if not commitada.is_file():
        plt.close(fig)
        raise FiguraDesatualizada(f"a figura {nome} não existe em {referencia}: {regravar}")
    nova = desenhar(fig, **opcoes)  # sem paleta nem arquivo: só a comparação importa
    with Image.open(commitada) as b:
        diferenca = diferenca_de_figuras(nova, b)
    if diferenca > TOLERANCIA_CONFERIDA:
        raise FiguraDesatualizada(
            f"a figura {nome} desenhada agora difere da commitada (diferença média {diferenca:.1f}, "
            f"limite {TOLERANCIA_CONFERIDA}): {regravar}"
        )
    return None
