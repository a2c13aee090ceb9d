import pytest
import torch

from pytorchdl_snippets.dispositivo import fixar_semente
from pytorchdl_snippets.lenet import LeNet5
from pytorchdl_snippets.transferencia import (
    ESTRATEGIAS,
    Preparado,
    TarefaNova,
    acuracia_de,
    congelar,
    estudar,
    extrair_caracteristicas,
    perda_de,
    preparar,
    reescolher,
    separar_tarefa_nova,
    sortear_por_classe,
    treinar_passos,
)


def _dados(n_por_classe=12, classes=5, semente=0):
    """Imagens 8×8 aleatórias, com um pixel aceso que depende da classe (fácil de separar)."""
    gerador = torch.Generator().manual_seed(semente)
    y = torch.arange(classes).repeat_interleave(n_por_classe)
    X = 0.1 * torch.rand(len(y), 1, 8, 8, generator=gerador)
    X[torch.arange(len(y)), 0, y, y] = 1.0
    return X, y


@pytest.fixture(scope="module")
def pre_treinada():
    fixar_semente(0)
    return LeNet5(classes=5).eval()


def test_sortear_por_classe_conta_e_reproduz():
    y = torch.tensor([0, 0, 0, 1, 1, 1, 2, 2, 2])
    indices = sortear_por_classe(y, 2, semente=3)
    assert torch.bincount(y[indices]).tolist() == [2, 2, 2]
    assert len(set(indices.tolist())) == 6
    assert torch.equal(indices, sortear_por_classe(y, 2, semente=3))
    outros = [sortear_por_classe(y, 2, semente=s) for s in range(5)]
    assert any(not torch.equal(indices, o) for o in outros)


def test_sortear_por_classe_valida_entradas():
    y = torch.tensor([0, 0, 1])
    with pytest.raises(ValueError, match=r"por_classe: esperava no máximo 1 .*classe 1.*recebi 2"):
        sortear_por_classe(y, 2)
    with pytest.raises(ValueError, match="por_classe: esperava um int >= 1, recebi 0"):
        sortear_por_classe(y, 0)
    with pytest.raises(TypeError, match="rotulos: esperava um tensor de inteiros"):
        sortear_por_classe(torch.tensor([0.0, 1.0]), 1)
    with pytest.raises(TypeError, match="semente"):
        sortear_por_classe(y, 1, semente=1.5)


def test_separar_tarefa_nova_sem_sobreposicao():
    X, y = _dados(n_por_classe=10)
    X[:, 0, 7, 7] = torch.arange(len(y), dtype=torch.float32)  # identifica cada imagem
    tarefa = separar_tarefa_nova(X, y, reserva_por_classe=4, validacao_por_classe=3)
    assert isinstance(tarefa, TarefaNova)
    assert torch.bincount(tarefa.y_reserva).tolist() == [4] * 5
    assert torch.bincount(tarefa.y_validacao).tolist() == [3] * 5
    assert torch.bincount(tarefa.y_teste).tolist() == [3] * 5
    ids = [set(parte[:, 0, 7, 7].long().tolist()) for parte in tarefa[::2]]
    assert sum(len(i) for i in ids) == len(y) == len(set().union(*ids))


def test_separar_tarefa_nova_valida_formatos():
    X, y = _dados()
    with pytest.raises(ValueError, match=r"X, y: esperava X \(N, canais, lado, lado\)"):
        separar_tarefa_nova(X[:, 0], y)
    with pytest.raises(TypeError, match=r"X, y: esperava dois torch\.Tensor"):
        separar_tarefa_nova(X.numpy(), y)
    with pytest.raises(ValueError, match="por_classe: esperava no máximo 12"):
        separar_tarefa_nova(X, y, reserva_por_classe=10, validacao_por_classe=5)


def test_congelar_desliga_gradientes_e_batchnorm():
    bloco = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2)).train()
    assert congelar(bloco) is bloco
    assert not bloco.training and not bloco[1].training
    assert not any(p.requires_grad for p in bloco.parameters())
    with pytest.raises(TypeError, match=r"modulo: esperava um torch\.nn\.Module, recebi int"):
        congelar(3)


