"""The full text of a new version with its word-level insertions and deletions against the old one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from notice.formatted import FormattedNotice, PurposeView, SectionView
from notice.markup import Formatted


@dataclass(frozen=True)
class RedlineBlock:
    """A heading or paragraph of the full text, as runs of unchanged, inserted and deleted words."""

    tag: str
    segments: tuple[tuple[str, str], ...]
    """("equal" | "insert" | "delete", text) runs, in reading order."""
    state: str
    """"same", "changed", "added" or "removed"."""
    label: str = ""
    """The field it states ("Legal Basis:"), kept before its words."""
    anchor: str | None = None
    """The record it starts (a right, a cookie category, a transfer): the summary links to it."""


@dataclass(frozen=True)
class RedlineGroup:
    """A part of the text a reader can fold: the notice's heading, a section's own text, or one purpose."""

    anchor: str
    """The record it shows ("notice-title", a section or a purpose id): the summary links to it."""
    blocks: tuple[RedlineBlock, ...]
    """Its heading first."""

    @property
    def changed(self) -> bool:
        return any(block.state != "same" for block in self.blocks)

    @property
    def runs(self) -> tuple[tuple[bool, tuple[RedlineBlock, ...]], ...]:
        """What follows its heading, as runs of blocks: unchanged text a reader sees folded (True), and the rest.

        A short unchanged run (an address line between two changed ones) stays open: unfolding it would cost the
        reader more than reading it."""
        runs = [(same, tuple(blocks)) for same, blocks in groupby(self.blocks[1:], key=lambda block: block.state == "same")]
        return tuple((same and sum(len(block.label) + sum(len(text) for _, text in block.segments) for block in blocks) >= FOLD_AT, blocks)
                     for same, blocks in runs)


FOLD_AT = 200
"""The characters of unchanged text from which a run of it is folded within a changed part (about two lines)."""


@dataclass(frozen=True)
class _Unit:
    tag: str
    text: str
    label: str = ""
    anchor: str | None = None


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
_Parts = list[tuple[str, list[_Unit]]]
"""A section as (anchor, units) groups in reading order: its own text, then each of its purposes."""


def redline(old_view: FormattedNotice, new_view: FormattedNotice) -> tuple[RedlineGroup, ...]:
    """The new text with word-level insertions and deletions against the old, in groups a reader can fold.

    Records are compared with themselves wherever they are: a purpose moved to another section is compared with
    its old text; a removed section or purpose is shown, struck through, where it used to be.
    """
    title = "notice-title"
    groups = [RedlineGroup(title, tuple(_compare([_Unit("h3", old_view.title), _Unit("p", old_view.subtitle)],
                                                 [_Unit("h3", new_view.title), _Unit("p", new_view.subtitle)])))]
    old_parts = {sid: _parts(section, old_view) for sid, section in ((s.id, s) for s in old_view.sections)}
    old_purposes = {anchor: units for parts in old_parts.values() for anchor, units in parts[1:]}
    new_sections = {section.id for section in new_view.sections}
    new_purposes = {purpose.id for section in new_view.sections for purpose in section.purposes}
    old_order = [section.id for section in old_view.sections]
    shown: set[str] = set()

    def removed_sections_before(sid: str | None) -> None:
        for old_sid in old_order[: old_order.index(sid)] if sid in old_order else old_order:
            if old_sid not in new_sections and old_sid not in shown:
                shown.add(old_sid)
                groups.extend(RedlineGroup(anchor, tuple(_whole(unit, "removed") for unit in units)) for anchor, units in old_parts[old_sid])

    for section in new_view.sections:
        removed_sections_before(section.id)
        new_parts = _parts(section, new_view)
        old_section = old_parts.get(section.id, [])
        groups.append(RedlineGroup(section.id, tuple(_compare(old_section[0][1] if old_section else [], new_parts[0][1]))))
        previous_old = [anchor for anchor, _ in old_section[1:]]
        for anchor, units in new_parts[1:]:
            # a purpose removed from here is shown struck through where it was, before the purposes that followed it
            while previous_old and previous_old[0] != anchor and previous_old[0] not in new_purposes:
                gone = previous_old.pop(0)
                groups.append(RedlineGroup(gone, tuple(_whole(unit, "removed") for unit in old_purposes[gone])))
            if previous_old and previous_old[0] == anchor:
                previous_old.pop(0)
            groups.append(RedlineGroup(anchor, tuple(_compare(old_purposes.get(anchor, []), units))))
        for gone in previous_old:
            if gone not in new_purposes:
                groups.append(RedlineGroup(gone, tuple(_whole(unit, "removed") for unit in old_purposes[gone])))
    removed_sections_before(None)
    return tuple(groups)


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Runs of equal, deleted and inserted words (punctuation and spaces are tokens of their own).

    >>> word_diff("kept for 3 years", "kept for 2 years")
    (('equal', 'kept for '), ('delete', '3'), ('insert', '2'), ('equal', ' years'))
    >>> word_diff("kept for 3 long years", "kept for 2 short years")
    (('equal', 'kept for '), ('delete', '3 long'), ('insert', '2 short'), ('equal', ' years'))
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    runs: list[tuple[str, str]] = []
    for operation, i1, i2, j1, j2 in _readable(opcodes(a, b), a):
        if operation == "equal":
            runs.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("insert", "".join(b[j1:j2])))
    return tuple(runs)


MAX_EDITS = 2_000
"""The most insertions and deletions a paragraph's redline resolves word by word; past it, the paragraph is shown replaced."""
MAX_STEPS = 1_000_000
"""The most comparisons one diff may make, so that no text, however long or repetitive, takes more than about a second."""

