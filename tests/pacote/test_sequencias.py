"""Testes de pytorchdl_snippets.sequencias: dados, vocabulário, divisão, modelos de linguagem."""

import math
import re
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from pytorchdl_snippets.dispositivo import fixar_semente
from pytorchdl_snippets.sequencias import (
    IGNORAR,
    ModeloMLP,
    ModeloRecorrente,
    Vocabulario,
    carregar_municipios,
    dividir_nomes,
    janelas,
    nll_por_token,
    sequencias_de_treino,
    treinar_linguagem,
)


def test_municipios_ordenados_sem_repeticao_e_sem_acentos():
    nomes = carregar_municipios()
    assert len(nomes) == 5289
    assert nomes == sorted(set(nomes))
    assert all(n and n == n.strip() and n.isascii() and n == n.lower() for n in nomes)
    assert "sao paulo" in nomes


def test_vocabulario_codifica_e_decodifica_ida_e_volta():
    vocab = Vocabulario(["acre", "bahia"])
    assert vocab.itos == [".", "a", "b", "c", "e", "h", "i", "r"]
    assert len(vocab) == 8
    assert vocab.stoi["."] == 0
    assert vocab.codificar("acre") == [1, 3, 7, 4]
    assert vocab.decodificar([1, 3, 7, 4]) == "acre"
    assert vocab.decodificar(torch.tensor([0, 2, 1, 0])) == ".ba."
    assert "8 tokens" in repr(vocab)


def test_vocabulario_dos_municipios_tem_30_tokens():
    vocab = Vocabulario(carregar_municipios())
    assert "".join(vocab.itos) == ". '-abcdefghijklmnopqrstuvwxyz"


def test_codificar_caractere_desconhecido_diz_qual_e_onde():
    vocab = Vocabulario(["acre"])
    with pytest.raises(ValueError, match=r"caractere desconhecido 'ã' na posição 1 de 'cão'"):
        vocab.codificar("cão")
    with pytest.raises(TypeError, match="texto: esperava um str, recebi list"):
        vocab.codificar(["a"])


def test_decodificar_indice_fora_do_vocabulario():
    vocab = Vocabulario(["acre"])
    with pytest.raises(ValueError, match=r"índice 5 \(posição 1\) fora de 0 a 4"):
        vocab.decodificar([1, 5])
    with pytest.raises(ValueError, match=r"índice -1 \(posição 0\)"):
        vocab.decodificar([-1])
    with pytest.raises(TypeError, match="esperava índices inteiros, recebi float"):
        vocab.decodificar([1.0])


def test_vocabulario_valida_os_argumentos():
    with pytest.raises(TypeError, match="recebi um str só"):
        Vocabulario("acre")
    with pytest.raises(TypeError, match="lista não vazia"):
        Vocabulario([])
    with pytest.raises(ValueError, match="especial: esperava um único caractere"):
        Vocabulario(["acre"], especial="..")
    with pytest.raises(ValueError, match="já aparece nos textos"):
        Vocabulario(["a.b"])


def test_dividir_nomes_disjunto_reprodutivel():
    nomes = carregar_municipios()
    treino, validacao, teste = dividir_nomes(nomes, [0.8, 0.1, 0.1], semente=0)
    assert (len(treino), len(validacao), len(teste)) == (4231, 529, 529)
    assert sorted(treino + validacao + teste) == nomes
    assert dividir_nomes(nomes, semente=0)[0] == treino
    assert dividir_nomes(nomes, semente=1)[0] != treino


def test_dividir_nomes_valida_os_argumentos():
    with pytest.raises(TypeError, match="nomes: esperava uma lista de str, recebi str"):
        dividir_nomes("abc")
    with pytest.raises(TypeError, match="há itens que não são str"):
        dividir_nomes(["a", 1])
    with pytest.raises(ValueError, match="fracoes: esperava frações que somam 1"):
        dividir_nomes(["a", "b", "c"], [0.5, 0.2])


# --- modelos de linguagem -------------------------------------------------------------------

NOMES = ["acre", "ico", "iguaba grande"]


