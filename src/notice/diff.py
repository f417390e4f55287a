"""What differs between two versions of the notice, as data.

A version is first turned into a tree in which every list of records with an `id` becomes a mapping keyed
by that id, so that records are matched by identity, never by position. `diff` then yields the changes,
and `apply` replays them: `apply(diff(a, b), tree(a)) == tree(b)`.

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
from typing import Any, Literal

from notice.model import Notice

Path = tuple[str, ...]
VERSION_FIELDS = ("effective", "status", "summary")
"""Fields that describe the version rather than the notice: never part of what changed."""


@dataclass(frozen=True)
class Change:
    """One difference: a value added, removed or changed at `path`, or the order of a keyed mapping."""

    kind: Literal["add", "remove", "change", "order"]
    path: Path
    old: Any
    new: Any


def tree(notice: Notice) -> dict[str, Any]:
    """The notice as nested mappings, lists of records keyed by id, without the version's own fields."""
    data = notice.model_dump(mode="json", exclude=set(VERSION_FIELDS))
    return _keyed(data)


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


def _same(old: Any, new: Any) -> bool:
    """Equality that, unlike `==` on dicts, also compares the order of keys (the order of records)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return list(old) == list(new) and all(_same(old[key], new[key]) for key in old)
    return bool(old == new)


def _at(data: dict[str, Any], path: Path) -> dict[str, Any]:
    for key in path:
        data = data[key]
    return data


def _keyed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _keyed(item) for key, item in value.items()}
    if isinstance(value, list) and value and all(isinstance(item, dict) and "id" in item for item in value):
        return {str(item["id"]): _keyed(item) for item in value}
    if isinstance(value, list):
        return [_keyed(item) for item in value]
    return value
