"""The core knows nothing of MkDocs: moving to another engine costs an adapter, not a rewrite."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT


def test_the_notice_package_does_not_import_mkdocs() -> None:
    modules = ["notice." + path.stem for path in (ROOT / "src" / "notice").glob("*.py") if path.stem not in ("__init__", "__main__")]
    code = f"import sys; import {', '.join(modules)}; print('mkdocs' in sys.modules or any(m.startswith('mkdocs.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_core_names_no_mkdocs_notion() -> None:
    """Search front matter, `index.md` paths and the config file's name belong to the adapters (the hook, the CLI)."""
    for path in (ROOT / "src" / "notice").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name == "cli.py":  # the command line is an adapter of its own: it finds the project by its mkdocs.yml
            continue
        for notion in ("index.md", "mkdocs.yml", '"search"', "front matter"):
            assert notion not in text, f"{path.name} mentions {notion}"


def test_the_code_type_checks_strictly() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "src", "hooks"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout
