"""The HTTP face of the provincial server (FastAPI): `/v1/…`, as docs/sync-protocol.md describes.

Stateless: every request reads the database, so any number of uvicorn workers can serve one PostgreSQL.
`create_app` is given an open database; `app_from_environment` is the factory each worker calls.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import StreamingResponse
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES

from desktop_app.domain.rules import Rules, default_rules
from desktop_app.sync.protocol import (
    FEED_LIMIT_DEFAULT,
    FEED_LIMIT_MAX,
    PROTOCOL_HEADER,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    SNAPSHOT_MEDIA_TYPE,
    SNAPSHOT_SEQ_HEADER,
    ErrorBody,
    FeedItem,
    FeedPage,
    GroupPage,
    Handshake,
    PushRequest,
    PushResponse,
    VerifyReport,
)
from provincial_server import auth, feed, push
from provincial_server.db.engine import Database, open_database
from provincial_server.http_errors import ApiError, GzipRequests, InFlightLimit, install_handlers
from provincial_server.writes import Bureau, high_water

DATABASE_URL_ENV = "CERTDESK_SERVER_DATABASE_URL"
MESSAGE_ENV = "CERTDESK_SERVER_MESSAGE"
IN_FLIGHT_ENV = "CERTDESK_SERVER_MAX_IN_FLIGHT"
IN_FLIGHT_DEFAULT = 64
SEQ_MAX = 2**63 - 1  # the largest sequence either database stores
CLOCK_OFFSET_ENV = "CERTDESK_SERVER_CLOCK_OFFSET_S"  # fault trials: a server whose clock is off

_ERRORS = {status: {"model": ErrorBody} for status in (401, 403, 410, 413, 422, 426, 429, 503)}


def _state(request: Request) -> tuple[Database, Rules]:
    return request.app.state.db, request.app.state.rules


def client(request: Request,
           protocol: Annotated[int, Header(alias=PROTOCOL_HEADER, description="the protocol version spoken")],
           authorization: Annotated[str | None, Header(description="Bearer <bureau token>")] = None) -> Bureau:
    """Every request: a protocol version in range (else 426), then a known, live token (else 401/403)."""
    if not PROTOCOL_MIN <= protocol <= PROTOCOL_MAX:
        raise ApiError(426, "protocol_unsupported", version=protocol, low=PROTOCOL_MIN, high=PROTOCOL_MAX)
    db, _rules = _state(request)
    try:
        return auth.bureau_of(db, authorization)
    except auth.TokenProblem as exc:
        status = 401 if exc.code == "unauthorized" else 403
        raise ApiError(status, exc.code, {"WWW-Authenticate": "Bearer"} if status == 401 else None) from None


Client = Annotated[Bureau, Depends(client)]


def create_app(db: Database, rules: Rules | None = None, message: str | None = None,
               max_in_flight: int = IN_FLIGHT_DEFAULT) -> FastAPI:
    app = FastAPI(title="CertDesk provincial sync service", version=f"{PROTOCOL_MAX}",
                  description="The protocol every bureau's CertDesk syncs with: docs/sync-protocol.md.",
                  responses=_ERRORS)  # type: ignore[arg-type]
    app.state.db, app.state.rules, app.state.message = db, rules or default_rules(), message
    install_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024,
                       exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, SNAPSHOT_MEDIA_TYPE))
    app.add_middleware(GzipRequests)
    app.add_middleware(InFlightLimit, limit=max_in_flight)
    _routes(app)
    return app


def _routes(app: FastAPI) -> None:
    @app.get("/v1/handshake", response_model=Handshake, summary="protocol range, server time, epoch, high-water")
    def handshake(request: Request, bureau: Client) -> Handshake:
        db, _ = _state(request)
        with db.read.begin() as conn:
            high, epoch = high_water(conn), feed.epoch(conn)
        offset = dt.timedelta(seconds=float(os.environ.get(CLOCK_OFFSET_ENV, "0") or 0))
        return Handshake(protocol_min=PROTOCOL_MIN, protocol_max=PROTOCOL_MAX,
                         server_time=dt.datetime.now(dt.UTC) + offset,
                         epoch=epoch, high_water=high, bureau=bureau.name, units=sorted(bureau.units),
                         message=request.app.state.message)

    @app.get("/v1/changes", response_model=FeedPage, summary="the changes feed after a sequence")
    def changes(request: Request, _bureau: Client, since: Annotated[int, Query(ge=0, le=SEQ_MAX)] = 0,
                limit: Annotated[int, Query(ge=1, le=FEED_LIMIT_MAX)] = FEED_LIMIT_DEFAULT,
                epoch: Annotated[str | None, Query(max_length=64)] = None) -> FeedPage:
        db, _ = _state(request)
        page, high = feed.changes_page(db, since, limit)
        if epoch is not None and epoch != page.epoch:
            raise ApiError(410, "epoch_changed")
        if since > high:
            raise ApiError(410, "cursor_stale", since=since, high_water=high)
        return page

    @app.get("/v1/snapshot", summary="every person, as gzipped NDJSON consistent at one sequence",
             response_class=StreamingResponse,
             responses={200: {"content": {SNAPSHOT_MEDIA_TYPE: {}}, "description": "header, records, trailer"}})
    def snapshot(request: Request, _bureau: Client,
                 upto: Annotated[int | None, Query(ge=0, le=SEQ_MAX, description="resume: the snapshot's seq")] = None,
                 after: Annotated[str, Query(max_length=18, description="resume: the last ID number kept")] = "",
                 epoch: Annotated[str | None, Query(max_length=64)] = None) -> StreamingResponse:
        db, _ = _state(request)
        header = feed.snapshot_start(db, upto, after)
        if epoch is not None and epoch != header.epoch:
            raise ApiError(410, "epoch_changed")
        return StreamingResponse(feed.gzipped(feed.snapshot_lines(db, header, after)), media_type=SNAPSHOT_MEDIA_TYPE,
                                 headers={SNAPSHOT_SEQ_HEADER: str(header.seq)})

    @app.post("/v1/push", response_model=PushResponse, summary="changes, each answered on its own")
    def push_changes(request: Request, bureau: Client, body: PushRequest) -> PushResponse:
        db, rules = _state(request)
        results = push.apply_changes(db, bureau, body.changes, rules)
        with db.read.begin() as conn:
            high = high_water(conn)
        return PushResponse(results=results, high_water=high)

    @app.get("/v1/verify", response_model=VerifyReport, summary="counts and checksums per unit × kind")
    def verify(request: Request, _bureau: Client) -> VerifyReport:
        return feed.verify(_state(request)[0])

    @app.get("/v1/groups", response_model=GroupPage, summary="the persons of one unit × kind, to re-pull it")
    def group(request: Request, _bureau: Client, unit: Annotated[str, Query(max_length=100)],
              kind: Annotated[str, Query(max_length=12)], after: Annotated[str, Query(max_length=18)] = "",
              limit: Annotated[int, Query(ge=1, le=FEED_LIMIT_MAX)] = FEED_LIMIT_DEFAULT) -> GroupPage:
        return feed.group_page(_state(request)[0], unit, kind, after, limit)

    @app.get("/v1/records/{id_number}", response_model=FeedItem, summary="one person as the feed sends it")
    def record(request: Request, _bureau: Client, id_number: str) -> FeedItem:
        item = feed.one_record(_state(request)[0], id_number.upper()[:18])
        if item is None:
            raise ApiError(404, "not_found", path=request.url.path)
        return item


def app_from_environment() -> FastAPI:
    """The factory a uvicorn worker calls (`serve --workers N`): the database migrated by `serve` already."""
    db = open_database(os.environ[DATABASE_URL_ENV], migrate=False)
    return create_app(db, message=os.environ.get(MESSAGE_ENV) or None,
                      max_in_flight=int(os.environ.get(IN_FLIGHT_ENV, IN_FLIGHT_DEFAULT)))
