"""Hook do MkDocs: páginas que se leem bem em qualquer tela (issue 13).

- Toda imagem ganha ``width``/``height`` (sem salto de layout), ``decoding="async"`` e, se não
  está perto do topo da página, ``loading="lazy"``. Um PNG de ``gravar_png`` com
  ``densidade`` 2 (nítido em telas de alta densidade) aparece com metade dos seus pixels; tabelas
  largas são marcadas para o CSS empilhá-las no celular.
- ``page.meta.description`` recebe o primeiro parágrafo da página (as fórmulas são renderizadas
  no build por ``hooks/matematica.py``).
- Cadernos (mkdocs-jupyter): o índice lateral é refeito a partir dos títulos do HTML (com o código
  inline e os ids que existem), as imagens recebem o texto alternativo do caderno, os ~600 KB de
  CSS do Jupyter e o ``<style>`` impresso como lista Python saem, e entra
  ``assets/stylesheets/cadernos.css``.
- Índice da busca: sem "¶" e sem LaTeX cru nos textos, e com campos sem acento (``convolucao``
  encontra "convolução"), declarados em ``plugins.search.fields`` do ``mkdocs.yml``.
"""

from __future__ import annotations

import base64
import html
import io
import json
import posixpath
import re
import unicodedata
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc
from PIL import Image

RAIZ = Path(__file__).resolve().parent.parent
ALT_PADRAO = "No description has been provided for this image"

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATRIBUTO = re.compile(r'\s([\w:-]+)\s*=\s*"([^"]*)"')


def _caderno(page) -> bool:
    return page.file.src_uri.startswith("examples/") and page.file.src_uri.endswith(".ipynb")


# ---------------------------------------------------------------- imagens


def _tamanho_css(dados: bytes) -> tuple[int, int] | None:
    """Largura e altura em pixels CSS: os pixels divididos pela densidade gravada no PNG.

    ``gravar_png`` grava ``densidade`` (pixels por pixel CSS, 2 para telas de alta densidade).
    """
    try:
        with Image.open(io.BytesIO(dados)) as imagem:
            largura, altura = imagem.size
            densidade = float(imagem.info.get("densidade", 1))
    except Exception:  # SVG ou formato que o Pillow não lê: fica sem tamanho
        return None
    return round(largura / densidade), round(altura / densidade)


def _bytes_da_imagem(src: str, page, files) -> bytes | None:
    if src.startswith("data:image/"):
        return base64.b64decode(src.split(",", 1)[1])
    if re.match(r"^[a-z]+:|^/", src):
        return None
    pasta = posixpath.dirname(page.file.url.rstrip("/") + "/x") if page.file.url else ""
    caminho = posixpath.normpath(posixpath.join(pasta, src.split("#")[0].split("?")[0]))
    arquivo = files.get_file_from_path(caminho)
    return Path(arquivo.abs_src_path).read_bytes() if arquivo and arquivo.abs_src_path else None


def _com_atributos(tag: str, novos: dict[str, str]) -> str:
    existentes = {nome.lower() for nome, _ in _ATRIBUTO.findall(tag)}
    extra = "".join(f' {k}="{v}"' for k, v in novos.items() if k not in existentes)
    fim = "/>" if tag.endswith("/>") else ">"
    return tag[: -len(fim)].rstrip() + extra + fim


# Uma imagem com menos texto que isto antes dela pode aparecer na primeira tela (medido no
# Chromium: a de Filtros clássicos, com 970 caracteres antes, começa a 714 px no laptop e a 819 px
# no celular); as outras ficam com loading="lazy". Carregar logo uma imagem longe do topo atrasava
# a maior pintura (LCP) no celular: ela disputava a rede com o que está na tela.
TEXTO_ANTES_DA_DOBRA = 1200


def ajustar_imagens(conteudo: str, page, files, alts: list[str] | None = None) -> str:
    """Acrescenta width/height, decoding e loading (e o alt do caderno, se ``alts``)."""
    contador = iter(range(10**6))

    def ajustar(m: re.Match) -> str:
        tag = m.group(0)
        n = next(contador)
        atributos = dict((k.lower(), v) for k, v in _ATRIBUTO.findall(tag))
        if alts is not None and n < len(alts) and atributos.get("alt") in (None, "", ALT_PADRAO):
            tag = re.sub(r'\salt="[^"]*"', "", tag)
            tag = _com_atributos(tag, {"alt": html.escape(alts[n], quote=True)})
        novos = {"decoding": "async"}
        if len(_texto_puro(conteudo[: m.start()])) >= TEXTO_ANTES_DA_DOBRA:
            novos["loading"] = "lazy"
        if atributos.get("src", "").startswith("data:"):
            # imagem embutida (cadernos): ampliar duplicaria o base64 no HTML; o glightbox a pula
            tag = re.sub(r'\sclass="[^"]*"', "", tag)
            novos["class"] = "sem-ampliar"
        dados = _bytes_da_imagem(atributos.get("src", ""), page, files)
        tamanho = _tamanho_css(dados) if dados else None
        if tamanho:
            novos["width"], novos["height"] = str(tamanho[0]), str(tamanho[1])
        return _com_atributos(tag, novos)

    return _IMG.sub(ajustar, conteudo)


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


