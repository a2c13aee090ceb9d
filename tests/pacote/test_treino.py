import math

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from pytorchdl_snippets.treino import (
    Historico,
    Resultado,
    acuracia,
    ajustar,
    carregar_checkpoint,
    prever,
    salvar_checkpoint,
    treinar,
    validar,
)


def _classificacao(n=120, semente=0):
    """Três nuvens separáveis em 2D."""
    g = torch.Generator().manual_seed(semente)
    centros = torch.tensor([[-3.0, 0.0], [3.0, 0.0], [0.0, 3.0]])
    y = torch.arange(n) % 3
    X = centros[y] + 0.5 * torch.randn(n, 2, generator=g)
    return X, y


def _regressao(n=64, semente=0):
    g = torch.Generator().manual_seed(semente)
    X = torch.randn(n, 3, generator=g)
    y = X @ torch.tensor([1.0, -2.0, 0.5]) + 0.3
    return X, y.unsqueeze(1)


# --- acuracia ---------------------------------------------------------------------------------


def test_acuracia_argmax_dos_logits():
    saidas = torch.tensor([[2.0, 0.1], [0.0, 1.0], [3.0, -1.0], [0.2, 0.1]])
    assert acuracia(saidas, torch.tensor([0, 1, 1, 0])) == pytest.approx(0.75)
    assert isinstance(acuracia(saidas, torch.tensor([0, 1, 0, 0])), float)


def test_acuracia_rotulos_float_falham():
    with pytest.raises(TypeError, match=r"rotulos: .*inteiras.*float32"):
        acuracia(torch.zeros(3, 2), torch.zeros(3))


@pytest.mark.parametrize(
    ("saidas", "rotulos", "trecho"),
    [
        (
            torch.zeros(4),
            torch.zeros(4, dtype=torch.long),
            r"saidas: esperava logits no formato \(N, C\), recebi \(4,\)",
        ),
        (
            torch.zeros(4, 3),
            torch.zeros(5, dtype=torch.long),
            r"rotulos: esperava formato \(4,\).*recebi \(5,\)",
        ),
        (torch.zeros(4, 3), torch.zeros(4, 1, dtype=torch.long), r"recebi \(4, 1\)"),
        (torch.zeros(0, 3), torch.zeros(0, dtype=torch.long), "vazio"),
    ],
)
def test_acuracia_formatos_invalidos(saidas, rotulos, trecho):
    with pytest.raises(ValueError, match=trecho):
        acuracia(saidas, rotulos)


def test_acuracia_exige_tensores():
    with pytest.raises(TypeError, match="dois tensores"):
        acuracia([[1.0, 0.0]], torch.tensor([0]))


# --- treinar / validar -----------------------------------------------------------------------


def test_treinar_reduz_a_perda_e_acuracia_sobe():
    torch.manual_seed(0)
    X, y = _classificacao()
    carregador = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True)
    modelo = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))
    otimizador = torch.optim.Adam(modelo.parameters(), lr=0.05)
    perda = nn.CrossEntropyLoss()
    antes = validar(modelo, carregador, perda, metrica=acuracia)
    for _ in range(15):
        r = treinar(modelo, carregador, perda, otimizador, metrica=acuracia)
    depois = validar(modelo, carregador, perda, metrica=acuracia)
    assert isinstance(r, Resultado) and isinstance(r.perda, float)
    assert depois.perda < antes.perda / 5
    assert depois.metrica == pytest.approx(1.0)
    assert r.metrica is not None and r.metrica > 0.9


def test_treinar_sem_metrica_devolve_none_e_modo_treino():
    X, y = _regressao()
    modelo = nn.Sequential(nn.Linear(3, 4), nn.Dropout(0.1), nn.Linear(4, 1))
    modelo.eval()
    r = treinar(modelo, [(X, y)], nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.1))
    assert r.metrica is None and modelo.training


def test_perda_media_ponderada_pelo_tamanho_do_lote():
    # Modelo que ignora a entrada e devolve zero: a perda de cada exemplo é conhecida.
    modelo = nn.Linear(1, 1)
    nn.init.zeros_(modelo.weight)
    nn.init.zeros_(modelo.bias)
    lotes = [(torch.zeros(3, 1), torch.full((3, 1), 1.0)), (torch.zeros(1, 1), torch.full((1, 1), 5.0))]
    r = validar(modelo, lotes, nn.MSELoss())
    assert r.perda == pytest.approx((3 * 1.0 + 1 * 25.0) / 4)  # e não (1 + 25) / 2


