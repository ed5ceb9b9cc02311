"""docs/sync-openapi.json is the document the server generates, every path is under /v1, and every
error answer it describes is the protocol's ErrorBody."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType
from typing import Any

import pytest

from tests.helpers.cli import ROOT

SCRIPT = ROOT / "scripts" / "export-openapi.py"
DOCUMENT = ROOT / "docs" / "sync-openapi.json"
ERROR_BODY = "#/components/schemas/ErrorBody"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("export_openapi", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated() -> str:
    return str(_script().openapi_text())


@pytest.fixture(scope="module")
def document(generated: str) -> dict[str, Any]:
    return dict(json.loads(generated))


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in document["paths"].items()
            for method, op in item.items() if method in METHODS]


def test_the_committed_document_is_the_generated_one(generated: str) -> None:
    committed = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else ""
    assert committed == generated, "docs/sync-openapi.json is out of date: run scripts/export-openapi.py"


def test_every_path_is_under_v1(document: dict[str, Any]) -> None:
    assert document["paths"]
    outside = [path for path in document["paths"] if not path.startswith("/v1/")]
    assert not outside, f"paths outside /v1: {outside}"


def test_every_error_answer_is_an_error_body(document: dict[str, Any]) -> None:
    operations = _operations(document)
    assert operations
    wrong = []
    for path, method, op in operations:
        for status, answer in op["responses"].items():
            if status == "default" or int(status) >= 400:
                schemas = [media.get("schema", {}).get("$ref") for media in answer.get("content", {}).values()]
                if not schemas or any(ref != ERROR_BODY for ref in schemas):
                    wrong.append(f"{method.upper()} {path} {status}: {schemas}")
    assert not wrong, "error answers that are not ErrorBody:\n" + "\n".join(wrong)


def test_every_operation_names_the_protocol_header_and_the_token(document: dict[str, Any]) -> None:
    for path, method, op in _operations(document):
        headers = {p["name"].lower(): p for p in op.get("parameters", []) if p["in"] == "header"}
        assert headers.get("certdesk-protocol", {}).get("required"), f"{method.upper()} {path}"
        assert "authorization" in headers, f"{method.upper()} {path}"
