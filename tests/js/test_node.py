"""The widget's decision logic (overrides/assets/javascripts/consent/state.js), unit-tested with Node's own test runner."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).parent


def node_command() -> list[str]:
    node = shutil.which("node")
    assert node, "Node.js is needed for the widget's unit tests (Debian's nodejs, or the Node that brings npm)"
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    major, minor = (int(part) for part in version.lstrip("v").split(".")[:2])
    # Before Node 20.19 and 22.7, an ES module in a .js file outside a "type": "module" package needs this flag.
    detect = ["--experimental-detect-module"] if (major, minor) < (20, 19) or (21, 0) <= (major, minor) < (22, 7) else []
    return [node, *detect, "--test", "--test-reporter=tap"]


def test_the_widget_logic_passes_its_node_tests() -> None:
    files = sorted(str(path) for path in HERE.glob("*.test.mjs"))
    assert files, "no Node test file in tests/js"
    result = subprocess.run([*node_command(), *files], capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = re.search(r"^# pass (\d+)$", output, re.M)
    assert passed and int(passed.group(1)) > 0, output
    assert re.search(r"^# fail 0$", output, re.M), output
