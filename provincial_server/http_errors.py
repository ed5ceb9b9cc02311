"""How the server fails: every error body is `{"code", "message"}` (protocol.ErrorBody), never a traceback.

401/403 auth, 426 protocol, 410 stale cursor or changed epoch, 413 too large, 422 a malformed request,
429 with Retry-After when too many requests are in flight, 503 with Retry-After when the database is
locked, full or unreachable, 500 only for a fault of ours (logged with its traceback).
"""

from __future__ import annotations

import json
import logging
import zlib
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desktop_app.sync.protocol import ErrorBody
from provincial_server import texts

log = logging.getLogger("provincial_server")
BODY_MAX = 64 * 1024 * 1024  # a push of 500 changes with photos stays far below


class ApiError(Exception):
    def __init__(self, status: int, code: str, headers: dict[str, str] | None = None, **params: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.headers, self.params = status, code, headers or {}, params


def error_response(status: int, code: str, headers: dict[str, str] | None = None, detail: Any = None,
                   **params: Any) -> JSONResponse:
    body = ErrorBody(code=code, message=texts.error(code, **params), detail=detail)
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def database_error(exc: DBAPIError) -> ApiError | None:
    """A database failure the client should retry later (503), or None when it is a fault of ours."""
    # the whole chain: after SQLITE_FULL inside a savepoint, rolling back to it fails too and hides the cause
    texts, seen = [], exc.orig
    for _depth in range(6):
        if seen is None:
            break
        texts.append(str(seen).lower())
        seen = seen.__context__ or (seen.orig if isinstance(seen, DBAPIError) else None)
    text = " | ".join(texts)
    if "locked" in text or "busy" in text:
        return ApiError(503, "database_busy", {"Retry-After": "2"})
    if "full" in text or "no space" in text:
        return ApiError(503, "database_full", {"Retry-After": "60"})
    if exc.connection_invalidated or type(exc.orig).__name__ in ("OperationalError", "InterfaceError"):
        return ApiError(503, "database_unavailable", {"Retry-After": "5"})
    return None


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.headers, **exc.params)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        first = problems[0] if problems else {"loc": [], "msg": ""}
        problem = f"{'.'.join(first['loc'])}: {first['msg']}"
        return error_response(422, "bad_request", detail=problems[:20], problem=problem)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error_response(404, "not_found", path=request.url.path)
        return error_response(exc.status_code, "bad_request", problem=str(exc.detail))

    @app.exception_handler(DBAPIError)
    async def _database(_request: Request, exc: DBAPIError) -> JSONResponse:
        mapped = database_error(exc)
        if mapped is None:
            log.exception("database fault", exc_info=exc)
            return error_response(500, "internal_error")
        log.warning("database unavailable: %s", exc.orig)
        return error_response(mapped.status, mapped.code, mapped.headers)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error")


def _plain_error(status: int, code: str, headers: dict[str, str] | None = None, **params: Any) -> tuple[
        dict[str, Any], list[tuple[bytes, bytes]], bytes]:
    body = json.dumps(ErrorBody(code=code, message=texts.error(code, **params)).model_dump(mode="json"),
                      ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return {"type": "http.response.start", "status": status, "headers": raw}, raw, body


async def _send_error(send: Send, status: int, code: str, headers: dict[str, str] | None = None,
                      **params: Any) -> None:
    start, _raw, body = _plain_error(status, code, headers, **params)
    await send(start)
    await send({"type": "http.response.body", "body": body})


class InFlightLimit:
    """429 with Retry-After when more than `limit` requests are in flight in this worker (cheap back-pressure)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit, self.in_flight = app, limit, 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            await _send_error(send, 429, "overloaded", {"Retry-After": "1"})
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


class GzipRequests:
    """Accept request bodies sent with `Content-Encoding: gzip` (a push of many changes), within BODY_MAX."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > BODY_MAX:
                await _send_error(send, 413, "payload_too_large", size=len(body), limit=BODY_MAX)
                return
        if headers.get(b"content-encoding", b"").strip().lower() == b"gzip":
            try:
                body = _gunzip(body)
            except (OSError, EOFError, zlib.error, ValueError):
                await _send_error(send, 422, "bad_request", problem="请求体不是有效的 gzip 数据")
                return
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k != b"content-encoding"]}
        await self.app(scope, _replay(body, receive), send)


def _gunzip(body: bytes) -> bytes:
    decompressor = zlib.decompressobj(31)
    out = decompressor.decompress(body, BODY_MAX + 1)
    if len(out) > BODY_MAX or decompressor.unconsumed_tail:
        raise ValueError("too large once decompressed")
    if not decompressor.eof:
        raise EOFError("truncated gzip")
    return out


def _replay(body: bytes, original: Receive) -> Receive:
    """The body once, then the connection's own messages (so a disconnect is still seen)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive
