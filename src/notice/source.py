"""Reading YAML while keeping where each value came from, so that problems can name a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from notice.errors import DataError, Problem

Location = tuple[str | int, ...]

# PyYAML's own wording, turned into what the legal team should do instead.
_SYNTAX_HINTS = {
    "mapping values are not allowed here": "a text containing ': ' or ending with ':' to be in double quotes",
    "found character '\\t' that cannot start any token": "spaces for indentation (a tab was found)",
    "could not find expected ':'": "a 'key: value' line, or a text in matching quotes",
    "did not find expected key": "the same indentation as the keys above",
    "did not find expected '-' indicator": "list items starting with '- ' at the same indentation",
    "found unexpected end of stream": "a closing quote for the text that starts here",
    "expected <block end>, but found": "the same indentation as the lines above it",
    "found undefined alias": "no '*' at the start of a text (quote the text)",
}


@dataclass(frozen=True)
class Source:
    """One YAML file's data, and the line of every key and value in it."""

    file: str
    data: Any
    lines: dict[Location, int] = field(repr=False)

    def line(self, location: Location) -> int:
        """The line of the value at `location`, or of its nearest ancestor that exists."""
        for end in range(len(location), -1, -1):
            found = self.lines.get(location[:end])
            if found is not None:
                return found
        return 1


def read_source(path: Path, display: str) -> Source:
    """Parse one YAML file, reporting syntax errors and duplicate keys as `DataError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataError([Problem(display, None, "", "text encoded as UTF-8", f"invalid byte at {error.start}")])
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError:
        raise DataError([_syntax_problem(display, _pure_python_error(text))]) from None
    lines: dict[Location, int] = {}
    problems: list[Problem] = []
    data = _construct(node, (), lines, problems, display) if node is not None else None
    if problems:
        raise DataError(problems)
    return Source(display, data, lines)


def _pure_python_error(text: str) -> yaml.MarkedYAMLError:
    """PyYAML's own parser words syntax errors more helpfully than libyaml: read the faulty file again with it."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return error
    raise AssertionError("libyaml refused a text that PyYAML accepts")


def _syntax_problem(display: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    said = error.problem or error.context or "invalid YAML"
    return Problem(
        display,
        mark.line + 1 if mark else None,
        "",
        f"valid YAML: {_hint(said)}",
        f"'{said}'" + (f" at column {mark.column + 1}" if mark else ""),
    )


def _hint(said: str) -> str:
    return next((hint for start, hint in _SYNTAX_HINTS.items() if said.startswith(start)), "well-formed YAML")


def _construct(node: yaml.Node, location: Location, lines: dict[Location, int], problems: list[Problem], display: str) -> Any:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if not isinstance(key, (str, int)):
                problems.append(Problem(display, key_node.start_mark.line + 1, dotted(location), "a plain key", repr(key)))
                continue
            if key in mapping:
                problems.append(Problem(
                    display, key_node.start_mark.line + 1, dotted((*location, key)),
                    "each key once in a mapping", f"a second '{key}' (first on line {lines[(*location, key)]})",
                ))
                continue
            mapping[key] = _construct(value_node, (*location, key), lines, problems, display)
            lines[(*location, key)] = key_node.start_mark.line + 1  # a problem with a field names the line of its key
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*location, index), lines, problems, display) for index, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    construct = _SCALARS.yaml_constructors.get(node.tag, _SCALARS.yaml_constructors["tag:yaml.org,2002:str"])
    try:
        return construct(_SCALARS, node)
    except (yaml.constructor.ConstructorError, ValueError):
        return _SCALARS.construct_scalar(node)  # e.g. 2024-02-30: keep the text, the model says why it is wrong


_SCALARS = yaml.SafeLoader("")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML was built with it (it is on PyPI's wheels): the same nodes and marks, ten times faster."""


def dotted(location: Location) -> str:
    """Render a location as the legal team reads it: `purposes[2].retention`."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
