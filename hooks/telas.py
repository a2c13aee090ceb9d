"""Hook do MkDocs: o que depende dos objetos do MkDocs para ler bem em qualquer tela (issues 13 e 22).

O trabalho sobre o HTML pronto (imagens, tabelas, fórmulas, busca) está em ``hooks/posprocesso.py``.
Aqui fica só o que precisa da página do MkDocs, antes de o tema montá-la:

- ``page.meta.description`` recebe o primeiro parágrafo da página (para as tags Open Graph do
  ``overrides/main.html``);
- cadernos (mkdocs-jupyter): o índice lateral é refeito a partir dos títulos do HTML (com o código
  inline e os ids que existem), as imagens recebem o texto alternativo do caderno, e os prompts
  ficam fora do índice da busca;
- imagens embutidas ganham a classe ``sem-ampliar`` antes de o glightbox envolvê-las num link.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

try:  # o MkDocs carrega os hooks com a pasta hooks/ no sys.path
    import acoplamentos
    from posprocesso import com_atributos, descricao, imagens_embutidas_sem_ampliar, latex_legivel
except ModuleNotFoundError:  # nos testes, como pacote a partir da raiz do repositório
    from hooks import acoplamentos
    from hooks.posprocesso import com_atributos, descricao, imagens_embutidas_sem_ampliar, latex_legivel

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _caderno(page) -> bool:
    return page.file.src_uri.startswith("examples/") and page.file.src_uri.endswith(".ipynb")


# ---------------------------------------------------------------- cadernos


def alts_do_caderno(caminho: Path) -> list[str]:
    """Texto alternativo de cada imagem de saída do caderno, na ordem em que aparecem.

    Vem de ``metadata.alt`` da célula (uma string, ou uma lista com uma por imagem); sem ele, da
    primeira frase da célula de texto anterior.
    """
    caderno = json.loads(caminho.read_text(encoding="utf-8"))
    alts: list[str] = []
    texto_anterior = ""
    for celula in caderno["cells"]:
        fonte = "".join(celula.get("source", ""))
        if celula["cell_type"] == "markdown":
            texto_anterior = fonte
            continue
        imagens = [
            o for o in celula.get("outputs", []) if any(k.startswith("image/") for k in o.get("data", {}))
        ]
        declarado = celula.get("metadata", {}).get("alt")
        for i, _ in enumerate(imagens):
            if isinstance(declarado, list) and i < len(declarado):
                alts.append(str(declarado[i]))
            elif isinstance(declarado, str):
                alts.append(declarado)
            else:
                alts.append(latex_legivel(_primeira_frase(texto_anterior)) or "Figura do caderno")
    return alts


def _primeira_frase(markdown: str) -> str:
    linhas = [ln for ln in markdown.splitlines() if ln.strip() and not ln.startswith("#")]
    texto = re.sub(r"[*_`]", "", " ".join(linhas))
    texto = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", texto).strip()
    return re.split(r"(?<=[.!?:])\s", texto, maxsplit=1)[0].rstrip(":")


_TITULO = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)


def indice_do_caderno(conteudo: str) -> list[dict]:
    """Tokens do índice lateral a partir dos títulos do HTML (ids reais, código inline mantido)."""
    raiz: list[dict] = []
    pilha: list[dict] = []
    for m in _TITULO.finditer(conteudo):
        nivel, ident = int(m.group(1)), m.group(2)
        nome = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", m.group(3)).strip()
        nome = re.sub(r"<(?!/?code\b)[^>]+>", "", nome)
        token = {"level": nivel, "id": ident, "name": nome, "children": []}
        while pilha and pilha[-1]["level"] >= nivel:
            pilha.pop()
        (pilha[-1]["children"] if pilha else raiz).append(token)
        pilha.append(token)
    return raiz


# ---------------------------------------------------------------- eventos


def alts_nas_imagens(conteudo: str, alts: list[str]) -> str:
    """A n-ésima imagem sem texto alternativo (ou com o padrão do nbconvert) recebe ``alts[n]``."""
    contador = iter(range(10**6))

    def trocar(m: re.Match) -> str:
        tag, n = m.group(0), next(contador)
        atual = re.search(r'\salt="([^"]*)"', tag)
        if n >= len(alts) or (atual and atual[1] not in ("", acoplamentos.ALT_PADRAO)):
            return tag
        tag = re.sub(r'\salt="[^"]*"', "", tag)
        return com_atributos(tag, {"alt": html.escape(alts[n], quote=True)})

    return _IMG.sub(trocar, conteudo)


# ---------------------------------------------------------------- eventos


@event_priority(50)  # antes do glightbox (que envolve as imagens num link para ampliar)
def on_page_content(conteudo, page, config, files):
    if _caderno(page):
        conteudo = acoplamentos.ANCORA_JUPYTER.sub(
            r'<a class="headerlink" href="#\1" title="Link permanente">¶</a>', conteudo
        )
        page.toc = get_toc(indice_do_caderno(conteudo))
        # prompts e o aviso "Copied!" fora do índice da busca
        conteudo = acoplamentos.PROMPTS_JUPYTER.sub(r'<div data-search-exclude class="\1', conteudo)
        conteudo = alts_nas_imagens(conteudo, alts_do_caderno(Path(page.file.abs_src_path)))
    conteudo = imagens_embutidas_sem_ampliar(conteudo)
    if not page.meta.get("description"):
        texto = descricao(conteudo)
        if texto:
            page.meta["description"] = html.escape(texto, quote=True)
    return conteudo