Opcode = tuple[str, int, int, int, int]


def opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """("equal" | "change", i1, i2, j1, j2) runs turning `a` into `b`, by Myers' algorithm (O((N+M)·D), D the number of edits).

    Its cost grows with the size of the change, not with the square of the text. Past `MAX_EDITS` edits or
    `MAX_STEPS` comparisons, what differs is returned as one change.

    >>> opcodes(list("abcd"), list("abxd"))
    [('equal', 0, 2, 0, 2), ('change', 2, 3, 2, 3), ('equal', 3, 4, 3, 4)]
    """
    prefix = 0
    while prefix < len(a) and prefix < len(b) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(a) - prefix and suffix < len(b) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    middle = _myers(a[prefix:len(a) - suffix], b[prefix:len(b) - suffix])
    if middle is None:
        middle = [("change", 0, len(a) - prefix - suffix, 0, len(b) - prefix - suffix)]
    runs: list[Opcode] = [("equal", 0, prefix, 0, prefix)] if prefix else []
    runs += [(op, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix) for op, i1, i2, j1, j2 in middle if i2 > i1 or j2 > j1]
    if suffix:
        runs.append(("equal", len(a) - suffix, len(a), len(b) - suffix, len(b)))
    return _merged(runs)


def _myers(a: list[str], b: list[str]) -> list[Opcode] | None:
    """Myers' greedy shortest edit script, forward, with the furthest points of every round kept for the way back."""
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return [("change", 0, n, 0, m)]
    ids: dict[str, int] = {}
    x_tokens = [ids.setdefault(token, len(ids)) for token in a]
    y_tokens = [ids.setdefault(token, len(ids)) for token in b]
    offset = n + m + 1
    furthest = [0] * (2 * offset + 3)
    trace: list[list[int]] = []
    steps = 0
    for edits in range(min(n + m, MAX_EDITS) + 1):
        trace.append(furthest[offset - edits - 1:offset + edits + 2])
        for k in range(-edits, edits + 1, 2):
            if k == -edits or (k != edits and furthest[offset + k - 1] < furthest[offset + k + 1]):
                x = furthest[offset + k + 1]
            else:
                x = furthest[offset + k - 1] + 1
            y = x - k
            start = x
            while x < n and y < m and x_tokens[x] == y_tokens[y]:
                x += 1
                y += 1
            steps += 1 + x - start
            furthest[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, offset, n, m)
        if steps > MAX_STEPS:
            return None
    return None


def _backtrack(trace: list[list[int]], offset: int, n: int, m: int) -> list[Opcode]:
    """Follow the recorded rounds back from the end, as runs in reading order.

    `trace[d]` holds the furthest points on diagonals -d-1 … d+1 as they stood before round `d`.
    """
    runs: list[Opcode] = []
    x, y = n, m
    for edits in range(len(trace) - 1, 0, -1):
        row = trace[edits]
        k = x - y
        inserted = k == -edits or (k != edits and row[k - 1 + edits + 1] < row[k + 1 + edits + 1])
        previous_k = k + 1 if inserted else k - 1
        previous_x = row[previous_k + edits + 1]
        previous_y = previous_x - previous_k
        middle_x = previous_x if inserted else previous_x + 1
        middle_y = middle_x - k
        if x > middle_x:
            runs.append(("equal", middle_x, x, middle_y, y))
        runs.append(("change", previous_x, middle_x, previous_y, middle_y))
        x, y = previous_x, previous_y
    if x > 0:
        runs.append(("equal", 0, x, 0, y))
    runs.reverse()
    return _merged(runs)


