"""The peer of bench_search.py (issue 16): a naive `LIKE '%q%'` scan over a flat table of the same records.

One row per person: name, ID number, employer's name, and every certificate number in both spellings
(as printed and the new-format number, space-separated). A plain table: no index, no terms, no
normalisation of the query. It lives in its own SQLite file beside the cache (`naive-scan.sqlite`),
built once from the cache the benchmark's JSONL was imported into — the same records — and reused.

A query class is scanned on the column a clerk's query of that class is about, for the page the
service returns: the first 51 matches in name order (SQLite's top-N sort keeps 51 rows, so the cost
is the scan itself):

    SELECT id_number FROM flat WHERE <column> LIKE '%' || ? || '%' ORDER BY name, rowid LIMIT 51

(`--naive-unordered` drops the ORDER BY: the scan then stops at its 51st match, in table order — a
different page, but the cheapest a LIKE scan can be; bench_search.py prints which one ran.)

Pinyin classes have no naive peer (the flat table has no pinyin).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

FILE_NAME = "naive-scan.sqlite"
COLUMNS = {  # query class → the flat table's column it is scanned on
    "name": "name",
    "name part": "name",
    "full ID (lower-case x)": "id_number",
    "ID tail 4–8": "id_number",
    "ID head 6+": "id_number",
    "certificate old spelling": "numbers",
    "certificate new spelling": "numbers",
    "enterprise part": "enterprise",
}

_FILL = """
CREATE TABLE naive.flat AS
SELECT p.name AS name, p.id_number AS id_number, e.name AS enterprise,
       (SELECT group_concat(c.number || ' ' || c.new_number, ' ') FROM certificates c WHERE c.person_id = p.id)
       AS numbers
FROM persons p LEFT JOIN enterprises e ON e.id = p.enterprise_id
ORDER BY p.id
"""


class NaiveScan:
    """The flat table, opened for scanning; built from `cache_path` when missing or of another size."""

    def __init__(self, folder: Path, cache_path: Path, persons: int, ordered: bool = True) -> None:
        self.path = folder / FILE_NAME
        self.order = " ORDER BY name, rowid" if ordered else ""
        self.conn = self._open(cache_path, persons)

    def _open(self, cache_path: Path, persons: int) -> sqlite3.Connection:
        if self.path.exists():
            conn = sqlite3.connect(self.path)
            try:
                if conn.execute("SELECT count(*) FROM flat").fetchone()[0] == persons:
                    print(f"reusing the naive scan's flat table {self.path}")
                    return conn
            except sqlite3.OperationalError:
                pass
            conn.close()
            self.path.unlink()
        started = time.perf_counter()
        with sqlite3.connect(cache_path) as source:
            source.execute("ATTACH DATABASE ? AS naive", (str(self.path),))
            source.execute(_FILL)
            source.commit()
            source.execute("DETACH DATABASE naive")
        print(f"built the naive scan's flat table ({persons:,} rows) in {time.perf_counter() - started:.0f} s")
        return sqlite3.connect(self.path)

    def warm(self) -> None:
        """One full scan, so the table is in the OS page cache as the cache's indexes are."""
        self.conn.execute("SELECT count(*) FROM flat WHERE numbers LIKE '%warm-up%'").fetchone()

    def search(self, column: str, query: str, limit: int) -> tuple[float, set[str]]:
        """(milliseconds, ID numbers found) for one first page."""
        started = time.perf_counter()
        rows = self.conn.execute(f"SELECT id_number FROM flat WHERE {column} LIKE '%' || ? || '%'{self.order} "
                                 "LIMIT ?", (query, limit + 1)).fetchall()
        return (time.perf_counter() - started) * 1000, {r[0] for r in rows}

    def close(self) -> None:
        self.conn.close()