def test_treinar_pondera_a_perda_e_a_metrica_do_ultimo_lote_curto():
    # DataLoader de 10 exemplos com batch_size=4: lotes de 4, 4 e 2 (o último é curto). Com lr=0 os
    # pesos não mudam, então a perda de cada lote é conhecida; o último lote não pode pesar como 4.
    modelo = nn.Linear(1, 1)
    nn.init.zeros_(modelo.weight)
    nn.init.zeros_(modelo.bias)
    alvos = torch.tensor([1.0] * 8 + [4.0] * 2).unsqueeze(1)
    carregador = DataLoader(TensorDataset(torch.zeros(10, 1), alvos), batch_size=4, shuffle=False)
    assert [len(y) for _, y in carregador] == [4, 4, 2]
    acertos = []

    def metrica(saidas, alvos):  # 1 nos lotes completos, 0 no curto
        acertos.append(len(alvos))
        return 1.0 if len(alvos) == 4 else 0.0

    r = treinar(
        modelo, carregador, nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.0), metrica=metrica
    )
    assert acertos == [4, 4, 2]
    assert r.perda == pytest.approx((8 * 1.0 + 2 * 16.0) / 10)  # 4,0; a média simples dos lotes daria 6,0
    assert r.metrica == pytest.approx(8 / 10)  # e não 2 / 3
    assert validar(modelo, carregador, nn.MSELoss()).perda == pytest.approx(r.perda)


def test_metrica_media_ponderada():
    modelo = nn.Identity()
    lotes = [
        (torch.tensor([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]]), torch.tensor([0, 0, 0])),
        (torch.tensor([[1.0, 0.0]]), torch.tensor([1])),
    ]
    r = validar(modelo, lotes, nn.CrossEntropyLoss(), metrica=acuracia)
    assert r.metrica == pytest.approx(0.75)


def test_validar_nao_muda_pesos_nem_acumula_gradiente_e_usa_eval():
    X, y = _regressao()
    modelo = nn.Sequential(nn.Linear(3, 8), nn.Dropout(0.5), nn.Linear(8, 1))
    antes = [p.detach().clone() for p in modelo.parameters()]
    r1 = validar(modelo, [(X, y)], nn.MSELoss())
    r2 = validar(modelo, [(X, y)], nn.MSELoss())
    assert not modelo.training
    assert r1 == r2  # dropout desligado: determinístico
    assert all(p.grad is None for p in modelo.parameters())
    assert all(torch.equal(a, p) for a, p in zip(antes, modelo.parameters(), strict=True))


def test_treinar_chama_zero_grad_a_cada_lote():
    # Com zero_grad, dois lotes idênticos com SGD sem momento dão o mesmo passo duas vezes.
    modelo = nn.Linear(1, 1, bias=False)
    nn.init.constant_(modelo.weight, 0.0)
    x, y = torch.ones(1, 1), torch.ones(1, 1)
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.1)
    treinar(modelo, [(x, y)], nn.MSELoss(), otimizador)
    w1 = modelo.weight.item()  # 0 - 0.1 * 2 * (0 - 1) = 0.2
    treinar(modelo, [(x, y)], nn.MSELoss(), otimizador)
    w2 = modelo.weight.item()  # 0.2 - 0.1 * 2 * (0.2 - 1) = 0.36
    assert w1 == pytest.approx(0.2) and w2 == pytest.approx(0.36)


def test_dispositivo_none_usa_o_do_modelo():
    X, y = _classificacao(30)
    modelo = nn.Linear(2, 3)
    r = validar(modelo, [(X, y)], nn.CrossEntropyLoss(), dispositivo=None)
    r_cpu = validar(modelo, [(X, y)], nn.CrossEntropyLoss(), dispositivo="cpu")
    assert r == r_cpu


# --- erros claros ----------------------------------------------------------------------------


def test_carregador_vazio():
    modelo = nn.Linear(2, 3)
    with pytest.raises(ValueError, match="carregador: está vazio"):
        validar(modelo, [], nn.CrossEntropyLoss())
    vazio = DataLoader(TensorDataset(torch.zeros(0, 2), torch.zeros(0, dtype=torch.long)), batch_size=4)
    with pytest.raises(ValueError, match="carregador: está vazio"):
        treinar(modelo, vazio, nn.CrossEntropyLoss(), torch.optim.SGD(modelo.parameters(), lr=0.1))


def test_regressao_formatos_incompativeis_diz_o_que_chegou():
    X, y = _regressao()
    modelo = nn.Linear(3, 1)  # saída (N, 1)
    with pytest.raises(ValueError, match=r"saída \(64, 1\) e alvo \(64,\)"):
        treinar(modelo, [(X, y.squeeze(1))], nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.1))
    with pytest.raises(ValueError, match="L1Loss"):
        validar(modelo, [(X, y.squeeze(1))], nn.L1Loss())


