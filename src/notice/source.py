"""Reading YAML while keeping where each value came from, so that problems can name a line.

Data files come from people and from editors, sometimes broken, sometimes hostile: every way a file can be
unreadable (size, encoding, control characters, syntax, aliases, nesting) becomes a `Problem` with its
place, never an exception from PyYAML and never a hang.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from notice.errors import DataError, Problem

Location = tuple[str | int, ...]

MAX_BYTES = 2_000_000
"""The largest data file read: the whole 2024 notice is under 150 kB."""
MAX_DEPTH = 40
"""The deepest nesting of mappings and lists a data file may have: the model needs about ten levels."""

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
    "exceeded maximum nesting depth": f"no more than {MAX_DEPTH} levels of nesting",
    "found invalid Unicode character escape code": "a valid \\u escape, or the character itself",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)

_INVISIBLE = {0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR", 0xFFFE: "a noncharacter", 0xFFFF: "a noncharacter",
              **{code: "a bidirectional control" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}}
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(map(chr, _INVISIBLE)) + "]")
"""Every character `forbidden_character` describes: one regular expression, as every text of every version is checked."""


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
    """Parse one YAML file, reporting every reason it cannot be read as a `DataError` naming `display`."""
    return parse_text(read_text(path, display), display)


def parse_text(text: str, display: str) -> Source:
    """Parse YAML text read from `display`."""
    node = _compose(text, display)
    lines: dict[Location, int] = {}
    problems: list[Problem] = []
    data = _Builder(display, text, lines, problems).construct(node, ()) if node is not None else None
    if problems:
        raise DataError(problems)
    return Source(display, data, lines)


def read_part(path: Path, display: str, keys: tuple[str, ...]) -> Source:
    """Parse a file that is another program's, building only the value at `keys` (and the mappings on the way to it).

    The rest is never read here, so it may use what data files may not: the other program's settings may have
    aliases, or tags such as `!ENV`. The value at `keys` is read as strictly as a data file.
    """
    text = read_text(path, display)
    node = _compose(text, display)
    lines: dict[Location, int] = {}
    problems: list[Problem] = []
    builder = _Builder(display, text, lines, problems)
    data = _part(builder, node, keys, ()) if node is not None else None
    if problems:
        raise DataError(problems)
    return Source(display, data, lines)


def _part(builder: _Builder, node: yaml.Node, keys: tuple[str, ...], location: Location) -> Any:
    if not keys or not isinstance(node, yaml.MappingNode):
        return builder.construct(node, location)  # the value wanted, or something else where a mapping should be
    builder.lines[location] = node.start_mark.line + 1
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == keys[0]:
            builder.lines[(*location, keys[0])] = key_node.start_mark.line + 1
            return {keys[0]: _part(builder, value_node, keys[1:], (*location, keys[0]))}
    return {}


def _compose(text: str, display: str) -> yaml.Node | None:
    """The document's nodes, not yet turned into data (an alias is still one shared node)."""
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(display, _pure_python_error(text) or error)]) from None
    except yaml.reader.ReaderError:
        raise DataError([_character_problem(display, text)]) from None


def read_text(path: Path, display: str) -> str:
    """A data file's text: at most `MAX_BYTES`, UTF-8 (a UTF-8 byte order mark is dropped), named by `display` when it is not."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError([Problem(display, None, "", f"a data file of at most {MAX_BYTES // 1_000_000} MB", f"{size:,} bytes")])
        raw = path.read_bytes()
    except OSError as error:
        raise DataError([Problem(display, None, "", "a readable file", error.strerror or str(error))]) from None
    return decoded(raw, display)


def decoded(raw: bytes, display: str) -> str:
    """A text file's bytes as UTF-8 text (a UTF-8 byte order mark dropped); any other encoding is a `DataError`
    naming the encoding, or the line and column of the first byte that is not UTF-8."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise DataError([Problem(display, None, "", "text encoded as UTF-8", f"a file encoded as {encoding} (save it as UTF-8)")])
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError([Problem(display, line, "", "text encoded as UTF-8",
                                 f"the byte 0x{raw[error.start]:02x} at column {column}, which is not UTF-8 (save the file as UTF-8)")]) from None