def test_extrair_caracteristicas_formato_e_modo(pre_treinada):
    X, _ = _dados()
    pre_treinada.train()
    carac = extrair_caracteristicas(pre_treinada, X)
    assert carac.shape == (len(X), 128) and not carac.requires_grad
    assert pre_treinada.training  # o modo anterior volta
    pre_treinada.eval()
    with pytest.raises(TypeError, match="modelo: esperava uma LeNet5"):
        extrair_caracteristicas(torch.nn.Linear(2, 2), X)


def test_ajuste_fino_congela_primeiro_bloco_e_usa_grupos(pre_treinada):
    X, y = _dados()
    fixar_semente(1)
    preparado = preparar("ajuste_fino", pre_treinada, lr=1e-2, fator=0.1)
    assert isinstance(preparado, Preparado) and preparado.modelo is not pre_treinada
    assert [g["lr"] for g in preparado.otimizador.param_groups] == pytest.approx([1e-3, 1e-2])
    bloco = preparado.modelo.caracteristicas
    antes = {k: v.clone() for k, v in bloco[:4].state_dict().items()}
    depois_do_segundo = bloco[4].weight.clone()
    treinar_passos(preparado, X, y, passos=3)
    for nome, valor in bloco[:4].state_dict().items():  # pesos e médias da BatchNorm
        assert torch.equal(valor, antes[nome]), nome
    assert not torch.equal(bloco[4].weight, depois_do_segundo)
    assert not bloco[1].training and bloco[5].training
    # a rede pré-treinada não muda
    assert torch.equal(pre_treinada.caracteristicas[4].weight, depois_do_segundo)


@pytest.mark.parametrize("estrategia", ["completo", "do_zero"])
def test_completo_e_do_zero_treinam_tudo(pre_treinada, estrategia):
    X, y = _dados()
    preparado = preparar(estrategia, pre_treinada, lr=1e-2)
    assert preparado.congelado is None
    assert [g["lr"] for g in preparado.otimizador.param_groups] == [1e-2]
    antes = preparado.modelo.caracteristicas[0].weight.clone()
    treinar_passos(preparado, X, y, passos=2)
    assert not torch.equal(antes, preparado.modelo.caracteristicas[0].weight)
    partiu_do_pre_treino = torch.equal(antes, pre_treinada.caracteristicas[0].weight)
    assert partiu_do_pre_treino == (estrategia == "completo")


def test_preparar_valida_entradas(pre_treinada):
    with pytest.raises(ValueError, match=r"estrategia: esperava uma de \('congelada'.*recebi 'outra'"):
        preparar("outra", pre_treinada, lr=1e-2)
    with pytest.raises(ValueError, match="estrategia: 'congelada' não treina a rede"):
        preparar("congelada", pre_treinada, lr=1e-2)
    with pytest.raises(ValueError, match="lr: esperava números positivos"):
        preparar("completo", pre_treinada, lr=0)
    with pytest.raises(TypeError, match="pre_treinada: esperava uma LeNet5, recebi dict"):
        preparar("completo", {}, lr=1e-2)
    with pytest.raises(TypeError, match="preparado: esperava o resultado de preparar"):
        treinar_passos((1, 2, 3), *_dados(), passos=1)


def test_treinar_passos_aprende_o_lote(pre_treinada):
    X, y = _dados()
    fixar_semente(0)
    preparado = preparar("do_zero", pre_treinada, lr=1e-2)
    inicio = acuracia_de(preparado.modelo, X, y)
    treinar_passos(preparado, X, y, passos=40)
    assert acuracia_de(preparado.modelo, X, y) == 1.0 > inicio
    with pytest.raises(ValueError, match="passos: esperava um int >= 1, recebi 0"):
        treinar_passos(preparado, X, y, passos=0)


def test_estudar_escolhe_na_validacao_e_reproduz(pre_treinada):
    X, y = _dados(n_por_classe=12)
    tarefa = separar_tarefa_nova(X, y, reserva_por_classe=3, validacao_por_classe=4)
    argumentos = dict(sementes=range(2), grade_lr=(1e-3, 1e-2), marcas=(1, 3))
    resultados = estudar(pre_treinada, tarefa, orcamentos=(1, 3), **argumentos)
    assert set(resultados) == {(e, o) for e in ESTRATEGIAS for o in (1, 3)}
    for (estrategia, _), escolha in resultados.items():
        assert len(escolha.teste.valores) == 2
        assert escolha.validacao > 0.0  # a perda de validação média da escolha
        if estrategia == "congelada":
            assert escolha.hiperparametros["C"] in (0.1, 1.0, 10.0)
        else:
            assert escolha.hiperparametros["lr"] in (1e-3, 1e-2)
            assert escolha.hiperparametros["passos"] in (1, 3)
    de_novo = estudar(pre_treinada, tarefa, orcamentos=(3,), estrategias=("ajuste_fino",), **argumentos)
    assert list(de_novo) == [("ajuste_fino", 3)]
    assert de_novo["ajuste_fino", 3][:3] == resultados["ajuste_fino", 3][:3]


