"""Guarda de rede para os Pythons filhos dos testes (kernels dos cadernos, ``torchrun``, scripts).

O ``conftest.py`` põe esta pasta no ``PYTHONPATH`` e define ``PYTORCHDL_SEM_REDE=1``; todo Python
iniciado pelos testes importa este ``sitecustomize`` ao começar e passa a recusar conexões e
resoluções de nomes (DNS) fora da própria máquina. O processo do pytest instala só a parte de DNS
(as conexões dele já são barradas pelo pytest-socket).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket

VARIAVEL = "PYTORCHDL_SEM_REDE"


class RedeBloqueada(RuntimeError):
    """Acesso à rede durante os testes: o curso roda offline."""


def _erro(o_que: str) -> RedeBloqueada:
    return RedeBloqueada(
        f"acesso à rede bloqueado durante os testes do PyTorchDL: {o_que}; "
        "as páginas e os cadernos precisam rodar offline (dados de pacotes instalados ou gerados por código)"
    )


def _nomes_locais() -> set[str]:
    nomes = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", ""}
    with contextlib.suppress(OSError):
        nomes.add(socket.gethostname().lower())
    return nomes


def _host_local(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    host = str(host).strip("[]").split("%")[0].lower()
    try:
        endereco = ipaddress.ip_address(host)
    except ValueError:
        return host in _nomes_locais()
    return endereco.is_loopback or endereco.is_unspecified


def _numerico(host) -> bool:
    try:
        ipaddress.ip_address(str(host).strip("[]").split("%")[0])
    except ValueError:
        return False
    return True


def instalar_dns() -> None:
    """Resolver um nome que não é da própria máquina falha (um IP numérico não passa pelo DNS)."""
    if getattr(socket.getaddrinfo, "_guarda_pytorchdl", False):
        return
    getaddrinfo, gethostbyname, gethostbyname_ex = (
        socket.getaddrinfo,
        socket.gethostbyname,
        socket.gethostbyname_ex,
    )

    def _getaddrinfo(host, *args, **kwargs):
        if not (_host_local(host) or _numerico(host)):
            raise _erro(f"consulta de DNS para {host!r}")
        return getaddrinfo(host, *args, **kwargs)

    def _por_nome(original):
        def resolver(host):
            if not (_host_local(host) or _numerico(host)):
                raise _erro(f"consulta de DNS para {host!r}")
            return original(host)

        return resolver

    _getaddrinfo._guarda_pytorchdl = True
    socket.getaddrinfo = _getaddrinfo
    socket.gethostbyname = _por_nome(gethostbyname)
    socket.gethostbyname_ex = _por_nome(gethostbyname_ex)


def instalar_conexoes() -> None:
    """``connect``/``connect_ex``/``sendto`` para fora da própria máquina falham."""
    classe = socket.socket
    if getattr(classe.connect, "_guarda_pytorchdl", False):
        return
    connect, connect_ex, sendto = classe.connect, classe.connect_ex, classe.sendto

    def _conferir(endereco):
        if isinstance(endereco, tuple) and not _host_local(endereco[0]):
            raise _erro(f"conexão a {endereco[:2]}")

    def _connect(self, endereco):
        _conferir(endereco)
        return connect(self, endereco)

    def _connect_ex(self, endereco):
        _conferir(endereco)
        return connect_ex(self, endereco)

    def _sendto(self, dados, *args):
        _conferir(args[-1])
        return sendto(self, dados, *args)

    _connect._guarda_pytorchdl = True
    classe.connect, classe.connect_ex, classe.sendto = _connect, _connect_ex, _sendto


if os.environ.get(VARIAVEL) == "1":
    instalar_dns()
    instalar_conexoes()
