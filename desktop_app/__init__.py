"""CertDesk — 建设从业人员证书工作台."""

from importlib import metadata as _metadata


def _version() -> str:
    """The one version number, pyproject.toml's: from the installed package's metadata, or read from
    pyproject.toml in a source checkout that was never installed."""
    try:
        return _metadata.version("certdesk")
    except _metadata.PackageNotFoundError:
        import tomllib
        from pathlib import Path

        try:
            project = Path(__file__).resolve().parent.parent / "pyproject.toml"
            return str(tomllib.loads(project.read_text(encoding="utf-8"))["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "0+unknown"


__version__ = _version()
