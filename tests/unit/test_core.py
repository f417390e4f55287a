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