def test_sequencias_de_treino_entrada_alvo_e_preenchimento():
    vocab = Vocabulario(NOMES)
    X, Y = sequencias_de_treino(NOMES, vocab)
    assert X.dtype == Y.dtype == torch.long
    assert X.shape == Y.shape == (3, 14)
    assert X[0, :5].tolist() == [0, *vocab.codificar("acre")]
    assert Y[0, :5].tolist() == [*vocab.codificar("acre"), 0]
    assert (X[0, 5:] == 0).all() and (Y[0, 5:] == IGNORAR).all()
    assert IGNORAR == -100  # o ignore_index padrão de F.cross_entropy
    assert (Y != IGNORAR).sum(dim=1).tolist() == [5, 4, 14]
    # cada alvo é a entrada seguinte
    assert torch.equal(X[2, 1:], Y[2, :-1])


def test_janelas_contam_um_exemplo_por_token_previsto():
    vocab = Vocabulario(NOMES)
    X, Y = janelas(NOMES, vocab, contexto=3)
    assert X.shape == (5 + 4 + 14, 3) and Y.shape == (23,)
    assert [vocab.decodificar(x) for x in X[:5]] == ["...", "..a", ".ac", "acr", "cre"]
    assert vocab.decodificar(Y[:5]) == "acre."
    _, Ys = sequencias_de_treino(NOMES, vocab)
    assert torch.equal(Y, Ys[Ys != IGNORAR])
    assert janelas(NOMES, vocab, contexto=1)[0].shape == (23, 1)


def test_dados_validam_os_argumentos():
    vocab = Vocabulario(NOMES)
    with pytest.raises(TypeError, match="nomes: esperava uma lista de str, recebi str"):
        janelas("acre", vocab)
    with pytest.raises(ValueError, match="nomes: esperava uma lista não vazia"):
        sequencias_de_treino([], vocab)
    with pytest.raises(TypeError, match="vocab: esperava um Vocabulario, recebi dict"):
        sequencias_de_treino(NOMES, {})
    with pytest.raises(ValueError, match="contexto: esperava um int >= 1, recebi 0"):
        janelas(NOMES, vocab, contexto=0)
    with pytest.raises(ValueError, match="caractere desconhecido"):
        janelas(["cão"], vocab)


def test_modelo_mlp_formas_e_validacao():
    fixar_semente(0)
    modelo = ModeloMLP(30, contexto=3, dim=4, ocultos=8)
    assert modelo(torch.zeros(5, 3, dtype=torch.long)).shape == (5, 30)
    formas = {n: tuple(p.shape) for n, p in modelo.named_parameters()}
    assert formas == {
        "incorporacao.weight": (30, 4),
        "oculta.weight": (8, 12),
        "oculta.bias": (8,),
        "saida.weight": (30, 8),
        "saida.bias": (30,),
    }
    with pytest.raises(ValueError, match=r"x: esperava a forma \(B, 3\), recebi \(5, 2\)"):
        modelo(torch.zeros(5, 2, dtype=torch.long))
    with pytest.raises(ValueError, match="ocultos: esperava um int >= 1, recebi 0"):
        ModeloMLP(30, 3, 4, 0)


@pytest.mark.parametrize("celula", ["rnn", "gru", "lstm"])
def test_modelo_recorrente_formas_e_causalidade(celula):
    fixar_semente(0)
    modelo = ModeloRecorrente(30, dim=4, ocultos=8, celula=celula)
    x = torch.randint(0, 30, (2, 6))
    logits = modelo(x)
    assert logits.shape == (2, 6, 30)
    # mudar o fim da sequência não muda as previsões das posições anteriores
    y = x.clone()
    y[:, 4:] = 0
    assert torch.equal(modelo(y)[:, :4], logits[:, :4])


def test_modelo_recorrente_valida_a_celula():
    with pytest.raises(ValueError, match=r"celula: esperava uma de \['gru', 'lstm', 'rnn'\], recebi 'tcn'"):
        ModeloRecorrente(30, 4, 8, celula="tcn")
    with pytest.raises(ValueError, match=r"x: esperava a forma \(B, T\)"):
        ModeloRecorrente(30, 4, 8)(torch.zeros(3, dtype=torch.long))


