"""What clients read: the changes feed, the snapshot stream, verification figures, one group's persons.

The feed is paged by the server sequence (`since`), never by a clock or an offset; each item is one
whole person as stored, so a page never holds half a person. The snapshot reads persons by id in
pages of `seq <= S` (S the high-water at its start): a person changed while it streams has a larger
seq and arrives by the feed from S instead, so no long transaction is held and nothing is missed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from sqlalchemy import Connection, text

from desktop_app.sync.protocol import (
    FeedItem,
    FeedPage,
    GroupPage,
    SnapshotHeader,
    SnapshotTrailer,
    VerifyGroup,
    VerifyReport,
)
from provincial_server import records, writes
from provincial_server.db.engine import Database

SNAPSHOT_PAGE = 2000
GZIP_LEVEL = 1  # the snapshot is large and sent once: speed over the last per cent of size

_ITEM_SQL = ("SELECT p.id, p.seq, p.version, p.id_number, p.deleted, p.doc, ph.data FROM persons p "
             "LEFT JOIN photos ph ON ph.person_id = p.id ")


def epoch(conn: Connection) -> str:
    return str(conn.execute(text("SELECT value FROM meta WHERE key = 'epoch'")).scalar_one())


def _item_json(row: object) -> str:
    seq, version, id_number, deleted, doc, photo = row[1:7]  # type: ignore[index]
    if deleted or doc is None:
        return f'{{"seq":{seq},"version":{version},"id_number":"{id_number}","deleted":true,"record":null}}'
    return (f'{{"seq":{seq},"version":{version},"id_number":"{id_number}","deleted":false,'
            f'"record":{records.with_photo(doc, photo)}}}')


def _item(row: object) -> FeedItem:
    return FeedItem.model_validate_json(_item_json(row))


def changes_page(db: Database, since: int, limit: int) -> tuple[FeedPage, int]:
    """A feed page after `since`, and the high-water it was read at."""
    with db.read.begin() as conn:
        high = writes.high_water(conn)
        rows = conn.execute(text(_ITEM_SQL + "WHERE p.seq > :since ORDER BY p.seq LIMIT :limit"),
                            {"since": since, "limit": limit + 1}).all()
        current_epoch = epoch(conn)
    more = len(rows) > limit
    items = [_item(r) for r in rows[:limit]]
    next_since = items[-1].seq if items else since
    return FeedPage(epoch=current_epoch, since=since, next_since=next_since, has_more=more, high_water=high,
                    items=items), high


def snapshot_start(db: Database, upto: int | None = None, after: str = "") -> SnapshotHeader:
    """The header of a snapshot at the high-water, or (resuming) at `upto`, of the persons after `after`."""
    with db.read.begin() as conn:
        high = writes.high_water(conn)
        seq = high if upto is None else min(upto, high)
        count = conn.execute(text("SELECT count(*) FROM persons WHERE deleted = :no AND seq <= :seq "
                                  "AND id_number > :after"), {"no": False, "seq": seq, "after": after}).scalar_one()
        return SnapshotHeader(epoch=epoch(conn), seq=seq, count=int(count))


def snapshot_lines(db: Database, header: SnapshotHeader, after: str = "") -> Iterator[str]:
    """By ID number, so an interrupted first pull resumes after the last one it committed (`after`)."""
    yield header.model_dump_json() + "\n"
    last, sent = after, 0
    while True:
        with db.read.begin() as conn:  # one short read per page: a slow client holds no snapshot open
            rows = conn.execute(text(_ITEM_SQL + "WHERE p.id_number > :last AND p.seq <= :seq AND p.deleted = :no "
                                     "ORDER BY p.id_number LIMIT :limit"),
                                {"last": last, "seq": header.seq, "no": False, "limit": SNAPSHOT_PAGE}).all()
        if not rows:
            break
        last = rows[-1][3]
        sent += len(rows)
        yield "\n".join(_item_json(r) for r in rows) + "\n"
    yield SnapshotTrailer(count=sent).model_dump_json() + "\n"


def gzipped(lines: Iterator[str]) -> Iterator[bytes]:
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # wbits 31: the gzip format
    buffered: list[bytes] = []
    size = 0
    for line in lines:
        chunk = compressor.compress(line.encode("utf-8"))
        if chunk:
            buffered.append(chunk)
            size += len(chunk)
        if size >= 256 * 1024:
            yield b"".join(buffered)
            buffered, size = [], 0
    buffered.append(compressor.flush())
    yield b"".join(buffered)


def verify(db: Database) -> VerifyReport:
    with db.read.begin() as conn:
        seq = writes.high_water(conn)
        rows = conn.execute(text("SELECT unit, kind, count(*), sum(digest) FROM certificates "
                                 "GROUP BY unit, kind ORDER BY unit, kind")).all()
        current_epoch = epoch(conn)
    groups = [VerifyGroup(unit=u, kind=k, count=int(n), checksum=int(s or 0)) for u, k, n, s in rows]
    return VerifyReport(epoch=current_epoch, seq=seq, groups=groups)


def group_page(db: Database, unit: str, kind: str, after: str, limit: int) -> GroupPage:
    with db.read.begin() as conn:
        rows = conn.execute(text(
            _ITEM_SQL + "WHERE p.id_number > :after AND p.id IN (SELECT person_id FROM certificates "
            "WHERE unit = :unit AND kind = :kind) ORDER BY p.id_number LIMIT :limit"),
            {"after": after, "unit": unit, "kind": kind, "limit": limit + 1}).all()
    items = [_item(r) for r in rows[:limit]]
    more = len(rows) > limit
    return GroupPage(items=items, next_after=items[-1].id_number if more and items else None, has_more=more)


def one_record(db: Database, id_number: str) -> FeedItem | None:
    with db.read.begin() as conn:
        row = conn.execute(text(_ITEM_SQL + "WHERE p.id_number = :n"), {"n": id_number}).first()
    return None if row is None else _item(row)
