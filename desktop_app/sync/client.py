"""The HTTP side of sync: one method per protocol call, typed replies, failures as KnownErrors in Chinese.

Timeouts are a 30 s stall (no byte for 30 s ends the request), not a total limit, so a long snapshot
is never cut off while bytes flow (Anki). TLS verification is always on; a province's own CA is
given as a bundle. Transient faults (network, 429, 502–504) are retried here a few times with
exponential back-off and jitter, honouring Retry-After (tenacity); what still fails reaches the
engine, which leaves the outbox entry in retry_wait. A reply that is not the protocol's is
`BadReply`, never shown as raw JSON.
"""

from __future__ import annotations

import datetime as dt
import gzip
import ssl
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, retry, retry_if_exception, stop_after_attempt

from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_MAX,
    ErrorBody,
    FeedItem,
    FeedPage,
    GroupPage,
    Handshake,
    PushChange,
    PushRequest,
    PushResponse,
    SnapshotHeader,
    SnapshotTrailer,
    VerifyReport,
)

STALL_TIMEOUT_S = 30.0
ATTEMPTS = 4
BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 30.0
Reply = TypeVar("Reply", bound=BaseModel)


class SyncError(KnownError):
    """A sync call failed; `transient` says whether trying again later may succeed by itself."""
    transient = False


class ServerUnreachable(SyncError):
    transient = True


