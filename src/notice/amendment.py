"""The life of an amendment: a draft copied from the latest version, edited, then published and locked.

Both steps check everything first, then write with `notice.transaction`: a failure at any point leaves the
repository exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from notice.changes import stale_translations
from notice.classification import classify, unused_overrides
from notice.diff import diff
from notice.errors import DataError, NoticeError, Problem, UsageError
from notice.load import snapshot_files
from notice.language import Languages
from notice.model import ChangeClass, Status
from notice.source import parse_text, read_source, read_text
from notice.transaction import Changes, commit
from notice.versions import (
    LOCK_NAME,
    History,
    Version,
    digest,
    load_history,
    lock_entry,
    lock_text,
    read_lock,
)

DRAFT_VERSION_FILE = """\
# yaml-language-server: $schema=../../../schema/version.schema.json
# The amendment this snapshot records. Write its summary in every language before `notice publish`;
# once published, the snapshot is frozen (data/notice.lock) and a correction is a new version.
status: draft
summary:
"""


def start_amendment(data_dir: Path, effective: date, today: date, languages: Languages) -> Path:
    """Copy the latest version to a draft taking effect on `effective`; return the draft's folder."""
    root = data_dir.parent
    history = load_history(data_dir, today, languages)
    if history.drafts:
        raise UsageError(f"version {history.drafts[0].name} is already a draft: publish it (`notice publish`) or remove it first")
    latest = history.versions[-1]
    if effective <= latest.effective:
        raise UsageError(f"expected an effective date after the latest version ({latest.name}), got {effective.isoformat()}")
    if effective < today:
        raise UsageError(f"expected an effective date from today ({today.isoformat()}) on, got {effective.isoformat()}")
    target = data_dir / "versions" / effective.isoformat()
    if target.exists() or target.is_symlink():
        kind = "a folder" if target.is_dir() else "a file"
        raise UsageError(f"{target.relative_to(root).as_posix()} already exists ({kind}): remove or rename it first")
    files, _ = snapshot_files(latest.directory, latest.display, root)
    try:
        content = {name: path.read_bytes() for name, path in files.items()}
    except OSError as error:
        raise NoticeError(f"{latest.display}: could not read ({error.strerror or error}); nothing was changed") from None
    content["version.yml"] = draft_version_file(languages).encode()
    commit(Changes(folders={target: content}), root, verify=lambda: _verify_copy(target, content))
    return target


def draft_version_file(languages: Languages) -> str:
    """version.yml of a new draft: its summary to write, in every language."""
    return DRAFT_VERSION_FILE + "".join(f"  {code}: TODO\n" for code in languages.codes)


@dataclass(frozen=True)
class Publication:
    """How a draft is to be published: the settings that bear on it, and the legal team's confirmations."""

    languages: Languages
    advance_notice_days: int
    translations_reviewed: bool = False
    urgent: str | None = None
    """Why a material change takes effect with less than the advance notice (a legal obligation), if it must."""


def publish_draft(data_dir: Path, today: date, publication: Publication, name: str | None = None) -> Version:
    """Publish the draft (the only one, or `name`) and lock it, after checking it is ready to be law."""
    root = data_dir.parent
    languages = publication.languages
    history = load_history(data_dir, today, languages)
    draft = _draft(history, name)
    previous = history.predecessor(draft)
    problems = readiness(history, draft, previous, today, publication)
    if problems:
        raise DataError(problems)
    version_file = draft.directory / "version.yml"
    published = _published(read_text(version_file, f"{draft.display}/version.yml"), f"{draft.display}/version.yml").encode()
    lock = read_lock(data_dir)
    entry = lock_entry(draft, today, previous, languages, publication.urgent)
    lock[draft.name] = entry.model_copy(update={"files": {**entry.files, "version.yml": digest(published)}})
    commit(Changes(files={version_file: published, data_dir / LOCK_NAME: lock_text(lock).encode()}), root,
           verify=lambda: _verify(data_dir, today, languages, draft.effective))
    return load_history(data_dir, today, languages).find_by_date(draft.effective)


