"""Hook do MkDocs: publica os cadernos de ``examples/`` no site, em ``/examples/<nome>/``.

O MkDocs só lê ``docs/``; este hook acrescenta os ``.ipynb`` de ``examples/`` à lista de arquivos
antes de o plugin mkdocs-jupyter convertê-los (por isso a prioridade alta). No ``nav`` do
``mkdocs.yml`` eles aparecem como ``examples/<nome>.ipynb``.
"""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

RAIZ = Path(__file__).resolve().parent.parent
EXEMPLOS = RAIZ / "examples"


@event_priority(100)
def on_files(files, config):
    for caderno in sorted(EXEMPLOS.glob("*.ipynb")):
        files.append(
            File(
                f"examples/{caderno.name}",
                src_dir=str(RAIZ),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )
    return files


def on_page_context(context, page, config, nav):
    # o link "editar esta página" de um caderno aponta para examples/, não para docs/examples/
    if page.file.src_uri.startswith("examples/") and config.get("repo_url"):
        page.edit_url = f"{config['repo_url'].rstrip('/')}/edit/main/{page.file.src_uri}"
    return context


def on_serve(server, config, builder):
    server.watch(str(EXEMPLOS))
    return server


def on_page_content(html, page, config, files):
    # os cadernos gerados das lições apontam o site por endereço absoluto (funciona no Colab e no
    # Jupyter); dentro do próprio site, o endereço vira relativo: nada sai do site servido
    site_url = (config.get("site_url") or "").rstrip("/") + "/"
    if not page.file.src_uri.startswith("examples/") or site_url == "/":
        return html
    relativo = "../" * page.url.rstrip("/").count("/") + ("../" if page.url.endswith("/") else "")
    for atributo in ("src", "href"):
        html = html.replace(f'{atributo}="{site_url}', f'{atributo}="{relativo}')
    return html