def forbidden_character(text: str) -> str | None:
    """The first character of `text` that has no place in a notice (control, bidirectional override, …), described."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    code = ord(match.group())
    if code in _INVISIBLE:
        return f"U+{code:04X} ({_INVISIBLE[code]})"
    if 0xD800 <= code <= 0xDFFF:
        return f"the lone surrogate U+{code:04X}"
    return f"the control character U+{code:04X}"


def _character_problem(display: str, text: str) -> Problem:
    """Where the first character YAML refuses is (libyaml counts in bytes, so the place is found again here)."""
    match = _UNPRINTABLE.search(text)
    if match is None:
        return Problem(display, None, "", "text without control characters", "one")
    position = match.start()
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    said = forbidden_character(match.group()) or f"U+{ord(match.group()):04X}"
    return Problem(display, line, "", "text without control characters", f"{said} at column {column}")


_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML 1.1 does not allow in a stream (its printable set, inverted)."""


def _pure_python_error(text: str) -> yaml.MarkedYAMLError | None:
    """PyYAML's own parser words syntax errors more helpfully than libyaml: read the faulty file again with it."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return error
    except (yaml.YAMLError, RecursionError):
        return None  # a nesting too deep for the pure-Python parser: libyaml's wording will do
    return None


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


class _Builder:
    """Turns composed nodes into plain data, recording lines and refusing what data files never need."""

    def __init__(self, display: str, text: str, lines: dict[Location, int], problems: list[Problem]) -> None:
        self.display, self.text, self.lines, self.problems = display, text, lines, problems
        self.seen: set[int] = set()
        self.start = 0
        """Where in the text the first node built starts: an alias before it is not one this builder met."""

    def construct(self, node: yaml.Node, location: Location) -> Any:
        if not self.seen:
            self.start = node.start_mark.index
        self.lines[location] = node.start_mark.line + 1
        if id(node) in self.seen:
            # an alias: the same node again. Expanding aliases is how "billion laughs" files hang a reader.
            raise DataError([self._alias_problem()])
        self.seen.add(id(node))
        if len(location) > MAX_DEPTH:
            raise DataError([Problem(self.display, node.start_mark.line + 1, dotted(location[:MAX_DEPTH]),
                                     f"no more than {MAX_DEPTH} levels of nesting", "deeper nesting")])
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            return [self.construct(item, (*location, index)) for index, item in enumerate(node.value)]
        return self._text(_scalar(node), node, location)

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.display, key_node.start_mark.line + 1, dotted(location), "a plain key", "a list or mapping"))
                continue
            key = self._text(str(key_node.value), key_node, location)  # keys are names: `yes:` is the key "yes", not true
            if key in mapping:
                self.problems.append(Problem(
                    self.display, key_node.start_mark.line + 1, dotted((*location, key)),
                    "each key once in a mapping", f"a second '{key}' (first on line {self.lines[(*location, key)]})",
                ))
                continue
            mapping[key] = self.construct(value_node, (*location, key))
            self.lines[(*location, key)] = key_node.start_mark.line + 1  # a problem with a field names the line of its key
        return mapping

    def _text(self, value: Any, node: yaml.Node, location: Location) -> Any:
        if isinstance(value, str):
            found = forbidden_character(value)
            if found:
                self.problems.append(Problem(self.display, node.start_mark.line + 1, dotted(location),
                                             "text without control characters", f"{found} (written as an escape or pasted)"))
        return value

    def _alias_problem(self) -> Problem:
        for event in yaml.parse(self.text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None and event.start_mark.index >= self.start:
                mark = event.start_mark
                return Problem(self.display, mark.line + 1, "", "no YAML aliases ('*name'): write the value out in full",
                               f"the alias '*{event.anchor}' at column {mark.column + 1}")
        return Problem(self.display, None, "", "no YAML aliases ('*name'): write the value out in full", "an alias")


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return None
    construct: Any = _SCALARS.yaml_constructors.get(node.tag, _SCALARS.yaml_constructors["tag:yaml.org,2002:str"])
    try:
        return construct(_SCALARS, node)
    except (yaml.constructor.ConstructorError, ValueError, OverflowError):
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


def is_hidden(path: Path) -> bool:
    """Editors' and systems' own files (`.DS_Store`, `.#notice.yml`, `.notice.yml.swp`): never data, always ignored."""
    return path.name.startswith(".")


def escapes(path: Path, root: Path) -> bool:
    """Whether `path` is a symbolic link that leads outside `root`, or nowhere."""
    if not path.is_symlink():
        return False
    target = Path(os.path.realpath(path))
    return not target.exists() or not target.is_relative_to(os.path.realpath(root))
