"""The record interchange format (docs/record-format.md): JSONL import into and export from the cache.

parsing.py validates lines (in worker processes; photo_import.py decodes their photos),
jsonl_import.py runs the import pipeline, writer.py writes the batches with the SQL of upserts.py,
jsonl_export.py writes the cache back out.
Import from here: `from desktop_app.services.interchange import import_jsonl`.
"""

from __future__ import annotations

from desktop_app.services.interchange.jsonl_export import dumps_record, export_jsonl, iter_records, write_jsonl
from desktop_app.services.interchange.jsonl_import import Cancel, ImportReport, Progress, default_workers, import_jsonl
from desktop_app.services.interchange.parsing import ParsedLine, parse_block, parse_line
from desktop_app.services.interchange.upserts import INDEX_NEW_PERSONS, SEARCH_INSERT_TRIGGER

__all__ = [
    "INDEX_NEW_PERSONS", "SEARCH_INSERT_TRIGGER", "Cancel", "ImportReport", "ParsedLine", "Progress", "default_workers",
    "dumps_record", "export_jsonl", "import_jsonl", "iter_records", "parse_block", "parse_line", "write_jsonl",
]
