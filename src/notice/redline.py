"""The full text of a new version with its word-level insertions and deletions against the old one."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from notice.locale import Gettext
from notice.markup import plain_text
from notice.model import Notice
from notice.render import PurposeView, notice_view


@dataclass(frozen=True)
class RedlineBlock:
    """A heading or paragraph of the full text, as runs of unchanged, inserted and deleted words."""

    tag: str
    segments: tuple[tuple[str, str], ...]
    """("equal" | "insert" | "delete", text) runs, in reading order."""
    state: str
    """"same", "changed", "added" or "removed"."""


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
_BLOCKS = re.compile(r"<(p|li)\b[^>]*>(.*?)</\1>", re.S)


def redline(old: Notice, new: Notice, language: str, gettext: Gettext) -> tuple[RedlineBlock, ...]:
    """The new text with word-level insertions and deletions against the old, section by section."""
    old_view, new_view = notice_view(old, language, gettext), notice_view(new, language, gettext)
    old_sections = {section.id: _units(section) for section in old_view.sections}
    new_ids = {section.id for section in new_view.sections}
    old_order = [section.id for section in old_view.sections]
    blocks: list[RedlineBlock] = []
    shown: set[str] = set()
    for section in new_view.sections:
        # a removed section is shown, struck through, where it used to be
        before = old_order[: old_order.index(section.id)] if section.id in old_order else []
        for sid in before:
            if sid not in new_ids and sid not in shown:
                blocks.extend(_whole(unit, "removed") for unit in old_sections[sid])
                shown.add(sid)
        blocks.extend(_compare(old_sections.get(section.id, []), _units(section)))
    for sid in old_order:
        if sid not in new_ids and sid not in shown:
            blocks.extend(_whole(unit, "removed") for unit in old_sections[sid])
    return tuple(blocks)


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Runs of equal, deleted and inserted words (punctuation and spaces are tokens of their own).

    >>> word_diff("kept for 3 years", "kept for 2 years")
    (('equal', 'kept for '), ('delete', '3'), ('insert', '2'), ('equal', ' years'))
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    runs: list[tuple[str, str]] = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if operation == "equal":
            runs.append(("equal", "".join(a[i1:i2])))
            continue
        if operation in ("delete", "replace"):
            runs.append(("delete", "".join(a[i1:i2])))
        if operation in ("insert", "replace"):
            runs.append(("insert", "".join(b[j1:j2])))
    return tuple(runs)


def _units(section: Any) -> list[tuple[str, str]]:
    """A section's text as (tag, plain text) units: headings, paragraphs and list items, in reading order."""
    units = [("h3", section.heading)]
    for block in section.blocks:
        if block.prose is not None:
            units.extend(_paragraphs(block.prose))
        for purpose in block.purposes:
            units.extend(_purpose_units(purpose))
        for item in block.items:
            units.append(("p", plain_text(item.body)))
        if block.controller is not None:
            c = block.controller
            units.extend(("p", text) for text in (c.name, c.address, c.email, c.phone, c.website) if text)
    return units


def _purpose_units(purpose: PurposeView) -> list[tuple[str, str]]:
    units = [("h4", purpose.title)]
    units.extend(_paragraphs(purpose.introduction))
    for activity in purpose.activities:
        units.extend(_paragraphs(activity.body))
        for step in activity.steps:
            units.append(("p", plain_text(step.body)))
    if purpose.closing:
        units.extend(_paragraphs(purpose.closing))
    units.append(("p", "; ".join(purpose.data_categories)))
    for basis in purpose.legal_bases:
        units.append(("p", "; ".join(basis.labels) + ": " + plain_text(basis.text)))
    units.append(("p", "; ".join((*purpose.recipients, *((purpose.recipients_note,) if purpose.recipients_note else ())))))
    for rule in purpose.retention:
        units.append(("p", plain_text(rule.rule) + ": " + plain_text(rule.text)))
    return units


def _paragraphs(html: Markup) -> list[tuple[str, str]]:
    found = [("p", plain_text(match.group(2))) for match in _BLOCKS.finditer(str(html))]
    return found or [("p", plain_text(html))]


def _compare(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[RedlineBlock]:
    blocks: list[RedlineBlock] = []
    matcher = difflib.SequenceMatcher(None, [text for _, text in old], [text for _, text in new], autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            blocks.extend(RedlineBlock(tag, (("equal", text),), "same") for tag, text in new[j1:j2])
        elif operation == "insert":
            blocks.extend(_whole(unit, "added") for unit in new[j1:j2])
        elif operation == "delete":
            blocks.extend(_whole(unit, "removed") for unit in old[i1:i2])
        else:
            pairs = list(zip(old[i1:i2], new[j1:j2]))
            blocks.extend(RedlineBlock(tag, word_diff(before, after), "changed") for (_, before), (tag, after) in pairs)
            blocks.extend(_whole(unit, "removed") for unit in old[i1 + len(pairs):i2])
            blocks.extend(_whole(unit, "added") for unit in new[j1 + len(pairs):j2])
    return blocks


def _whole(unit: tuple[str, str], state: str) -> RedlineBlock:
    tag, text = unit
    return RedlineBlock(tag, (("insert" if state == "added" else "delete", text),), state)
