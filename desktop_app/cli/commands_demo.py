"""`demo-data --size N [--seed S] [--photo-fraction F] -o FILE.jsonl`: a synthetic province.

The same arguments always give the same bytes (see `desktop_app.demo`).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from desktop_app.cli.terminal import guarded, safe_text
from desktop_app.demo import write_jsonl
from desktop_app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "demo-data", help="write a deterministic synthetic province as JSONL",
        description="Write N synthetic person records (the record interchange format) to a JSONL file. "
                    "The same seed gives the same bytes.")
    parser.add_argument("--size", type=int, required=True, metavar="N", help="number of persons")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.add_argument("--photo-fraction", type=float, default=0.05, metavar="F",
                        help="share of persons with a photo, 0..1 (default 0.05)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.jsonl",
                        help="the file to write (replaced atomically)")
    parser.set_defaults(run=guarded(run))


def _check(args: argparse.Namespace) -> None:
    if args.size < 0:
        raise KnownError(f"demo-data: --size must be 0 or more, not {args.size}")
    if not 0.0 <= args.photo_fraction <= 1.0:
        raise KnownError(f"demo-data: --photo-fraction must be between 0 and 1, not {args.photo_fraction}")
    output: Path = args.output
    folder = output.parent
    if output.is_dir():
        raise KnownError(f"demo-data: {output} is a folder, not a file")
    if not folder.is_dir():
        raise KnownError(f"demo-data: cannot write {output}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise KnownError(f"demo-data: cannot write {output}: folder {folder} is not writable")


def run(args: argparse.Namespace, _cli: object) -> int:
    _check(args)
    started = time.perf_counter()
    try:
        write_jsonl(args.output, args.size, seed=args.seed, photo_fraction=args.photo_fraction)
    except OSError as exc:
        raise KnownError(f"demo-data: cannot write {args.output}: {exc.strerror or exc}") from exc
    seconds = time.perf_counter() - started
    print(f"wrote {args.size} persons to {safe_text(args.output)} in {seconds:.1f} s")
    return 0