def test_classificacao_rotulos_float():
    X, y = _classificacao(30)
    with pytest.raises(TypeError, match=r"rotulos: CrossEntropyLoss espera classes inteiras.*float32"):
        validar(nn.Linear(2, 3), [(X, y.float())], nn.CrossEntropyLoss())


def test_classificacao_formato_dos_rotulos():
    X, y = _classificacao(30)
    with pytest.raises(ValueError, match=r"saída \(30, 3\) e rótulos \(30, 1\)"):
        validar(nn.Linear(2, 3), [(X, y.unsqueeze(1))], nn.CrossEntropyLoss())


def test_classificacao_aceita_probabilidades_como_alvo():
    X, y = _classificacao(30)
    alvos = nn.functional.one_hot(y, 3).float()
    r = validar(nn.Linear(2, 3), [(X, alvos)], nn.CrossEntropyLoss())
    assert math.isfinite(r.perda)


def test_lote_que_nao_e_par():
    with pytest.raises(TypeError, match=r"carregador: esperava lotes \(entradas, alvos\)"):
        validar(nn.Linear(2, 3), [torch.zeros(4, 2)], nn.CrossEntropyLoss())


def test_tipos_invalidos():
    modelo = nn.Linear(2, 3)
    with pytest.raises(TypeError, match="otimizador"):
        treinar(modelo, [], nn.CrossEntropyLoss(), "adam")
    with pytest.raises(TypeError, match="modelo"):
        validar(lambda x: x, [], nn.CrossEntropyLoss())
    with pytest.raises(TypeError, match="carregador"):
        validar(modelo, 3, nn.CrossEntropyLoss())


# --- ajustar ---------------------------------------------------------------------------------


def _problema_ruidoso():
    """Poucos exemplos e rede grande: a validação piora depois de um tempo (sobreajuste)."""
    g = torch.Generator().manual_seed(1)
    X = torch.randn(40, 5, generator=g)
    y = X[:, :1] + 0.8 * torch.randn(40, 1, generator=g)
    return [(X[:20], y[:20])], [(X[20:], y[20:])]


@pytest.mark.parametrize(
    ("epocas", "erro"), [(0, ValueError), (-1, ValueError), (2.0, TypeError), (True, TypeError)]
)
def test_ajustar_epocas_invalidas(epocas, erro):
    modelo = nn.Linear(2, 1)
    with pytest.raises(erro, match="epocas: esperava um int >= 1"):
        ajustar(modelo, [], [], nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.1), epocas)


@pytest.mark.parametrize(("paciencia", "erro"), [(0, ValueError), (-2, ValueError), (1.5, TypeError)])
def test_ajustar_paciencia_invalida(paciencia, erro):
    modelo = nn.Linear(2, 1)
    with pytest.raises(erro, match="paciencia: esperava um int >= 1"):
        ajustar(
            modelo, [], [], nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.1), 3, paciencia=paciencia
        )


def test_ajustar_historico_e_restaura_o_melhor_modelo():
    torch.manual_seed(0)
    treino, validacao = _problema_ruidoso()
    modelo = nn.Sequential(nn.Linear(5, 64), nn.ReLU(), nn.Linear(64, 1))
    otimizador = torch.optim.Adam(modelo.parameters(), lr=0.02)
    h = ajustar(modelo, treino, validacao, nn.MSELoss(), otimizador, epocas=80)
    assert isinstance(h, Historico) and h.epocas == 80
    assert len(h.perda_validacao) == 80 and h.metrica_treino == [] and h.metrica_validacao == []
    melhor = min(h.perda_validacao)
    assert h.perda_validacao[h.melhor_epoca] == melhor
    assert h.melhor_epoca < 79  # houve sobreajuste: o último não é o melhor
    assert h.perda_validacao[-1] > melhor
    # o modelo que ficou carregado é o da melhor época
    assert validar(modelo, validacao, nn.MSELoss()).perda == pytest.approx(melhor)


def test_ajustar_parada_antecipada():
    torch.manual_seed(0)
    treino, validacao = _problema_ruidoso()
    modelo = nn.Sequential(nn.Linear(5, 64), nn.ReLU(), nn.Linear(64, 1))
    otimizador = torch.optim.Adam(modelo.parameters(), lr=0.02)
    h = ajustar(modelo, treino, validacao, nn.MSELoss(), otimizador, epocas=500, paciencia=5)
    assert h.epocas == h.melhor_epoca + 1 + 5 < 500


