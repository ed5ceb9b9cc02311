"""What issuing needs from a workspace: the issuers' USCCs (`issuer_codes.csv`), the seals, the
signing key and the settings, loaded once per call or batch (`Workshop`)."""

from __future__ import annotations

import io
import urllib.parse
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from desktop_app.certs.signing import DEFAULT_VERIFY_BASE, KeyStore, SigningKey
from desktop_app.domain.identity import check_uscc
from desktop_app.domain.rules import IssuingUnit, ResourceError, Rules, default_rules
from desktop_app.domain.rules_files import csv_rows
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.paths import resources_dir
from desktop_app.settings import WorkspaceSettings, load_settings
from desktop_app.store.engine import Cache

ISSUER_CODES_FILE = "issuer_codes.csv"
SEALS_DIR = "seals"


# --- issuer codes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuerCode:
    unit: str  # the issuing unit's canonical name
    uscc: str
    specimen: bool  # a placeholder value: certificates that use it are specimens


def load_issuer_codes(path: Path, rules: Rules | None = None) -> dict[str, IssuerCode]:
    """unit name → its USCC, from a `unit,uscc,specimen` CSV; errors name the file and line."""
    rules = rules or default_rules()
    codes: dict[str, IssuerCode] = {}
    for line, row in csv_rows(path, ("unit", "uscc", "specimen")):
        unit = rules.unit(row["unit"])
        if unit is None:
            raise ResourceError(path, line, f"unit {row['unit']!r} is not in issuing_units.csv")
        if unit.name in codes:
            raise ResourceError(path, line, f"duplicate unit {unit.name!r}")
        checked = check_uscc(row["uscc"])
        if not checked:
            raise ResourceError(path, line, f"uscc {row['uscc']!r}: {checked.reason}")
        if row["specimen"] not in ("yes", "no"):
            raise ResourceError(path, line, f"specimen {row['specimen']!r} must be yes or no")
        codes[unit.name] = IssuerCode(unit.name, checked.value, row["specimen"] == "yes")
    return codes


def issuer_codes_path(data_dir: Path) -> Path:
    """The workspace's own `issuer_codes.csv` when it has one, else the shipped (or administrator's) one."""
    own = data_dir / ISSUER_CODES_FILE
    return own if own.is_file() else resources_dir() / "rules" / ISSUER_CODES_FILE


def check_verify_base(text: str) -> str:
    """The verification address as QR codes use it: "" → the token's own CertDesk form; else an https URL
    with a host and no spaces (KnownError `issuance.bad_verify_base` otherwise)."""
    configured = text.strip()
    if not configured:
        return DEFAULT_VERIFY_BASE
    parts = urllib.parse.urlsplit(configured)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in configured):
        raise KnownError(msg("issuance.bad_verify_base", base=configured))
    return configured


# --- the workspace context --------------------------------------------------------------------------


@dataclass
class Workshop:
    """What issuing needs from a workspace, loaded once per call or batch (not shared between threads)."""

    data_dir: Path
    rules: Rules = field(default_factory=default_rules)
    _seals: dict[str, bytes | None] = field(default_factory=dict)

    @cached_property
    def verify_base(self) -> str:
        """The province's verification address the administrator set (settings `verify_base`, an https
        URL the token is appended to); without one, the token's own CertDesk form (signing.DEFAULT_VERIFY_BASE)."""
        return check_verify_base(self.settings.verify_base)

    @classmethod
    def of(cls, cache: Cache) -> Workshop:
        return cls(cache.path.parent)

    @cached_property
    def settings(self) -> WorkspaceSettings:
        return load_settings(self.data_dir)

    @cached_property
    def key(self) -> SigningKey:
        return KeyStore.for_workspace(self.data_dir).current()

    @cached_property
    def codes(self) -> dict[str, IssuerCode]:
        return load_issuer_codes(issuer_codes_path(self.data_dir), self.rules)

    def unit(self, name: str) -> IssuingUnit:
        unit = self.rules.unit(name)
        if unit is None:
            raise KnownError(msg("issuance.unit_not_listed", unit=name))
        return unit

    def issuer_code(self, unit: IssuingUnit) -> IssuerCode:
        code = self.codes.get(unit.name)
        if code is None:
            raise KnownError(msg("issuance.no_issuer_uscc", unit=unit.name, path=issuer_codes_path(self.data_dir)))
        return code

    def seal(self, unit: IssuingUnit) -> bytes | None:
        """The unit's seal PNG from `seals/<unit name>.png`, checked once; None when there is none."""
        if unit.name not in self._seals:
            self._seals[unit.name] = read_seal(self.data_dir / SEALS_DIR / f"{unit.name}.png")
        return self._seals[unit.name]


def read_seal(path: Path) -> bytes | None:
    if not path.is_file():
        return None
    data = path.read_bytes()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # a seal is ~600 px: refuse bombs
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise KnownError(msg("issuance.seal_unreadable", path=path, detail=str(exc))) from exc
    if kind != "PNG":
        raise KnownError(msg("issuance.seal_not_png", path=path, kind=kind))
    return data
