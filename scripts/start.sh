#!/usr/bin/env bash
# README's first command: install CertDesk into .venv and start it. With no workspace configured,
# the app opens a demo workspace of synthetic records (marked 样本).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .
exec .venv/bin/certdesk "$@"