def test_reescolher_da_o_mesmo_que_treinar_so_ate_a_marca(pre_treinada):
    X, y = _dados(n_por_classe=12)
    tarefa = separar_tarefa_nova(X, y, reserva_por_classe=3, validacao_por_classe=4)
    argumentos = dict(orcamentos=(2,), sementes=range(2), grade_lr=(1e-3, 1e-2))
    completo = estudar(pre_treinada, tarefa, marcas=(1, 2, 4), **argumentos)
    curto = reescolher(completo, tarefa, max_passos=2)
    treinado_curto = estudar(pre_treinada, tarefa, marcas=(1, 2), **argumentos)
    assert set(curto) == {(e, 2) for e in ESTRATEGIAS if e != "congelada"}
    for chave, escolha in curto.items():
        assert escolha.hiperparametros["passos"] in (1, 2)
        assert escolha[:3] == treinado_curto[chave][:3]  # sem treinar de novo, o mesmo resultado
    assert reescolher(completo, tarefa, max_passos=4)["do_zero", 2][:3] == completo["do_zero", 2][:3]


def test_reescolher_valida_entradas(pre_treinada):
    X, y = _dados(n_por_classe=12)
    tarefa = separar_tarefa_nova(X, y, reserva_por_classe=3, validacao_por_classe=4)
    argumentos = dict(orcamentos=(1,), sementes=range(2), estrategias=("do_zero",), marcas=(2, 3))
    resultados = estudar(pre_treinada, tarefa, **argumentos)
    with pytest.raises(ValueError, match="max_passos: esperava pelo menos a menor marca \\(2\\), recebi 1"):
        reescolher(resultados, tarefa, max_passos=1)
    with pytest.raises(ValueError, match="max_passos: esperava um int >= 1, recebi 0"):
        reescolher(resultados, tarefa, max_passos=0)
    with pytest.raises(TypeError, match="resultados: esperava o dicionário devolvido por estudar"):
        reescolher({}, tarefa, max_passos=2)
    with pytest.raises(TypeError, match="tarefa: esperava uma TarefaNova, recebi tuple"):
        reescolher(resultados, (X, y), max_passos=2)


def test_estudar_valida_entradas(pre_treinada):
    X, y = _dados()
    tarefa = separar_tarefa_nova(X, y, reserva_por_classe=3, validacao_por_classe=4)
    with pytest.raises(TypeError, match="tarefa: esperava uma TarefaNova, recebi tuple"):
        estudar(pre_treinada, (X, y))
    with pytest.raises(ValueError, match="sementes: esperava pelo menos 2"):
        estudar(pre_treinada, tarefa, sementes=[0])
    with pytest.raises(ValueError, match="marcas: esperava passos em ordem crescente"):
        estudar(pre_treinada, tarefa, marcas=(30, 10))
    with pytest.raises(ValueError, match="orcamentos: esperava um int >= 1, recebi 0"):
        estudar(pre_treinada, tarefa, orcamentos=(0,))
    with pytest.raises(ValueError, match="estrategia: esperava uma de"):
        estudar(pre_treinada, tarefa, estrategias=("congelada", "x"))


def test_estudar_nao_usa_o_teste_para_escolher(pre_treinada):
    X, y = _dados(n_por_classe=12)
    tarefa = separar_tarefa_nova(X, y, reserva_por_classe=3, validacao_por_classe=4)
    embaralhado = tarefa._replace(y_teste=tarefa.y_teste.flip(0))
    argumentos = dict(orcamentos=(2,), sementes=range(2), estrategias=("congelada", "do_zero"), marcas=(1, 3))
    a = estudar(pre_treinada, tarefa, **argumentos)
    b = estudar(pre_treinada, embaralhado, **argumentos)
    for chave in a:
        assert a[chave].hiperparametros == b[chave].hiperparametros
        assert a[chave].validacao == b[chave].validacao
    assert any(a[chave].teste != b[chave].teste for chave in a)


