"""The full text of a new version with its word-level insertions and deletions against the old one."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def redline(old_view: FormattedNotice, new_view: FormattedNotice) -> tuple[RedlineBlock, ...]:
    """The new text with word-level insertions and deletions against the old, section by section."""
    old_sections = {section.id: _units(section) for section in old_view.sections}
    new_ids = {section.id for section in new_view.sections}
    old_order = [section.id for section in old_view.sections]
    blocks: list[RedlineBlock] = _compare([("h3", old_view.title), ("p", old_view.subtitle)], [("h3", new_view.title), ("p", new_view.subtitle)])
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


def _units(section: SectionView) -> list[tuple[str, str]]:
    """A section's text as (tag, text) units: headings, paragraphs and list items, in reading order."""
    units = [("h3", section.heading)]
    for block in section.blocks:
        if block.prose is not None:
            units.extend(_paragraphs(block.prose))
        for purpose in block.purposes:
            units.extend(_purpose_units(purpose))
        for item in block.items:
            units.append(("p", _one(item.body)))
        if block.controller is not None:
            units.extend(("p", text) for text in block.controller.lines)
    return units


def _purpose_units(purpose: PurposeView) -> list[tuple[str, str]]:
    units = [("h4", purpose.title)]
    units.extend(_paragraphs(purpose.introduction))
    for activity in purpose.activities:
        units.extend(_paragraphs(activity.body))
        for step in activity.steps:
            units.append(("p", _one(step.body)))
    if purpose.closing:
        units.extend(_paragraphs(purpose.closing))
    units.append(("p", "; ".join(purpose.data_categories)))
    for basis in purpose.legal_bases:
        units.append(("p", "; ".join(basis.labels) + ": " + _one(basis.text)))
    units.append(("p", "; ".join((*purpose.recipients, *((purpose.recipients_note,) if purpose.recipients_note else ())))))
    for rule in purpose.retention:
        units.append(("p", rule.rule.text + ": " + _one(rule.text)))
    return units


def _paragraphs(text: Formatted) -> list[tuple[str, str]]:
    return [("p", block) for block in text.blocks]


def _one(text: Formatted) -> str:
    """A text shown as one unit, its paragraphs on lines of their own."""
    return "\n".join(text.blocks)


def _compare(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[RedlineBlock]:
    blocks: list[RedlineBlock] = []
    for operation, i1, i2, j1, j2 in opcodes([text for _, text in old], [text for _, text in new]):
        if operation == "equal":
            blocks.extend(RedlineBlock(tag, (("equal", text),), "same") for tag, text in new[j1:j2])
        elif i1 == i2:
            blocks.extend(_whole(unit, "added") for unit in new[j1:j2])
        elif j1 == j2:
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
