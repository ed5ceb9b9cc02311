"""The QR verification token: a compact Ed25519-signed payload inside a verification URL.

A locally generated certificate must carry a QR that anyone can check offline (DESIGN §2, §5: the
EU DCC and MOSIP put a signed payload in the QR for the same reason). A record that already carries
a QR string from the national platform keeps it: the renderer prints `CertificateFace.qr_text` as
given, and only certificates without one get a token from here.

Token bytes (big-endian), then base64url without padding, after `VERIFY_BASE`:

    0      version (high 4 bits) | kind (low 4 bits: 0 special, 1.. safety category)
    1..4   key id: the first 4 bytes of SHA-256(public key)
    …      number: special = city letter, 2-char work-type code, year − 1900, 3-byte serial;
                   safety  = year − 1900, 3-byte serial (the category is in `kind`)
    +6     SHA-256(new number + "|" + ID number), first 6 bytes: a verifier types the holder's ID
           number to match it; the ID itself is not in the code
    +2     valid until, days since 2000-01-01 (up to 2179-06-06, `can_sign_until`: issuance refuses later)
    +3     issuer: the unit's administrative code (GB/T 2260, 4 or 6 digits) as an integer
    +64    Ed25519 signature over DOMAIN + all of the above

That is 84 bytes (112 characters) for 安管 and 87 bytes (116 characters) for special operation, so
with the default base the QR text is 139/143 characters: QR version 8 (49 modules) at error
correction M, 0.44 mm modules in the 25 mm box with a 4-module quiet zone, 5.2 pixels per module at
300 dpi (measured: zxing-cpp decodes the rendered face down to 100 dpi). Every byte and character
carries data (84 and 87 are multiples of 3), so any one changed character changes the bytes.

The address is verified too (`verify(bases=...)`): a genuine token in someone else's URL sends a phone
that scans it to that site, so it is `FOREIGN_ADDRESS`, not genuine. A bare token is accepted.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
import re
import stat
import string
import struct
import sys
import urllib.parse
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.domain.certnumber import CertNumber, CertNumberError, parse
from desktop_app.domain.qrtext import QrFindings
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.paths import too_open
from desktop_app.settings import atomic_write_bytes

# Without a configured verification address (settings verify_base) the QR holds the token in this form, never a
# made-up host: the verifier reads it, and a phone that shows the text shows what it is.
DEFAULT_VERIFY_BASE = "CERTDESK-VERIFY:"
TOKEN_VERSION = 1
DOMAIN = b"CertDesk-QR-v1\x00"  # signatures cannot be replayed from another protocol
KEY_ID_BYTES = 4
ID_HASH_BYTES = 6
SIGNATURE_BYTES = 64
EPOCH = dt.date(2000, 1, 1)
LAST_SIGNABLE = EPOCH + dt.timedelta(days=0xFFFF)  # 2179-06-06: the token's 2-byte day count
SAFETY_KINDS = ("A", "B", "C1", "C2", "C3")  # kind 1..5; old "C" is signed as its new form C3
REVOKED_STATES = frozenset({"revoked", "cancelled", "suspended"})


class Reason(StrEnum):
    GENUINE = "genuine"
    TAMPERED = "tampered"
    UNKNOWN_KEY = "unknown_key"
    EXPIRED = "expired"
    REVOKED = "revoked"
    NOT_CERTDESK = "not_certdesk"
    FOREIGN_ADDRESS = "foreign_address"


REASON_TEXT = {  # str() renders one in the current language
    Reason.GENUINE: msg("verify.genuine"),
    Reason.TAMPERED: msg("verify.tampered"),
    Reason.UNKNOWN_KEY: msg("verify.unknown_key"),
    Reason.EXPIRED: msg("verify.expired"),
    Reason.REVOKED: msg("verify.revoked"),
    Reason.NOT_CERTDESK: msg("verify.not_certdesk"),
    Reason.FOREIGN_ADDRESS: msg("verify.foreign_address"),
}


@dataclass(frozen=True)
class Claims:
    """What the token asserts about a certificate."""

    number: str  # new-format number, canonical
    id_hash: bytes  # ID_HASH_BYTES of SHA-256(number | ID number)
    valid_until: dt.date
    issuer_code: str  # administrative code of the issuing unit
    key_id: str  # hex

    def matches_id(self, id_number: str) -> bool:
        """True when this is the holder's ID number (x or X, spaces ignored)."""
        return id_hash(self.number, id_number) == self.id_hash

    def as_json(self) -> dict[str, str]:
        return {"number": self.number, "id_hash": self.id_hash.hex(), "valid_until": self.valid_until.isoformat(),
                "issuer_code": self.issuer_code, "key_id": self.key_id}