def _texto_puro(trecho: str) -> str:
    trecho = re.sub(r"<[^>]+>", "", trecho)
    return re.sub(r"\s+", " ", html.unescape(trecho)).strip()


def _primeira_frase(markdown: str) -> str:
    linhas = [ln for ln in markdown.splitlines() if ln.strip() and not ln.startswith("#")]
    texto = re.sub(r"[*_`]", "", " ".join(linhas))
    texto = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", texto).strip()
    return re.split(r"(?<=[.!?:])\s", texto, maxsplit=1)[0].rstrip(":")


_TITULO = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)
_ANCORA_JUPYTER = re.compile(r'<a class="anchor-link" href="#([^"]+)">¶</a>')


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


# o preâmbulo do nbconvert: pygments, ~600 KB de CSS do JupyterLab, MathJax (vazio) e Mermaid
_PREAMBULO_JUPYTER = re.compile(
    r'<style type="text/css">\s*pre \{ line-height: 125%; \}.*?<!-- End of mermaid configuration -->',
    re.DOTALL,
)
# o mesmo CSS do pygments impresso como lista Python (str(list)), que nunca se aplica
_ESTILO_LISTA = re.compile(r"<style>\s*\['pre \{.*?</style>", re.DOTALL)


def limpar_caderno(saida: str, css: str) -> str:
    """Tira o CSS e os scripts do Jupyter da página pronta e põe o CSS enxuto do site."""
    saida = _PREAMBULO_JUPYTER.sub("", saida, count=1)
    saida = _ESTILO_LISTA.sub("", saida)
    return saida.replace("</head>", f'<link rel="stylesheet" href="{css}">\n</head>', 1)


# ---------------------------------------------------------------- tabelas

_TABELA = re.compile(r"<table>(.*?)</table>", re.DOTALL)
LARGA = 45  # caracteres numa linha de tabela a partir dos quais ela não cabe bem em 390 px


def rotular_tabelas(conteudo: str) -> str:
    """Cada célula ganha ``data-rotulo`` (o título da coluna); tabelas largas, ``data-empilhar``.

    No celular, o CSS mostra uma tabela marcada como um cartão por linha (extra.css).
    """

    def rotular(m: re.Match) -> str:
        tabela = m.group(1)
        titulos = [_texto_puro(t) for t in re.findall(r"<th[^>]*>(.*?)</th>", tabela, re.DOTALL)]
        if len(titulos) < 3:
            return m.group(0)
        larga = False

        def linha(mr: re.Match) -> str:
            nonlocal larga
            celulas = iter(titulos)
            texto = sum(
                len(_texto_puro(c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", mr.group(0), re.DOTALL)
            )
            larga = larga or texto > LARGA
            return re.sub(
                r"<td(?=[\s>])",
                lambda _: f'<td data-rotulo="{html.escape(next(celulas, ""), quote=True)}"',
                mr.group(0),
            )

        tabela = re.sub(r"<tr>.*?</tr>", linha, tabela, flags=re.DOTALL)
        return ("<table data-empilhar>" if larga else "<table>") + tabela + "</table>"

    return _TABELA.sub(rotular, conteudo)


# ---------------------------------------------------------------- metadados


def descricao(conteudo: str, limite: int = 200) -> str:
    """O primeiro parágrafo (texto puro, sem matemática), cortado numa palavra até ``limite``."""
    for m in re.finditer(r"<p>(.*?)</p>", conteudo, re.DOTALL):
        trecho = re.sub(r'<(span|div) class="arithmatex">.*?</\1>', "…", m.group(1), flags=re.DOTALL)
        texto = _texto_puro(trecho)
        if len(texto) >= 40:
            if len(texto) > limite:
                texto = texto[: limite - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return texto
    return ""


# ---------------------------------------------------------------- eventos


@event_priority(50)  # antes do glightbox (que envolve as imagens num link para ampliar)
def on_page_content(conteudo, page, config, files):
    alts = None
    if _caderno(page):
        alts = alts_do_caderno(Path(page.file.abs_src_path))
        conteudo = _ANCORA_JUPYTER.sub(
            r'<a class="headerlink" href="#\1" title="Link permanente">¶</a>', conteudo
        )
        page.toc = get_toc(indice_do_caderno(conteudo))
        # prompts e o aviso "Copied!" fora do índice da busca
        conteudo = re.sub(
            r'<div class="(jp-InputPrompt|jp-OutputPrompt|zeroclipboard-container|clipboard-copy-txt)',
            r'<div data-search-exclude class="\1',
            conteudo,
        )
    conteudo = ajustar_imagens(conteudo, page, files, alts)
    conteudo = rotular_tabelas(conteudo)
    if not page.meta.get("description"):
        texto = descricao(conteudo)
        if texto:
            page.meta["description"] = html.escape(texto, quote=True)
    return conteudo


@event_priority(-50)  # depois do mkdocs-jupyter e do glightbox: a página está pronta
def on_post_page(saida, page, config):
    if _caderno(page):
        css = posixpath.relpath("assets/stylesheets/cadernos.css", page.file.url.rstrip("/") or ".")
        saida = limpar_caderno(saida, css)
    return saida


# ---------------------------------------------------------------- busca

_GREGO = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "phi": "φ", "varphi": "φ", "omega": "ω", "Sigma": "Σ", "Delta": "Δ",
    "nabla": "∇", "partial": "∂", "cdot": "·", "times": "×", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "approx": "≈", "in": "∈", "infty": "∞", "to": "→", "sum": "Σ",
    "ldots": "…", "dots": "…", "cdots": "…", "neq": "≠", "ne": "≠", "pm": "±", "log": "log",
    "exp": "exp", "max": "max", "min": "min", "sin": "sen", "tanh": "tanh", "odot": "⊙",
}  # fmt: skip


def latex_legivel(texto: str) -> str:
    """Tira os delimitadores e os comandos do LaTeX de um texto do índice da busca."""

    def formula(m: re.Match) -> str:
        f = m.group(1)
        f = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)\b", "", f)
        f = re.sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"(\1)/(\2)", f)
        f = re.sub(r"\\(?:text|mathrm|mathbf|mathbb|operatorname|boldsymbol)\s*\{([^{}]*)\}", r"\1", f)
        f = re.sub(r"\\([A-Za-z]+)", lambda c: _GREGO.get(c.group(1), c.group(1)), f)
        f = f.replace("\\,", " ").replace("\\;", " ").replace("\\!", "").replace("\\", "")
        return re.sub(r"[{}]", "", f)

    texto = re.sub(r"\\\((.*?)\\\)", formula, texto, flags=re.DOTALL)
    texto = re.sub(r"\\\[(.*?)\\\]", formula, texto, flags=re.DOTALL)
    texto = re.sub(r"\$\$(.*?)\$\$", formula, texto, flags=re.DOTALL)
    texto = re.sub(r"\$([^$\n]+?)\$", formula, texto)
    return texto


