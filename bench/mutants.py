"""Mutation testing by hand-picked mutants: small deliberate bugs, one at a time, each of which the suite must catch.

Run: .venv/bin/python bench/mutants.py [--all] [NAME ...]
Each mutant replaces one exact piece of code, runs the quick suite (or with --all, the whole suite) and puts the
code back. A mutant that survives is a bug the tests would miss: write the test that kills it, then add the
mutant here. The list holds the mutants that once survived, and new code's own.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    old: str
    new: str


MUTANTS = [
    Mutant("lock-ignores-version-yml", "src/notice/versions.py",
           "        for file in sorted(set(locked.files) | set(version.digests)):",
           "        for file in sorted((set(locked.files) | set(version.digests)) - {'version.yml'}):"),
    Mutant("cookies-added-removed-swapped", "src/notice/changes.py",
           "added, removed = sorted(new - old), sorted(old - new)", "added, removed = sorted(old - new), sorted(new - old)"),
    Mutant("redline-drops-removed-section", "src/notice/redline.py",
           "            if sid not in new_ids and sid not in shown:\n                blocks.extend(_whole(unit, \"removed\") for unit in old_sections[sid])\n                shown.add(sid)",
           "            if sid not in new_ids and sid not in shown:\n                shown.add(sid)"),
    Mutant("stale-translations-skip-lists", "src/notice/changes.py",
           "            for path, before, after in _texts(change.path, change.old, change.new):",
           "            for path, before, after in ():"),
    Mutant("revision-ignores-provider", "src/notice/consent.py",
           "[cookie.name, cookie.provider, str(cookie.lifetime)]", "[cookie.name]"),
    Mutant("plain-text-keeps-entities", "src/notice/markup.py",
           "return str(Markup(nh3.clean(html, tags=set())).unescape()).strip()", "return str(nh3.clean(html, tags=set())).strip()"),
    Mutant("scheme-deny-list", "src/notice/model.py",
           "            if scheme.lower() not in SAFE_SCHEMES:", "            if scheme.lower() == \"javascript\":"),
    Mutant("feed-updated-from-effective", "src/notice/feeds.py",
           "_timestamp(max((entry.published for entry in entries)", "_timestamp(max((entry.effective for entry in entries)"),
    Mutant("feed-entry-updated-from-effective", "src/notice/feeds.py",
           '        _text(element, "updated", _timestamp(entry.published))', '        _text(element, "updated", _timestamp(entry.effective))'),
    Mutant("audience-lists-every-section", "src/notice/reading.py",
           "tuple(Link(f\"#{sid}\", headings[sid]) for sid in audience.sections)", "tuple(Link(f\"#{sid}\", headings[sid]) for sid in headings)"),
    Mutant("aliases-accepted", "src/notice/source.py",
           "        if id(node) in self.seen:", "        if False:"),
    Mutant("control-characters-accepted", "src/notice/source.py", "            found = forbidden_character(value)\n", "            found = None\n"),
    Mutant("publish-before-latest-allowed", "src/notice/amendment.py",
           "    if draft.effective <= latest.effective:", "    if draft.effective < latest.effective:"),
    Mutant("status-replaced-by-pattern", "src/notice/amendment.py",
           '    result = text[:start] + "published" + text[end:]', '    result = text.replace("status: draft", "status: published", 1)'),
    Mutant("no-undo", "src/notice/transaction.py", "        _undo(done, changes, backups, root)\n        raise NoticeError(f\"{_shown",
           "        raise NoticeError(f\"{_shown"),
    Mutant("lock-order-unchecked", "src/notice/versions.py", "    _check_order(lock, lock_display)\n", "\n"),
    Mutant("redline-quadratic-fallback", "src/notice/redline.py", "        if steps > MAX_STEPS:", "        if steps > 0:"),
    Mutant("reserved-ids-allowed", "src/notice/references.py",
           "                if value in RESERVED_IDS or value.startswith(RESERVED_PREFIXES):", "                if False:"),
]


def run(mutant: Mutant, everything: bool) -> tuple[bool, float]:
    """Whether the suite caught `mutant`, and how long it took."""
    path = ROOT / mutant.file
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        raise SystemExit(f"{mutant.name}: the code to mutate is not found once in {mutant.file}; update bench/mutants.py")
    path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    start = time.monotonic()
    try:
        command = [str(ROOT / "dev"), "test", *(["--all"] if everything else []), "-x", "-q"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    finally:
        path.write_text(original, encoding="utf-8")
    return result.returncode != 0, time.monotonic() - start


def main(arguments: list[str]) -> int:
    everything = "--all" in arguments
    names = [argument for argument in arguments if not argument.startswith("--")]
    chosen = [mutant for mutant in MUTANTS if not names or mutant.name in names]
    survivors = []
    for mutant in chosen:
        caught, seconds = run(mutant, everything)
        print(f"{'caught  ' if caught else 'SURVIVED'}  {mutant.name:<36} {seconds:6.1f} s", flush=True)
        if not caught:
            survivors.append(mutant.name)
    print(f"\n{len(chosen) - len(survivors)} of {len(chosen)} mutants caught" + (f"; survivors: {', '.join(survivors)}" if survivors else ""))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
