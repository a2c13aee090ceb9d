"""``hooks/cache_em_disco.py``: o cache do build é endereçado pelo conteúdo. Mudar uma entrada, a
versão de um pacote que produz o valor ou o nosso código que o produz muda a chave (o cache erra e
o valor é calculado de novo); nada é invalidado à mão. Testes rápidos, sem build."""

from __future__ import annotations

import json

import nbformat
import pytest

from hooks import baixar, posprocesso
from hooks.cache_em_disco import Cache


@pytest.fixture
def codigo(tmp_path):
    arquivo = tmp_path / "produz.py"
    arquivo.write_text("VERSAO = 1\n", encoding="utf-8")
    return arquivo


def _cache(tmp_path, codigo, versoes=None):
    versoes = versoes or {"pacote": "1.0"}
    return Cache("teste", ["pacote"], [codigo], pasta=tmp_path / "cache", versao=versoes.__getitem__)


def test_o_mesmo_conteudo_acerta_e_outro_erra(tmp_path, codigo):
    cache = _cache(tmp_path, codigo)
    calculos = []

    def calcular(texto):
        calculos.append(texto)
        return texto.upper()

    assert cache.lembrar(["abc", 1], lambda: calcular("abc")) == "ABC"
    assert cache.lembrar(["abc", 1], lambda: calcular("nunca")) == "ABC"  # do disco
    assert cache.lembrar(["abd", 1], lambda: calcular("abd")) == "ABD"  # outro texto: erra
    assert cache.lembrar(["abc", 2], lambda: calcular("de novo")) == "DE NOVO"  # outra opção: erra
    assert calculos == ["abc", "abd", "de novo"]
    # outro processo (outro objeto Cache com o mesmo sal) lê o que este gravou
    assert _cache(tmp_path, codigo).lembrar(["abc", 1], lambda: "nunca") == "ABC"


def test_outra_versao_de_pacote_ou_outro_codigo_erram(tmp_path, codigo):
    _cache(tmp_path, codigo).lembrar("x", lambda: "velho")
    assert _cache(tmp_path, codigo, {"pacote": "1.1"}).lembrar("x", lambda: "novo") == "novo"
    codigo.write_text("VERSAO = 2\n", encoding="utf-8")
    assert _cache(tmp_path, codigo).lembrar("x", lambda: "outro") == "outro"


def test_sem_cache_nao_le_nem_grava(tmp_path, codigo, monkeypatch):
    cache = _cache(tmp_path, codigo)
    cache.lembrar("x", lambda: "guardado")
    monkeypatch.setenv("PYTORCHDL_SEM_CACHE", "1")
    assert cache.lembrar("x", lambda: "calculado") == "calculado"
    assert cache.lembrar("y", lambda: "y") == "y"
    monkeypatch.delenv("PYTORCHDL_SEM_CACHE")
    assert cache.ler(cache.chave("y")) is None


def test_entrada_escrita_pela_metade_erra(tmp_path, codigo):
    cache = _cache(tmp_path, codigo)
    chave = cache.chave("x")
    cache.gravar(chave, "bom")
    arquivo = next((tmp_path / "cache").rglob(f"{chave}.json"))
    arquivo.write_text('"pela meta', encoding="utf-8")
    assert cache.lembrar("x", lambda: "de novo") == "de novo"
    assert json.loads(arquivo.read_text(encoding="utf-8")) == "de novo"


def test_formula_do_cache_e_a_do_katex_e_outra_formula_erra(tmp_path, codigo, monkeypatch):
    cache = Cache("katex", ["mini-racer"], [posprocesso.KATEX_JS], pasta=tmp_path)
    monkeypatch.setattr(posprocesso, "_cache_do_katex", lambda: cache)
    monkeypatch.setattr(posprocesso, "_PRONTAS", {})
    html = '<body><span class="arithmatex">\\(x^2\\)</span></body>'
    feito, _ = posprocesso.renderizar_formulas(html)
    chave = cache.chave(["x^2", False])
    assert cache.ler(chave) == posprocesso._PRONTAS["x^2", False] and "katex" in feito
    # um novo processo (sem _PRONTAS) lê do disco: a entrada marcada aparece na página
    cache.gravar(chave, "<b>do cache</b>")
    monkeypatch.setattr(posprocesso, "_PRONTAS", {})
    assert "<b>do cache</b>" in posprocesso.renderizar_formulas(html)[0]
    # outra fórmula não acerta a entrada marcada
    outra = posprocesso.renderizar_formulas(html.replace("x^2", "x^3"))[0]
    assert "do cache" not in outra and "katex" in outra


def test_downloads_do_cache_sao_os_do_nbformat_e_do_jupytext(tmp_path, monkeypatch):
    from curso.derivar import caderno_da_licao, script_da_licao
    from curso.licao import ler_licao

    texto = "# Título\n\n```python\n>>> 1 + 1\n2\n\n```\n"
    licao = ler_licao(texto, "fundamentos/x.md")
    caderno = caderno_da_licao(licao, "https://exemplo/")
    cache = Cache("baixar", ["nbformat", "jupytext"], [], pasta=tmp_path)
    monkeypatch.setattr(baixar, "_CACHE", [cache])
    esperado = (nbformat.writes(caderno), script_da_licao(licao, "https://exemplo/", caderno))
    assert baixar.arquivos_do_caderno(caderno, licao, "https://exemplo/") == esperado
    assert cache.ler(cache.chave(caderno)) == list(esperado)
    # outro caderno (a lição mudou) erra
    licao2 = ler_licao(texto.replace("1 + 1\n2", "2 + 2\n4"), "fundamentos/x.md")
    caderno2 = caderno_da_licao(licao2, "https://exemplo/")
    texto2, script2 = baixar.arquivos_do_caderno(caderno2, licao2, "https://exemplo/")
    assert "2 + 2" in script2 and "2 + 2" in texto2
