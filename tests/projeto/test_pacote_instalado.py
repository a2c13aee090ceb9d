"""O pacote instala como um pacote de verdade, e as páginas rodam com ele, longe do repositório.

1. Os arquivos do repositório (os do git, sem artefatos de build) são copiados para uma pasta
   temporária, e o backend do ``pyproject.toml`` (setuptools, PEP 517) constrói o sdist e, dele,
   a wheel (sem isolamento: o setuptools do ambiente principal, sem baixar nada).
2. A wheel é instalada num ambiente virtual novo, fora do repositório. Para ser rápido e offline,
   o ambiente novo enxerga as dependências (torch, numpy...) do ambiente principal por um ``.pth``
   e a wheel é instalada com ``--no-deps``: o que se testa é o que a wheel leva, não o pip
   resolvendo dependências (as faixas do ``pyproject.toml`` são conferidas pelo CI).
   O ``.pth`` não executa os ``.pth`` do ambiente principal, então a instalação editável do
   repositório não vaza para o ambiente novo — o teste confere de onde o pacote veio.
3. Páginas rodam, como o leitor as copia, num diretório temporário, sem rede e sem caminho para o
   repositório: o pacote leva tudo o que elas importam.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from curso.cadernos import GUARDA_DE_REDE
from curso.config import pacote_git
from curso.licao import codigo_para_copiar
from tests.paginas.blocos_executados import blocos, imprimiu
from tests.paginas.harness import DOCS, RAIZ
from tests.site.test_copiar import PAGINAS_COM_CODIGO, PAGINAS_RAPIDAS, _esperado

INSTALAR = f'pip install "{pacote_git()}"'


def _minimo(especificacao: str) -> str:
    return re.fullmatch(r"[\w-]*>=([\d.]+)", especificacao.replace(" ", ""))[1]


@pytest.mark.parametrize("documento", ["README.md", "docs/index.md"])
def test_instalacao_e_versoes_suportadas_documentadas(documento):
    """README e página inicial: o comando de instalação e as versões do pyproject e das restrições."""
    # (o tomllib só existe a partir do Python 3.11; as duas linhas do pyproject bastam)
    projeto = (RAIZ / "pyproject.toml").read_text(encoding="utf-8")
    python_minimo = _minimo(re.search(r'^requires-python = "([^"]+)"', projeto, re.MULTILINE)[1])
    torch_minimo = _minimo(re.search(r'^    "(torch>=[^"]+)"', projeto, re.MULTILINE)[1])
    restricoes = (RAIZ / "requirements" / "constraints.txt").read_text(encoding="utf-8")
    torch_testado = re.search(r"^torch==([\d.]+)", restricoes, re.MULTILINE)[1]
    texto = (RAIZ / documento).read_text(encoding="utf-8")
    assert INSTALAR in texto
    assert f"Python {python_minimo}" in texto and f"PyTorch {torch_minimo}" in texto
    assert f"PyTorch {torch_testado}" in texto


# o resto constrói a wheel e cria um ambiente virtual: nível lento
lento = pytest.mark.lento


def _rodar(comando, **kwargs) -> subprocess.CompletedProcess:
    processo = subprocess.run(comando, capture_output=True, text=True, timeout=300, **kwargs)
    assert processo.returncode == 0, f"{comando}\n{processo.stdout[-2000:]}\n{processo.stderr[-3000:]}"
    return processo


@pytest.fixture(scope="module")
def distribuicoes(tmp_path_factory) -> dict[str, Path]:
    copia = tmp_path_factory.mktemp("fonte")
    arquivos = _rodar(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=RAIZ).stdout.split("\0")
    for relativo in filter(None, arquivos):
        origem = RAIZ / relativo
        if origem.is_file():
            (copia / relativo).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origem, copia / relativo)
    destino = tmp_path_factory.mktemp("dist")
    # como o ``python -m build``: o sdist da cópia, e a wheel a partir do sdist desempacotado
    # (assim a wheel prova que o sdist está completo); cada passo num processo novo
    construir = "import sys; from setuptools import build_meta as b; b.build_{}(sys.argv[1])"
    _rodar([sys.executable, "-c", construir.format("sdist"), str(destino)], cwd=copia)
    sdist = next(destino.glob("pytorchdl_snippets-*.tar.gz"))
    desempacotado = tmp_path_factory.mktemp("sdist")
    with tarfile.open(sdist) as arquivo:
        arquivo.extractall(desempacotado, filter="data")
    (raiz_do_sdist,) = desempacotado.iterdir()
    _rodar([sys.executable, "-c", construir.format("wheel"), str(destino)], cwd=raiz_do_sdist)
    return {"sdist": sdist, "wheel": next(destino.glob("pytorchdl_snippets-*.whl"))}


@pytest.fixture(scope="module")
def python_novo(distribuicoes, tmp_path_factory) -> Path:
    ambiente = tmp_path_factory.mktemp("venv")
    _rodar([sys.executable, "-m", "venv", "--without-pip", str(ambiente)])
    python = ambiente / "bin" / "python"
    destino = Path(
        _rodar([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    )
    # as dependências do ambiente principal, sem a instalação editável do repositório
    (destino / "dependencias_do_ambiente_principal.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _rodar(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
         str(distribuicoes["wheel"])]
    )  # fmt: skip
    return python


def _ambiente_limpo(extra: Path | None = None) -> dict[str, str]:
    ambiente = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    ambiente |= {"MPLBACKEND": "Agg", "PYTHONIOENCODING": "utf-8", "PYTHONNOUSERSITE": "1"}
    if extra is not None:
        ambiente["PYTHONPATH"] = str(extra)
    return ambiente


@lento
def test_wheel_e_sdist_levam_o_pacote_inteiro(distribuicoes):
    modulos = {p.relative_to(RAIZ).as_posix() for p in (RAIZ / "pytorchdl_snippets").rglob("*.py")}
    dados = {p.relative_to(RAIZ).as_posix() for p in (RAIZ / "pytorchdl_snippets" / "dados_texto").iterdir()}
    esperado = modulos | dados | {"pytorchdl_snippets/py.typed"}
    with zipfile.ZipFile(distribuicoes["wheel"]) as wheel:
        na_wheel = {n for n in wheel.namelist() if n.startswith("pytorchdl_snippets/")}
    assert na_wheel == esperado
    with tarfile.open(distribuicoes["sdist"]) as sdist:
        no_sdist = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    assert esperado <= no_sdist
    assert {"pyproject.toml", "README.md", "LICENSE"} <= no_sdist


@lento
def test_versao_igual_ao_metadado(python_novo, tmp_path):
    codigo = (
        "import importlib.metadata as m, pathlib, pytorchdl_snippets as p; "
        "print(p.__version__, m.version('pytorchdl-snippets'), pathlib.Path(p.__file__).parent)"
    )
    saida = _rodar([python_novo, "-c", codigo], cwd=tmp_path, env=_ambiente_limpo()).stdout.split()
    versao, metadado, pasta = saida
    assert versao == metadado
    pasta = Path(pasta)
    assert not pasta.is_relative_to(RAIZ), f"o pacote veio do repositório: {pasta}"
    assert pasta.is_relative_to(python_novo.parent.parent)
    assert (pasta / "py.typed").is_file()


def _rodar_pagina(python: Path, pagina: Path, pasta: Path) -> None:
    guarda = pasta / "guarda"
    guarda.mkdir()
    (guarda / "sitecustomize.py").write_text(GUARDA_DE_REDE, encoding="utf-8")
    script = pasta / "pagina.py"
    codigos = [codigo_para_copiar(b.texto) for b in blocos(pagina) if b.executado]
    script.write_text("\n\n".join(codigos) + "\n", encoding="utf-8")
    processo = subprocess.run(
        [python, str(script)],
        cwd=pasta,
        env=_ambiente_limpo(guarda),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert processo.returncode == 0, (
        f"{pagina.name}: falhou com o pacote instalado\n{processo.stderr[-3000:]}"
    )
    assert imprimiu(_esperado(blocos(pagina)), processo.stdout), processo.stdout[-3000:]


@lento
def test_tudo_o_que_as_paginas_importam_vem_do_pacote_instalado(python_novo, tmp_path):
    """Os ``import`` de todas as páginas, num script só, com o pacote instalado."""
    importacoes = set()
    for pagina in PAGINAS_COM_CODIGO:
        for bloco in blocos(pagina):
            if bloco.executado:
                for no in ast.walk(ast.parse(bloco.codigo)):
                    if isinstance(no, (ast.Import, ast.ImportFrom)):
                        importacoes.add(ast.unparse(no))
    assert any("pytorchdl_snippets" in i for i in importacoes)
    script = tmp_path / "importacoes.py"
    script.write_text("\n".join(sorted(importacoes)) + "\n", encoding="utf-8")
    _rodar([python_novo, str(script)], cwd=tmp_path, env=_ambiente_limpo())


# uma página no make test (o teste acima já importa, do pacote instalado, tudo o que as páginas
# importam); as três no make test-completo
@lento
@pytest.mark.parametrize(
    "relativo",
    [PAGINAS_RAPIDAS[-1], *(pytest.param(r, marks=pytest.mark.completo) for r in PAGINAS_RAPIDAS[:-1])],
)
def test_pagina_roda_com_o_pacote_instalado(relativo, python_novo, tmp_path):
    _rodar_pagina(python_novo, DOCS / relativo, tmp_path)


def test_endereco_do_repositorio_escrito_so_onde_precisa_e_igual_ao_repo_url():
    """O ``repo_url`` do ``mkdocs.yml`` é a fonte: links do Colab, de edição e a instalação derivam
    dele (``curso/config.py``; os cadernos de ``examples/`` são gerados). Só o texto para pessoas
    (README, página inicial) e os metadados do pacote o repetem, com o mesmo endereço."""
    import subprocess

    from curso.config import repositorio

    endereco = repositorio().removeprefix("https://")  # github.com/<dono>/<nome>
    dono = endereco.split("/")[1]
    padrao = re.compile(rf"github\.com/{re.escape(dono)}/[\w-]+")
    permitidos = {"mkdocs.yml", "pyproject.toml", "README.md", "docs/index.md"}
    arquivos = subprocess.run(["git", "ls-files"], cwd=RAIZ, capture_output=True, text=True, check=True)
    achados = {}
    for arquivo in arquivos.stdout.split():
        caminho = RAIZ / arquivo
        if caminho.is_file() and caminho.suffix in {".md", ".py", ".yml", ".toml", ".ipynb", ".txt"}:
            enderecos = set(padrao.findall(caminho.read_text(encoding="utf-8", errors="replace")))
            if enderecos:
                achados[arquivo] = enderecos
    escritos_a_mao = {a for a in achados if not a.startswith("examples/")}
    assert escritos_a_mao <= permitidos, (
        f"derive de curso.config.repositorio(): {escritos_a_mao - permitidos}"
    )
    assert all(e == endereco for enderecos in achados.values() for e in enderecos), achados
    assert "mkdocs.yml" in achados
