"""As máscaras feitas à mão da figura de Fundamentos (o resto das figuras: test_figuras_dos_capitulos)."""

from pytorchdl_snippets.figuras.fundamentos import _mascaras_a_mao


def test_mascaras_das_caracteristicas():
    mascaras = _mascaras_a_mao()
    assert len(mascaras) == 10
    assert all(m.shape == (8, 8) for _, m in mascaras)
    assert [m.sum() for _, m in mascaras[:4]] == [16] * 4
