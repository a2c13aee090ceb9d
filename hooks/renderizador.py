"""Hook do MkDocs: o pós-processamento de ``hooks/posprocesso.py`` em cada página pronta (issue 22).

Todo o trabalho de HTML (cópia, blocos leves, fórmulas, tabelas, imagens, scripts depois da
primeira pintura, índice da busca) são funções puras em ``hooks/posprocesso.py``, que também rodam
sobre a saída de outro gerador (``python -m hooks.posprocesso site/``). Aqui, só a ligação com os
eventos do MkDocs (o ``mkdocs serve`` refaz cada página editada) e a conferência das versões dos
pacotes acoplados ao tema (``hooks/acoplamentos.py``): um acoplamento que não vale mais falha o build.
"""

from __future__ import annotations

from pathlib import Path

import acoplamentos
import copiar
import posprocesso
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


def on_config(config):
    try:
        acoplamentos.conferir_versoes()
        acoplamentos.busca_com_leitor_rapido()  # o mesmo índice da busca, em um terço do tempo
        acoplamentos.busca_em_cache()  # as entradas do índice de cada página, do cache em disco
        acoplamentos.realce_com_cache()  # o HTML de cada bloco realçado, do cache em disco
        acoplamentos.markdown_com_cache()  # o HTML de cada página (Markdown → HTML), do cache em disco
    except acoplamentos.AcoplamentoQuebrado as erro:
        raise PluginError(str(erro)) from erro
    jupyter = config["plugins"].get("mkdocs-jupyter")
    if jupyter is not None and jupyter.config.get("cache") and jupyter.config.get("cache_dir"):
        jupyter.config["cache_dir"] = acoplamentos.pasta_do_cache_dos_cadernos(jupyter.config["cache_dir"])
    return config


@event_priority(-60)  # depois do glightbox, do mkdocs-jupyter e dos outros hooks: a página está pronta
def on_post_page(saida, page, config):
    pagina = posprocesso.Pagina(
        url=page.url,
        ler=posprocesso.leitor_do_site(Path(config["site_dir"]), page.url),
        paletas=config["theme"].get("palette") or [],
        material=True,
        caderno=page.file.src_uri.startswith("examples/") and page.file.src_uri.endswith(".ipynb"),
        origem=page.file.src_uri,
        # o texto de copiar de cada bloco, do modelo da lição (curso/licao.py)
        copiar=copiar.textos_da_licao(page.file.src_uri, Path(config["docs_dir"]))
        if page.file.src_uri.endswith(".md")
        else [],
    )
    try:
        return posprocesso.pagina_pronta(saida, pagina)
    except (acoplamentos.AcoplamentoQuebrado, posprocesso.FormulaInvalida, copiar.BlocosDiferentes) as erro:
        raise PluginError(str(erro)) from erro


def on_post_build(config):
    try:
        posprocesso.arquivos_do_tema(Path(config["site_dir"]))
        posprocesso.busca_do_site(Path(config["site_dir"]), Path(config["docs_dir"]))
    except acoplamentos.AcoplamentoQuebrado as erro:
        raise PluginError(str(erro)) from erro


def on_post_template(saida, template_name, config):
    # a 404 (um modelo do tema, não uma página do MkDocs): o mesmo trabalho das páginas
    if template_name != "404.html":
        return saida
    pagina = posprocesso.Pagina(
        url="404.html", paletas=config["theme"].get("palette") or [], origem=template_name
    )
    try:
        return posprocesso.pagina_pronta(saida, pagina)
    except acoplamentos.AcoplamentoQuebrado as erro:
        raise PluginError(str(erro)) from erro
