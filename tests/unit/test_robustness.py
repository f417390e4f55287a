"""Any file, however broken, either loads or gives problems that name their file (and, for its content, the line):
never an exception, never a hang, and a command that fails writes nothing. Hypothesis mutates the real data."""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIRST_VERSION, LANGUAGES, ROOT, copy_project

from notice.cli import main
from notice.errors import DataError
from notice.load import load_snapshot
from notice.model import SNAPSHOT_FILES
from notice.source import forbidden_character

TRICKY = ["*a", "&a x", "[", "{", "}", "- ", ": ", "yes", "null", "~", "'", '"', '"\\e[2J"', '"\\x00"', '"\\u202e"', "!!python/object:os.system",
          "<<: *x", "\t", "\x00", "\x1b", "é", "\ufeff", "2024-02-30", "1e400", "|", ">", "%YAML 1.1", "---", "...", "#", "<script>",
          "[x](javascript:y)", "id: for-lead", "id: Bad Id", "en:", "  ", "\r\n", "\u2028"]
FILE_LEVEL = ("text encoded as UTF-8", "this file in every version", "a data file of at most", "a readable file", "only the files")
"""Problems about a whole file, which have no line to name."""


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """`text` after one to three edits a hurried person, an editor or an attacker could make."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        content_lines = [number for number, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")] or [0]
        index = draw(st.sampled_from(content_lines))
        operation = draw(st.sampled_from(["delete", "duplicate", "insert", "replace-value", "replace-value", "replace-value", "indent", "truncate"]))
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "insert":
            column = draw(st.integers(0, len(lines[index])))
            token = draw(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8)))
            lines[index] = lines[index][:column] + token + lines[index][column:]
        elif operation == "replace-value" and ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(TRICKY))}"
        elif operation == "indent":
            lines[index] = draw(st.sampled_from(["  ", " ", "\t"])) + lines[index] if draw(st.booleans()) else lines[index].lstrip()
        elif operation == "truncate":
            lines = lines[:index]
        if not lines:
            lines = [""]
    content = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        content = draw(st.sampled_from([content.decode("utf-8", "replace").encode("utf-16"), b"\xff\xfe" + content, content[:1] + b"\xc3(" + content[1:]]))
    return content


@pytest.fixture(scope="module")
def version() -> Iterator[Path]:
    """A private copy of the first version; each example restores the file it broke."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "2024-02-01"
        shutil.copytree(ROOT / FIRST_VERSION, target)
        yield target


ORIGINALS = {name: (ROOT / FIRST_VERSION / name).read_text(encoding="utf-8") for name in SNAPSHOT_FILES}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_any_broken_data_file_loads_or_names_its_problems(version: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(SNAPSHOT_FILES)), label="file")
    (version / name).write_bytes(data.draw(mutated(ORIGINALS[name]), label="content"))
    try:
        load_snapshot(version, FIRST_VERSION, version.parent, LANGUAGES.codes)
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.startswith(FIRST_VERSION + "/"), problem
            assert problem.line is not None or problem.expected.startswith(FILE_LEVEL), problem
    finally:
        (version / name).write_text(ORIGINALS[name], encoding="utf-8")


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield copy_project(Path(folder) / "project")


def tree(root: Path) -> dict[str, bytes | None]:
    return {path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else None) for path in sorted((root / "data").rglob("*"))}


@settings(max_examples=max(10, settings().max_examples // 10),  # a command is ten times slower than loading one version
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_the_commands_on_broken_data_report_and_write_nothing(project: Path, data: st.DataObject) -> None:
    """`notice check` reports (exit 0 or 1), and `notice amend` either makes a whole draft or writes nothing."""
    name = data.draw(st.sampled_from(sorted(SNAPSHOT_FILES)), label="file")
    path = project / FIRST_VERSION / name
    path.write_bytes(data.draw(mutated(ORIGINALS[name]), label="content"))
    runner = CliRunner()
    try:
        checked = runner.invoke(main, ["--root", str(project), "check"], env={"NOTICE_TODAY": "2026-11-30"})
        assert checked.exit_code in (0, 1), checked.output
        assert checked.exception is None or isinstance(checked.exception, SystemExit), checked.output
        before = tree(project)
        amended = runner.invoke(main, ["--root", str(project), "amend", "2027-03-01"], env={"NOTICE_TODAY": "2026-11-30"})
        assert amended.exit_code in (0, 1, 2), amended.output
        assert amended.exception is None or isinstance(amended.exception, SystemExit), amended.output
        if amended.exit_code != 0:
            assert tree(project) == before, "a failed amend writes nothing"
    finally:
        path.write_text(ORIGINALS[name], encoding="utf-8")
        shutil.rmtree(project / "data/versions/2027-03-01", ignore_errors=True)


EDGES = "\t\n\r\x00\x1f\x20\x7e\x7f\x9f\xa0\u2027\u2028\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a\ud800\udfff\ufffd\ufffe\uffff"


@given(st.text(alphabet=st.one_of(st.characters(exclude_categories=()), st.sampled_from(EDGES)), max_size=40))
def test_a_text_is_refused_exactly_for_its_first_character_that_has_no_place_in_a_notice(text: str) -> None:
    """Controls (but tab and newline), the C1 block, lone surrogates, line/paragraph separators, noncharacters and
    bidirectional controls; anything else, however exotic, is text."""
    def refused(character: str) -> bool:
        code = ord(character)
        return ((code < 0x20 and character not in "\t\n") or 0x7F <= code <= 0x9F or unicodedata.category(character) == "Cs"
                or code in (0x2028, 0x2029, 0xFFFE, 0xFFFF) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069)
    first = next((character for character in text if refused(character)), None)
    found = forbidden_character(text)
    assert (found is None) == (first is None)
    if first is not None:
        assert found is not None and f"U+{ord(first):04X}" in found
