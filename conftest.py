"""Coleta pelo Sybil de todos os blocos de código das páginas em ``docs/``.

Cada página tem o seu próprio espaço de nomes, sem nada injetado: o leitor que copia os blocos de
uma página, de cima para baixo, numa sessão nova, obtém os mesmos resultados.
"""

import os

import pytest

# Um thread de CPU por processo: a suíte roda com 2 processos (pytest-xdist) numa máquina de 2 núcleos, e
# threads a mais só disputam os mesmos núcleos. Vale também para os subprocessos (kernels dos cadernos,
# torchrun). As saídas das páginas são as mesmas com 1, 2 ou 4 threads (os números impressos são
# arredondados).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Sem rede, também para os Pythons filhos (kernels dos cadernos, torchrun, scripts): eles importam
# tests/paginas/sem_rede/sitecustomize.py ao começar. No processo do pytest, o pytest-socket barra as conexões
# e a guarda barra as consultas de DNS. Com root, `.ci/sem-rede` ainda roda tudo numa rede isolada.
from tests.paginas.harness import RAIZ, criar_sybil, estado_da_arvore, paginas_lentas
from tests.paginas.sem_rede.sitecustomize import VARIAVEL, instalar_dns

_GUARDA = str(RAIZ / "tests" / "paginas" / "sem_rede")
if _GUARDA not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [_GUARDA, os.environ.get("PYTHONPATH")]))
os.environ[VARIAVEL] = "1"
instalar_dns()

# As figuras das páginas (``salvar_figura`` num bloco visível) são conferidas com as de docs/assets;
# com PYTORCHDL_FIGURAS_GRAVAR=1 (``make figuras``), gravadas lá.
os.environ.setdefault("PYTORCHDL_FIGURAS_REFERENCIA", str(RAIZ / "docs" / "assets"))
_GRAVANDO_FIGURAS = os.environ.get("PYTORCHDL_FIGURAS_GRAVAR") == "1"

pytest_collect_file = criar_sybil().pytest()
_ARVORE = pytest.StashKey[dict]()

# fixtures do navegador (Chromium + Playwright) para tests/site/test_navegador*.py
pytest_plugins = ["tests.site.navegador"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Registra o tempo de CPU do teste (``cpu_s``, no relatório JUnit): a medida de cada página em
    ``make desempenho``. O tempo de relógio cresce quando outro processo da suíte disputa o núcleo
    (o torchrun, um kernel de caderno); o de CPU é o que a página custa a quem a roda sozinho. Conta
    também os processos filhos que o teste esperou (um script, os processos de um ``DataLoader``)."""
    inicio = _cpu()
    try:
        return (yield)
    finally:
        item.user_properties.append(("cpu_s", round(_cpu() - inicio, 3)))


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def pytest_collection_modifyitems(config, items):
    """As páginas que treinam redes (mais de 1,5 s na última medida) ficam fora do nível rápido; os
    testes que abrem o Chromium (fixture ``navegador``) ficam no make test-site."""
    lentas = paginas_lentas()
    for item in items:
        if item.path.suffix == ".md" and item.path.relative_to(RAIZ).as_posix() in lentas:
            item.add_marker(pytest.mark.lento)
        if "navegador" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.navegador)


# --- a suíte deixa a árvore de trabalho como a encontrou ----------------------------------------
# Uma página ou um teste que escreve dentro do repositório (um arquivo novo, um arquivo mudado) faz a
# suíte falhar: o leitor que roda os testes não pode ganhar arquivos no clone. Saídas ignoradas pelo
# .gitignore (site/, .venv/, artefatos/) não contam.


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # só no processo principal do xdist
        session.config.stash[_ARVORE] = estado_da_arvore()


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        return
    antes = session.config.stash.get(_ARVORE, None)
    depois = estado_da_arvore()
    if antes is None or depois is None:
        return
    mudados = sorted(k for k in antes.keys() | depois.keys() if antes.get(k) != depois.get(k))
    if _GRAVANDO_FIGURAS:  # make figuras: só as imagens de docs/assets podem mudar
        mudados = [m for m in mudados if not m.startswith("docs/assets/")]
    if mudados:
        terminal = session.config.pluginmanager.get_plugin("terminalreporter")
        terminal.write_line("")
        terminal.write_line(
            "A suíte mudou a árvore de trabalho (um teste ou uma página escreveu no repositório; "
            "use um diretório temporário):",
            red=True,
        )
        for mudado in mudados:
            terminal.write_line(f"  {mudado}", red=True)
        session.exitstatus = 1