def test_nll_por_token_ignora_o_preenchimento_e_preserva_o_modo():
    vocab = Vocabulario(NOMES)
    fixar_semente(0)
    modelo = ModeloRecorrente(len(vocab), 4, 8)
    X, Y = sequencias_de_treino(NOMES, vocab)
    nll = nll_por_token(modelo, X, Y)
    # a mesma média, nome a nome, pesada pelo número de tokens de cada um
    somas = [
        F.cross_entropy(modelo(X[i : i + 1])[0], Y[i], ignore_index=IGNORAR, reduction="sum")
        for i in range(3)
    ]
    assert math.isclose(nll, (sum(somas) / 23).item(), rel_tol=1e-5)
    assert modelo.training
    modelo.eval()
    nll_por_token(modelo, X, Y)
    assert not modelo.training
    # um modelo que não sabe nada tem NLL log V
    mlp = ModeloMLP(len(vocab), 3, 4, 8)
    for p in mlp.saida.parameters():
        torch.nn.init.zeros_(p)
    Xj, Yj = janelas(NOMES, vocab, 3)
    assert math.isclose(nll_por_token(mlp, Xj, Yj), math.log(len(vocab)), rel_tol=1e-6)
    with pytest.raises(ValueError, match=r"Y: esperava o mesmo número de exemplos de X \(23"):
        nll_por_token(mlp, Xj, Yj[:5])


def test_treinar_linguagem_aprende_e_e_deterministico():
    nomes = carregar_municipios()[:300]
    vocab = Vocabulario(nomes)
    X, Y = janelas(nomes, vocab, 3)
    resultados = []
    for _ in range(2):
        fixar_semente(0)
        modelo = ModeloMLP(len(vocab), 3, 8, 32)
        antes = nll_por_token(modelo, X, Y)
        historico = treinar_linguagem(modelo, X, Y, epocas=3, lr=0.01, tamanho_lote=64, semente=1)
        resultados.append((historico, nll_por_token(modelo, X, Y)))
    assert resultados[0] == resultados[1]
    historico, depois = resultados[0]
    assert len(historico) == 3 and historico[-1] < historico[0]
    assert depois < antes - 0.5


def test_treinar_linguagem_recorrente_com_corte_de_gradiente():
    nomes = carregar_municipios()[:200]
    vocab = Vocabulario(nomes)
    X, Y = sequencias_de_treino(nomes, vocab)
    fixar_semente(0)
    modelo = ModeloRecorrente(len(vocab), 8, 16)
    antes = nll_por_token(modelo, X, Y)
    treinar_linguagem(modelo, X, Y, epocas=3, lr=0.01, tamanho_lote=32, max_norma=1.0)
    assert nll_por_token(modelo, X, Y) < antes - 0.3


def test_treinar_linguagem_valida_os_argumentos():
    modelo = ModeloMLP(5, 1, 2, 2)
    X, Y = torch.zeros(4, 1, dtype=torch.long), torch.zeros(4, dtype=torch.long)
    with pytest.raises(ValueError, match="epocas: esperava um int >= 1, recebi 0"):
        treinar_linguagem(modelo, X, Y, epocas=0)
    with pytest.raises(ValueError, match="lr: esperava um número > 0, recebi -1"):
        treinar_linguagem(modelo, X, Y, epocas=1, lr=-1)
    with pytest.raises(ValueError, match="max_norma: esperava None ou um número > 0"):
        treinar_linguagem(modelo, X, Y, epocas=1, max_norma=0)
    with pytest.raises(TypeError, match="X, Y: esperava dois tensores, recebi list e Tensor"):
        treinar_linguagem(modelo, [0], Y, epocas=1)


# --- uma definição: a da página e a do pacote são o mesmo código --------------------------------

PAGINAS = Path(__file__).resolve().parents[2] / "docs" / "sequencias"
BLOCO_PYTHON = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def definicoes_da_pagina(pagina: str, nomes: list[str]) -> dict:
    """Executa os blocos ``python`` da página que definem ``nomes`` e devolve as definições."""
    texto = (PAGINAS / pagina).read_text(encoding="utf-8")
    namespace = {"torch": torch, "F": F, "nn": torch.nn}
    for bloco in BLOCO_PYTHON.findall(texto):
        if any(re.search(rf"^(class|def) {nome}\(", bloco, re.MULTILINE) for nome in nomes):
            exec(compile(bloco, pagina, "exec"), namespace)
    faltando = [nome for nome in nomes if nome not in namespace]
    assert not faltando, f"{pagina} não define {faltando}"
    return namespace


