"""Treino distribuído com ``DistributedDataParallel`` (DDP), via ``torchrun``.

Numa máquina só, com 2 processos na CPU::

    torchrun --standalone --nproc_per_node=2 \\
        examples/distribuido.py --saida /tmp/ddp

Cada processo (*rank*) recebe do ``DistributedSampler`` uma fatia diferente
dos dados, calcula os gradientes da sua fatia, e o DDP tira a média dos
gradientes entre os processos antes de cada passo do otimizador: todos
terminam com os mesmos pesos. Com ``--saida``, cada processo salva os seus
pesos em ``rank<N>.pt`` (``tests/paginas/test_distribuido.py`` confere que são
idênticos).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


def argumentos(args: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Treino de um MLP com DistributedDataParallel."
    )
    parser.add_argument(
        "--saida",
        type=Path,
        default=None,
        help="pasta onde cada processo salva os pesos",
    )
    parser.add_argument("--epocas", type=int, default=10)
    parser.add_argument(
        "--lote", type=int, default=32, help="tamanho do lote POR PROCESSO"
    )
    parser.add_argument(
        "--taxa", type=float, default=0.2, help="taxa de aprendizado"
    )
    parser.add_argument(
        "--backend", choices=["auto", "gloo", "nccl"], default="auto"
    )
    return parser.parse_args(args)


def dados(n: int = 512) -> TensorDataset:
    """Duas "luas" entrelaçadas, as MESMAS em todos os processos (semente
    fixa): o amostrador as divide."""
    gerador = torch.Generator().manual_seed(0)
    angulo = torch.rand(n, generator=gerador) * torch.pi
    y = torch.arange(n) % 2
    x1 = torch.where(y == 0, torch.cos(angulo), 1 - torch.cos(angulo))
    x2 = torch.where(y == 0, torch.sin(angulo), 0.5 - torch.sin(angulo))
    X = torch.stack([x1, x2], dim=1) + 0.1 * torch.randn(
        n, 2, generator=gerador
    )
    return TensorDataset(X, y)


def escolher_backend(pedido: str) -> str:
    """``nccl`` se esta máquina tem uma GPU para cada um dos seus processos;
    senão ``gloo`` (CPU)."""
    if pedido != "auto":
        return pedido
    # LOCAL_WORLD_SIZE: processos NESTA máquina
    # (com --nnodes=2, WORLD_SIZE conta as duas)
    locais = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))
    return (
        "nccl"
        if torch.cuda.is_available() and torch.cuda.device_count() >= locais
        else "gloo"
    )


@torch.no_grad()
def avaliar(
    modelo: nn.Module, conjunto: TensorDataset, dispositivo: torch.device
) -> tuple[float, float]:
    """Perda e acurácia no conjunto inteiro (iguais em todos os processos,
    pois os pesos são iguais)."""
    modelo.eval()
    X, y = (t.to(dispositivo) for t in conjunto.tensors)
    logits = modelo(X)
    perda = nn.functional.cross_entropy(logits, y).item()
    acuracia = (logits.argmax(dim=1) == y).float().mean().item()
    return perda, acuracia


def main(args: list[str] | None = None) -> None:
    opcoes = argumentos(args)
    backend = escolher_backend(opcoes.backend)
    # O torchrun define RANK, LOCAL_RANK, WORLD_SIZE, MASTER_ADDR e
    # MASTER_PORT no ambiente.
    dist.init_process_group(backend=backend)
    rank, mundo = dist.get_rank(), dist.get_world_size()
    if backend == "nccl":
        local = int(os.environ["LOCAL_RANK"])
        torch.cuda.set_device(local)
        dispositivo = torch.device("cuda", local)
    else:
        dispositivo = torch.device("cpu")

    # sementes DIFERENTES de propósito: o DDP copia os pesos do rank 0
    torch.manual_seed(rank)
    modelo = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2)).to(
        dispositivo
    )
    ddp = DistributedDataParallel(
        modelo, device_ids=[dispositivo.index] if backend == "nccl" else None
    )

    conjunto = dados()
    amostrador = DistributedSampler(
        conjunto, num_replicas=mundo, rank=rank, shuffle=True, seed=0
    )
    carregador = DataLoader(
        conjunto, batch_size=opcoes.lote, sampler=amostrador
    )
    otimizador = torch.optim.SGD(ddp.parameters(), lr=opcoes.taxa, momentum=0.9)
    perda_fn = nn.CrossEntropyLoss()

    perda_antes, _ = avaliar(modelo, conjunto, dispositivo)
    vistos = 0
    for epoca in range(opcoes.epocas):
        # embaralhamento diferente a cada época, o mesmo em todos os processos
        amostrador.set_epoch(epoca)
        ddp.train()
        for xb, yb in carregador:
            xb, yb = xb.to(dispositivo), yb.to(dispositivo)
            otimizador.zero_grad()
            perda = perda_fn(ddp(xb), yb)
            # aqui o DDP tira a média dos gradientes entre os processos
            perda.backward()
            otimizador.step()
            vistos += len(yb) if epoca == 0 else 0
    perda_depois, acuracia = avaliar(modelo, conjunto, dispositivo)

    # Reúne no rank 0 o que cada processo viu e uma "impressão digital" dos
    # seus pesos.
    pesos = torch.cat([p.detach().flatten().cpu() for p in modelo.parameters()])
    resumos: list = [None] * mundo
    dist.all_gather_object(resumos, (vistos, pesos))
    if opcoes.saida is not None:
        opcoes.saida.mkdir(parents=True, exist_ok=True)
        torch.save(modelo.state_dict(), opcoes.saida / f"rank{rank}.pt")
    if rank == 0:
        identicos = all(torch.equal(pesos, outros) for _, outros in resumos)
        print(f"processos: {mundo} (backend {backend})")
        print(f"exemplos por processo na 1ª época: {[v for v, _ in resumos]}")
        print(
            f"perda no conjunto todo: {perda_antes:.3f} -> {perda_depois:.3f}"
        )
        print(f"acurácia: {acuracia:.0%}")
        print(f"pesos idênticos em todos os processos: {identicos}")
    # Todos esperam todos antes de desligar: sem isso, um processo que fecha a
    # conexão enquanto o outro ainda salva ou imprime pode derrubar o outro
    # (com o gloo, num abort ao sair).
    dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
