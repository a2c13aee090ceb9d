"""As camadas do projeto não se apoiam umas nas outras: ``curso/`` é a base que o build
(``hooks/``), as ferramentas de manutenção (``ferramentas/``) e os testes compartilham.

- nada fora de ``tests/`` importa de ``tests``;
- ``curso/`` e ``pytorchdl_snippets/`` não importam de ``hooks``, ``ferramentas`` nem ``tests``;
- os testes importam de ``ferramentas`` só para testar a própria ferramenta (``test_<nome>.py``).
"""

import ast
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]


def _importados(arquivo: Path) -> set[str]:
    arvore = ast.parse(arquivo.read_text(encoding="utf-8"))
    nomes = set()
    for no in ast.walk(arvore):
        if isinstance(no, ast.ImportFrom) and no.module and no.level == 0:
            nomes.add(no.module.split(".")[0])
        elif isinstance(no, ast.Import):
            nomes |= {a.name.split(".")[0] for a in no.names}
    return nomes


PROIBIDOS = {
    "curso": {"tests", "hooks", "ferramentas"},
    "pytorchdl_snippets": {"tests", "hooks", "ferramentas", "curso"},
    "hooks": {"tests", "ferramentas"},
    "ferramentas": {"tests", "hooks"},
}


@pytest.mark.parametrize("camada", sorted(PROIBIDOS))
def test_camada_nao_importa_de_cima(camada):
    problemas = [
        f"{arquivo.relative_to(RAIZ)} importa {sorted(_importados(arquivo) & PROIBIDOS[camada])}"
        for arquivo in sorted((RAIZ / camada).rglob("*.py"))
        if _importados(arquivo) & PROIBIDOS[camada]
    ]
    assert not problemas, problemas


def test_testes_importam_ferramentas_so_para_testa_las():
    problemas = []
    for arquivo in sorted((RAIZ / "tests").rglob("*.py")):
        arvore = ast.parse(arquivo.read_text(encoding="utf-8"))
        for no in ast.walk(arvore):
            if isinstance(no, ast.ImportFrom) and (no.module or "").startswith("ferramentas."):
                ferramenta = no.module.split(".")[1]
                if arquivo.name != f"test_{ferramenta}.py":
                    problemas.append(f"{arquivo.relative_to(RAIZ)} importa {no.module}")
    assert not problemas, problemas
