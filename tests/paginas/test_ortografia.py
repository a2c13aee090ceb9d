"""Ortografia: zero palavras desconhecidas na prosa do site (hunspell pt_BR + lista revisada)."""

import os

import pytest

from curso.ortografia import (
    PALAVRAS,
    _desconhecidas,
    documentos,
    hunspell_disponivel,
    prosa,
    titulos_do_nav,
    verificar,
)

if not hunspell_disponivel():
    if os.environ.get("CI"):
        raise RuntimeError(
            "CI sem hunspell: o .ci/run deveria instalar hunspell, hunspell-pt-br e hunspell-en-us"
        )
    pytest.skip("hunspell com pt_BR e en_US não instalado (pacotes do Debian)", allow_module_level=True)


def test_extracao_ignora_codigo_matematica_e_links():
    texto = (
        "Um *batch* de `tensores` com $x^2$ e [link](http://exemplo.com/xyz).\n```python\nerrro = 1\n```\n"
    )
    comum, italicos = prosa(texto)
    assert "batch" in italicos and "batch" not in comum
    for fora in ("tensores", "x^2", "exemplo", "erro_"):
        assert fora not in comum


def test_texto_alternativo_e_conferido():
    comum, _ = prosa('![Um gato dormindo](gato.png) e <img src="c.png" alt="um cachorro latindo">')
    assert "gato dormindo" in comum and "cachorro latindo" in comum
    assert "gato.png" not in comum and "c.png" not in comum


def test_titulos_do_menu_sao_conferidos(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "nav:\n  - Início: index.md\n  - Capítulo:\n      - Otimizaçao: a.md\n",
        encoding="utf-8",
    )
    assert titulos_do_nav(config) == ["Início", "Capítulo", "Otimizaçao"]
    assert "Otimizaçao" in _desconhecidas("\n".join(titulos_do_nav(config)), "pt_BR")
    assert "Fundamentos" in documentos()["mkdocs.yml (nav)"]


def test_lista_de_palavras_ordenada_e_sem_repeticoes():
    palavras = [p for p in PALAVRAS.read_text(encoding="utf-8").splitlines() if p.strip()]
    # sem diferenciar maiúsculas; entre "Tokens" e "tokens", a maiúscula primeiro (ordem estável)
    ordenadas = sorted(set(palavras), key=lambda p: (p.lower(), p))
    assert palavras == ordenadas, "mantenha palavras.txt ordenada e sem repetições"


def test_nenhuma_palavra_desconhecida():
    desconhecidas = verificar()
    relatorio = "\n".join(f"  {p}: {', '.join(sorted(a))}" for p, a in sorted(desconhecidas.items()))
    assert not desconhecidas, (
        "palavras desconhecidas (corrija a grafia ou, se for um termo técnico correto, "
        f"acrescente-o a tests/paginas/ortografia/palavras.txt):\n{relatorio}"
    )
