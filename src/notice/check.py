"""`notice check`: everything that can be wrong before publishing, in one report a person can read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

from notice.amendment import advance_notice, dating, unused_override_problems
from notice.changes import stale_translations
from notice.errors import DataError, LockError, Problem
from notice.lint import Finding, lint, read_lint_errors
from notice.locale import load_catalogs
from notice.settings import load_settings
from notice.versions import VersionState, load_history


@dataclass(frozen=True)
class Report:
    versions: tuple[str, ...]
    """The versions checked, with where each stands ("2024-02-01 (current)")."""
    problems: tuple[Problem, ...]
    """Errors in the data, the lock or the catalogs: nothing can be published until they are fixed."""
    warnings: tuple[Problem, ...]
    """Catalog entries to review and stale translations in drafts."""
    findings: tuple[Finding, ...]
    """The transparency lint of the versions not yet in the past."""

    @property
    def failed(self) -> bool:
        return bool(self.problems) or any(finding.severity == "error" for finding in self.findings)


def check(root: Path, today: date, settings_file: str) -> Report:
    """Validate the settings, all data and catalogs, check the lock, and lint the version in force, upcoming ones and drafts."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    findings: list[Finding] = []
    versions: list[str] = []
    try:
        settings = load_settings(root / settings_file, settings_file)
    except DataError as error:
        return Report((), error.problems, (), ())
    languages = settings.notice_languages
    try:
        warnings.extend(load_catalogs(root, languages).warnings)
    except DataError as error:
        problems.extend(error.problems)
    try:
        history = load_history(root / "data", today, languages)
    except DataError as error:
        problems.extend(error.problems)
    except LockError as error:
        problems.append(Problem(error.file, None, "", "a published version unchanged since it was published", error.message))
    else:
        errors = read_lint_errors(root)
        for version in history.versions:
            state = history.state(version)
            versions.append(f"{version.name} ({state.value})")
            if state is VersionState.past:
                continue
            findings.extend(lint(version, languages.only(version.notice.languages), errors))
            previous = history.predecessor(version)
            if version.is_draft:
                warnings.extend(dating(history, version, today))
            if version.is_draft and previous is not None:
                warnings.extend(stale_translations(previous.notice, version.notice, version.display, previous.name, languages))
                # what `notice publish` would refuse today: too little notice of a material change, an override of nothing
                warnings.extend(advance_notice(version, previous, today, settings.advance_notice_days, urgent=None))
                warnings.extend(unused_override_problems(version, previous))
    return Report(tuple(versions), tuple(problems), tuple(warnings), tuple(findings))


def as_text(report: Report) -> str:
    """The report grouped by file, then by line, as a person reads it."""
    entries = [(p.file, p.line or 0, "error", p.path, f"expected {p.expected}" + (f", got {p.got}" if p.got else ""), "") for p in report.problems]
    entries += [(p.file, p.line or 0, "warning", p.path, f"expected {p.expected}" + (f", got {p.got}" if p.got else ""), "")
                for p in report.warnings]
    entries += [(f.file, f.line or 0, f.severity, f.path, f.message, f"[{f.reference}: {f.rule}]") for f in report.findings]
    lines = [f"Checked {', '.join(report.versions) or 'no version'} and the catalogs."]
    for file, group in groupby(sorted(entries, key=lambda entry: (entry[0], entry[1])), key=lambda entry: entry[0]):
        lines.append(f"\n{file}")
        for _, line, severity, path, message, reference in group:
            where = f"{line}:" if line else "-:"
            lines.append(f"  {where:<6}{severity:<8}{path + ': ' if path else ''}{message}" + (f"  {reference}" if reference else ""))
    counts = (len(report.problems), len(report.warnings), len(report.findings), sum(f.severity == "error" for f in report.findings))
    lines.append(f"\n{counts[0]} error(s) in the data, {counts[1]} warning(s), {counts[2]} transparency finding(s) ({counts[3]} counted as errors).")
    return "\n".join(lines)


def as_json(report: Report) -> str:
    def problem(item: Problem, severity: str) -> dict[str, object]:
        return {"severity": severity, "file": item.file, "line": item.line, "path": item.path, "expected": item.expected, "got": item.got}

    return json.dumps({
        "versions": list(report.versions),
        "failed": report.failed,
        "problems": [problem(item, "error") for item in report.problems] + [problem(item, "warning") for item in report.warnings],
        "findings": [finding.as_dict() for finding in report.findings],
    }, ensure_ascii=False, indent=2)
