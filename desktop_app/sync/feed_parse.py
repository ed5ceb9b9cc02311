"""Feed items → the importer's rows, in worker processes for a snapshot (the CPU-heavy part of a first sync).

A page is the rows of its valid records (`ParsedLine`, line_no = the item's index in the page), the
records the cache refuses (index, reason), and per item what sync needs beside the rows (`Meta`).
Runs in spawned processes: imports nothing of Qt.
"""

from __future__ import annotations

import json
import marshal
from collections.abc import Sequence
from typing import Any, NamedTuple

from desktop_app.services.interchange.parsing import ParsedLine, parse_record_object
from desktop_app.sync.protocol import FeedItem

Rejects = list[tuple[int, str]]
Generated = tuple[tuple[int, str | None, str | None], ...]  # (certificate index, ecert_id, qr_text)


class Meta(NamedTuple):
    version: int
    id_number: str
    deleted: bool
    # The record as it came, for an upstream copy beside a locally changed person (`record_json`): a snapshot's
    # whole item line, or a feed page's decoded record. Encoding every record again cost a first sync ≈ 7 µs a
    # person, for the few persons with local changes.
    received: bytes | dict[str, Any] | None
    generated: Generated


def record_json(meta: Meta) -> str | None:
    """The record's JSON text, as the upstream copy keeps it."""
    received = meta.received
    if received is None:
        return None
    record = json.loads(received)["record"] if isinstance(received, bytes) else received
    return json.dumps(record, ensure_ascii=False)


class Page(NamedTuple):
    lines: list[ParsedLine]
    rejects: Rejects
    metas: list[Meta]


def _generated(record: dict[str, Any]) -> Generated:
    return tuple((i, c.get("ecert_id"), c.get("qr_text")) for i, c in enumerate(record.get("certificates") or [])
                 if isinstance(c, dict) and (c.get("ecert_id") or c.get("qr_text")))


def _add(page: Page, index: int, version: int, id_number: str, deleted: bool, record: Any,
         received: bytes | None = None) -> None:
    if deleted or not isinstance(record, dict):
        page.metas.append(Meta(version, id_number, True, None, ()))
        return
    page.metas.append(Meta(version, id_number, False, record if received is None else received,
                           _generated(record)))
    parsed = parse_record_object(index, record)
    if isinstance(parsed, str):
        page.rejects.append((index, parsed))
    else:
        page.lines.append(parsed)


def parse_item_lines(block: bytes) -> Page:
    """A block of snapshot lines (NDJSON of feed items)."""
    page = Page([], [], [])
    for index, raw in enumerate(line for line in block.split(b"\n") if line.strip()):
        try:
            item = json.loads(raw)
            _add(page, index, int(item["version"]), str(item["id_number"]), bool(item.get("deleted")),
                 item.get("record"), raw)
        except (ValueError, KeyError, TypeError):
            page.metas.append(Meta(0, "", True, None, ()))  # not a feed item: nothing to write
            page.rejects.append((index, "不是同步协议的数据项"))
    return page


def parse_item_lines_packed(block: bytes) -> bytes:
    """`parse_item_lines` in a worker process, its page as marshal bytes (plain tuples, bytes and None):
    about a third of what pickling the named tuples cost, on both sides."""
    lines, rejects, metas = parse_item_lines(block)
    return marshal.dumps(([tuple(line) for line in lines], rejects, [tuple(meta) for meta in metas]))


def unpack_page(data: bytes) -> Page:
    """What `parse_item_lines_packed` sent (made by our own worker process, never by the server)."""
    lines, rejects, metas = marshal.loads(data)
    return Page([ParsedLine(*line) for line in lines], rejects, [Meta(*meta) for meta in metas])


def parse_items(items: Sequence[FeedItem]) -> Page:
    page = Page([], [], [])
    for index, item in enumerate(items):
        _add(page, index, item.version, item.id_number, item.deleted, item.record)
    return page


def joined(pages: Sequence[Page]) -> Page:
    """Pages as one (their indexes shifted), for one write transaction."""
    out = Page([], [], [])
    for page in pages:
        offset = len(out.metas)
        out.lines.extend(line._replace(line_no=line.line_no + offset) for line in page.lines)
        out.rejects.extend((i + offset, reason) for i, reason in page.rejects)
        out.metas.extend(page.metas)
    return out
