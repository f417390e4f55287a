"""Two versions are compared record by record, by id, never by position."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import edit, load_version

from notice.diff import Change, apply, diff, reordered, tree
from notice.model import Notice


load = load_version


def test_a_version_does_not_differ_from_itself(published: Notice) -> None:
    assert diff(published, published) == ()


def test_records_are_keyed_by_id(published: Notice) -> None:
    keyed = tree(published)
    assert list(keyed["purposes"])[:2] == ["customer-satisfaction", "customer-support"]
    assert keyed["purposes"]["invoicing"]["title"]["fr"] == "Facturation"


def test_a_changed_text_is_one_change_at_its_path(published: Notice, draft: Path) -> None:
    edit(draft / "purposes.yml", "en: Invoicing\n", "en: Invoicing and billing\n")

    assert diff(published, load(draft)) == (
        Change("change", ("purposes", "invoicing", "title", "en"), "Invoicing", "Invoicing and billing"),
    )


def test_moving_a_record_is_an_order_change_not_a_removal(published: Notice, draft: Path) -> None:
    head, *records = (draft / "rights.yml").read_text(encoding="utf-8").split("  - id: ")
    records[0], records[1] = records[1], records[0]
    (draft / "rights.yml").write_text("  - id: ".join([head, *records]), encoding="utf-8")

    changes = diff(published, load(draft))

    assert [change.kind for change in changes] == ["order"]
    assert reordered(changes[0]) and changes[0].path == ("rights",)
    assert changes[0].new[:2] == ["rectification", "access"]


@pytest.mark.parametrize("edits", [
    [("purposes.yml", "data_categories: [customer-account, call-sms-metadata]", "data_categories: [customer-account]")],
    [("vocabulary.yml", "  - id: crm-partners\n", "  - id: crm-partners-old\n"),
     ("purposes.yml", "recipients: [email-automation, crm-partners]", "recipients: [email-automation, crm-partners-old]")],
    [("controllers.yml", "email: info@sipsim.com", "email: privacy@sipsim.com"), ("rights.yml", "    kind: objection\n", "    kind: objection\n")],
], ids=["list-of-ids", "renamed-record", "scalar"])
def test_applying_the_changes_gives_the_new_version(published: Notice, draft: Path, edits: list[tuple[str, str, str]]) -> None:
    for file, old, new in edits:
        edit(draft / file, old, new)
    amended = load(draft)

    assert apply(diff(published, amended), tree(published)) == tree(amended)
    assert list(apply(diff(published, amended), tree(published))["recipients"]) == list(tree(amended)["recipients"])


@pytest.mark.parametrize(("file", "old", "new", "path"), [
    ("purposes.yml", "These\n            interests include the ability to bill", "These\n            interests include the ability to invoice",
     ("purposes", "invoicing", "legal_bases", "legitimate-interests", "text", "en")),
    ("purposes.yml", "period: up to 3 months", "period: up to 4 months", ("purposes", "invoicing", "retention", "after-services-completed", "period")),
    ("notice.yml", "All revised terms will automatically take effect", "All revised terms will take effect",
     ("sections", "amendments", "body", "text", "prose", "en")),
    ("cookies.yml", "lifetime: 6 months", "lifetime: 12 months", ("cookie_categories", "necessary", "cookies", "notice_consent", "lifetime")),
], ids=["legal-basis", "retention", "prose-block", "cookie"])
def test_every_listed_record_is_reached_by_its_key(published: Notice, draft: Path, file: str, old: str, new: str, path: tuple[str, ...]) -> None:
    """Legal bases and retention rules by id, a section's blocks by id or kind, cookies by name: a change is a path of keys."""
    edit(draft / file, old, new)

    assert [change.path for change in diff(published, load(draft))] == [path]


def test_a_first_record_in_an_empty_list_is_an_addition(published: Notice, draft: Path) -> None:
    edit(draft / "cookies.yml", "  - id: marketing\n", "    cookies:\n      - name: _pk_id\n        provider: Matomo\n        purpose:\n"
         "          en: Counts visits.\n          fr: Compte les visites.\n          pl: Liczy wizyty.\n        lifetime: 13 months\n  - id: marketing\n")

    changes = diff(published, load(draft))

    assert [(change.kind, change.path) for change in changes if change.kind != "order"] == [
        ("add", ("cookie_categories", "statistics", "cookies", "_pk_id"))]
    assert not any(reordered(change) for change in changes), "an addition, not a move"
