"""The notice's languages are configuration: adding German is a line in mkdocs.yml plus the translations.

Published versions keep the languages they were published in; a draft needs every configured language, and
`notice check` names each text still missing, by file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from support import build, edit, notice

NEW = "2027-03-01"
DRAFT = f"data/versions/{NEW}"


def with_german(project: Path) -> None:
    edit(project / "mkdocs.yml", "      pl: pl_PL\n", "      pl: pl_PL\n      de: de_DE\n")


def texts(value: Any) -> int:
    """How many texts (mappings of languages) `value` holds."""
    if isinstance(value, dict) and "en" in value and isinstance(value["en"], str):
        return 1
    if isinstance(value, dict):
        return sum(texts(item) for item in value.values())
    if isinstance(value, list):
        return sum(texts(item) for item in value)
    return 0


def translate(value: Any) -> Any:
    """Every text of `value` with a German translation (this test's stand-in for the translators' work)."""
    if isinstance(value, dict) and "en" in value and isinstance(value["en"], str):
        return {**value, "de": f"[de] {value['en']}"}
    if isinstance(value, dict):
        return {key: translate(item) for key, item in value.items()}
    if isinstance(value, list):
        return [translate(item) for item in value]
    return value


def german_catalog(project: Path) -> None:
    """A German catalog that translates every message (its translations marked, placeholders kept)."""
    with (project / "locales/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="de_DE")
    for message in catalog:
        if message.id:
            message.string = tuple(f"[de] {text}" for text in message.id) if isinstance(message.id, tuple) else f"[de] {message.id}"
    target = project / "locales/de/LC_MESSAGES/messages.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_po(handle, catalog)


@pytest.fixture
def german_draft(project: Path) -> Path:
    with_german(project)
    assert notice(project, "amend", NEW).returncode == 0
    return project


def test_a_draft_needs_every_configured_language_and_check_names_each_missing_text(german_draft: Path) -> None:
    draft = german_draft / DRAFT
    expected = {name: texts(yaml.safe_load((draft / name).read_text(encoding="utf-8"))) for name in
                ("audiences.yml", "cookies.yml", "notice.yml", "purposes.yml", "rights.yml", "vocabulary.yml")}

    result = notice(german_draft, "check", "--format", "json")

    problems = [problem for problem in yaml.safe_load(result.stdout)["problems"] if "German" in problem["expected"]]
    assert result.returncode == 1
    for problem in problems:
        assert problem["file"].startswith(f"{DRAFT}/") or problem["file"] == "locales/de/LC_MESSAGES/messages.po"
        assert problem["expected"] in ("the German text ('de'): every text needs all of en, fr, pl, de", "the German catalog")
        assert problem["got"] in ("nothing", "no such file (see the README's translator round trip)")
        assert problem["line"] or problem["file"].endswith(".po")
        assert re.fullmatch(r"[\w\[\].-]+\.de", problem["path"]) or problem["file"].endswith(".po")
    counted = {name: sum(problem["file"] == f"{DRAFT}/{name}" for problem in problems) for name in expected}
    assert counted == expected, "every German text the draft lacks, and only those: the published version is not asked for German"


def test_with_its_translations_german_is_published_beside_the_other_languages(german_draft: Path) -> None:
    draft = german_draft / DRAFT
    for path in draft.glob("*.yml"):
        header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if line.startswith("#"))
        data = translate(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.name == "version.yml":
            data["summary"] = {code: f"Summary ({code})." for code in ("en", "fr", "pl", "de")}
        path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    german_catalog(german_draft)
    edit(draft / "purposes.yml", "Our speciallists conduct", "Our specialists conduct")

    published = notice(german_draft, "publish", "--translations-reviewed")
    result = build(german_draft, env={"NOTICE_TODAY": NEW})

    assert published.returncode == 0, published.stderr
    assert result.returncode == 0, result.output
    site = result.site
    german = (site / "de/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in german and "[de] PRIVACY POLICY" in german
    assert (site / f"de/versions/{NEW}/changes/index.html").exists() and (site / "de/feed.xml").exists()
    assert not (site / "de/versions/2024-02-01").exists(), "a version published before German keeps its own languages"
    old = (site / "versions/2024-02-01/index.html").read_text(encoding="utf-8")
    assert re.findall(r'hreflang="(\w+)" lang="\w+" class="md-select__link"', old) == ["en", "fr", "pl"]
    assert re.findall(r'hreflang="(\w+)" lang="\w+" class="md-select__link"', german) == ["en", "fr", "pl", "de"]
    assert yaml.safe_load((german_draft / "data/notice.lock").read_text(encoding="utf-8"))[NEW]["languages"] == ["en", "fr", "pl", "de"]
