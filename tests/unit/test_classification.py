"""Every change is classified from the structured diff, by rules that follow the GDPR transparency guidance:
each rule has an amendment here that it must classify, and one it must not."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from support import ROOT, edit, load_version

from notice.classification import RULES, classify, highest, unused_overrides
from notice.model import ChangeClass, Notice

MATERIAL, LESS, EDITORIAL = ChangeClass.material, ChangeClass.less_processing, ChangeClass.editorial
Step = Callable[[Path], None]

NEW_PURPOSE = """  - id: product-research
    title:
      en: Product Research
      fr: Recherche sur les produits
      pl: Badania produktów
    introduction:
      en: We interview contacts about new features.
      fr: Nous interrogeons des contacts sur de nouvelles fonctionnalités.
      pl: Przeprowadzamy wywiady z kontaktami na temat nowych funkcji.
    data_categories: [contact-details]
    legal_bases:
      - id: consent
        kinds: [consent]
        text:
          en: Your consent.
          fr: Votre consentement.
          pl: Państwa zgoda.
    recipients: [personnel]
    retention:
      - id: after-consent-given
        period: 1 year
        after: consent_given
        text:
          en: One year after consent.
          fr: Un an après le consentement.
          pl: Rok od wyrażenia zgody.
"""
TRANSFER = """  - id: to-us
    destination:
      en: The United States
      fr: Les États-Unis
      pl: Stany Zjednoczone
    recipients: [hosting]
    safeguards: [standard_contractual_clauses]
"""
COOKIE = """      - name: {name}
        provider: Example Analytics
        purpose:
          en: Measures visits.
          fr: Mesure les visites.
          pl: Mierzy wizyty.
        lifetime: 13 months
"""
RIGHT_ERASURE = """  - id: erasure
    kind: erasure