def _published(text: str, display: str) -> str:
    """version.yml with its status set to published, however the draft status was written (quoted, commented, …)."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(node, yaml.MappingNode)  # the file was validated: a mapping with a status
    status = next(value for key, value in node.value if key.value == "status")
    start, end = status.start_mark.index, status.end_mark.index
    written = text[start:end]
    # a block scalar (`status: >-` then `draft` on the next line) spans its line ends: they are kept
    result = text[:start] + Status.published.value + written[len(written.rstrip()):] + text[end:]
    if parse_text(result, display).data.get("status") != Status.published.value:
        raise NoticeError(f"{display}: could not set its status to published; nothing was changed")
    return result


def _verify(data_dir: Path, today: date, languages: Languages, effective: date) -> None:
    """The repository as written reads back: the version is there, published, and passes the lock."""
    try:
        written = load_history(data_dir, today, languages).find_by_date(effective)
    except (NoticeError, KeyError, OSError) as error:
        raise NoticeError(f"the data did not read back after writing ({error}); nothing was changed") from None
    if written.is_draft:
        raise NoticeError(f"version {effective.isoformat()} did not read back as published; nothing was changed")


def _verify_copy(target: Path, content: dict[str, bytes]) -> None:
    """The new draft reads back as written, file for file (it need not be valid yet: a language added since the
    version it copies is for the translators to fill in)."""
    try:
        written = {path.name: path.read_bytes() for path in target.iterdir()}
    except OSError as error:
        raise NoticeError(f"{target.name}: the draft did not read back after writing ({error.strerror}); nothing was changed") from None
    if written != content:
        raise NoticeError(f"{target.name}: the draft did not read back as written; nothing was changed")


def _draft(history: History, name: str | None) -> Version:
    drafts = {version.name: version for version in history.drafts}
    if name is None:
        if len(drafts) != 1:
            raise UsageError("expected exactly one draft to publish" + (f", got {', '.join(drafts)}: name one" if drafts else ", got none: start one with `notice amend`"))
        return next(iter(drafts.values()))
    if name not in drafts:
        raise UsageError(f"expected the name of a draft ({', '.join(drafts) or 'there is none'}), got {name}")
    return drafts[name]


def readiness(history: History, draft: Version, previous: Version | None, today: date, publication: Publication) -> list[Problem]:
    """Why `draft` cannot be published today as `publication` says, if it cannot."""
    file = f"{draft.display}/version.yml"
    languages = publication.languages
    problems = dating(history, draft, today)
    summary = draft.notice.summary
    if summary is None or any(summary[code].strip() == "TODO" for code in languages.codes):
        problems.append(Problem(file, None, "summary", "a summary of the amendment in every language", "TODO or none"))
    if previous is not None and not diff(previous.notice, draft.notice):
        problems.append(Problem(draft.display, None, "", f"changes against {previous.name}", "none"))
    if previous is not None and not publication.translations_reviewed:
        problems.extend(stale_translations(previous.notice, draft.notice, draft.display, previous.name, languages))
    if previous is not None:
        problems.extend(advance_notice(draft, previous, today, publication.advance_notice_days, publication.urgent))
        problems.extend(unused_override_problems(draft, previous))
    return problems


def dating(history: History, draft: Version, today: date) -> list[Problem]:
    """A draft takes effect from today on, after the latest published version (one dated before it would silently
    undo it on its date)."""
    problems = []
    if draft.effective < today:
        problems.append(Problem(draft.display, None, "", f"an effective date from today ({today.isoformat()}) on", draft.name))
    latest = history.published[-1] if history.published else None
    if latest is not None and draft.effective <= latest.effective:
        problems.append(Problem(draft.display, None, "", f"an effective date after the latest published version ({latest.name}): "
                                "a version dated before it would silently undo it", draft.name))
    return problems


def advance_notice(draft: Version, previous: Version, today: date, days: int, urgent: str | None) -> list[Problem]:
    """A version with a material change is published `days` before it takes effect, or says why it cannot be."""
    material = [change for change in classify(previous.notice, draft.notice) if change.change_class is ChangeClass.material]
    notice = (draft.effective - today).days
    if not material or notice >= days or urgent:
        return []
    paths = ", ".join(dict.fromkeys(".".join(map(str, change.change.path[:2])) + f" ({change.rule_name})" for change in material))
    return [Problem(f"{draft.display}/version.yml", None, "", f"publication at least {days} days before {draft.name}, as it makes material "
                    f"changes ({paths}), or an urgent reason (notice publish --urgent \"the legal obligation that requires it\")",
                    f"{notice} days" if notice != 1 else "1 day")]


def unused_override_problems(draft: Version, previous: Version) -> list[Problem]:
    """The overrides of `draft` that cover no change it makes against `previous`: never ignored in silence."""
    unused = unused_overrides(previous.notice, draft.notice)
    if not unused:
        return []
    source = read_source(draft.directory / "version.yml", f"{draft.display}/version.yml")
    changes = [override.change for override in draft.notice.overrides]
    return [Problem(source.file, source.line(("overrides", changes.index(override.change), "change")),
                    f"overrides[{changes.index(override.change)}].change", f"a change this version makes against {previous.name}",
                    f"'{override.change}', which changes nothing") for override in unused]
