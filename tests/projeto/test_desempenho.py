"""A página Desempenho é escrita das medições salvas: a seção do Lighthouse mostra a mediana, a faixa
e se a página cumpre a meta (celular ≥ 90 e acessibilidade 100)."""

import copy

from ferramentas.desempenho import escrever, ler_medicoes


def test_secao_do_lighthouse_com_mediana_faixa_e_meta():
    medicoes = copy.deepcopy(ler_medicoes())
    medicoes["lighthouse"] = {
        "data": "2026-11-27 20:00 UTC",
        "versao": "13.5.0",
        "repeticoes": 3,
        "carga_inicio": [0.5, 1.0, 1.5],
        "carga_fim": [0.75, 1.0, 1.5],
        "paginas": [
            {"pagina": "", "celular": [98, 91, 93], "laptop": [100, 100, 100], "acessibilidade": 100},
            {"pagina": "a/", "celular": [77, 83, 79], "laptop": [99, 98, 100], "acessibilidade": 100},
            {"pagina": "b/", "celular": [95, 95, 95], "laptop": [100, 100, 100], "acessibilidade": 96},
        ],
    }
    pagina = escrever(medicoes)
    assert "## Lighthouse: peso e velocidade das páginas" in pagina
    assert "| `/` | 93 (91–98) | 100 (100–100) | 100 | ✅ |" in pagina
    assert "| `/a/` | 79 (77–83) | 99 (98–100) | 100 | ❌ |" in pagina
    assert "| `/b/` | 95 (95–95) | 100 (100–100) | 96 | ❌ |" in pagina
    assert "0,50 / 1,00 / 1,50 no início" in pagina


def test_sem_lighthouse_a_pagina_nao_tem_a_secao():
    medicoes = copy.deepcopy(ler_medicoes())
    medicoes.pop("lighthouse", None)
    assert "Lighthouse" not in escrever(medicoes)


# ---- a página Desempenho: gerada das medições, com quando e onde -----------------------------


def test_pagina_desempenho_e_a_que_as_medicoes_dao():
    from ferramentas.desempenho import PAGINA as DESEMPENHO
    from ferramentas.desempenho import escrever, ler_medicoes

    assert DESEMPENHO.read_text(encoding="utf-8") == escrever(ler_medicoes()), (
        "docs/desempenho.md não é o que ferramentas/desempenho.json dá: não edite a página à mão; "
        "meça com `make desempenho` (ou `python -m ferramentas.desempenho --pagina` depois de mudar "
        "o gerador)"
    )


def test_gerador_de_desempenho_diz_quando_e_onde():
    from ferramentas.desempenho import escrever, ler_medicoes, maquina

    medicoes = ler_medicoes()
    onde = maquina()
    onde["carga_fim"] = [1.5, 0.25, 0.1]
    for campo in ("data", "sistema", "cpu", "nucleos", "python", "torch", "carga_inicio"):
        assert onde[campo], campo
    pagina = escrever({**medicoes, "maquina": onde})
    assert f"| Data da medição | {onde['data']} |" in pagina
    assert f"{onde['nucleos']} núcleos (`{onde['cpu']}`)" in pagina
    assert f"Python `{onde['python']}`, PyTorch `{onde['torch']}`" in pagina
    assert "| Carga média no fim | 1,50 / 0,25 / 0,10 |" in pagina
    assert "Carga média no início (`uptime`: 1, 5 e 15 min) | " in pagina


def test_o_site_no_navegador_aparece_fora_do_orcamento_do_make_test():
    medicoes = copy.deepcopy(ler_medicoes())
    medicoes["site"] = {"segundos": 123.45}
    pagina = escrever(medicoes)
    assert "| Site no navegador (`make test-site`" in pagina and "| 123,5 s | — | |" in pagina
    medicoes.pop("site")
    assert "make test-site" not in escrever(medicoes)


def test_build_com_cache_no_orcamento_e_o_do_clone_novo_a_parte():
    medicoes = copy.deepcopy(ler_medicoes())
    medicoes["build"] |= {"segundos": 5.04, "segundos_clone_novo": 24.96}
    pagina = escrever(medicoes)
    linha = "| `mkdocs build --strict` (com o `.cache/` de uma construção anterior) | 5,0 s | 6 s | ✅ |"
    assert linha in pagina
    assert "| O mesmo num clone novo, sem `.cache/`" in pagina and "| 25,0 s | — | |" in pagina
    medicoes["build"].pop("segundos_clone_novo")
    assert "clone novo" not in escrever(medicoes)


def test_tempo_de_cada_pagina_e_o_de_cpu_registrado_pelo_conftest():
    import xml.etree.ElementTree as ET

    import pytest

    from ferramentas.desempenho import tempos_por_pagina

    relatorio = ET.fromstring(
        '<testsuite><testcase file="docs/a.md" name="l1" time="3.0">'
        '<properties><property name="cpu_s" value="1.25"/></properties></testcase>'
        '<testcase file="docs/a.md" name="l2" time="0.5">'
        '<properties><property name="cpu_s" value="0.5"/></properties></testcase>'
        '<testcase file="tests/x.py" name="t" time="9.0"/></testsuite>'
    )
    assert tempos_por_pagina(relatorio.iter("testcase")) == ({"docs/a.md": 1.75}, {"docs/a.md": 3.5})
    sem_cpu = ET.fromstring('<testsuite><testcase file="docs/b.md" name="l1" time="1"/></testsuite>')
    with pytest.raises(ValueError, match="cpu_s"):
        tempos_por_pagina(sem_cpu.iter("testcase"))
