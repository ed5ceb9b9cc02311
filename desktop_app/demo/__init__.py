"""A deterministic synthetic province for demos, tests and benchmarks (`demo-data`).

`generate_records(size, seed)` yields person records in the interchange format of
`desktop_app.domain.record` (same field names and order as `to_json_dict`); every record passes
`parse_record`. The same arguments always give the same records, byte for byte:

- all randomness comes from `random.Random` instances seeded from `seed` (never the global one);
  photos draw from a stream of their own, so `photo_fraction` changes only the photos;
- nothing reads the wall clock: dates are placed relative to `today`, which defaults to the fixed
  `REFERENCE_DATE`, so the output does not change with the calendar. (The number parser accepts
  certificate years up to the current year + 1, so a `today` far in the future can yield numbers it
  refuses.)

Realism: surnames by frequency, gender-appropriate given names, resident IDs with real Shandong
county codes from `resources/demo/` (about 5% from other provinces), enterprises with valid USCCs
in the city of their issuing unit, units weighted by the `weight` column of the issuing-unit table,
about 40% special-operation certificates across all work types, A/B/C1/C2/C(3), old and new
formats, every state, certificates expiring soon and expired, A holders missing 职务/技术职称.

Modules: names (name pools), places (county codes), enterprises, photos (placeholder portraits),
pools (weighted tables drawn once per output), people (persons and resident IDs), certificates,
writer (the entry points). Not a service: it touches no database.
"""

from __future__ import annotations

from desktop_app.demo.photos import placeholder_photos, portrait_png
from desktop_app.demo.places import County, other_counties, shandong_counties
from desktop_app.demo.writer import REFERENCE_DATE, generate_records, write_jsonl

__all__ = [
    "REFERENCE_DATE", "County", "generate_records", "other_counties", "placeholder_photos", "portrait_png",
    "shandong_counties", "write_jsonl",
]
