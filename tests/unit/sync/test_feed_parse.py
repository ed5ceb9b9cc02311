"""Snapshot lines parsed in a worker process reach the writer as they were parsed (marshal, issue 16), and a
record kept beside local changes is the record the server sent, whichever way it came."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.sync.feed_parse import parse_item_lines, parse_item_lines_packed, parse_items, record_json, unpack_page
from desktop_app.sync.protocol import FeedItem
from tests.helpers.provincial import demo_file


def _snapshot_block(tmp_path: Path) -> tuple[bytes, list[dict[str, object]]]:
    records = [json.loads(line) for line in demo_file(tmp_path, size=40, seed=47, photo_fraction=0.5).read_bytes()
               .splitlines()]
    items = [{"seq": i + 1, "version": 2, "id_number": r["id_number"], "deleted": False, "record": r}
             for i, r in enumerate(records)]
    items.append({"seq": 99, "version": 3, "id_number": "370102199001011237", "deleted": True, "record": None})
    lines = [json.dumps(item, ensure_ascii=False).encode("utf-8") for item in items] + [b"not a feed item"]
    return b"\n".join(lines), records


def test_a_packed_page_is_the_page(tmp_path: Path) -> None:
    block, _records = _snapshot_block(tmp_path)
    page = parse_item_lines(block)
    assert len(page.lines) == 40 and len(page.metas) == 42 and page.rejects
    assert unpack_page(parse_item_lines_packed(block)) == page


def test_the_record_kept_is_the_record_sent(tmp_path: Path) -> None:
    block, records = _snapshot_block(tmp_path)
    from_lines = parse_item_lines(block).metas
    from_items = parse_items([FeedItem(seq=i + 1, version=2, id_number=str(r["id_number"]), deleted=False, record=r)
                              for i, r in enumerate(records)]).metas
    for line_meta, item_meta, record in zip(from_lines, from_items, records, strict=False):
        for meta in (line_meta, item_meta):
            text = record_json(meta)
            assert text is not None and json.loads(text) == record
    assert record_json(from_lines[40]) is None  # a tombstone keeps no record
