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
    # the ones that once survived (issue 12), in today's code
    Mutant("lock-ignores-version-yml", "src/notice/versions.py",
           "        for file in sorted(set(locked.files) | set(version.digests)):",
           "        for file in sorted((set(locked.files) | set(version.digests)) - {'version.yml'}):"),
    Mutant("cookies-added-removed-swapped", "src/notice/changes.py",
           'yield self.item(N_("Cookies added to %(name)s: %(cookies)s."), cid,', 'yield self.item(N_("Cookies removed from %(name)s: %(cookies)s."), cid,'),
    Mutant("redline-drops-removed-section", "src/notice/redline.py",
           "                groups.extend(RedlineGroup(anchor, tuple(_whole(unit, \"removed\") for unit in units)) for anchor, units in old_parts[old_sid])\n",
           "\n"),
    Mutant("stale-translations-never-stale", "src/notice/changes.py",
           "            if source.code in codes and language.code not in codes:", "            if source.code in codes and language.code in codes:"),
    Mutant("revision-ignores-provider", "src/notice/consent.py",
           "[cookie.name, cookie.provider, str(cookie.lifetime)]", "[cookie.name]"),
    Mutant("text-keeps-entities", "src/notice/markup.py", "    return html_module.unescape(raw).strip()", "    return raw.strip()"),
    Mutant("scheme-deny-list", "src/notice/model.py",
           "            if scheme.lower() not in SAFE_SCHEMES:", "            if scheme.lower() == \"javascript\":"),
    Mutant("feed-updated-from-effective", "src/notice/feeds.py",
           "_timestamp(max((entry.published for entry in entries)", "_timestamp(max((entry.effective for entry in entries)"),
    Mutant("feed-entry-updated-from-effective", "src/notice/feeds.py",
           '        _text(element, "updated", _timestamp(entry.published))', '        _text(element, "updated", _timestamp(entry.effective))'),
    Mutant("audience-lists-every-section", "src/notice/formatted.py",
           "tuple(Link(sid, headings[sid]) for sid in audience.sections)", "tuple(Link(sid, heading) for sid, heading in headings.items())"),
    # hostile input and all-or-nothing writes (issue 12)
    Mutant("aliases-accepted", "src/notice/source.py", "        if id(node) in self.seen:", "        if False:"),
    Mutant("control-characters-accepted", "src/notice/source.py", "            found = forbidden_character(value)\n", "            found = None\n"),
    Mutant("publish-before-latest-allowed", "src/notice/amendment.py",
           "    if draft.effective <= latest.effective:", "    if False:"),
    Mutant("status-replaced-by-pattern", "src/notice/amendment.py",
           '    result = text[:start] + Status.published.value + text[end:]', '    result = text.replace("status: draft", "status: published", 1)'),
    Mutant("no-undo", "src/notice/transaction.py", "        _undo(done, changes, backups, root)\n        raise NoticeError(f\"{_shown",
           "        raise NoticeError(f\"{_shown"),
    Mutant("lock-order-unchecked", "src/notice/versions.py", "    _check_order(lock, lock_display)\n", "\n"),
    Mutant("redline-gives-up-at-once", "src/notice/redline.py", "        if steps > MAX_STEPS:", "        if steps > 0:"),
    Mutant("reserved-ids-allowed", "src/notice/references.py",
           "                if value in RESERVED_IDS or value.startswith(RESERVED_PREFIXES):", "                if False:"),
    # amendments people understand (issue 14)
    Mutant("longer-retention-is-editorial", "src/notice/classification.py",
           "    return MATERIAL if after > before else LESS if after < before else None", "    return LESS if after < before else None"),
    Mutant("override-ignored", "src/notice/classification.py",
           "        classified.append(Classified(change, override.class_ if override else change_class, rule, override))",
           "        classified.append(Classified(change, change_class, rule, override))"),
    Mutant("necessary-cookie-needs-consent", "src/notice/classification.py",
           "    if keys[0] == CookieCategoryId.necessary.value:\n        return EDITORIAL\n    return MATERIAL if change.kind == \"add\" else LESS",
           "    return MATERIAL if change.kind == \"add\" else LESS"),
    Mutant("no-advance-notice", "src/notice/amendment.py", "    if not material or notice >= days or urgent:", "    if True:"),
    Mutant("first-version-links-to-nothing", "src/notice/pages.py", "        first=history.predecessor(version) is None,", "        first=False,"),
    Mutant("unchanged-text-unfolded", "src/notice/redline.py",
           '        return any(block.state != "same" for block in self.blocks)', "        return True"),
    Mutant("feed-without-class", "src/notice/feeds.py", "        if entry.change_class is not None:", "        if False:"),
    # languages as configuration (issue 13)
    Mutant("missing-language-accepted", "src/notice/load.py", "            if code not in text:", "            if False:"),
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
