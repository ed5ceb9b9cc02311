"""Certificate rendering benchmark: p50/p95 for one PDF, and certificates per second for a batch.

    python benchmarks/bench_certs.py --count 10000 [--single 300] [--workers N] [--keep DIR] [--service]

Single: `render_pdf` of varied faces (both families, specimen or not) in this process, after a
warm-up, fonts already registered. Batch: the issuance path per certificate — sign the QR token,
render, write `<number>.pdf` — on `--workers` processes (default: every core), each registering
the fonts once in its initializer. Targets (issue 5): p95 < 100 ms; 10,000 in < 3 minutes.

--service measures the real services end to end instead, on a cache built by the real importer from
`--count` synthetic old-format certificates of one unit (all eligible, with photos): the counter's
`issuance.generate_pdf` (find, check, generate with audit + outbox, build the face, render) for
`--single` certificates, then `batch.run_batch` for the whole unit (generate in batched transactions
in this process, render + write in the pool) into a fresh folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from desktop_app.certs.fonts import default_fonts  # noqa: E402
from desktop_app.certs.layout import default_layout  # noqa: E402
from desktop_app.certs.render import CertificateFace, render_pdf  # noqa: E402
from desktop_app.certs.signing import KeyStore, SigningKey, make_qr_text  # noqa: E402
from desktop_app.domain.certnumber import parse  # noqa: E402
from desktop_app.domain.rules import default_rules  # noqa: E402
from desktop_app.domain.status import valid_until_for  # noqa: E402

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗欧阳"
_GIVEN = "建国伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
_ENTERPRISES = ("济南城建集团有限公司", "山东省建筑工程管理局第三工程有限公司",
                "中国建筑第八工程局有限公司山东分公司第二项目部",
                "山东省青岛市黄岛区西海岸新区中铁建设集团第十四工程局有限责任公司第三分公司项目部")
_SAFETY = ("A", "B", "C1", "C2", "C3")


def _photos(count: int = 8) -> list[bytes]:
    """A few synthetic 295×413 JPEG portraits (~10 KB, like the platform's ≤ 50 KB photos)."""
    rng = random.Random(7)
    photos = []
    for _ in range(count):
        image = Image.new("RGB", (295, 413), (rng.randint(40, 90), rng.randint(90, 130), rng.randint(160, 210)))
        draw = ImageDraw.Draw(image)
        draw.ellipse((90, 70, 205, 200), fill=(241, rng.randint(190, 215), 165))
        draw.rectangle((60, 230, 235, 413), fill=(rng.randint(0, 60),) * 3)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
        photos.append(out.getvalue())
    return photos


def make_face(i: int, key: SigningKey, photos: list[bytes]) -> CertificateFace:
    """Certificate i of a deterministic synthetic batch (alternating families)."""
    rules = default_rules()
    rng = random.Random(i)
    unit = rules.units[i % len(rules.units)]
    issued = dt.date(2023, 1, 1) + dt.timedelta(days=i % 700)
    first = dt.date(2010 + i % 13, 1 + i % 12, 1 + i % 28)
    name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
    id_number = f"3701{i % 100:02d}19{70 + i % 30}0{1 + i % 9}1{i % 10}{i % 1000:03d}X"
    if i % 2:
        work = rules.work_types[i % len(rules.work_types)]
        number = f"{rules.province_abbr}{unit.city_letter}{work.new_code}{first.year}{i % 1_000_000:06d}"
        until = valid_until_for("SPECIAL", issued, rules)
        extra = {"family": "special", "operation_category": work.name}
    else:
        category = _SAFETY[i % len(_SAFETY)]
        number = f"{rules.province_abbr}建安{category}（{first.year}）{i:07d}"
        until = valid_until_for(category, issued, rules)
        extra = {"family": "safety", "id_number": id_number, "enterprise": _ENTERPRISES[i % len(_ENTERPRISES)],
                 "position": "项目负责人", "tech_title": "工程师", "category": rules.categories[category].name}
    return CertificateFace(
        number=number, name=name, gender="男" if i % 3 else "女", first_issued=first, valid_from=issued,
        valid_until=until, issuer=unit.name, issue_date=issued,
        qr_text=make_qr_text(parse(number, "new", rules), id_number, until, unit.admin_code, key),
        photo=photos[i % len(photos)],
        specimen=i % 5 == 0, **extra)  # type: ignore[arg-type]


# --- batch workers --------------------------------------------------------------------------------

_worker: dict[str, object] = {}


def _init_worker(key_dir: str, out_dir: str) -> None:
    default_fonts()  # find and register the TrueType fonts once per process
    default_layout("special")
    default_layout("safety")
    _worker.update(key=KeyStore(Path(key_dir)).current(), out=Path(out_dir), photos=_photos())


def _render_range(bounds: tuple[int, int]) -> int:
    key, out, photos = _worker["key"], _worker["out"], _worker["photos"]
    for i in range(*bounds):
        face = make_face(i, key, photos)  # type: ignore[arg-type]
        (out / f"{i:06d}.pdf").write_bytes(render_pdf(face))  # type: ignore[operator]
    return bounds[1] - bounds[0]


def bench_single(samples: int, key: SigningKey) -> tuple[float, float, float]:
    photos = _photos()
    faces = [make_face(i, key, photos) for i in range(samples)]
    for face in faces[:20]:
        render_pdf(face)  # warm-up: font registration, layout load, imports
    times = []
    for face in faces:
        start = time.perf_counter()
        render_pdf(face)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (0 where the platform cannot tell)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_batch(count: int, workers: int, key_dir: Path, out_dir: Path) -> tuple[float, float]:
    """(wall seconds, worker CPU seconds) for the whole batch, process start-up included."""
    chunk = 50
    ranges = [(start, min(start + chunk, count)) for start in range(0, count, chunk)]
    cpu_before = _children_cpu()
    start = time.perf_counter()
    pool = mp.get_context("spawn").Pool(workers, _init_worker, (str(key_dir), str(out_dir)))
    done = sum(pool.imap_unordered(_render_range, ranges))
    pool.close()
    pool.join()  # reaped workers: their CPU time is now counted
    elapsed = time.perf_counter() - start
    assert done == count == len(list(out_dir.glob("*.pdf")))
    return elapsed, _children_cpu() - cpu_before


# --- the real services (--service) -------------------------------------------------------------------

SERVICE_UNIT = "济南市住房和城乡建设局"


def service_records(count: int) -> list[dict[str, object]]:
    """`count` persons of 济南 with one eligible old-format certificate each (A, B, C, special 4T/2P …)."""
    import base64

    from desktop_app.domain.identity import resident_id_check_digit

    rules = default_rules()
    photos = [base64.b64encode(p).decode() for p in _photos()]
    old_codes = [w.old_code for w in rules.work_types]
    today = dt.date.today()
    result: list[dict[str, object]] = []
    for i in range(count):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=i % 12000)
        first17 = f"370102{birth:%Y%m%d}{i // 12000 % 1000:03d}"
        rid = first17 + resident_id_check_digit(first17)
        issued = today - dt.timedelta(days=30 + i % 300)
        if i % 2:
            code = old_codes[i % len(old_codes)]
            certificate = {"number": f"鲁A{code}{issued.year}{i:06d}", "category": "SPECIAL", "work_type": code}
            until = valid_until_for("SPECIAL", issued, rules)
        else:
            category = ("A", "B", "C")[i // 2 % 3]
            certificate = {"number": f"鲁建安{category}（{issued.year}）{i:07d}", "category": category,
                           "work_type": None}
            until = valid_until_for(category, issued, rules)
        certificate.update(first_issued=issued.isoformat(), issued=issued.isoformat(), valid_until=until.isoformat(),
                           issuer_unit=SERVICE_UNIT, state="valid", format="old")
        result.append({
            "id_number": rid, "name": random.Random(i).choice(_SURNAMES) + random.Random(-i).choice(_GIVEN) * 2,
            "gender": "男" if int(rid[16]) % 2 else "女", "birth_date": birth.isoformat(), "phone": None,
            "education": "本科", "major": None, "employer": {"name": _ENTERPRISES[i % len(_ENTERPRISES)], "uscc": None},
            "position": "项目负责人", "title": "工程师", "photo": photos[i % len(photos)],
            "certificates": [certificate]})
    return result


def bench_service(count: int, single: int, workers: int, root: Path) -> None:
    import json

    from desktop_app.services import batch, interchange, issuance
    from desktop_app.store.engine import open_cache
    from desktop_app.store.models import Certificate

    source = root / "records.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in service_records(count)),
                      encoding="utf-8")
    cache = open_cache(root / "data")
    started = time.perf_counter()
    report = interchange.import_jsonl(cache, source)
    assert not report.rejected, report.rejected[:3]
    print(f"cache: {count} persons imported in {time.perf_counter() - started:.1f} s")
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    with Session(cache.engine) as session:
        ids = list(session.scalars(select(Certificate.id).order_by(Certificate.id).limit(single)))
    times = []
    for cid in ids:
        start = time.perf_counter()
        issuance.generate_pdf(cache, cid, "bench")
        times.append((time.perf_counter() - start) * 1000)
    warm, times = times[:5], sorted(times[5:])
    print(f"one certificate at the counter (issuance.generate_pdf: generate + audit + outbox + render, "
          f"{len(times)} samples after {len(warm)} warm-up): p50 {statistics.median(times):.1f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms, max {times[-1]:.1f} ms")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cpu_before, main_before = _children_cpu(), time.process_time()
    result = batch.run_batch(cache, batch.BatchOptions(SERVICE_UNIT, root / "out", workers=workers), "bench")
    cpu, main_cpu = _children_cpu() - cpu_before, time.process_time() - main_before
    assert not result.skipped, result.skipped[:3]
    print(f"batch service (batch.run_batch, {workers} render processes): {result.eligible} certificates, "
          f"{result.generated} generated + {result.written} written + {result.existing} already there, in "
          f"{result.seconds:.1f} s = {result.eligible / result.seconds:.0f} certificates/s")
    print(f"  CPU: render workers {cpu:.1f} s ({cpu / count * 1000:.1f} ms per certificate), this process "
          f"(select, generate, audit, outbox, faces) {main_cpu:.1f} s; load average before {load:.2f} on "
          f"{os.cpu_count()} CPUs")
    cache.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="certificates in the batch")
    parser.add_argument("--single", type=int, default=300, help="samples for the one-certificate p50/p95")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="write the batch here instead of a temp dir")
    parser.add_argument("--service", action="store_true", help="measure the real issuance and batch services")
    args = parser.parse_args(argv)
    if args.service:
        with tempfile.TemporaryDirectory() as tmp:
            root = args.keep or Path(tmp)
            root.mkdir(parents=True, exist_ok=True)
            bench_service(args.count, args.single, args.workers, root)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        key_dir = Path(tmp) / "keys"
        key = KeyStore(key_dir).current()
        default_fonts()
        p50, p95, worst = bench_single(args.single, key)
        print(f"one certificate (render_pdf, {args.single} samples): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
              f"max {worst:.1f} ms")
        out_dir = args.keep or Path(tmp) / "out"
        out_dir.mkdir(parents=True, exist_ok=True)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        elapsed, cpu = bench_batch(args.count, args.workers, key_dir, out_dir)
        size = sum(p.stat().st_size for p in out_dir.glob("*.pdf")) / args.count / 1024
        print(f"batch (sign + render + write, {args.workers} processes): {args.count} certificates in "
              f"{elapsed:.1f} s = {args.count / elapsed:.0f} certificates/s, mean PDF {size:.0f} KB")
        print(f"  worker CPU {cpu:.1f} s = {cpu / args.count * 1000:.1f} ms per certificate; "
              f"load average before the batch {load:.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