@dataclass(frozen=True)
class Verdict:
    genuine: bool
    reason: Reason
    message: str
    claims: Claims | None = None  # present once the payload decodes (also for tampered codes: untrusted!)
    state: str | None = None  # the cache's state for the certificate, when looked up


def id_hash(number: str, id_number: str) -> bytes:
    normalised = re.sub(r"\s+", "", id_number).upper()
    return hashlib.sha256(f"{number}|{normalised}".encode()).digest()[:ID_HASH_BYTES]


def key_id_for(public_bytes: bytes) -> str:
    return hashlib.sha256(public_bytes).digest()[:KEY_ID_BYTES].hex()


# --- packing ------------------------------------------------------------------------------------


def _pack_number(number: CertNumber) -> tuple[int, bytes]:
    """(kind, bytes) for a certificate number in its new format."""
    if number.family == "special":
        code = number.code.encode("ascii")
        return 0, number.city_letter.encode("ascii") + code + bytes([number.year - 1900]) + int(
            number.serial).to_bytes(3, "big")
    kind = SAFETY_KINDS.index(number.category) + 1
    return kind, bytes([number.year - 1900]) + int(number.serial).to_bytes(3, "big")


def _unpack_number(kind: int, data: bytes, rules: Rules) -> tuple[str, int]:
    """(new-format number, bytes used); raises ValueError when the bytes are not a number."""
    if kind == 0:
        city, code = data[0:1].decode("ascii"), data[1:3].decode("ascii")
        year, serial = 1900 + data[3], int.from_bytes(data[4:7], "big")
        text, used = f"{rules.province_abbr}{city}{code}{year:04d}{serial:06d}", 7
    elif 1 <= kind <= len(SAFETY_KINDS):
        year, serial = 1900 + data[0], int.from_bytes(data[1:4], "big")
        text, used = f"{rules.province_abbr}建安{SAFETY_KINDS[kind - 1]}({year:04d}){serial:07d}", 4
    else:
        raise ValueError(f"unknown kind {kind}")
    try:
        return parse(text, "new", rules).canonical, used
    except CertNumberError as exc:
        raise ValueError(str(exc)) from exc


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- keys ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    public_bytes: bytes  # raw 32 bytes

    @property
    def key_id(self) -> str:
        return key_id_for(self.public_bytes)


class KeyStore:
    """One Ed25519 key pair per workspace, in `keys/` beside the cache, readable by the owner only.

    Files: `<key id>.key` (raw 32-byte private key), `<key id>.pub` (raw public key), `current`
    (the key id in use). Rotating adds a key; old public keys stay so older codes still verify.
    On Windows the permission bits are advisory; the folder inherits the user profile's ACL.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_workspace(cls, data_dir: Path) -> KeyStore:
        return cls(data_dir / "keys")

    def _ensure_folder(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(self.folder, stat.S_IRWXU)

    def _write(self, name: str, data: bytes) -> None:
        path = self.folder / name
        atomic_write_bytes(path, data)  # mkstemp creates it 0600 already; chmod states the intent
        if sys.platform != "win32":
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)

    def create(self) -> SigningKey:
        """A new key pair, made current."""
        from cryptography.hazmat.primitives import serialization as ser

        private = Ed25519PrivateKey.generate()
        raw = private.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())
        public = private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
        key = SigningKey(private, public)
        self._ensure_folder()
        self._write(f"{key.key_id}.key", raw)
        self._write(f"{key.key_id}.pub", public)
        self._write("current", key.key_id.encode("ascii") + b"\n")
        return key

    def current(self) -> SigningKey:
        """The workspace's signing key, created on first use."""
        marker = self.folder / "current"
        if not marker.is_file():
            return self.create()
        from cryptography.hazmat.primitives import serialization as ser

        key_id = marker.read_text(encoding="ascii").strip()
        key_file = self.folder / f"{key_id}.key"
        if key_file.is_file() and too_open(key_file):  # someone else could have read or replaced it
            raise KnownError(msg("signing.key_too_open", path=key_file, mode=f"{key_file.stat().st_mode & 0o777:o}"))
        try:
            private = Ed25519PrivateKey.from_private_bytes(key_file.read_bytes())
        except (OSError, ValueError) as exc:
            # Never silently make a new key: codes already printed were signed with this one.
            raise KnownError(msg("signing.key_unreadable", key_id=key_id, folder=self.folder, detail=str(exc))) from exc

        public = private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
        return SigningKey(private, public)

    def public_keys(self) -> dict[str, bytes]:
        """Key id → raw public key for every key this workspace has made (for the trusted list)."""
        if not self.folder.is_dir():
            return {}
        return {path.stem: path.read_bytes() for path in sorted(self.folder.glob("*.pub"))}