class ServerBusy(SyncError):
    transient = True

    def __init__(self, message: Any, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Refused(SyncError):
    """The server said no with a code (401, 403, 426, 4xx): retrying changes nothing."""

    def __init__(self, message: Any, status: int, code: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


class PullAgain(SyncError):
    """410: the cursor is stale or the dataset epoch changed: pull everything again."""


class BadReply(SyncError):
    """The server's answer is not the protocol's (a proxy's page, a truncated stream)."""
    transient = True


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _wait(state: RetryCallState) -> float:
    """Exponential back-off with full jitter, but never shorter than the server's Retry-After."""
    import random
    exc = state.outcome.exception() if state.outcome else None
    backoff = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** (state.attempt_number - 1))
    wait = random.uniform(0, backoff)
    if isinstance(exc, ServerBusy) and exc.retry_after is not None:
        wait = max(wait, min(exc.retry_after, BACKOFF_MAX_S))
    return wait


_retrying = retry(retry=retry_if_exception(lambda e: isinstance(e, SyncError) and e.transient),
                  wait=_wait, stop=stop_after_attempt(ATTEMPTS), reraise=True)


class SyncClient:
    def __init__(self, base_url: str, token: str, ca_bundle: Path | None = None,
                 stall_s: float = STALL_TIMEOUT_S, attempts: int = ATTEMPTS) -> None:
        if not base_url.startswith(("https://", "http://127.0.0.1", "http://localhost", "http://[::1]")):
            raise KnownError(msg("sync.https_only", url=base_url))
        verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(ca_bundle)) if ca_bundle else True
        self.base_url = base_url.rstrip("/")
        self.attempts = attempts
        self._http = httpx.Client(
            base_url=self.base_url, verify=verify, timeout=httpx.Timeout(stall_s),
            headers={PROTOCOL_HEADER: str(PROTOCOL_MAX), "Authorization": f"Bearer {token}",
                     "Accept-Encoding": "gzip", "User-Agent": "CertDesk"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- the calls -----------------------------------------------------------------------------

    def handshake(self) -> Handshake:
        return self._call("GET", "/v1/handshake", Handshake)

    def changes(self, since: int, limit: int, epoch: str | None = None) -> FeedPage:
        params: dict[str, Any] = {"since": since, "limit": limit}
        if epoch:
            params["epoch"] = epoch
        return self._call("GET", "/v1/changes", FeedPage, params=params)

    def push(self, changes: Sequence[PushChange]) -> PushResponse:
        body = PushRequest(changes=list(changes)).model_dump_json().encode("utf-8")
        return self._call("POST", "/v1/push", PushResponse, content=gzip.compress(body, 5),
                          headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})

    def verify(self) -> VerifyReport:
        return self._call("GET", "/v1/verify", VerifyReport)

    def group(self, unit: str, kind: str, after: str = "", limit: int = 1000) -> GroupPage:
        return self._call("GET", "/v1/groups", GroupPage, params={"unit": unit, "kind": kind, "after": after,
                                                                   "limit": limit})

    def record(self, id_number: str) -> FeedItem | None:
        try:
            return self._call("GET", f"/v1/records/{id_number}", FeedItem)
        except Refused as exc:
            if exc.status == 404:
                return None
            raise

    @contextmanager
    def snapshot(self, upto: int | None = None, after: str = "",
                 epoch: str | None = None) -> Iterator[tuple[SnapshotHeader, Iterator[bytes]]]:
        """The snapshot stream: its header, then its item lines (raw JSON) as they arrive; the iterator
        checks the trailer's count, so a stream cut short raises BadReply rather than ending quietly."""
        try:
            params: dict[str, Any] = {"after": after} if after else {}
            if upto is not None:
                params["upto"] = upto
            if epoch:
                params["epoch"] = epoch
            with self._http.stream("GET", "/v1/snapshot", params=params) as response:
                if response.status_code != 200:
                    response.read()
                    raise self._failure(response)
                lines = _gunzip_lines(response.iter_raw())
                header = _parse(next(lines, b""), SnapshotHeader)
                yield header, _item_lines(lines, header)
        except httpx.HTTPError as exc:
            raise self._network(exc) from exc

    # --- plumbing -----------------------------------------------------------------------------

    def _call(self, method: str, path: str, model: type[Reply], **kwargs: Any) -> Reply:
        @_retrying
        def attempt() -> Reply:
            try:
                response = self._http.request(method, path, **kwargs)
            except httpx.HTTPError as exc:
                raise self._network(exc) from exc
            if response.status_code != 200:
                raise self._failure(response)
            return _parse(response.content, model)
        return attempt.retry_with(stop=stop_after_attempt(self.attempts))()  # type: ignore[attr-defined,no-any-return]

    def _network(self, exc: httpx.HTTPError) -> SyncError:
        if isinstance(exc, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(exc):
            return Refused(msg("sync.tls_untrusted", url=self.base_url, detail=str(exc)[:200]), 0, "tls")
        if isinstance(exc, httpx.TimeoutException):
            return ServerUnreachable(msg("sync.stalled", url=self.base_url, seconds=int(STALL_TIMEOUT_S)))
        return ServerUnreachable(msg("sync.unreachable", url=self.base_url, detail=type(exc).__name__))

    def _failure(self, response: httpx.Response) -> SyncError:
        status = response.status_code
        try:
            body = ErrorBody.model_validate_json(response.content)
            words, code = body.message, body.code
        except ValidationError:
            words, code = msg("sync.bad_reply", status=status), "bad_reply"
        if status in (429, 503) or status in (502, 504):
            return ServerBusy(msg("sync.server_busy", reason=words), _retry_after(response.headers))
        if status == 410:
            return PullAgain(msg("sync.pull_again", reason=words))
        if status >= 500:
            return ServerUnreachable(msg("sync.server_fault", status=status, reason=words))
        return Refused(msg("sync.refused", status=status, reason=words), status, code)


def _parse(content: bytes, model: type[Reply]) -> Reply:
    try:
        return model.model_validate_json(content)
    except ValidationError:
        raise BadReply(msg("sync.bad_reply_shape", what=model.__name__)) from None


def _gunzip_lines(chunks: Iterator[bytes]) -> Iterator[bytes]:
    decompressor = zlib.decompressobj(31)
    rest = b""
    try:
        for chunk in chunks:
            rest += decompressor.decompress(chunk)
            *lines, rest = rest.split(b"\n")
            yield from lines
        rest += decompressor.flush()
    except zlib.error:
        raise BadReply(msg("sync.snapshot_corrupt")) from None
    if rest:
        yield rest


def _item_lines(lines: Iterator[bytes], header: SnapshotHeader) -> Iterator[bytes]:
    count = 0
    for line in lines:
        if line.startswith(b'{"end"'):
            trailer = SnapshotTrailer.model_validate_json(line)
            if trailer.count != count or count != header.count:
                raise BadReply(msg("sync.snapshot_short", got=count, expected=header.count))
            return
        if line.strip():
            count += 1
            yield line
    raise BadReply(msg("sync.snapshot_short", got=count, expected=header.count))


def clock_skew(server_time: dt.datetime, now: dt.datetime | None = None) -> float:
    """Seconds between the server's clock and ours (positive: ours is ahead)."""
    now = now or dt.datetime.now(dt.UTC)
    return (now - server_time).total_seconds()
