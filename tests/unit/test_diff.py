"""Two versions are compared record by record, by id, never by position."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import edit

from notice.diff import Change, apply, diff, reordered, tree
from notice.load import load_snapshot
from notice.model import Notice


def load(directory: Path) -> Notice:
    return load_snapshot(directory, f"data/versions/{directory.name}", directory.parent)


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