# --- signing ------------------------------------------------------------------------------------


def can_sign_until(valid_until: dt.date) -> bool:
    """The token can carry this end of validity (2000-01-01 … 2179-06-06)."""
    return EPOCH <= valid_until <= LAST_SIGNABLE


def make_token(number: str | CertNumber, id_number: str, valid_until: dt.date, issuer_code: str,
               key: SigningKey, rules: Rules | None = None) -> str:
    """The signed token (base64url) for a certificate, in its new-format number.

    `number` is a parsed `CertNumber`, or a spelling `certnumber.parse` reads unambiguously (a bare
    work-type code such as 03 means different work types in the old and new format: pass the parsed
    number then).
    """
    rules = rules or default_rules()
    parsed = parse(number, rules=rules) if isinstance(number, str) else number
    new = parsed.to_new(rules)
    kind, packed = _pack_number(new)
    if not can_sign_until(valid_until):
        raise ValueError(f"valid_until {valid_until} is outside {EPOCH}..{LAST_SIGNABLE}")
    days = (valid_until - EPOCH).days
    if not re.fullmatch(r"[0-9]{4}([0-9]{2})?", issuer_code):
        raise ValueError(f"issuer code {issuer_code!r} must be a 4- or 6-digit administrative code")
    body = (bytes([TOKEN_VERSION << 4 | kind]) + bytes.fromhex(key.key_id) + packed
            + id_hash(new.canonical, id_number) + struct.pack(">H", days) + int(issuer_code).to_bytes(3, "big"))
    return _b64(body + key.private.sign(DOMAIN + body))


def make_qr_text(number: str | CertNumber, id_number: str, valid_until: dt.date, issuer_code: str,
                 key: SigningKey, base: str = DEFAULT_VERIFY_BASE, rules: Rules | None = None) -> str:
    """The verification URL printed in the QR code: `base` + token."""
    return base + make_token(number, id_number, valid_until, issuer_code, key, rules)


# --- verifying ----------------------------------------------------------------------------------

_TOKEN_TEXT = re.compile(r"[A-Za-z0-9_-]{100,130}")
_TOKEN_CHARS = frozenset(string.ascii_letters + string.digits + "_-")
MAX_TEXT = 4096  # a QR symbol holds at most ~3 KB: longer pasted text is no code (and costs nothing)


def _trailing_run(text: str, limit: int = 131) -> str:
    """The trailing base64url run, at most `limit` long (a `[…]+$` regex is quadratic: 30 s for 100 KB)."""
    start = len(text)
    while start > 0 and len(text) - start < limit and text[start - 1] in _TOKEN_CHARS:
        start -= 1
    return text[start:]


def extract_token(text: str) -> str | None:
    """The token in a scanned text: a URL's `t` parameter, else the text's trailing base64url run.

    The trailing run covers bases of any shape (`…/c?t=`, `…/verify/`, `…#`) and the bare token.
    """
    stripped = text.strip()
    if len(stripped) > MAX_TEXT:
        return None
    values = urllib.parse.parse_qs(urllib.parse.urlsplit(stripped).query).get("t") if "?" in stripped else None
    candidate = values[0] if values else _trailing_run(stripped)
    return candidate if _TOKEN_TEXT.fullmatch(candidate) else None


