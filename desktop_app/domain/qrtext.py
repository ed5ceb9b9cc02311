"""What a scanned QR code points at: certificate numbers, ID numbers, e-certificate identifiers.

A handheld scanner "types" the QR content into the search box: a verification URL, the national
platform's text, a GB/T 36904 identifier, or (issue 5) our own signed token. `extract()` pulls
out whatever identifies a certificate or person; it is pure, so the search service, the
verifier and tests share it. Another format (our signed token) is passed in as an extractor by
whoever builds the search (the workspace context): no registry filled at import time.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from desktop_app.domain.certnumber import CertNumberError, interpretations, normalise_text
from desktop_app.domain.ecert import EcertIdError, check_ecert_id
from desktop_app.domain.rules import Rules, default_rules


@dataclass(frozen=True)
class QrFindings:
    """Identifiers found in a QR text, each list in order of appearance, without duplicates."""

    new_numbers: tuple[str, ...] = ()  # certificates, as new-format numbers (every reading)
    id_numbers: tuple[str, ...] = ()  # resident IDs (upper-case X)
    ecert_ids: tuple[str, ...] = ()  # GB/T 36904 identifiers whose check character is right

    def __bool__(self) -> bool:
        return bool(self.new_numbers or self.id_numbers or self.ecert_ids)

    def merged(self, other: QrFindings) -> QrFindings:
        return QrFindings(_unique((*self.new_numbers, *other.new_numbers)),
                          _unique((*self.id_numbers, *other.id_numbers)),
                          _unique((*self.ecert_ids, *other.ecert_ids)))


Extractor = Callable[[str, Rules], QrFindings]
def looks_like_qr(text: str) -> bool:
    """True for text a person would not type into a search box: URLs, identifiers, key=value."""
    stripped = text.strip()
    return ("://" in stripped or stripped.startswith("1.2.156.") or "=" in stripped
            or len(stripped) > 40)


def extract(text: str, rules: Rules | None = None, extractors: Sequence[Extractor] = ()) -> QrFindings:
    """Everything in `text` that identifies a certificate or a person.

    Each of `extractors` is given the text as scanned (stripped, case kept: a base64url token is
    case-sensitive) and, when it differs, its URL-decoded form.
    """
    rules = rules or default_rules()
    findings = QrFindings()
    for candidate in _variants(text):
        for extractor in _BUILT_IN:
            findings = findings.merged(extractor(candidate, rules))
    raw = text.strip()
    for candidate in dict.fromkeys((raw, urllib.parse.unquote(raw))):
        for extractor in extractors:
            findings = findings.merged(extractor(candidate, rules))
    return findings


def _variants(text: str) -> list[str]:
    """The text itself and its URL-decoded form (a number in a query string is %-encoded)."""
    folded = normalise_text(text)
    decoded = normalise_text(urllib.parse.unquote_plus(text))
    return [folded] if decoded == folded else [folded, decoded]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# Loose patterns: the strict parser (certnumber.interpretations) then decides.
_SAFETY = re.compile(r"[\u4e00-\u9fff]建安(?:C1|C2|C3|A|B|C)\([0-9]{4}\)[0-9]{7}")
_SPECIAL = re.compile(r"[\u4e00-\u9fff][A-Z][0-9A-Z]{2}[0-9]{10}(?![0-9])")
_RESIDENT_ID = re.compile(r"(?<![0-9A-Z])[0-9]{17}[0-9X](?![0-9A-Z])")
_ECERT = re.compile(r"1\.2\.156\.3005\.2\.[0-9A-Z]+\.[0-9A-Z]{18}\.[0-9A-Z]+\.[0-9]{3}\.[0-9A-Z]")


def _numbers(text: str, rules: Rules) -> QrFindings:
    found: list[str] = []
    for match in (*_SAFETY.finditer(text), *_SPECIAL.finditer(text)):
        try:
            found.extend(n.new_number(rules) for n in interpretations(match.group(), rules=rules))
        except CertNumberError:
            continue
    return QrFindings(new_numbers=_unique(found))


def _resident_ids(text: str, _rules: Rules) -> QrFindings:
    return QrFindings(id_numbers=_unique(m.group() for m in _RESIDENT_ID.finditer(text)))


def _ecert_ids(text: str, rules: Rules) -> QrFindings:
    ids: list[str] = []
    numbers: list[str] = []
    for match in _ECERT.finditer(text):
        try:
            ecert = check_ecert_id(match.group())
        except EcertIdError:
            continue
        ids.append(str(ecert))
        numbers.extend(number_from_ecert_serial(ecert.serial, ecert.type_code, rules))
    return QrFindings(new_numbers=_unique(numbers), ecert_ids=_unique(ids))


def number_from_ecert_serial(serial: str, type_code: str, rules: Rules | None = None) -> list[str]:
    """The new-format number an identifier's serial stands for (ecert.serial_for, reversed)."""
    rules = rules or default_rules()
    if type_code == rules.ecert["type_code_safety"]:
        match = re.fullmatch(r"(A|B|C1|C2|C3)([0-9]{4})([0-9]{7})", serial)
        text = f"{rules.province_abbr}建安{match[1]}({match[2]}){match[3]}" if match else ""
    elif type_code == rules.ecert["type_code_special"]:
        text = rules.province_abbr + serial if re.fullmatch(r"[A-Z][0-9A-Z]{2}[0-9]{10}", serial) else ""
    else:
        text = ""
    if not text:
        return []
    try:
        return [n.new_number(rules) for n in interpretations(text, "new", rules)]
    except CertNumberError:
        return []


_BUILT_IN: tuple[Extractor, ...] = (_numbers, _resident_ids, _ecert_ids)
