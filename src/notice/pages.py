"""Which pages exist at which URLs: the stable-URL contract of DESIGN.md, and links between pages."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from notice.model import LANGUAGES


@dataclass(frozen=True)
class PageSpec:
    """One page of the site: its kind, its language and the version it shows."""

    kind: str
    language: str
    version: str | None = None

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, per the stable-URL contract."""
        return language_root(self.language) + {
            "notice": "",
            "explorer": "personal-data/",
            "history": "versions/",
            "version": f"versions/{self.version}/",
            "changes": f"versions/{self.version}/changes/",
        }[self.kind]

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"

    @property
    def in_nav(self) -> bool:
        return self.kind in ("notice", "explorer", "history")


def language_root(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


def relative_url(target: str, here: str) -> str:
    """A link from the page at `here` to `target` (both site-relative, directories ending with "/")."""
    target_dir, _, anchor = target.partition("#")
    path = posixpath.relpath(target_dir or ".", here or ".")
    path = "./" if path == "." else (path + "/" if target_dir.endswith("/") or not target_dir else path)
    return path + (f"#{anchor}" if anchor else "")
