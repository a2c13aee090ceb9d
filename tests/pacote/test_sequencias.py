"""Testes de pytorchdl_snippets.sequencias: dados dos municípios, vocabulário e divisão."""

import pytest
import torch

from pytorchdl_snippets.sequencias import Vocabulario, carregar_municipios, dividir_nomes


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
