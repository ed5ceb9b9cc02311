#!/usr/bin/env bash
# Build the one-folder bundle dist/certdesk/ from packaging/certdesk.spec, then the Linux tarball
# dist/certdesk-<version>-linux-x86_64.tar.gz (with the .desktop file and icons). Run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
py="$root/.venv/bin/python"
[ -x "$py" ] || { echo "build.sh: $py not found (run scripts/start.sh or .ci/run first to make .venv)" >&2; exit 2; }

if ! "$py" -c "import PyInstaller, sys; sys.exit(int(PyInstaller.__version__.split('.')[0]) < 6)" 2>/dev/null; then
    echo "build.sh: installing pyinstaller into .venv"
    "$py" -m pip install --quiet "pyinstaller>=6.10"
fi
version="$("$py" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
# the bundle's version comes from the installed package's metadata: refresh it after a version bump
installed="$("$py" -c 'from importlib.metadata import version; print(version("certdesk"))' 2>/dev/null || true)"
if [ "$installed" != "$version" ]; then
    echo "build.sh: reinstalling certdesk into .venv (metadata says '${installed:-none}', pyproject.toml $version)"
    "$py" -m pip install --quiet --no-deps -e .
fi
started=$(date +%s)
rm -rf dist/certdesk
"$py" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/certdesk.spec
[ -x dist/certdesk/certdesk ] || { echo "build.sh: dist/certdesk/certdesk was not built" >&2; exit 1; }
reported="$(dist/certdesk/certdesk --version 2>&1 | head -n 1)"
case "$reported" in "CertDesk $version "*) ;; *) echo "build.sh: the bundle reports '$reported', not $version" >&2; exit 1;; esac

# the desktop integration travels inside the bundle, so the tarball is self-contained
mkdir -p dist/certdesk/share/applications dist/certdesk/share/icons/hicolor/256x256/apps \
    dist/certdesk/share/icons/hicolor/scalable/apps
cp packaging/linux/certdesk.desktop dist/certdesk/share/applications/
cp packaging/icons/certdesk.png dist/certdesk/share/icons/hicolor/256x256/apps/certdesk.png
cp packaging/icons/certdesk.svg dist/certdesk/share/icons/hicolor/scalable/apps/certdesk.svg

tarball="dist/certdesk-${version}-linux-x86_64.tar.gz"
tar -C dist -czf "$tarball" certdesk
echo "build.sh: dist/certdesk ($(du -sh dist/certdesk | cut -f1)), $tarball ($(du -sh "$tarball" | cut -f1))," \
     "$(( $(date +%s) - started )) s"
