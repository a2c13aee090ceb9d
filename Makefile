# Os dois comandos do README: `make serve` e `make test`. Ambos instalam o que falta antes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Versões: as fixadas (padrão); RESTRICOES=requirements/constraints-minimas.txt dá o piso de cada
# faixa do pyproject.toml; RESTRICOES= (vazio) dá as mais novas. O CI (testes.yml) roda as três.
RESTRICOES ?= requirements/constraints.txt
# Sem rede durante os testes: numa rede isolada quando há root e unshare (veja .ci/sem-rede)
SEM_REDE := .ci/sem-rede

.PHONY: install serve test test-rapido test-site test-completo test-outra-cpu lint figuras cadernos desempenho ortografia zensical clean

$(BIN)/.instalado: pyproject.toml $(RESTRICOES)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(if $(RESTRICOES),-c $(RESTRICOES)) -e ".[dev]"
	touch $@

install: $(BIN)/.instalado

serve: install
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(SEM_REDE) $(BIN)/python -m pytest

# Nível rápido para o ciclo editar-testar: páginas, pacote, meta-testes e build (sem navegador nem
# cadernos, que levam a maior parte do tempo). Meta: ≤ 45 s na máquina de 2 núcleos.
test-rapido: install
	$(SEM_REDE) $(BIN)/python -m pytest -m "not lento and not completo"

# O site no navegador: cada página no Chromium (axe, contraste no claro e no escuro, medidas no
# laptop e no celular; ~3 s de CPU do Chromium por página, que crescem com o curso), a busca, o modo
# escuro e o botão de copiar (os testes com a fixture navegador: marca navegador, posta pelo
# conftest.py). Fora do make test, pelo orçamento dele; o CI roda este alvo depois do make test.
test-site: install
	$(SEM_REDE) $(BIN)/python -m pytest -m "navegador and not completo"

# Nível completo: tudo do make test e mais cada página rodada como script (o que o botão de copiar dá)
# e cada caderno gerado das lições, de ponta a ponta.
test-completo: lint
	$(SEM_REDE) $(BIN)/python -m pytest -m "completo or not completo"

# Outra CPU: os números das páginas e dos cadernos variam nas últimas casas de um processador para
# outro; as tolerâncias declaradas nas páginas (*Tolerância: ±X*) e os veredictos têm de valer em
# todos. Dois caminhos de ponto flutuante diferentes do padrão desta máquina: os kernels portáteis
# do PyTorch (sem AVX, como um processador sem essas instruções) e 2 threads por processo (outra
# ordem nas somas). Numa CPU com AVX-512, o `make test` comum já é o terceiro caminho.
test-outra-cpu: install
	ATEN_CPU_CAPABILITY=default $(SEM_REDE) $(BIN)/python -m pytest docs tests/site/test_cadernos.py
	OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 $(SEM_REDE) $(BIN)/python -m pytest docs

# As figuras de todas as páginas: cada uma desenhada por um bloco visível da sua página (salvar_figura),
# gravadas em docs/assets/ rodando essas páginas.
figuras: install
	paginas=$$(grep -rl "salvar_figura(" docs --include=*.md); \
	[ -z "$$paginas" ] || PYTORCHDL_FIGURAS_GRAVAR=1 $(BIN)/python -m pytest -q $$paginas

cadernos: install
	$(BIN)/python -m ferramentas.cadernos

desempenho: install
	$(BIN)/python -m ferramentas.desempenho

# palavras que o hunspell não conhece (depois de revisar: python -m ferramentas.ortografia --acrescentar)
ortografia: install
	$(BIN)/python -m ferramentas.ortografia

# Zensical (informativo; README, "Zensical, medido"): o mesmo conteúdo construído pelo Zensical,
# num venv à parte (não entra no make test), mais o pós-processamento de hooks/posprocesso.py; as
# verificações do site construído (links, fórmulas, recursos de terceiros, HTML, textos de copiar)
# rodam sobre ele (PYTORCHDL_SITE). Versão fixada em requirements/constraints.txt.
ZENSICAL_VENV ?= .venv-zensical
SITE_ZENSICAL := artefatos/site-zensical

$(ZENSICAL_VENV)/.instalado: requirements/constraints.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet -c requirements/constraints.txt zensical
	touch $@

zensical: install $(ZENSICAL_VENV)/.instalado
	rm -rf site $(SITE_ZENSICAL) && mkdir -p artefatos
	$(ZENSICAL_VENV)/bin/zensical build --clean -f mkdocs.yml
	mv site $(SITE_ZENSICAL)
	$(BIN)/python -m hooks.posprocesso $(SITE_ZENSICAL)
	PYTORCHDL_SITE=$(SITE_ZENSICAL) $(SEM_REDE) $(BIN)/python -m pytest -p no:randomly -rs \
	  tests/site/test_site.py tests/site/test_copiar.py::test_botao_de_cada_bloco_copia_o_codigo_executado

clean:
	rm -rf $(VENV) $(ZENSICAL_VENV) site .cache