def _address(url: str) -> tuple[str, str, str, str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment


def at_our_address(text: str, bases: Collection[str]) -> bool:
    """A bare token, or one of `bases` + the token and nothing else (scheme and host in any case)."""
    stripped = text.strip()
    token = extract_token(stripped)
    if token is None or not stripped.endswith(token):
        return False
    prefix = stripped[:-len(token)]
    return not prefix or any(_address(prefix) == _address(base) for base in bases)


def decode(text: str, rules: Rules | None = None) -> tuple[Claims, bytes, bytes] | None:
    """(claims, signed bytes, signature) when the text is a well-formed CertDesk token, else None."""
    rules = rules or default_rules()
    token = extract_token(text)
    if token is None:
        return None
    try:
        raw = _unb64(token)
    except (binascii.Error, ValueError):
        return None
    if len(raw) < 1 + KEY_ID_BYTES + SIGNATURE_BYTES or raw[0] >> 4 != TOKEN_VERSION:
        return None
    body, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    try:
        number, used = _unpack_number(raw[0] & 0x0F, body[1 + KEY_ID_BYTES:], rules)
    except (ValueError, UnicodeDecodeError, IndexError):
        return None
    rest = body[1 + KEY_ID_BYTES + used:]
    if len(rest) != ID_HASH_BYTES + 2 + 3:
        return None
    (days,) = struct.unpack(">H", rest[ID_HASH_BYTES:ID_HASH_BYTES + 2])
    issuer = int.from_bytes(rest[ID_HASH_BYTES + 2:], "big")
    claims = Claims(number, rest[:ID_HASH_BYTES], EPOCH + dt.timedelta(days=days), str(issuer),
                    body[1:1 + KEY_ID_BYTES].hex())
    return claims, body, signature


def verify(text: str, trusted_keys: Mapping[str, bytes], today: dt.date,
           lookup_state: Callable[[str], str | None] | None = None, rules: Rules | None = None,
           bases: Collection[str] | None = None) -> Verdict:
    """Check a scanned QR text offline.

    `trusted_keys`: key id → raw Ed25519 public key (the keys kept in the cache). `lookup_state`:
    new-format number → the cache's certificate state ("valid", "revoked", …) or None when unknown.
    `bases`: the verification addresses a genuine code may carry (`at_our_address`); None checks
    the token alone. Order: not a CertDesk code → unknown key → tampered → foreign address →
    revoked → expired → genuine.
    """
    decoded = decode(text, rules)
    if decoded is None:
        return _verdict(Reason.NOT_CERTDESK)
    claims, body, signature = decoded
    public = trusted_keys.get(claims.key_id)
    if public is None:
        return _verdict(Reason.UNKNOWN_KEY, claims)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, DOMAIN + body)
    except (InvalidSignature, ValueError):
        return _verdict(Reason.TAMPERED, claims)
    if _b64(body + signature) != extract_token(text):
        return _verdict(Reason.TAMPERED, claims)  # non-canonical base64: the text itself was altered
    if bases is not None and not at_our_address(text, bases):
        return _verdict(Reason.FOREIGN_ADDRESS, claims)
    state = lookup_state(claims.number) if lookup_state else None
    if state in REVOKED_STATES:
        return _verdict(Reason.REVOKED, claims, state)
    if claims.valid_until < today:
        return _verdict(Reason.EXPIRED, claims, state)
    return Verdict(True, Reason.GENUINE, str(REASON_TEXT[Reason.GENUINE]), claims, state)


def _verdict(reason: Reason, claims: Claims | None = None, state: str | None = None) -> Verdict:
    return Verdict(False, reason, str(REASON_TEXT[reason]), claims, state)


# --- search -------------------------------------------------------------------------------------


def qr_findings(text: str, rules: Rules) -> QrFindings:
    """The certificate a scanned CertDesk code names (unverified: search only, the verifier judges)."""
    decoded = decode(text, rules)
    return QrFindings(new_numbers=(decoded[0].number,)) if decoded else QrFindings()
