"""Every mistake the legal team can make in the YAML stops the build with one clear message and writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from support import FIRST_VERSION, build, edit, line_of


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    old: str
    new: str
    at: str
    """A fragment of the edited file on the line the message must name."""
    message: str
    """The message after `file:line: `."""
    offset: int = 0
    """Lines from the `at` fragment to the line named (for fragments that are not unique)."""


CASES = [
    Case(
        "yaml-syntax-unquoted-colon", "purposes.yml",
        'en: "As part of our standard business operations, we engage in the following activity:"',
        "en: As part of our standard business operations, we engage in the following activity: invoices",
        "en: As part of our standard business operations",
        "expected valid YAML: a text containing ': ' or ending with ':' to be in double quotes, "
        "got 'mapping values are not allowed here' at column 91",
    ),
    Case(
        "unknown-key", "purposes.yml",
        "    retention:\n      - period: up to 6 months", "    retension:\n      - period: up to 6 months",
        "    retension:",
        "purposes[4].retension: expected one of the fields id, title, introduction, activities, closing, data_categories, "
        "legal_bases, recipients, recipients_note, retention, got unknown field 'retension' (did you mean 'retention'?)",
    ),
    Case(
        "missing-field", "rights.yml", "    kind: objection\n", "", "  - id: objection",
        "rights[2].kind: expected the required field 'kind', got nothing",
    ),
    Case(
        "missing-translation", "vocabulary.yml", "      pl: Dostawca usług hostingowych\n", "", "      en: Hosting provider",
        "recipients[0].name.pl: expected the Polish text ('pl'): every text needs all of en, fr, pl, got nothing", offset=-1,
    ),
    Case(
        "wrong-type", "audiences.yml",
        "    sections: [leads, other-recipients", "    sections: leads\n    unused: [leads, other-recipients",
        "    sections: leads",
        "audiences[2].sections: expected a list (items starting with '- '), got \"leads\"",
    ),
    Case(
        "wrong-value", "purposes.yml", "period: up to 3 years", "period: forever", "period: forever",
        "purposes[1].retention[0].period: expected a duration like \"3 years\", \"up to 6 months\" or \"1 to 6 years\", got \"forever\"",
    ),
    Case(
        "dangling-reference", "purposes.yml",
        "data_categories: [customer-account, customer-payment]", "data_categories: [customer-account, customer-payments]",
        "customer-payments]",
        "purposes[4].data_categories[1]: expected the id of a data category defined in vocabulary.yml, "
        "got 'customer-payments' (did you mean 'customer-payment'?)",
    ),
    Case(
        "duplicate-id", "vocabulary.yml", "  - id: payment-providers", "  - id: billing-tools", "      en: Providers of payment solutions",
        "recipients[8].id: expected a unique id, got 'billing-tools' again (first on line 135)", offset=-2,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_mistake_stops_the_build_with_its_location(project: Path, case: Case) -> None:
    path = project / FIRST_VERSION / case.file
    edit(path, case.old, case.new)
    result = build(project)

    line = line_of(path, case.at) + case.offset
    assert result.returncode == 1
    assert f"{FIRST_VERSION}/{case.file}:{line}: {case.message}" in result.output, result.output
    assert "Traceback" not in result.output
    assert not result.site.exists(), "nothing may be written when the data is wrong"


def test_all_problems_are_reported_at_once(project: Path) -> None:
    edit(project / FIRST_VERSION / "purposes.yml", "period: up to 3 years", "period: forever")
    edit(project / FIRST_VERSION / "rights.yml", "    kind: objection\n", "")

    result = build(project)

    assert "2 problems to fix:" in result.output
    assert "purposes[1].retention[0].period" in result.output and "rights[2].kind" in result.output


def test_editing_a_published_version_is_refused(project: Path) -> None:
    edit(project / FIRST_VERSION / "rights.yml", "You have the right to move", "You have the right to move freely")

    result = build(project)

    assert result.returncode == 1
    assert (
        f"{FIRST_VERSION}/rights.yml: version 2024-02-01: was changed after publication: a published version is frozen; "
        "make the change in a new version (`notice amend`)"
    ) in result.output
    assert not result.site.exists()
