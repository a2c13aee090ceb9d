"""Versões honestas: cada faixa do pyproject.toml tem o piso em constraints-minimas.txt e a versão
fixada dentro dela, e o piso do torch já aceita o NumPy 2 (o pip juntaria os dois)."""

import re

import tomllib
from packaging.requirements import Requirement
from packaging.version import Version

from tests.paginas.harness import RAIZ, restricoes


def _restricoes(nome: str) -> dict[str, Version]:
    return {pacote: Version(versao) for pacote, versao in restricoes(nome).items()}


def _normalizar(nome: str) -> str:
    return re.sub(r"[-_.]+", "-", nome).lower()


def _faixas() -> list[Requirement]:
    projeto = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = projeto["optional-dependencies"]
    todas = projeto["dependencies"] + [r for nome, lista in extras.items() for r in lista]
    return [Requirement(r) for r in todas if not r.startswith("pytorchdl-snippets")]


def test_todo_piso_esta_nas_restricoes_minimas_e_o_fixado_cabe_na_faixa():
    minimas, fixadas = _restricoes("constraints-minimas.txt"), _restricoes("constraints.txt")
    problemas = []
    for req in _faixas():
        nome = _normalizar(req.name)
        pisos = [Version(s.version) for s in req.specifier if s.operator == ">="]
        if not pisos:
            problemas.append(f"{req}: sem piso (>=)")
        elif minimas.get(nome) != pisos[0]:
            problemas.append(f"{req}: constraints-minimas.txt tem {minimas.get(nome)}, o piso é {pisos[0]}")
        if nome in fixadas and fixadas[nome] not in req.specifier:
            problemas.append(f"{req}: a versão fixada {fixadas[nome]} está fora da faixa")
    assert not problemas, "\n".join(problemas)


def test_piso_do_torch_aceita_numpy_2():
    torch = next(r for r in _faixas() if r.name == "torch")
    # torch < 2.4 foi compilado para o NumPy 1: com numpy 2, torch.from_numpy falha
    assert Version("2.3.1") not in torch.specifier and Version("2.4.0") in torch.specifier
