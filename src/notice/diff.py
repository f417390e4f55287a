"""What differs between two versions of the notice, as data.

A version is first turned into a tree in which every list of records becomes a mapping keyed by each record's
key (its id, or a natural key such as a cookie's name), so that records are matched by identity, never by
position, and a change is a path of keys. `diff` then yields the changes, and `apply` replays them:
`apply(diff(a, b), tree(a)) == tree(b)`.

>>> changes = diff_trees({"a": 1, "b": {"x": 1}}, {"a": 2, "b": {"x": 1, "y": 3}})
>>> changes[:2]
(Change(kind='change', path=('a',), old=1, new=2), Change(kind='add', path=('b', 'y'), old=None, new=3))
>>> changes[2]
Change(kind='order', path=('b',), old=['x'], new=['x', 'y'])
>>> apply(changes, {"a": 1, "b": {"x": 1}})
{'a': 2, 'b': {'x': 1, 'y': 3}}
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, get_args, get_origin

from notice.model import Notice, Period, Record, Text

Path = tuple[str, ...]
VERSION_FIELDS = ("effective", "status", "summary", "overrides")
"""Fields that describe the version rather than the notice: never part of what changed."""


@dataclass(frozen=True)
class Change:
    """One difference: a value added, removed or changed at `path`, or the order of a keyed mapping."""

    kind: Literal["add", "remove", "change", "order"]
    path: Path
    old: Any
    new: Any


def tree(notice: Notice) -> dict[str, Any]:
    """The notice as nested mappings, lists of records keyed by their keys, without the version's own fields."""
    return {name: _keyed(getattr(notice, name)) if _lists_records(field.annotation) else _tree(getattr(notice, name))
            for name, field in type(notice).model_fields.items() if name not in VERSION_FIELDS}


def diff(old: Notice, new: Notice) -> tuple[Change, ...]:
    """The changes that turn `old` into `new`."""
    return diff_trees(tree(old), tree(new))


def diff_trees(old: Any, new: Any, path: Path = ()) -> tuple[Change, ...]:
    if _same(old, new):
        return ()
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return (Change("change", path, old, new),)
    changes: list[Change] = [Change("remove", (*path, key), old[key], None) for key in old if key not in new]
    for key in new:
        if key not in old:
            changes.append(Change("add", (*path, key), None, new[key]))
        else:
            changes.extend(diff_trees(old[key], new[key], (*path, key)))
    if list(old) != list(new):
        changes.append(Change("order", path, list(old), list(new)))
    return tuple(changes)


def match(pattern: tuple[str, ...], path: tuple[Any, ...]) -> tuple[str, ...] | None:
    """The keys `pattern` captures in `path` with its "*", or None if it does not match.

    >>> match(("purposes", "*", "retention", "**"), ("purposes", "invoicing", "retention", "after-request", "period"))
    ('invoicing',)
    >>> match(("purposes", "*"), ("purposes", "invoicing", "title")) is None
    True
    """
    captured: list[str] = []
    for index, token in enumerate(pattern):
        if token == "**":
            return tuple(captured) if len(path) > index else None
        if index >= len(path) or (token != "*" and token != path[index]):
            return None
        if token == "*":
            captured.append(str(path[index]))
    return tuple(captured) if len(path) == len(pattern) else None


def reordered(change: Change) -> bool:
    """Whether an order change moves records that both versions have (not only adds or removes some)."""
    return change.kind == "order" and [k for k in change.old if k in change.new] != [k for k in change.new if k in change.old]


def apply(changes: tuple[Change, ...], base: dict[str, Any]) -> dict[str, Any]:
    """Replay `changes` on a copy of `base`."""
    result = copy.deepcopy(base)
    for change in changes:
        if change.kind == "order":
            mapping = _at(result, change.path)
            items = {key: mapping[key] for key in change.new}
            mapping.clear()
            mapping.update(items)
            continue
        parent = _at(result, change.path[:-1])
        if change.kind == "remove":
            del parent[change.path[-1]]
        else:
            parent[change.path[-1]] = copy.deepcopy(change.new)
    return result


def _keyed(records: tuple[Record, ...]) -> dict[str, Any]:
    """A list of records as a mapping by key (empty or not: a first record added is an addition, not a change)."""
    return {str(record.key): _tree(record) for record in records}


def _lists_records(annotation: Any) -> bool:
    """Whether a field holds a list of records (`tuple[Purpose, ...]`)."""
    return get_origin(annotation) is tuple and any(isinstance(argument, type) and issubclass(argument, Record) for argument in get_args(annotation))


def _same(old: Any, new: Any) -> bool:
    """Equality that, unlike `==` on dicts, also compares the order of keys (the order of records)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return list(old) == list(new) and all(_same(old[key], new[key]) for key in old)
    return bool(old == new)


def _at(data: dict[str, Any], path: Path) -> dict[str, Any]:
    for key in path:
        data = data[key]
    return data


def _tree(value: Any) -> Any:
    if isinstance(value, Text):
        return dict(value.root)
    if isinstance(value, Record):
        return {name: _keyed(getattr(value, name)) if _lists_records(field.annotation) else _tree(getattr(value, name))
                for name, field in type(value).model_fields.items()}
    if isinstance(value, tuple):
        return [_tree(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Period):
        return str(value)
    return value