def sem_acento(texto: str) -> str:
    decomposto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in decomposto if not unicodedata.combining(c))


def _palavras_sem_acento(texto: str) -> str:
    """As palavras acentuadas do texto, sem acento (o resto já está no índice como está)."""
    vistas: dict[str, None] = {}
    for palavra in re.findall(r"\w+", texto):
        simples = sem_acento(palavra)
        if simples != palavra:
            vistas[simples.lower()] = None
    return " ".join(vistas)


GLOSSARIO = "alem/glossario.md"
_LINHA_GLOSSARIO = re.compile(
    r"^\|\s*\*\*(?P<termo>[^*]+)\*\*\s*\|(?P<ingles>[^|]*)\|.*\]\((?P<link>[^)#]+\.md)[^)]*\)\s*\|\s*$"
)


def termos_ensinados(docs_dir: Path) -> dict[str, list[str]]:
    """``{url da página: [termos]}`` pela coluna "Onde se aprende" do glossário."""
    fonte = Path(docs_dir) / GLOSSARIO
    if not fonte.exists():
        return {}
    ensina: dict[str, list[str]] = {}
    for linha in fonte.read_text(encoding="utf-8").splitlines():
        m = _LINHA_GLOSSARIO.match(linha)
        if not m:
            continue
        alvo = posixpath.normpath(posixpath.join(posixpath.dirname(GLOSSARIO), m["link"]))
        url = "" if alvo == "index.md" else alvo.removesuffix(".md") + "/"
        ingles = re.sub(r"[*_]", "", m["ingles"])
        # "filtro, kernel" e "camada escondida (oculta)": cada nome é um termo
        nomes = [n.strip() for n in re.split(r"[,()]", m["termo"]) if n.strip()]
        ensina.setdefault(url, []).extend([*nomes, ingles.strip()])
    return ensina


def on_post_build(config):
    indice = Path(config["site_dir"]) / "search" / "search_index.json"
    if not indice.exists():
        return
    dados = json.loads(indice.read_text(encoding="utf-8"))
    # a página que ensina um termo (segundo o glossário) sobe na busca por ele: campo "ensina"
    ensina = termos_ensinados(config["docs_dir"])
    for doc in dados["docs"]:
        if doc["location"] in ensina:
            termos = " ".join(ensina[doc["location"]])
            doc["ensina"] = f"{termos} {sem_acento(termos)}"
            # um termo de uma palavra só ("gradiente") pesa mais: é o nome exato do conceito
            unicos = " ".join(t for t in ensina[doc["location"]] if re.fullmatch(r"\w+", t.strip()))
            if unicos:
                doc["ensina_termo"] = f"{unicos} {sem_acento(unicos)}"
        for campo in ("title", "text"):
            doc[campo] = latex_legivel(doc[campo].replace("¶", "")).strip()
        doc["titulo_sem_acento"] = _palavras_sem_acento(_texto_puro(doc["title"]))
        doc["texto_sem_acento"] = _palavras_sem_acento(_texto_puro(doc["text"]))
    indice.write_text(json.dumps(dados, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
