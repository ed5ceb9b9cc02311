"""`serve`: uvicorn on a socket bound here (so `--port 0` can name the port it got), TLS when given.

The line `CertDesk provincial server on http://HOST:PORT` is printed once the server accepts
connections: tests and scripts wait for it. With `--workers N` the socket is shared by N processes,
each building the app from the environment (app.app_from_environment); the database is migrated
once, here, before they start.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import uvicorn
from uvicorn.supervisors import Multiprocess

from provincial_server.app import DATABASE_URL_ENV, IN_FLIGHT_ENV, MESSAGE_ENV, create_app
from provincial_server.db.engine import open_database


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class _AnnouncingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, line: str) -> None:
        super().__init__(config)
        self.line = line

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            print(self.line, flush=True)


def serve(url: str, host: str, port: int, certfile: Path | None, keyfile: Path | None, workers: int,
          message: str | None, max_in_flight: int) -> int:
    db = open_database(url)  # migrates (once, before any worker)
    sock = _bind(host, port)
    scheme = "https" if certfile else "http"
    shown_host = f"[{host}]" if ":" in host else host
    line = f"CertDesk provincial server on {scheme}://{shown_host}:{sock.getsockname()[1]}"
    tls = {"ssl_certfile": str(certfile), "ssl_keyfile": str(keyfile) if keyfile else None} if certfile else {}
    common = {"log_level": "warning", "access_log": False, "timeout_keep_alive": 30, "proxy_headers": True, **tls}
    if workers <= 1:
        app = create_app(db, message=message, max_in_flight=max_in_flight)
        server = _AnnouncingServer(uvicorn.Config(app, **common), line)  # type: ignore[arg-type]
        server.run(sockets=[sock])
        return 0
    db.dispose()
    os.environ[DATABASE_URL_ENV] = url
    os.environ[IN_FLIGHT_ENV] = str(max_in_flight)
    if message:
        os.environ[MESSAGE_ENV] = message
    config = uvicorn.Config("provincial_server.app:app_from_environment", factory=True, workers=workers,
                            **common)  # type: ignore[arg-type]
    print(line, flush=True)  # the socket listens already: connections queue until a worker takes them
    Multiprocess(config, sockets=[sock]).run()
    sys.stdout.flush()
    return 0
