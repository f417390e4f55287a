"""The errors a user of the notice tooling can meet, each rendered once with its location."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the data, where it is and what was expected there."""

    file: str
    line: int | None
    path: str
    expected: str
    got: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        got = f", got {self.got}" if self.got else ""
        return f"{where}:{field} expected {self.expected}{got}"


class NoticeError(Exception):
    """Base of every error the notice tooling reports to a person."""


class DataError(NoticeError):
    """The data or the catalogs break a rule; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(sorted(set(problems), key=_problem_order))
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = "1 problem to fix:" if count == 1 else f"{count} problems to fix:"
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])


class LockError(NoticeError):
    """A published snapshot no longer matches the content hash recorded when it was published."""

    def __init__(self, version: str, file: str, message: str) -> None:
        self.version, self.file, self.message = version, file, message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.file}: version {self.version}: {self.message}"


class UsageError(NoticeError):
    """A command was asked to do something that cannot be done as asked."""


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.file, problem.line or 0, problem.path)


def suggest(word: str, known: Iterable[str]) -> str:
    """A word as a person wrote it, with the closest known one: "'retension' (did you mean 'retention'?)"."""
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"'{word}'" + (f" (did you mean '{close[0]}'?)" if close else "")