"""


def replace(file: str, old: str, new: str) -> Step:
    return lambda draft: edit(draft / file, old, new)


def add_cookie(category: str, name: str) -> Step:
    def step(draft: Path) -> None:
        text = (draft / "cookies.yml").read_text(encoding="utf-8")
        start = text.index(f"  - id: {category}\n")
        end = text.find("\n  - id: ", start + 1)
        end = len(text) if end == -1 else end + 1
        block = text[start:end]
        cookies = block if "    cookies:\n" in block else block.rstrip("\n") + "\n    cookies:\n"
        cookies = cookies.rstrip("\n") + "\n" + COOKIE.format(name=name)
        (draft / "cookies.yml").write_text(text[:start] + cookies + text[end:], encoding="utf-8")
    return step


def remove_right(draft: Path) -> None:
    text = (draft / "rights.yml").read_text(encoding="utf-8")
    start = text.index("  - id: erasure\n")
    end = text.index("  - id: ", start + 1)
    (draft / "rights.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    edit(draft / "notice.yml", "objection, erasure, ", "objection, ")


CASES: list[tuple[str, list[Step], ChangeClass, str]] = [
    ("new-purpose", [replace("purposes.yml", "  - id: product-improvement\n", NEW_PURPOSE + "  - id: product-improvement\n"),
                     replace("notice.yml", "[product-improvement]", "[product-improvement, product-research]")], MATERIAL, "new-purpose"),
    ("data-added", [replace("purposes.yml", "data_categories: [customer-account, call-sms-metadata]",
                            "data_categories: [customer-account, call-sms-metadata, user-information]")], MATERIAL, "data-categories"),
    ("data-removed", [replace("purposes.yml", "data_categories: [customer-account, call-sms-metadata]", "data_categories: [customer-account]")],
     LESS, "data-categories"),
    ("section-data-added", [replace("notice.yml", "data_categories: [lead-name, ", "data_categories: [customer-account, lead-name, ")],
     MATERIAL, "data-categories"),
    ("recipient-added", [replace("purposes.yml", "recipients: [billing-tools, payment-providers]",
                                 "recipients: [billing-tools, payment-providers, hosting]")], MATERIAL, "recipients"),
    ("recipient-removed", [replace("purposes.yml", "recipients: [billing-tools, payment-providers]", "recipients: [billing-tools]")],
     LESS, "recipients"),
    ("basis-changed", [replace("purposes.yml", "        kinds: [legitimate_interests]\n        text:\n          en: |\n            Our engagement in outbound",
                               "        kinds: [consent]\n        text:\n          en: |\n            Our engagement in outbound")],
     MATERIAL, "legal-basis"),
    ("basis-wording", [replace("purposes.yml", "These\n            interests include the ability to bill", "These\n            interests include the ability to invoice")],
     EDITORIAL, "wording"),
    ("retention-longer", [replace("purposes.yml", "period: up to 3 years\n        after: request", "period: up to 4 years\n        after: request")],
     MATERIAL, "retention"),
    ("retention-longer-other-unit", [replace("purposes.yml", "period: up to 3 months", "period: up to 1 year")], MATERIAL, "retention"),
    ("retention-same-other-unit", [replace("purposes.yml", "period: up to 1 year\n        after: communication",
                                           "period: up to 12 months\n        after: communication")], EDITORIAL, "wording"),
    ("retention-shorter", [replace("purposes.yml", "period: up to 3 years\n        after: request", "period: up to 2 years\n        after: request")],
     LESS, "retention"),
    ("retention-counted-otherwise", [replace("purposes.yml", "period: up to 3 years\n        after: request",
                                             "period: up to 3 years\n        after: relationship_ended")], MATERIAL, "retention"),
    ("controller-contact", [replace("controllers.yml", "email: info@sipsim.com", "email: privacy@sipsim.com")], MATERIAL, "controller"),
    ("audience-controller", [replace("audiences.yml", "    controller: sipsim-llc\n", "    controller: pg-telecom\n")], MATERIAL, "controller"),
    ("transfer-added", [replace("transfers.yml", "  - id: outside-europe\n", TRANSFER + "  - id: outside-europe\n"),
                        replace("notice.yml", "transfers: [outside-europe]", "transfers: [outside-europe, to-us]")], MATERIAL, "transfer"),
    ("transfer-recipient", [replace("transfers.yml", "recipients: [personnel, subcontractors]", "recipients: [personnel, subcontractors, hosting]")],
     MATERIAL, "transfer"),
    ("transfer-safeguard", [replace("transfers.yml", "safeguards: [standard_contractual_clauses]", "safeguards: [binding_corporate_rules]")],
     MATERIAL, "transfer"),
    ("right-removed", [remove_right], MATERIAL, "right-removed"),
    ("right-restricted", [replace("rights.yml", RIGHT_ERASURE, "  - id: erasure\n    kind: restriction\n")], MATERIAL, "right-removed"),
    ("right-wording", [replace("rights.yml", "      en: Erasure and Right to Be Forgotten", "      en: Erasure (Right to Be Forgotten)")],
     EDITORIAL, "wording"),
    ("cookie-needing-consent", [add_cookie("statistics", "_ex_id")], MATERIAL, "cookies"),
    ("cookie-strictly-necessary", [add_cookie("necessary", "session_id")], EDITORIAL, "cookies"),
    ("consent-cookie-longer", [replace("cookies.yml", "lifetime: 6 months", "lifetime: 13 months")], EDITORIAL, "cookies"),
    ("title", [replace("notice.yml", "en: PRIVACY POLICY", "en: PRIVACY NOTICE")], EDITORIAL, "wording"),
    ("section-prose", [replace("notice.yml", "All revised terms will automatically take effect", "All revised terms will take effect")],
     EDITORIAL, "wording"),
    ("dpv-purpose", [replace("purposes.yml", "  - id: invoicing\n", "  - id: invoicing\n    dpv_purpose: PaymentManagement\n")],
     EDITORIAL, "wording"),
]


def classified(published: Notice, draft: Path, steps: list[Step]) -> tuple[ChangeClass, set[str]]:
    for step in steps:
        step(draft)
    changes = [change for change in classify(published, load_version(draft)) if change.change.kind != "order"]
    assert changes, "the edit made a change"
    return highest([change.change_class for change in changes]), {change.rule for change in changes if change.change_class != EDITORIAL}


@pytest.mark.parametrize(("steps", "expected", "rule"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_rule_classifies_its_change(published: Notice, draft: Path, steps: list[Step], expected: ChangeClass, rule: str) -> None:
    change_class, rules = classified(published, draft, steps)

    assert change_class is expected
    assert rules == ({rule} if expected is not EDITORIAL else set())


def test_every_rule_is_exercised() -> None:
    assert {rule.name for rule in RULES} <= {case[3] for case in CASES}


@pytest.mark.parametrize(("category", "expected"), [("statistics", LESS), ("marketing", LESS)])
def test_a_cookie_removed_is_less_processing_and_added_back_is_material(published: Notice, draft: Path, category: str,
                                                                        expected: ChangeClass) -> None:
    add_cookie(category, "_ex_id")(draft)
    with_cookie = load_version(draft)

    removed = highest([change.change_class for change in classify(with_cookie, published)])
    added = highest([change.change_class for change in classify(published, with_cookie)])

    assert (removed, added) == (expected, MATERIAL)


def test_a_longer_cookie_lifetime_needing_consent_is_material(published: Notice, draft: Path) -> None:
    add_cookie("marketing", "_ex_ads")(draft)
    before = load_version(draft)
    edit(draft / "cookies.yml", "lifetime: 13 months\n", "lifetime: 25 months\n")

    assert highest([change.change_class for change in classify(before, load_version(draft))]) is MATERIAL
    assert highest([change.change_class for change in classify(load_version(draft), before)]) is LESS


OVERRIDE = """overrides:
  - change: purposes.invoicing.retention
    class: editorial
    reason:
      en: The period is the one the law always required; only its wording is now exact.
      fr: La durée est celle que la loi a toujours imposée ; seule sa formulation est désormais exacte.
      pl: Okres jest tym, którego prawo zawsze wymagało; jedynie jego sformułowanie jest teraz dokładne.
"""


def test_the_legal_team_can_override_a_class_with_its_reason(published: Notice, draft: Path) -> None:
    edit(draft / "purposes.yml", "period: up to 3 months", "period: up to 1 year")
    (draft / "version.yml").write_text((draft / "version.yml").read_text(encoding="utf-8") + OVERRIDE, encoding="utf-8")

    changes = [change for change in classify(published, load_version(draft)) if change.change.kind != "order"]

    assert [(change.change_class, change.rule) for change in changes] == [(EDITORIAL, "retention")]
    assert changes[0].override is not None and changes[0].override.reason["en"].startswith("The period is the one")


def test_an_override_that_covers_no_change_is_found(published: Notice, draft: Path) -> None:
    (draft / "version.yml").write_text((draft / "version.yml").read_text(encoding="utf-8") + OVERRIDE, encoding="utf-8")

    assert [override.change for override in unused_overrides(published, load_version(draft))] == ["purposes.invoicing.retention"]


def test_the_readme_table_names_every_rule_and_no_other() -> None:
    """The legal team reads the rules in the README: a rule added, renamed or dropped in the code shows there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| rule | material"):readme.index("Everything else is **editorial**")]
    assert re.findall(r"^\| `([a-z-]+)` \|", table, re.M) == list(dict.fromkeys(rule.name for rule in RULES))