def test_ajustar_metrica_e_verboso(capsys):
    torch.manual_seed(0)
    X, y = _classificacao()
    lotes = [(X, y)]
    modelo = nn.Linear(2, 3)
    h = ajustar(
        modelo,
        lotes,
        lotes,
        nn.CrossEntropyLoss(),
        torch.optim.Adam(modelo.parameters(), lr=0.1),
        epocas=3,
        metrica=acuracia,
        verboso=True,
    )
    assert len(h.metrica_treino) == len(h.metrica_validacao) == 3
    linhas = capsys.readouterr().out.splitlines()
    assert len(linhas) == 3 and linhas[0].startswith("época   1: perda treino ")


# --- prever e checkpoints --------------------------------------------------------------------


def test_prever_em_eval_sem_gradiente():
    modelo = nn.Sequential(nn.Linear(2, 4), nn.Dropout(0.5), nn.Linear(4, 3))
    X = torch.randn(5, 2)
    a, b = prever(modelo, X), prever(modelo, X)
    assert a.shape == (5, 3) and not a.requires_grad and torch.equal(a, b)
    with pytest.raises(TypeError, match="entradas"):
        prever(modelo, [[1.0, 2.0]])


def test_checkpoint_ida_e_volta(tmp_path):
    torch.manual_seed(0)
    modelo = nn.Linear(3, 2)
    otimizador = torch.optim.Adam(modelo.parameters(), lr=0.01)
    treinar(modelo, [(torch.randn(4, 3), torch.tensor([0, 1, 0, 1]))], nn.CrossEntropyLoss(), otimizador)
    caminho = salvar_checkpoint(tmp_path / "ponto.pt", modelo, otimizador, epoca=7, perda=0.25)
    novo = nn.Linear(3, 2)
    novo_otimizador = torch.optim.Adam(novo.parameters(), lr=0.01)
    extras = carregar_checkpoint(caminho, novo, novo_otimizador)
    assert extras == {"epoca": 7, "perda": 0.25}
    assert all(torch.equal(a, b) for a, b in zip(modelo.parameters(), novo.parameters(), strict=True))
    assert novo_otimizador.state_dict()["state"][0]["step"] == 1


def test_checkpoint_erros(tmp_path):
    modelo = nn.Linear(3, 2)
    with pytest.raises(FileNotFoundError, match="caminho"):
        carregar_checkpoint(tmp_path / "nao_existe.pt", modelo)
    with pytest.raises(TypeError, match="extra"):
        salvar_checkpoint(tmp_path / "x.pt", modelo, extra=[1, 2])
    caminho = salvar_checkpoint(tmp_path / "so_modelo.pt", modelo)
    with pytest.raises(ValueError, match="otimizador"):
        carregar_checkpoint(caminho, modelo, torch.optim.SGD(modelo.parameters(), lr=0.1))
    torch.save({"outra": 1}, tmp_path / "outro.pt")
    with pytest.raises(ValueError, match="não parece um checkpoint"):
        carregar_checkpoint(tmp_path / "outro.pt", modelo)


# --- gráfico de convergência -----------------------------------------------------------------


def test_grafico_de_convergencia():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from pytorchdl_snippets.treino import grafico_de_convergencia

    h = Historico([1.0, 0.5, 0.4], [1.1, 0.7, 0.8], [0.5, 0.7, 0.8], [0.4, 0.6, 0.6], melhor_epoca=1)
    fig, ax = plt.subplots()
    grafico_de_convergencia(ax, h)
    linhas = ax.get_lines()
    assert list(linhas[1].get_ydata()) == [1.1, 0.7, 0.8]
    assert list(linhas[2].get_xdata()) == [2, 2]  # a melhor época, contada a partir de 1
    grafico_de_convergencia(ax, h, metrica=True)
    with pytest.raises(ValueError, match="métricas"):
        grafico_de_convergencia(ax, Historico([1.0], [1.0]), metrica=True)
    with pytest.raises(ValueError, match="épocas"):
        grafico_de_convergencia(ax, Historico())
    with pytest.raises(TypeError, match="historico"):
        grafico_de_convergencia(ax, {"perda_treino": [1.0]})
    plt.close(fig)


@pytest.mark.parametrize("perda", [nn.MSELoss(), nn.BCEWithLogitsLoss()])
def test_alvos_inteiros_em_perda_elemento_a_elemento(perda):
    with pytest.raises(TypeError, match=r"alvos: .* espera alvos float.*torch.int64"):
        validar(nn.Linear(2, 1), [(torch.zeros(4, 2), torch.zeros(4, 1, dtype=torch.long))], perda)


def test_perda_do_usuario_nao_e_conferida():
    def perda_propria(saidas, alvos):
        return (saidas.squeeze(1) - alvos).pow(2).mean()

    r = validar(nn.Linear(2, 1), [(torch.zeros(4, 2), torch.zeros(4))], perda_propria)
    assert r.perda >= 0
