"""Write the provincial server's OpenAPI document to docs/sync-openapi.json.

    .venv/bin/python scripts/export-openapi.py [--check]

The document is the one FastAPI generates from the routes and the protocol models
(`provincial_server.app.create_app(db).openapi()`), built on a throwaway SQLite database in a temporary
folder (generating it reads no data). It is written with sorted keys, an indent of 2, UTF-8 and a
trailing newline, so a change of the protocol shows as a readable diff. `--check` writes nothing and
exits 1 when the committed file differs (what tests/unit/server/test_openapi_document.py asserts).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "sync-openapi.json"

if str(ROOT) not in sys.path:  # run as a file: the project's packages live beside scripts/
    sys.path.insert(0, str(ROOT))


def openapi_document() -> dict[str, object]:
    from provincial_server.app import create_app
    from provincial_server.db.engine import database_url, open_database

    with tempfile.TemporaryDirectory(prefix="certdesk-openapi-") as folder:
        db = open_database(database_url(Path(folder), None))
        try:
            return create_app(db).openapi()
        finally:
            db.dispose()


def openapi_text() -> str:
    return json.dumps(openapi_document(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed document")
    parser.add_argument("-o", "--output", type=Path, default=DOCUMENT, help=f"default: {DOCUMENT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    text = openapi_text()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date: run scripts/export-openapi.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_bytes(text.encode("utf-8"))
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
