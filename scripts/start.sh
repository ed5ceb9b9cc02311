#!/usr/bin/env bash
# README's first command: install CertDesk into .venv and start it. With no workspace configured,
# the app opens a demo workspace of synthetic records (marked 样本). A second start reinstalls
# nothing unless the sources changed (a stamp of them is kept in .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-packages.sh
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp_file=.venv/.certdesk-installed
stamp=$( (cat pyproject.toml; find desktop_app resources -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 cat) \
        | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/certdesk ] || [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet .
  echo "$stamp" > "$stamp_file"
fi
exec .venv/bin/certdesk "$@"
