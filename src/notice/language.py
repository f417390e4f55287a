"""The notice's languages: declared once in the settings, with the Babel locale each is formatted with.

The first language is the source: its text is the legal record the others translate. Adding a language is
configuration plus translations; nothing in the code names one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from babel import Locale


@dataclass(frozen=True)
class Language:
    """One language of the notice: its code in the data and in URLs, and the Babel locale that formats it."""

    code: str
    locale: str
    """Babel's locale, e.g. en_GB for British dates ("1 February 2024")."""

    @cached_property
    def english_name(self) -> str:
        """Its name in English, for messages to the legal team ("Polish")."""
        return str(Locale.parse(self.code).get_display_name("en"))

    @cached_property
    def native_name(self) -> str:
        """Its name in itself, for the language switcher ("Polski")."""
        name = str(Locale.parse(self.code).get_display_name(self.code))
        return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class Languages:
    """The notice's languages in order, the source language first."""

    items: tuple[Language, ...]

    @classmethod
    def from_mapping(cls, locales: Mapping[str, str]) -> Languages:
        """From the settings' mapping of language codes to Babel locales."""
        return cls(tuple(Language(code, locale) for code, locale in locales.items()))

    @property
    def source(self) -> Language:
        return self.items[0]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.items)

    def __iter__(self) -> Iterator[Language]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> Language:
        for language in self.items:
            if language.code == code:
                return language
        raise KeyError(code)

    def only(self, codes: tuple[str, ...]) -> Languages:
        """These languages, in their own order, restricted to `codes` (a published version's)."""
        return Languages(tuple(language for language in self.items if language.code in codes))
