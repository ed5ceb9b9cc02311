"""`python -m provincial_server …` as an administrator runs it: import, token, edit, delete, export-records,
serve (port 0, TLS, several workers on PostgreSQL); exit 1 with `line N: reason` or a one-line reason."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop_app.sync.protocol import PROTOCOL_HEADER
from tests.helpers.cli import ROOT
from tests.helpers.provincial import JINAN, demo_file, server_process
from tests.helpers.sync_calls import feed_after, record_of


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "provincial_server", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def _client(url: str, token: str, **kwargs: object) -> httpx.Client:
    return httpx.Client(base_url=url, headers={PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"},
                        timeout=30, **kwargs)  # type: ignore[arg-type]


def test_import_reports_bad_lines_and_keeps_the_good_ones(tmp_path: Path) -> None:
    good = demo_file(tmp_path, size=20, seed=3).read_text(encoding="utf-8").splitlines()
    broken = json.loads(good[1])
    broken["id_number"] = broken["id_number"][:17] + ("0" if broken["id_number"][17] != "0" else "1")
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good[0], "{not json", json.dumps(broken, ensure_ascii=False), *good[2:]]) + "\n",
                    encoding="utf-8")
    data = tmp_path / "province"
    result = run("--data", str(data), "import", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("line 2: bad JSON:") and lines[1].startswith("line 3: 身份证号校验位错误")
    assert "19 added" in lines[-1] and "2 rejected" in lines[-1]
    again = run("--data", str(data), "import", str(demo_file(tmp_path, size=20, seed=3)))
    assert again.returncode == 0 and "1 added, 0 updated, 19 unchanged" in again.stdout


def test_a_line_that_is_not_an_object_is_a_reason_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text("[1]\n\"text\"\n", encoding="utf-8")
    result = run("--data", str(tmp_path / "p"), "import", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:2]] == ["line 1", "line 2"]


def test_an_unreadable_file_and_a_bad_unit_get_one_line_reasons(tmp_path: Path) -> None:
    missing = run("--data", str(tmp_path / "p"), "import", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    unit = run("--data", str(tmp_path / "p"), "token", "--unit", "火星市住房和城乡建设局")
    assert unit.returncode == 1 and "unknown issuing unit" in unit.stderr
    made = run("--data", str(tmp_path / "p"), "token", "--unit", JINAN)
    assert made.returncode == 0 and len(made.stdout.split()) == 1 and made.stdout.startswith("cdt_")
    token = made.stdout.strip()
    with server_process(["--data", str(tmp_path / "p")]) as server, _client(server.url, token) as client:
        epoch = client.get("/v1/handshake").json()["epoch"]
        assert run("--data", str(tmp_path / "p"), "new-epoch").returncode == 0
        assert client.get("/v1/changes", params={"epoch": epoch}).json()["code"] == "epoch_changed"
        assert run("--data", str(tmp_path / "p"), "revoke-token", token).returncode == 0
        assert client.get("/v1/handshake").status_code == 403
    assert run("--data", str(tmp_path / "p"), "revoke-token", token).returncode == 1


def test_edit_and_delete_at_the_province_enter_the_feed(tmp_path: Path) -> None:
    data = tmp_path / "province"
    seed = demo_file(tmp_path, size=30, seed=4)
    assert run("--data", str(data), "import", str(seed)).returncode == 0
    token = run("--data", str(data), "token", "--unit", JINAN).stdout.strip()
    people = [json.loads(line)["id_number"] for line in seed.read_text(encoding="utf-8").splitlines()]
    edited = run("--data", str(data), "edit", people[0], "phone=13812345678", "position=总经理")
    assert edited.returncode == 0 and "applied" in edited.stdout
    assert run("--data", str(data), "edit", people[0], "shoe=42").returncode == 1
    invalid = run("--data", str(data), "edit", people[0], "phone=12345")
    assert invalid.returncode == 1 and "invalid_value" in invalid.stderr
    assert run("--data", str(data), "delete", people[1]).returncode == 0
    assert run("--data", str(data), "delete", people[1]).returncode == 1
    with server_process(["--data", str(data)]) as server, _client(server.url, token) as client:
        after = {i.id_number: i for i in feed_after(client, 30)}
        person = record_of(client, people[0])
    assert set(after) == {people[0], people[1]} and after[people[1]].deleted
    assert person.record is not None and (person.record["phone"], person.record["position"]) == ("13812345678",
                                                                                                 "总经理")
    exported = tmp_path / "out.jsonl"
    assert run("--data", str(data), "export-records", str(exported)).returncode == 0
    lines = exported.read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id_number"] for line in lines]
    assert ids == sorted(set(people) - {people[1]})


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    certfile, keyfile = folder / "server.pem", folder / "server.key"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return certfile, keyfile


def test_serve_speaks_tls_and_a_client_verifies_it(tmp_path: Path) -> None:
    data = tmp_path / "province"
    token = run("--data", str(data), "token", "--unit", JINAN).stdout.strip()
    certfile, keyfile = _self_signed(tmp_path)
    with server_process(["--data", str(data)], "--certfile", str(certfile), "--keyfile", str(keyfile)) as server:
        assert server.url.startswith("https://127.0.0.1:")
        with _client(server.url, token, verify=ssl.create_default_context(cafile=str(certfile))) as client:
            assert client.get("/v1/handshake").json()["units"] == [JINAN]
        try:
            with _client(server.url, token) as unverified:  # the system's CAs do not know it: refused
                unverified.get("/v1/handshake")
            raise AssertionError("an unknown certificate was accepted")
        except httpx.ConnectError as exc:
            assert "CERTIFICATE_VERIFY_FAILED" in str(exc)


def test_several_workers_serve_one_postgresql(tmp_path: Path, postgres_url: str) -> None:
    seed = demo_file(tmp_path, size=50, seed=6)
    assert run("--database-url", postgres_url, "import", str(seed)).returncode == 0
    token = run("--database-url", postgres_url, "token", "--unit", JINAN).stdout.strip()
    with server_process(["--database-url", postgres_url], "--workers", "2", "--message", "今晚维护") as server, \
            _client(server.url, token) as client:
        answers = [client.get("/v1/handshake") for _ in range(20)]
    assert {a.status_code for a in answers} == {200}
    assert {a.json()["high_water"] for a in answers} == {50} and answers[0].json()["message"] == "今晚维护"
