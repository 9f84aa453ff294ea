"""Running the application under uvicorn on a socket bound here, so that ``--port 0`` takes
a free port and the address printed is the one served."""

import socket
from pathlib import Path

import click
import uvicorn

from kg.errors import UsageError
from kg.web.app import create_app

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def serve(data_dir: Path, host: str, port: int, timeout: float, max_rows: int | None) -> None:
    """Build (or open) the store, bind, say where, and serve until interrupted."""
    app = create_app(data_dir, timeout, max_rows)
    # The store is opened (and built, if the files changed) before listening: a data folder
    # that cannot be read is reported as the command's error, not as every page's.
    app.state.server.live.current()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: without it, a response written in two parts waits for
    # the client's delayed acknowledgement, 40 ms on every request of a kept-alive connection.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise UsageError(f"--host {host} --port {port}: cannot listen: {error.strerror}") from error
    # Listening before saying where: a client that reads the address may connect at once.
    sock.listen(2048)
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    click.echo(f"serving {data_dir} at http://{shown}:{bound_port}/ (Ctrl-C to stop)", err=True)
    if host not in LOOPBACK:
        click.echo(f"kg: note: listening on {host}, not only on this machine", err=True)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2)
    uvicorn.Server(config).run(sockets=[sock])
