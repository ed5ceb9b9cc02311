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

One certificate never stops the batch (issue 9: an old cache or a sync may hold values no importer
accepts): whatever its generation or rendering raises, a KnownError or a bug, it is skipped with the
reason in the report (a bug is also logged with its traceback). Each certificate is generated in a
SAVEPOINT inside its chunk's transaction, so a failing one leaves nothing behind while the chunk
still commits all or nothing; a chunk whose rows cannot all be loaded is loaded row by row.

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
from desktop_app.errors import EnvironmentFault, KnownError, as_known_error
from desktop_app.logs import log, setup_logging
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

CHUNK = 25  # certificates per generation transaction (a cancel waits for at most this many renders)
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
    stop: Cancelled | None = None
    total: int = 0
    done: int = 0
    by_file: dict[str, Candidate] = field(default_factory=dict)

    def tick(self, count: int) -> None:
        self.done += count
        if self.progress:
            self.progress(self.done, self.total)

    def cancelled(self) -> bool:
        """Asked before each certificate, so a cancel takes effect within one certificate's work."""
        if not self.result.cancelled and self.stop is not None and self.stop():
            self.result.cancelled = True
        return self.result.cancelled


def _clean_temporaries(folder: Path) -> None:
    """Temporary files a killed run left behind (settings.atomic_write_bytes names them `.<name>.<random>`)."""
    if folder.is_dir():
        for stray in folder.glob(".*.pdf.*"):
            stray.unlink(missing_ok=True)


def _load(session: Session, ids: Sequence[int]) -> dict[int, Certificate | ValueError]:
    """The chunk's rows by id; a row the ORM cannot read (a bad date text) is its exception."""
    query = select(Certificate).options(*issuance.load_options())
    try:
        return {c.id: c for c in session.scalars(query.where(Certificate.id.in_(ids))).all()}
    except ValueError:
        session.expunge_all()  # some rows were loaded before the bad one: read each on its own
    rows: dict[int, Certificate | ValueError] = {}
    for cid in ids:
        try:
            rows.update((c.id, c) for c in session.scalars(query.where(Certificate.id == cid)).all())
        except ValueError as exc:
            rows[cid] = exc
            session.expunge_all()
    return rows


def _reasons(exc: Exception, data_dir: Path) -> tuple[str, ...]:
    """Why one certificate was skipped; a bug is logged (the workspace's log) and named by its type."""
    if isinstance(exc, issuance.NotEligible):
        return exc.reasons
    if isinstance(exc, KnownError):
        return (str(exc),)
    setup_logging(data_dir)
    log.error("batch: one certificate failed", exc_info=exc)
    return (str(msg("batch.generation_failed", detail=f"{type(exc).__name__}: {exc}"[:300])),)


def _generate_chunk(run: _Run, chunk: Sequence[Candidate]) -> list[tuple[str, CertificateFace]]:
    """Generate a chunk in one transaction (one savepoint per certificate) and build the faces to render."""
    items: list[tuple[str, CertificateFace]] = []
    now = dt.datetime.now().replace(microsecond=0)
    at = dt.datetime.combine(run.today, now.time())
    by_id = {c.id: c for c in chunk}
    with write_session(run.cache) as session, session.begin():
        loaded = _load(session, list(by_id))
        for cid, candidate in by_id.items():
            if run.cancelled():
                break  # what this chunk generated so far is kept (each certificate is its own savepoint)
            cert = loaded.get(cid)
            if not isinstance(cert, Certificate):  # gone since the selection, or unreadable
                detail = msg("issuance.no_certificate", number=candidate.number) if cert is None else msg(
                    "issuance.record_damaged", ref=candidate.number, detail=str(cert)[:200])
                _skip(run, candidate, (str(detail),))
                continue
            try:  # one certificate, whatever it raises, is skipped; its savepoint leaves nothing behind
                with session.begin_nested():
                    issued = issuance.generate_in(session, cert, run.shop, run.operator, run.today, at)
                    face = issuance.face_of(cert, run.shop)
            except Exception as exc:
                if isinstance(as_known_error(exc), EnvironmentFault):
                    raise  # the machine's fault (disk full, locked): the chunk rolls back, the batch stops
                _skip(run, candidate, _reasons(exc, run.cache.path.parent))
                continue
            items.append((file_name(candidate.new_number), face))
            run.result.generated += issued.newly_generated
            run.tick(1)  # the progress follows generation, the serial part; PDFs follow close behind
    return items


def _skip(run: _Run, candidate: Candidate, reasons: Sequence[str], *, counted: bool = True) -> None:
    """Into the report; `counted`: it was part of the work to do (the progress moves on)."""
    run.result.skipped.append(Skipped(candidate.number, candidate.name, candidate.id_number, tuple(reasons)))
    if counted:
        run.tick(1)


def _collect(run: _Run, results: Sequence[tuple[str, str | None]]) -> None:
    for name, error in results:
        if error is None:
            run.result.written += 1
        else:  # (its progress step was taken when it was generated)
            _skip(run, run.by_file[name], (str(msg("batch.pdf_failed", detail=error)),), counted=False)


def _render_all(run: _Run, todo: Sequence[Candidate]) -> None:
    workers = max(1, run.options.workers or os.cpu_count() or 1)
    renderer = Renderer(workers, len(todo))
    try:
        for start in range(0, len(todo), CHUNK):
            if run.cancelled():
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
    """The skipped report as CSV bytes Excel opens as UTF-8 (with a BOM).

    Its cells are record data (names, numbers, reasons quoting them): a cell starting with =, +, -,
    @, tab or CR is prefixed with ' (OWASP CSV injection) so a spreadsheet shows it, never runs it.
    """

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_HEADER)
    writer.writerows([cell(value) for value in row] for row in rows)
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
    run = _Run(cache, options, operator, today, shop, folder, result, progress, stop=cancelled)
    with Session(cache.engine) as session:
        candidates = select_candidates(session, options, unit, today, shop.rules)
    result.candidates = len(candidates)
    run.by_file = {file_name(c.new_number): c for c in candidates}
    eligible = [c for c in candidates if not c.reasons]
    result.eligible = len(eligible)
    for candidate in candidates:
        if candidate.reasons:
            _skip(run, candidate, candidate.reasons, counted=False)  # known before any work: not progress
    todo = _resume(run, eligible)
    run.total = len(todo)  # the progress counts the work to do: generating and writing these
    run.tick(0)
    _render_all(run, todo)
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
