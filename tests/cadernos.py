"""Execução dos cadernos de ``examples/``.

- ``executar(caminho)`` roda um caderno num kernel novo (no máximo 60 s por célula, erro em qualquer
  célula falha) com acesso à rede bloqueado, exceto a própria máquina;
- ``saidas_de_texto(caderno)`` extrai o texto que cada célula de código imprimiu;
- ``python -m tests.cadernos [caminhos]`` executa e **salva** os cadernos com as saídas, que o site
  mostra e que ``tests/test_cadernos.py`` compara com uma execução nova.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

RAIZ = Path(__file__).resolve().parent.parent
EXEMPLOS = RAIZ / "examples"
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


def executar(caminho: Path) -> nbformat.NotebookNode:
    """Executa o caderno num kernel novo, com diretório de trabalho ``examples/``."""
    caderno = nbformat.read(caminho, as_version=4)
    caderno.cells.insert(0, nbformat.v4.new_code_cell(GUARDA_DE_REDE))
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


def saidas_de_texto(caderno: nbformat.NotebookNode) -> list[list[str]]:
    """Para cada célula de código, os textos impressos (``stdout``) e os resultados ``text/plain``.

    Representações de figuras (``<Figure size ...>``) ficam de fora: a figura em si é uma imagem.
    """
    resultado = []
    for celula in caderno.cells:
        if celula.cell_type != "code":
            continue
        textos = []
        for saida in celula.get("outputs", []):
            if saida.output_type == "stream" and saida.name == "stdout":
                # o kernel pode partir o mesmo texto em pedaços diferentes a cada execução: juntamos
                if textos and textos[-1].startswith("stdout:"):
                    textos[-1] += saida.text
                else:
                    textos.append("stdout:" + saida.text)
            elif saida.output_type in ("execute_result", "display_data"):
                texto = saida.get("data", {}).get("text/plain", "")
                if texto and not texto.startswith("<Figure"):
                    textos.append(texto)
            elif saida.output_type == "error":
                textos.append(f"ERRO {saida.ename}: {saida.evalue}")
        resultado.append(textos)
    return resultado


def salvar(caminho: Path) -> None:
    caderno = executar(caminho)
    for celula in caderno.cells:
        celula.metadata.pop("execution", None)
    nbformat.write(caderno, caminho)


if __name__ == "__main__":
    alvos = [Path(a).resolve() for a in sys.argv[1:]] or cadernos()
    for alvo in alvos:
        salvar(alvo)
        print(f"executado e salvo: {alvo.relative_to(RAIZ)}")
