"""What every page of a build depends on besides its data, as one hash: the salt of the build's store (`notice.store`).

A change to the MkDocs configuration, to a template or asset of the theme's custom folder, to our code or to
the version of a package that renders changes it, and with it every key: nothing made before is used again.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

FOLDER = ".cache/notice"
"""The store's folder below the project's root (git-ignored); `NOTICE_CACHE` names another folder."""
PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pymdown-extensions", "babel", "pydantic")
"""Whose versions the output depends on (our own code is hashed file by file)."""


def fingerprint(root: Path, config_file: Path, custom_dir: Path | None, code: tuple[Path, ...]) -> str:
    """A hash of the MkDocs configuration, the theme's custom folder, the Python files of `code` and the versions of
    Python and of the `PACKAGES`."""
    digest = hashlib.sha256(sys.version.encode())
    for package in PACKAGES:
        digest.update(f"|{package}={metadata.version(package)}".encode())
    files = [config_file, *(sorted(custom_dir.rglob("*")) if custom_dir else ()), *(path for folder in code for path in sorted(folder.rglob("*.py")))]
    for path in files:
        if path.is_file():
            digest.update(f"|{path.relative_to(root) if path.is_relative_to(root) else path.name}|".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
