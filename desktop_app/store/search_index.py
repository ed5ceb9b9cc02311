"""The search index: pre-computed terms per person, kept in step with `persons` by triggers.

Table `search_terms(term, sort_key, person_id)` is WITHOUT ROWID with all three columns as its
key, so every lookup is an ordered range scan of one B-tree: an exact term returns its persons
by name, a term prefix returns them by term then name, and a page of 50 stops after 51 rows
however many persons match (DESIGN: results paged lazily, never all loaded).

Terms of a person (each one string, namespaced so that kinds never collide):
- `n:` + every part of the name that does not start it (建国, 国 for 王建国). Exact names and name
  prefixes need no terms: the `persons.name` index answers them.
- `p:` + full pinyin (wangjianguo) and `i:` + initials (wjg); a prefix query (wangj, wj) is a
  range over them. Surnames use their surname reading (曾 zeng, 单 shan).
- `r:` + the ID number reversed, so "ends with 1234" is the prefix range `r:4321…`.

Enterprise names are indexed by an FTS5 trigram table (`enterprise_fts`, plain SQL triggers) for
parts of 3+ characters, and by `enterprise_terms(term, enterprise_id)` holding every 1- and
2-character part (trigger function `certdesk_enterprise_terms`), so no query scans the names.

Triggers on `persons` call `certdesk_search_terms(name, id_number)`, a Python function that every
connection registers in its connect hook (`register_functions`), so every write path (bulk import,
corrections, sync) updates the index in the same transaction. Old terms are deleted by computing
them again from the old row; the function must therefore be deterministic. `TOKENIZER_VERSION`
(with pypinyin's version) is stamped in `search_meta`; when it changes, `ensure_current` rebuilds.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from functools import lru_cache

import pypinyin
from pypinyin import lazy_pinyin
from sqlalchemy import Connection, Engine

TERMS_FUNCTION = "certdesk_search_terms"
ENTERPRISE_TERMS_FUNCTION = "certdesk_enterprise_terms"
SHORT_PART_MAX = 2  # enterprise parts this short are below the trigram index's reach
TOKENIZER_VERSION = "1"

NAME_PART = "n:"
PINYIN = "p:"
INITIALS = "i:"
ID_REVERSED = "r:"

# Bounds for unusually long names (minority names can reach 10+ characters): parts start within
# the first MAX_PART_START characters and are at most MAX_PART_LEN long.
MAX_PART_START = 12
MAX_PART_LEN = 6
TOP = "\U0010ffff"  # sorts after every character: the upper bound of a prefix range

# Surnames read differently from their characters' most common reading (曾 is céng alone, zēng as
# a surname). Compound surnames first, so that 单于 is not read as 单 shan + 于.
COMPOUND_SURNAMES = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"), "澹台": ("tan", "tai"),
}
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
    "盖": "ge", "乐": "yue", "缪": "miao", "覃": "qin", "翟": "zhai", "员": "yun", "秘": "bi",
    "种": "chong", "黑": "he", "宓": "fu", "繁": "po", "召": "shao", "句": "gou", "阚": "kan", "蕃": "pi",
    "尉": "yu", "藏": "zang", "折": "she", "隗": "wei", "洗": "xian", "长": "chang", "重": "chong",
    "便": "pian", "薄": "bo", "能": "nai", "卜": "bu", "祭": "zhai",
}


# --- terms of a person ----------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """The name as terms see it: NFKC, no white space (queries are folded the same way)."""
    if name.isalnum() and unicodedata.is_normalized("NFKC", name):  # most names: nothing to fold (two C calls)
        return name
    folded = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in folded if not ch.isspace())


@lru_cache(maxsize=8192)
def _char_reading(ch: str) -> str:
    """The most common reading of one character; Latin letters as they are; others nothing."""
    if ch.isascii():
        return ch.lower() if ch.isalnum() else ""
    if not ("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0002ffff"):
        return ""  # "·" in minority names, punctuation
    return lazy_pinyin(ch)[0].lower()


def _readings(name: str) -> list[str]:
    """One syllable per character (per character, not per phrase: deterministic and fast)."""
    syllables = [_char_reading(c) for c in name]
    compound = COMPOUND_SURNAMES.get(name[:2])
    if compound and len(name) > 2:
        syllables[:2] = compound
    elif len(name) > 1 and name[0] in SURNAME_READINGS:
        syllables[0] = SURNAME_READINGS[name[0]]
    return syllables


@lru_cache(maxsize=65536)
def name_pinyin(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name: 王建国 → ("wangjianguo", "wjg")."""
    syllables = [s for s in _readings(clean_name(name)) if s]
    return "".join(syllables), "".join(s[0] for s in syllables)


def name_part_terms(name: str) -> list[str]:
    """Every part of the name that does not start it (those are answered by the name index)."""
    parts: dict[str, None] = {}
    for start in range(1, min(len(name), MAX_PART_START)):
        for end in range(start + 1, min(len(name), start + MAX_PART_LEN) + 1):
            part = name[start:end]
            if not name.startswith(part):
                parts[NAME_PART + part] = None
    return list(parts)


