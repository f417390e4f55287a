"""The core knows nothing of MkDocs: moving to another engine costs an adapter, not a rewrite."""

from __future__ import annotations

import subprocess
import sys


def test_the_notice_package_does_not_import_mkdocs() -> None:
    modules = ["notice." + name for name in ("amendment", "changes", "check", "cli", "consent", "diff", "feeds", "lint", "load",
                                             "locale", "markup", "model", "reading", "render", "schema", "site", "source", "versions")]
    code = f"import sys; import {', '.join(modules)}; print('mkdocs' in sys.modules or any(m.startswith('mkdocs.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
