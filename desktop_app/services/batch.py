"""Batch generation for one issuing unit (optionally one category or work type).

Candidates are the unit's certificates that need the new format or have had it generated here
(old format, or `new_generated_at` set); new-format records issued upstream are not touched.
Each eligible one is generated (issuance.generate_in) and written as `<new number>.pdf`, or all
of them as one combined PDF; the others are listed with their reasons in `skipped_<unit>.csv`
(UTF-8 with BOM, so Excel opens it).

Both cores: generation, the only database writer, runs in this process in transactions of
`CHUNK` certificates; rendering and writing run in a `spawn` process pool (fonts registered once per
worker), a bounded number of tasks ahead, so generating chunk k+1 overlaps rendering chunk k.

Resumable: a re-run skips certificates already generated (nothing is written for them) and PDFs
already in the folder; every PDF is written to a temporary file and renamed, so an interrupted
batch leaves no half-written PDF (stray temporary files of a killed run are removed at the start).
With `combined`, the single PDFs are kept in a hidden parts folder until the combined file is
written, so the same holds. An existing PDF is trusted as it is: delete it to have it rendered again.

Selection is in batch_select.py, the render pool in batch_render.py, the plain data in batch_types.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.certs.raster import PDFIUM_LOCK
from desktop_app.certs.render import CertificateFace
from desktop_app.domain.rules import IssuingUnit
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services import issuance
from desktop_app.services.batch_render import Renderer
from desktop_app.services.batch_select import Candidate, resolve_unit, select_candidates
from desktop_app.services.batch_types import BatchOptions, BatchResult, Cancelled, Progress, Skipped
from desktop_app.services.workshop import Workshop
from desktop_app.settings import atomic_write_bytes
from desktop_app.store.engine import Cache
from desktop_app.store.locking import write_session
from desktop_app.store.models import Certificate

# The batch's data types, importable from here too (`from desktop_app.services.batch import BatchOptions`).
__all__ = ["CHUNK", "REPORT_HEADER", "BatchOptions", "BatchResult", "Cancelled", "Progress", "Skipped", "file_name",
           "report_csv", "run_batch"]

CHUNK = 100  # certificates per generation transaction
REPORT_HEADER = ("证书编号", "姓名", "身份证号", "未生成原因")
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # not allowed in Windows file names


def file_name(number: str) -> str:
    """`<number>.pdf`, with any character Windows forbids in a file name replaced by "_"."""
    return _ILLEGAL.sub("_", number).rstrip(". ") + ".pdf"


# --- the batch ------------------------------------------------------------------------------------------


@dataclass
class _Run:
    cache: Cache
    options: BatchOptions
    operator: str
    today: dt.date
    shop: Workshop
    folder: Path  # where the single PDFs go (the parts folder when combined)
    result: BatchResult
    progress: Progress | None
    total: int = 0
    done: int = 0
    by_file: dict[str, Candidate] = field(default_factory=dict)

    def tick(self, count: int) -> None:
        self.done += count
        if self.progress:
            self.progress(self.done, self.total)


def _clean_temporaries(folder: Path) -> None:
    """Temporary files a killed run left behind (settings.atomic_write_bytes names them `.<name>.<random>`)."""
    if folder.is_dir():
        for stray in folder.glob(".*.pdf.*"):
            stray.unlink(missing_ok=True)


def _generate_chunk(run: _Run, chunk: Sequence[Candidate]) -> list[tuple[str, CertificateFace]]:
    """Generate a chunk in one transaction and build the faces to render."""
    items: list[tuple[str, CertificateFace]] = []
    now = dt.datetime.now().replace(microsecond=0)
    at = dt.datetime.combine(run.today, now.time())
    ids = [c.id for c in chunk]
    with write_session(run.cache) as session, session.begin():
        certs = session.scalars(select(Certificate).where(Certificate.id.in_(ids))
                                .options(*issuance.load_options())).all()
        for cert in sorted(certs, key=lambda c: ids.index(c.id)):
            candidate = run.by_file[file_name(cert.new_number)]
            try:
                issued = issuance.generate_in(session, cert, run.shop, run.operator, run.today, at)
                items.append((file_name(cert.new_number), issuance.face_of(cert, run.shop)))
                run.result.generated += issued.newly_generated
            except KnownError as exc:
                reasons = exc.reasons if isinstance(exc, issuance.NotEligible) else (str(exc),)
                _skip(run, candidate, reasons)
    return items


def _skip(run: _Run, candidate: Candidate, reasons: Sequence[str]) -> None:
    run.result.skipped.append(Skipped(candidate.number, candidate.name, candidate.id_number, tuple(reasons)))
    run.tick(1)


def _collect(run: _Run, results: Sequence[tuple[str, str | None]]) -> None:
    for name, error in results:
        if error is None:
            run.result.written += 1
            run.tick(1)
        else:
            _skip(run, run.by_file[name], (str(msg("batch.pdf_failed", detail=error)),))


def _render_all(run: _Run, todo: Sequence[Candidate], cancelled: Cancelled | None) -> None:
    workers = max(1, run.options.workers or os.cpu_count() or 1)
    renderer = Renderer(workers, len(todo))
    try:
        for start in range(0, len(todo), CHUNK):
            if cancelled and cancelled():
                run.result.cancelled = True
                break
            items = _generate_chunk(run, todo[start:start + CHUNK])
            _collect(run, renderer.submit(run.folder, items))
        _collect(run, renderer.drain())  # what was generated is written, also after a cancel
        renderer.close()
    except BaseException:
        renderer.terminate()
        raise


def _stem(options: BatchOptions, unit: IssuingUnit) -> str:
    parts = [unit.name, options.category, options.work_type]
    return _ILLEGAL.sub("_", "-".join(p.strip() for p in parts if p))


def _write_report(run: _Run, stem: str) -> Path:
    rows = [(s.number, s.name, s.id_number, "；".join(s.reasons)) for s in run.result.skipped]
    path = run.options.out_dir / f"skipped_{stem}.csv"
    atomic_write_bytes(path, report_csv(rows))
    return path


def report_csv(rows: Sequence[Sequence[str]]) -> bytes:
    """The skipped report as CSV bytes Excel opens as UTF-8 (with a BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_HEADER)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _combine(folder: Path, names: Sequence[str], target: Path) -> None:
    """One PDF of the parts, in order, written atomically (pdfium under certs.raster.PDFIUM_LOCK)."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        combined = pdfium.PdfDocument.new()
        try:
            for name in names:
                part = pdfium.PdfDocument(folder / name)
                try:
                    combined.import_pages(part)
                finally:
                    part.close()
            out = io.BytesIO()
            combined.save(out)
        finally:
            combined.close()
    atomic_write_bytes(target, out.getvalue())


def run_batch(cache: Cache, options: BatchOptions, operator: str, today: dt.date | None = None,
              progress: Progress | None = None, cancelled: Cancelled | None = None) -> BatchResult:
    """Generate and write the unit's eligible certificates; see the module docstring."""
    started = time.perf_counter()
    today = today or dt.date.today()
    shop = Workshop.of(cache)
    unit = resolve_unit(options.unit, shop.rules)
    shop.issuer_code(unit)  # configuration problems stop the batch before it starts
    shop.seal(unit)
    stem = _stem(options, unit)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    folder = options.out_dir / f".parts_{stem}" if options.combined else options.out_dir
    folder.mkdir(exist_ok=True)
    _clean_temporaries(folder)
    result = BatchResult(unit.name)
    run = _Run(cache, options, operator, today, shop, folder, result, progress)
    with Session(cache.engine) as session:
        candidates = select_candidates(session, options, unit, today, shop.rules)
    run.total = result.candidates = len(candidates)
    run.by_file = {file_name(c.new_number): c for c in candidates}
    eligible = [c for c in candidates if not c.reasons]
    result.eligible = len(eligible)
    for candidate in candidates:
        if candidate.reasons:
            _skip(run, candidate, candidate.reasons)
    todo = _resume(run, eligible)
    _render_all(run, todo, cancelled)
    result.report_path = _write_report(run, stem)
    if options.combined and not result.cancelled:
        result.combined_path = _finish_combined(run, eligible, stem)
    result.seconds = time.perf_counter() - started
    return result


def _resume(run: _Run, eligible: Sequence[Candidate]) -> list[Candidate]:
    """The certificates still to do; those generated and written by an earlier run count as done."""
    todo = []
    for candidate in eligible:
        if candidate.generated and (run.folder / file_name(candidate.new_number)).is_file():
            run.result.existing += 1
            run.tick(1)
        else:
            todo.append(candidate)
    return todo


def _finish_combined(run: _Run, eligible: Sequence[Candidate], stem: str) -> Path | None:
    skipped = {s.number for s in run.result.skipped}
    names = [file_name(c.new_number) for c in eligible if c.number not in skipped]
    target = run.options.out_dir / f"{stem}.pdf"
    if names:
        _combine(run.folder, names, target)
    shutil.rmtree(run.folder, ignore_errors=True)
    return target if names else None