def person_terms(name: str, id_number: str) -> list[str]:
    """All index terms of one person, without duplicates."""
    name = clean_name(name)
    terms = dict.fromkeys(name_part_terms(name))
    full, initials = name_pinyin(name)
    if full:
        terms[PINYIN + full] = None
        terms[INITIALS + initials] = None
        if "v" in full:  # 吕 is typed "lv" by most, "lu" by some
            terms[PINYIN + full.replace("v", "u")] = None
    if id_number:
        terms[ID_REVERSED + id_number[::-1]] = None
    return list(terms)


# json.dumps(x, ensure_ascii=False) and json.dumps(text), without making an encoder per call: a first load
# computes the terms of every person of the province in one statement (store/bulk_load.py).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_ENCODE_ASCII_TEXT = json.encoder.encode_basestring_ascii


@lru_cache(maxsize=1 << 16)
def _name_terms_json(name: str) -> str:
    """The JSON array items for a name's terms (names repeat: cached; the trigger runs per row)."""
    return _ENCODE(person_terms(name, ""))[1:-1]


def terms_json(name: str | None, id_number: str | None) -> str:
    """certdesk_search_terms(name, id_number): the person's terms as a JSON array (for json_each)."""
    items = _name_terms_json(name or "")
    if not id_number:
        return f"[{items}]"
    id_term = _ENCODE_ASCII_TEXT(ID_REVERSED + id_number[::-1])
    return f"[{items},{id_term}]" if items else f"[{id_term}]"


def enterprise_short_terms(name: str) -> list[str]:
    """Every distinct 1- and 2-character part of an enterprise name."""
    name = clean_name(name)
    parts = (name[i:i + n] for n in range(1, SHORT_PART_MAX + 1) for i in range(len(name) - n + 1))
    return list(dict.fromkeys(parts))


def _enterprise_terms_json(name: str | None) -> str:
    """certdesk_enterprise_terms(name): the name's short parts as a JSON array (for json_each)."""
    return json.dumps(enterprise_short_terms(name or ""), ensure_ascii=False)


def register_functions(dbapi_conn: sqlite3.Connection) -> None:
    """Make the trigger functions available on this connection (called by the engine's connect hook)."""
    dbapi_conn.create_function(TERMS_FUNCTION, 2, terms_json, deterministic=True)
    dbapi_conn.create_function(ENTERPRISE_TERMS_FUNCTION, 1, _enterprise_terms_json, deterministic=True)


# --- query-side keys ------------------------------------------------------------------------------


def prefix_range(prefix: str) -> tuple[str, str]:
    """(low, high) such that `low <= x < high` holds for the strings starting with `prefix`."""
    return prefix, prefix + TOP


def id_tail_range(tail: str) -> tuple[str, str]:
    return prefix_range(ID_REVERSED + tail[::-1])


# --- maintenance ----------------------------------------------------------------------------------


def index_version() -> str:
    return f"{TOKENIZER_VERSION}/pypinyin {pypinyin.__version__}"


# NOT INDEXED: the planner would read persons through the ID-number index, fetching each name from the table
# at random (200,000 persons: 4.3 s against 3.4 s for reading the table in order).
FILL_TERMS = (
    f"INSERT OR IGNORE INTO search_terms (term, sort_key, person_id) "
    f"SELECT j.value, p.name, p.id FROM persons p NOT INDEXED, json_each({TERMS_FUNCTION}(p.name, p.id_number)) j "
    f"ORDER BY 1, 2, 3"
)
FILL_ENTERPRISE_TERMS = (
    f"INSERT OR IGNORE INTO enterprise_terms (term, enterprise_id) "
    f"SELECT j.value, e.id FROM enterprises e, json_each({ENTERPRISE_TERMS_FUNCTION}(e.name)) j ORDER BY 1, 2"
)


def rebuild(conn: Connection) -> None:
    """Recompute the whole index inside the caller's transaction (migration, repair)."""
    register_functions(conn.connection.driver_connection)  # type: ignore[arg-type]
    conn.exec_driver_sql("DELETE FROM search_terms")
    conn.exec_driver_sql(FILL_TERMS)
    conn.exec_driver_sql("INSERT INTO enterprise_fts(enterprise_fts) VALUES ('rebuild')")
    if has_table(conn, "enterprise_terms"):  # from migration 0006 on
        conn.exec_driver_sql("DELETE FROM enterprise_terms")
        conn.exec_driver_sql(FILL_ENTERPRISE_TERMS)
    conn.exec_driver_sql("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('version', ?)",
                         (index_version(),))


def has_table(conn: Connection, name: str) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (name,)).first() is not None


def fill_enterprise_terms(conn: Connection) -> None:
    """Compute every enterprise's short parts (the migration that adds the table)."""
    register_functions(conn.connection.driver_connection)  # type: ignore[arg-type]
    conn.exec_driver_sql(FILL_ENTERPRISE_TERMS)


def rebuild_search_index(engine: Engine) -> None:
    """Repair: drop every term and compute them again from `persons` and `enterprises`."""
    with engine.begin() as conn:
        rebuild(conn)


def stamped_version(conn: Connection) -> str | None:
    row = conn.exec_driver_sql("SELECT value FROM search_meta WHERE key = 'version'").first()
    return None if row is None else str(row[0])


def ensure_current(engine: Engine) -> bool:
    """Rebuild when the terms were computed by another tokenizer version; True if it rebuilt."""
    with engine.connect() as conn:
        current = stamped_version(conn) == index_version()
    if not current:
        rebuild_search_index(engine)
    return not current