def _merged(runs: list[Opcode]) -> list[Opcode]:
    """Adjacent runs of the same kind as one."""
    merged: list[Opcode] = []
    for run in runs:
        if merged and merged[-1][0] == run[0]:
            op, i1, _, j1, _ = merged[-1]
            merged[-1] = (op, i1, run[2], j1, run[4])
        else:
            merged.append(run)
    return merged


def _readable(runs: list[Opcode], a: list[str]) -> list[Opcode]:
    """A space alone between two changes joins them: "[-3 long-][+2 short+]", not "[-3-][+2+] [-long-][+short+]"."""
    result: list[Opcode] = []
    for index, run in enumerate(runs):
        inside = 0 < index < len(runs) - 1
        if run[0] == "equal" and inside and "".join(a[run[1]:run[2]]).isspace():
            run = ("change", *run[1:])
        result.append(run)
    return _merged(result)


def _parts(section: SectionView, view: FormattedNotice) -> _Parts:
    """A section's text as groups of units: its heading and everything but its purposes, then each purpose."""
    units = [_Unit("h3", section.heading)]
    purposes: _Parts = []
    for block in section.blocks:
        if block.prose is not None:
            units.extend(_paragraphs(block.prose))
        for purpose in block.purposes:
            purposes.append((purpose.id, _purpose_units(purpose, view)))
        for item in block.items:
            units.append(_Unit("p", _one(item.body), anchor=item.id))
        if block.controller is not None:
            units.extend(_Unit("p", text) for text in block.controller.lines)
    return [(section.id, units), *purposes]


def _purpose_units(purpose: PurposeView, view: FormattedNotice) -> list[_Unit]:
    labels = view.labels
    units = [_Unit("h4", purpose.title)]
    units.extend(_paragraphs(purpose.introduction))
    for activity in purpose.activities:
        units.extend(_paragraphs(activity.body))
        for step in activity.steps:
            units.append(_Unit("p", _one(step.body)))
    if purpose.closing:
        units.extend(_paragraphs(purpose.closing))
    join, then = labels.list_separator.join, labels.label_separator
    units.append(_Unit("p", join(purpose.data_categories), labels.data_categories))
    for basis in purpose.legal_bases:
        units.append(_Unit("p", join(basis.labels) + then + _one(basis.text), labels.legal_bases))
    units.append(_Unit("p", join((*purpose.recipients, *((purpose.recipients_note,) if purpose.recipients_note else ()))), labels.recipients))
    for rule in purpose.retention:
        units.append(_Unit("p", rule.rule.text + then + _one(rule.text), labels.retention))
    return units


def _paragraphs(text: Formatted) -> list[_Unit]:
    return [_Unit("p", block) for block in text.blocks]


def _one(text: Formatted) -> str:
    """A text shown as one unit, its paragraphs on lines of their own."""
    return "\n".join(text.blocks)


def _compare(old: list[_Unit], new: list[_Unit]) -> list[RedlineBlock]:
    blocks: list[RedlineBlock] = []
    for operation, i1, i2, j1, j2 in opcodes([unit.text for unit in old], [unit.text for unit in new]):
        if operation == "equal":
            blocks.extend(RedlineBlock(unit.tag, (("equal", unit.text),), "same", unit.label, unit.anchor) for unit in new[j1:j2])
        elif i1 == i2:
            blocks.extend(_whole(unit, "added") for unit in new[j1:j2])
        elif j1 == j2:
            blocks.extend(_whole(unit, "removed") for unit in old[i1:i2])
        else:
            pairs = list(zip(old[i1:i2], new[j1:j2]))
            blocks.extend(RedlineBlock(after.tag, word_diff(before.text, after.text), "changed", after.label, after.anchor) for before, after in pairs)
            blocks.extend(_whole(unit, "removed") for unit in old[i1 + len(pairs):i2])
            blocks.extend(_whole(unit, "added") for unit in new[j1 + len(pairs):j2])
    return blocks


def _whole(unit: _Unit, state: str) -> RedlineBlock:
    return RedlineBlock(unit.tag, (("insert" if state == "added" else "delete", unit.text),), state, unit.label, unit.anchor)