def test_modelo_neural_da_pagina_e_o_do_pacote():
    pagina = definicoes_da_pagina("modelo-neural.md", ["ModeloMLP", "nll_por_token", "treinar_linguagem"])
    nomes = carregar_municipios()[:200]
    vocab = Vocabulario(nomes)
    X, Y = janelas(nomes, vocab, 3)
    resultados = []
    for Modelo, nll, treinar in [
        (pagina["ModeloMLP"], pagina["nll_por_token"], pagina["treinar_linguagem"]),
        (ModeloMLP, nll_por_token, treinar_linguagem),
    ]:
        fixar_semente(0)
        modelo = Modelo(len(vocab), 3, 4, 16)
        estado = {k: v.clone() for k, v in modelo.state_dict().items()}
        historico = treinar(modelo, X, Y, 2, lr=0.01, tamanho_lote=64, semente=3)
        resultados.append((estado, historico, nll(modelo, X, Y), modelo(X[:7])))
    (estado_a, hist_a, nll_a, saida_a), (estado_b, hist_b, nll_b, saida_b) = resultados
    assert estado_a.keys() == estado_b.keys()
    assert all(torch.equal(estado_a[k], estado_b[k]) for k in estado_a)
    assert hist_a == hist_b and nll_a == nll_b
    assert torch.equal(saida_a, saida_b)


def test_treinar_por_comprimento_corta_o_preenchimento_e_e_deterministico():
    nomes = carregar_municipios()[:300]
    vocab = Vocabulario(nomes)
    X, Y = sequencias_de_treino(nomes, vocab)
    resultados = []
    for _ in range(2):
        fixar_semente(0)
        modelo = ModeloRecorrente(len(vocab), 8, 16)
        antes = nll_por_token(modelo, X, Y)
        historico = treinar_linguagem(modelo, X, Y, 2, lr=0.02, tamanho_lote=32, por_comprimento=True)
        resultados.append((historico, nll_por_token(modelo, X, Y)))
    assert resultados[0] == resultados[1]
    assert resultados[0][1] < antes - 0.3
    with pytest.raises(ValueError, match=r"por_comprimento: esperava Y de forma \(N, T\)"):
        treinar_linguagem(ModeloMLP(5, 1, 2, 2), X[:, :1], Y[:, 0], 1, por_comprimento=True)


def test_minilotes_por_comprimento_cobrem_tudo_uma_vez():
    from pytorchdl_snippets.sequencias import _comprimentos, _minilotes

    Y = torch.full((10, 6), IGNORAR)
    for i, n in enumerate([1, 5, 2, 6, 3, 1, 4, 2, 6, 5]):
        Y[i, :n] = 1
    assert _comprimentos(Y).tolist() == [1, 5, 2, 6, 3, 1, 4, 2, 6, 5]
    lotes = _minilotes(Y, 2, torch.Generator().manual_seed(0), por_comprimento=True)
    assert sorted(torch.cat(lotes).tolist()) == list(range(10))
    assert sorted(sorted(_comprimentos(Y)[lote].tolist()) for lote in lotes) == [
        [1, 1],
        [2, 2],
        [3, 4],
        [5, 5],
        [6, 6],
    ]


@pytest.mark.parametrize("celula", ["rnn", "gru", "lstm"])
def test_modelo_recorrente_da_pagina_e_o_do_pacote(celula):
    pagina = definicoes_da_pagina("recorrentes.md", ["ModeloRecorrente"])["ModeloRecorrente"]
    x = torch.randint(0, 30, (3, 7), generator=torch.Generator().manual_seed(1))
    modelos = []
    for Modelo in (pagina, ModeloRecorrente):
        fixar_semente(0)
        modelos.append(Modelo(30, 4, 8, celula=celula))
    estado_a, estado_b = (m.state_dict() for m in modelos)
    assert estado_a.keys() == estado_b.keys()
    assert all(torch.equal(estado_a[k], estado_b[k]) for k in estado_a)
    assert torch.equal(modelos[0](x), modelos[1](x))
