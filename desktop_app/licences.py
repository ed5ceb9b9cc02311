"""The parts CertDesk ships with and their licences, read from the installed packages' metadata (the
About box lists them; a bundle carries the same metadata)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

PROJECT = "certdesk"
_NAME = re.compile(r"^[A-Za-z0-9._-]+")
_CLASSIFIER = "License :: OSI Approved :: "


@dataclass(frozen=True)
class Part:
    name: str
    version: str
    licence: str


def _licence(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    classifiers = [c.removeprefix(_CLASSIFIER) for c in meta.get_all("Classifier") or [] if c.startswith(_CLASSIFIER)]
    if classifiers:
        return "; ".join(classifiers)
    text = str(meta.get("License") or "").strip()
    return text if text and len(text) <= 60 and "\n" not in text else "见其发行包"


def bundled_parts() -> list[Part]:
    """CertDesk's own run-time requirements (no test or optional extras), sorted by name."""
    try:
        requirements = metadata.requires(PROJECT) or []
    except metadata.PackageNotFoundError:
        return []
    parts: dict[str, Part] = {}
    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        match = _NAME.match(requirement)
        if match is None:
            continue
        try:
            dist = metadata.distribution(match.group(0))
        except metadata.PackageNotFoundError:
            continue
        name = str(dist.metadata["Name"])
        parts[name.lower()] = Part(name, dist.version, _licence(dist.metadata))
    return sorted(parts.values(), key=lambda p: p.name.lower())
