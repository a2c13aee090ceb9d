"""Executar um caderno e comparar as saídas (usado pelos testes e pelas ferramentas).


- ``executar(caminho)`` roda um caderno num kernel novo (no máximo 60 s por célula, erro em qualquer
  célula falha) com acesso à rede bloqueado, exceto a própria máquina;
- ``saidas(caderno)`` resume o que cada célula de código mostrou: ``stdout``, ``stderr``, resultados
  ``text/plain`` e ``text/html``, imagens (tipo, largura × altura e tamanho em bytes) e erros;
- ``diferencas(salvo, novo)`` compara dois resumos: textos iguais, imagens do mesmo tipo e com tamanho
  parecido (os bytes de um PNG mudam entre versões do matplotlib; a imagem não some nem troca de tipo);
- os testes executam um caderno de ponta a ponta (fumaça) e comparam as saídas com as geradas.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from curso.capitulos import CAPITULOS
from curso.config import EXEMPLOS, mkdocs
from curso.derivar import caderno_do_capitulo

LIMITE_POR_CELULA_S = 60

# Célula injetada antes de todas (e removida depois): proíbe conexões fora da própria máquina.
GUARDA_DE_REDE = """
import socket as _socket
_conectar_original = _socket.socket.connect
def _conectar_so_local(self, endereco, *args):
    if isinstance(endereco, tuple) and endereco[0] not in ("127.0.0.1", "::1", "localhost"):
        raise RuntimeError(f"acesso à rede bloqueado durante os testes: {endereco}")
    return _conectar_original(self, endereco, *args)
_socket.socket.connect = _conectar_so_local
_socket.socket.connect_ex = _conectar_so_local
"""


def cadernos() -> list[Path]:
    return sorted(EXEMPLOS.glob("*.ipynb"))


# O console (>>>) mostra repr(valor); o IPython, por padrão, um "pretty print" que difere em alguns
# objetos (``float`` no lugar de ``<class 'float'>``). Para comparar com a página, o repr do console.
REPR_DO_CONSOLE = "get_ipython().display_formatter.formatters['text/plain'].pprint = False"


def executar(caminho: Path) -> nbformat.NotebookNode:
    """Executa o caderno num kernel novo, com diretório de trabalho ``examples/``, sem rede e com o
    ``repr`` do console para os valores das expressões (como a página os mostra)."""
    caderno = nbformat.read(caminho, as_version=4)
    caderno.cells.insert(0, nbformat.v4.new_code_cell(GUARDA_DE_REDE + "\n" + REPR_DO_CONSOLE))
    cliente = NotebookClient(
        caderno,
        timeout=LIMITE_POR_CELULA_S,
        kernel_name="python3",
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(caminho.parent)}},
    )
    cliente.execute()
    caderno.cells.pop(0)
    # a célula da guarda foi a execução 1: renumeramos para o leitor ver In [1], In [2]...
    for celula in caderno.cells:
        if celula.cell_type == "code" and celula.get("execution_count"):
            celula.execution_count -= 1
            for saida in celula.outputs:
                if saida.get("execution_count"):
                    saida.execution_count -= 1
    return caderno


@dataclass(frozen=True)
class Imagem:
    tipo: str  # image/png, image/jpeg, image/svg+xml
    largura: int | None
    altura: int | None
    tamanho: int  # bytes

    def parecida(self, outra: Imagem) -> bool:
        """Mesmo tipo, mesmas dimensões (±2 %) e tamanho em bytes parecido (±35 %)."""

        def perto(a, b, folga):
            return a == b or (a is not None and b is not None and abs(a - b) <= folga * max(a, b))

        return (
            self.tipo == outra.tipo
            and perto(self.largura, outra.largura, 0.02)
            and perto(self.altura, outra.altura, 0.02)
            and perto(self.tamanho, outra.tamanho, 0.35)
        )


def _imagem(tipo: str, dados) -> Imagem:
    if tipo == "image/svg+xml":
        texto = "".join(dados) if isinstance(dados, list) else dados
        return Imagem(tipo, None, None, len(texto.encode()))
    bruto = base64.b64decode("".join(dados) if isinstance(dados, list) else dados)
    largura = altura = None
    if bruto[:8] == b"\x89PNG\r\n\x1a\n":
        largura, altura = struct.unpack(">II", bruto[16:24])
    return Imagem(tipo, largura, altura, len(bruto))


def saidas(caderno: nbformat.NotebookNode) -> list[list]:
    """Para cada célula de código, o que ela mostrou, na ordem: textos (``"stdout:..."``,
    ``"stderr:..."``, ``"text/plain:..."``, ``"text/html:..."``, ``"ERRO ..."``) e ``Imagem``."""
    resultado = []
    for celula in caderno.cells:
        if celula.cell_type != "code":
            continue
        itens: list = []
        for saida in celula.get("outputs", []):
            if saida.output_type == "stream":
                # o kernel pode partir o mesmo texto em pedaços diferentes a cada execução: juntamos
                prefixo = f"{saida.name}:"
                if itens and isinstance(itens[-1], str) and itens[-1].startswith(prefixo):
                    itens[-1] += saida.text
                else:
                    itens.append(prefixo + saida.text)
            elif saida.output_type in ("execute_result", "display_data"):
                for tipo, dados in sorted(saida.get("data", {}).items()):
                    if tipo.startswith("image/"):
                        itens.append(_imagem(tipo, dados))
                    else:
                        texto = "".join(dados) if isinstance(dados, list) else str(dados)
                        itens.append(f"{tipo}:{texto}")
            elif saida.output_type == "error":
                itens.append(f"ERRO {saida.ename}: {saida.evalue}")
        resultado.append(itens)
    return resultado


def diferencas(
    salvo: nbformat.NotebookNode,
    novo: nbformat.NotebookNode,
    comparar: Callable[[int, str, str], bool] | None = None,
) -> list[str]:
    """O que mudou entre as saídas salvas e as novas, célula a célula (vazia: nada mudou).

    ``comparar(celula, salvo, novo)`` decide se dois textos diferentes ainda conferem (a tolerância
    declarada antes da célula; ``tests/paginas/tolerancia.py``); sem ele, textos são exatos.
    """
    problemas = []
    a, b = saidas(salvo), saidas(novo)
    if len(a) != len(b):
        return [f"número de células de código: {len(a)} salvas, {len(b)} novas"]
    for numero, (antes, depois) in enumerate(zip(a, b, strict=True), 1):
        onde = f"célula de código {numero}"
        if len(antes) != len(depois):
            problemas.append(
                f"{onde}: {len(antes)} saídas salvas, {len(depois)} novas: {antes!r} → {depois!r}"
            )
            continue
        for x, y in zip(antes, depois, strict=True):
            if isinstance(x, Imagem) and isinstance(y, Imagem):
                if not x.parecida(y):
                    problemas.append(f"{onde}: imagem diferente: {x} → {y}")
            elif x != y and not (
                comparar and isinstance(x, str) and isinstance(y, str) and comparar(numero, x, y)
            ):
                problemas.append(f"{onde}: {str(x)[:300]!r} → {str(y)[:300]!r}")
    return problemas


def gerados() -> dict[Path, str]:
    """O texto de cada caderno de capítulo, como as páginas o geram agora."""
    site_url = mkdocs().get("site_url") or "/"
    return {
        EXEMPLOS / c.caderno: nbformat.writes(caderno_do_capitulo(n, c, site_url)) + "\n"
        for n, c in enumerate(CAPITULOS, 1)
        if c.paginas()
    }