def test_tabela_formata_teste_e_escolhas(pre_treinada):
    from pytorchdl_snippets.estatistica import medir
    from pytorchdl_snippets.transferencia import Escolha, tabela

    resultados = {
        ("congelada", 1): Escolha({"C": 1.0}, 0.7, medir([0.70, 0.72])),
        ("do_zero", 1): Escolha({"lr": 0.01, "passos": 30}, 0.6, medir([0.50, 0.60])),
    }
    assert tabela(resultados).splitlines() == [
        "acurácia de teste (%), média ± desvio entre sementes",
        "rótulos    congelada      do zero",
        "      1   71,0 ± 1,4   55,0 ± 7,1",
    ]
    assert tabela(resultados, escolhas=True).splitlines()[1] == "      1" + f"{'C=1':>13}{'0.01/30':>13}"
    with pytest.raises(TypeError, match="resultados: esperava o dicionário devolvido por estudar"):
        tabela({})


def test_logistica_por_orcamento_mede_na_validacao():
    from pytorchdl_snippets.transferencia import logistica_por_orcamento

    X, y = _dados(n_por_classe=12)
    tarefa = separar_tarefa_nova(X, y, reserva_por_classe=5, validacao_por_classe=4)
    carac = {nome: parte.flatten(1) for nome, parte in (("r", tarefa.X_reserva), ("v", tarefa.X_validacao))}
    medidas = logistica_por_orcamento(
        carac["r"], tarefa.y_reserva, carac["v"], tarefa.y_validacao, orcamentos=(1, 5), sementes=range(3)
    )
    assert list(medidas) == [1, 5]
    assert medidas[5].media == 1.0  # o pixel aceso separa as classes
    assert len(medidas[1].valores) == 3
    with pytest.raises(ValueError, match="carac_reserva: esperava um tensor"):
        logistica_por_orcamento(tarefa.X_reserva, tarefa.y_reserva, carac["v"], tarefa.y_validacao)
    with pytest.raises(ValueError, match="C: esperava números positivos"):
        logistica_por_orcamento(carac["r"], tarefa.y_reserva, carac["v"], tarefa.y_validacao, C=-1)


def test_estudar_escolhe_a_menor_perda_media_de_validacao(pre_treinada):
    X, y = _dados(n_por_classe=12)
    tarefa = separar_tarefa_nova(X, y, reserva_por_classe=3, validacao_por_classe=4)
    argumentos = dict(orcamentos=(2,), sementes=range(2), estrategias=("do_zero",), grade_lr=(1e-3, 1e-2))
    escolha = estudar(pre_treinada, tarefa, marcas=(1, 3), **argumentos)["do_zero", 2]
    medias = {chave: sum(v) / len(v) for chave, v in escolha.treinos.validacoes.items()}
    menor = min(medias, key=medias.get)
    assert (escolha.hiperparametros["lr"], escolha.hiperparametros["passos"]) == menor
    assert escolha.validacao == pytest.approx(medias[menor])


def test_perda_de_e_a_entropia_cruzada_em_eval(pre_treinada):
    X, y = _dados(n_por_classe=2)
    modelo = LeNet5(classes=5).train()
    with torch.no_grad():
        esperada = torch.nn.functional.cross_entropy(modelo.eval()(X), y).item()
    modelo.train()
    assert perda_de(modelo, X, y) == pytest.approx(esperada)
    assert not modelo.training


def test_treinar_passos_com_bloco_congelado_da_o_mesmo_que_o_laco_completo(pre_treinada):
    """A saída do bloco congelado é calculada uma vez só: o treino é o mesmo do laço ingênuo."""
    X, y = _dados()
    fixar_semente(2)
    rapido = preparar("ajuste_fino", pre_treinada, lr=1e-2)
    fixar_semente(2)
    ingenuo = preparar("ajuste_fino", pre_treinada, lr=1e-2)
    treinar_passos(rapido, X, y, passos=5)
    ingenuo.modelo.train()
    ingenuo.congelado.eval()
    for _ in range(5):  # o laço de sempre, com a rede inteira em cada passo
        ingenuo.otimizador.zero_grad()
        torch.nn.functional.cross_entropy(ingenuo.modelo(X), y).backward()
        ingenuo.otimizador.step()
    esperado = ingenuo.modelo.state_dict()
    for nome, valor in rapido.modelo.state_dict().items():
        torch.testing.assert_close(valor, esperado[nome], msg=nome)
