"""The HTTP proxy between the desk and the server in the kill trials: it notes each request the desk makes
(so a kill can be aimed at one, and told where it landed), and in phase D it loses the answers to pushes
the server has committed."""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Request:
    began: float  # time.monotonic() when the proxy had read it
    method: str
    path: str  # without its query


@dataclass
class DropProxy:
    """Relays HTTP/1.1 between a desk and the server, one request per connection; the answers to the first
    `drops` pushes are read from the server in full (so it has committed) and never relayed: the desk's
    connection is closed instead."""
    upstream: str
    drops: int = 0
    dropped: list[list[str]] = field(default_factory=list)  # the change ids of each push whose answer was lost
    requests: list[Request] = field(default_factory=list)
    relayed: int = 0
    url: str = ""

    def __post_init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._noted = threading.Condition()

    def wait_request(self, test: Callable[[Request], bool], since: float, give_up: Callable[[], bool],
                     timeout: float = 600) -> Request | None:
        """The first request after `since` passing `test`; None once `give_up()` (or the timeout) comes first."""
        deadline = time.monotonic() + timeout
        with self._noted:
            while True:
                found = next((r for r in self.requests if r.began >= since and test(r)), None)
                if found is not None or give_up() or time.monotonic() > deadline:
                    return found
                self._noted.wait(0.05)

    def __enter__(self) -> DropProxy:
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("the proxy did not start")
        return self

    def __exit__(self, *_exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        self._ready.set()
        self._loop.run_forever()
        server.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._one(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        request_line, *headers = head.decode("latin-1").split("\r\n")[:-2]
        length = next((int(h.split(":", 1)[1]) for h in headers if h.lower().startswith("content-length:")), 0)
        body = await reader.readexactly(length)
        method, path = request_line.split(" ")[:2]
        with self._noted:
            self.requests.append(Request(time.monotonic(), method, path.split("?")[0]))
            self._noted.notify_all()
        up = urlsplit(self.upstream)
        up_reader, up_writer = await asyncio.open_connection(up.hostname, up.port)
        up_writer.write(_head(request_line, headers) + body)
        await up_writer.drain()
        if method == "POST" and path.startswith("/v1/push") and len(self.dropped) < self.drops:
            await up_reader.read()  # the whole answer: the server has applied the batch
            self.dropped.append(_change_ids(body, headers))
            up_writer.close()
            return  # the desk's connection closes without an answer
        answer_line, *answer_headers = (await up_reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")[:-2]
        writer.write(_head(answer_line, answer_headers))
        while chunk := await up_reader.read(65536):
            writer.write(chunk)
            await writer.drain()
        self.relayed += 1
        up_writer.close()


def _head(first: str, headers: list[str]) -> bytes:
    kept = [h for h in headers if not h.lower().startswith(("connection:", "keep-alive:"))]
    return "\r\n".join([first, *kept, "Connection: close", "", ""]).encode("latin-1")


def _change_ids(body: bytes, headers: list[str]) -> list[str]:
    if any(h.lower().replace(" ", "") == "content-encoding:gzip" for h in headers):
        body = gzip.decompress(body)
    return [str(change["change_id"]) for change in json.loads(body)["changes"]]
