#!/usr/bin/env bash
# Smoke-test the built bundle (dist/certdesk/, or the folder given as $1) in a temporary folder:
# --version, check-rules, demo-data + import + search --json + cert-pdf, and the GUI started offscreen.
# Each step is checked; the first failure exits non-zero with one line saying why.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$(cd "${1:-$root/dist/certdesk}" 2>/dev/null && pwd)" || { echo "smoke: FAIL no bundle at ${1:-dist/certdesk}" >&2; exit 1; }
exe="$bundle/certdesk"
[ -x "$exe" ] || { echo "smoke: FAIL $exe is missing or not executable" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/certdesk-smoke.XXXXXX")"
gui_pid=""
cleanup() { [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"  # nothing from the checkout is on hand: only the bundle
export QT_QPA_PLATFORM=offscreen CERTDESK_NO_KEYRING=1 HOME="$work/home" LC_ALL=C.UTF-8
unset CERTDESK_DATA_DIR CERTDESK_RESOURCES
mkdir -p "$HOME"

fail() { echo "smoke: FAIL $*" >&2; exit 1; }
ok() { echo "smoke: ok   $*"; }
run() {  # run NAME CMD…: stdout+stderr to NAME.out, fail with its last line on a non-zero exit
    local name="$1"; shift
    "$@" >"$work/$name.out" 2>&1
    local rc=$?
    [ "$rc" -eq 0 ] || fail "$name exited $rc: $(tail -n 1 "$work/$name.out")"
}
cli() { "$exe" --data-dir "$work/data" "$@"; }

run version "$exe" --version
grep -q "^CertDesk [0-9]" "$work/version.out" || fail "--version printed: $(head -n 1 "$work/version.out")"
ok "--version: $(head -n 1 "$work/version.out")"

run check-rules cli check-rules
grep -q "$bundle" "$work/check-rules.out" || fail "check-rules did not read the bundle's rules: $(head -n 1 "$work/check-rules.out")"
ok "check-rules (rules inside the bundle)"

run demo-data cli demo-data --size 200 --seed 7 -o "$work/province.jsonl"
[ "$(wc -l <"$work/province.jsonl")" -eq 200 ] || fail "demo-data wrote $(wc -l <"$work/province.jsonl") lines, not 200"
ok "demo-data: 200 persons"

run import cli import "$work/province.jsonl"
[ -f "$work/data/certdesk.sqlite3" ] || fail "import made no cache (migrations not found?)"
ok "import: $(tail -n 1 "$work/import.out")"

cli search 济南 --json --limit 50 >"$work/search.json" 2>"$work/search.err" || fail "search --json exited $?: $(tail -n 1 "$work/search.err")"
grep -q '"id_number"' "$work/search.json" || fail "search --json found nobody for 济南"
ok "search --json: $(grep -c '"id_number"' "$work/search.json") persons"

# the first certificate whose PDF can be made (a few are ineligible on purpose: expired, blocked, …)
made=""
for number in $(sed -n 's/^ *"number": "\(.*\)",$/\1/p' "$work/search.json" | head -n 20); do
    if cli cert-pdf "$number" -o "$work/cert.pdf" >"$work/cert-pdf.out" 2>&1; then made="$number"; break; fi
done
[ -n "$made" ] || fail "cert-pdf made no PDF of 20 certificates: $(tail -n 1 "$work/cert-pdf.out")"
head -c 5 "$work/cert.pdf" | grep -q '%PDF-' || fail "cert-pdf wrote no PDF for $made"
grep -aq "FontFile2" "$work/cert.pdf" || fail "cert-pdf's PDF for $made embeds no TrueType font"
ok "cert-pdf $made: $(wc -c <"$work/cert.pdf") bytes, fonts embedded"

# the GUI: no command, a fresh data folder (the demo workspace and its reference provincial server in a
# thread). It has no quit-after-start switch, so: start it, let it settle, check it still runs and
# logged no error, then stop it.
"$exe" --data-dir "$work/gui-data" >"$work/gui.out" 2>&1 &
gui_pid=$!
for _ in $(seq 1 20); do sleep 1; kill -0 "$gui_pid" 2>/dev/null || break; done
if ! kill -0 "$gui_pid" 2>/dev/null; then
    wait "$gui_pid"; rc=$?; gui_pid=""
    fail "the GUI exited $rc within 20 s: $(tail -n 1 "$work/gui.out")"
fi
# the demo's provincial server (uvicorn in a thread of the app): a port the process listens on, answering HTTP
port=""
inodes="$(ls -l "/proc/$gui_pid/fd" 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\].*/\1/p' | tr '\n' ' ')"
while read -r _ local _ st _ _ _ _ _ inode _; do
    [ "$st" = "0A" ] || continue
    case " $inodes " in *" $inode "*) port=$((16#${local#*:})); break;; esac
done < <(tail -n +2 /proc/net/tcp)
[ -n "$port" ] || fail "the GUI's demo provincial server listens on no port (uvicorn or the server did not start)"
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "the demo provincial server on port $port refuses connections"
printf 'GET /v1/nothing HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
status="$(head -n 1 <&3 | tr -d '\r')"; exec 3<&-
case "$status" in HTTP/1.?\ [1-5][0-9][0-9]*) ;; *) fail "the demo provincial server answered: '$status'";; esac
ok "the demo provincial server runs inside the GUI (127.0.0.1:$port answers '$status')"
kill "$gui_pid"; wait "$gui_pid" 2>/dev/null; gui_pid=""
log="$work/gui-data/logs/certdesk.log"
if [ -f "$log" ] && grep -Eq "ERROR|CRITICAL|Traceback" "$log"; then
    fail "the GUI logged an error: $(grep -Em 1 "ERROR|CRITICAL|Traceback" "$log")"
fi
grep -Eq "Traceback|ModuleNotFoundError|FileNotFoundError" "$work/gui.out" && fail "the GUI printed: $(grep -Em 1 "Traceback|Error" "$work/gui.out")"
[ -f "$work/gui-data/certdesk.sqlite3" ] || fail "the GUI made no demo workspace in 20 s"
ok "GUI started offscreen (demo workspace made), ran 20 s, stopped"
echo "smoke: all checks passed"
