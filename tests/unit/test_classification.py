"""Every change is classified from the structured diff, by rules that follow the GDPR transparency guidance:
each rule has an amendment here that it must classify, and one it must not."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import FIRST_VERSION, ROOT, edit, load_version

from notice.classification import RULES, Classified, Rule, classify, highest, unused_overrides
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


def remove_item(file: str, start: str) -> Step:
    """A record of a list removed: from its first line to the next record of the list, or the end of the file."""
    def step(draft: Path) -> None:
        text = (draft / file).read_text(encoding="utf-8")
        begin = text.index(start)
        end = text.find("\n" + start[:start.index("-") + 2], begin + 1)
        (draft / file).write_text(text[:begin] + (text[end + 1:] if end != -1 else ""), encoding="utf-8")
    return step


BASIS = """      - id: consent
        kinds: [consent]
        text:
          en: Your consent.
          fr: Votre consentement.
          pl: Państwa zgoda.
"""
RETENTION = """      - id: after-request
        period: 1 month
        after: request
        text:
          en: One month after your request.
          fr: Un mois après votre demande.
          pl: Miesiąc od Państwa żądania.
"""
SECTION = """  - id: lead-research
    title:
      en: Research with Leads
      fr: Recherche auprès des Prospects
      pl: Badania z udziałem Potencjalnych klientów
    body:
      - purposes: [product-improvement]

"""
CONTROLLER = """  - id: sipsim-ireland
    name: SipSim Ireland Limited
    email: privacy@sipsim.ie
"""
AUTHORITY = """    supervisory_authority:
      name:
        en: President of the Personal Data Protection Office
        fr: Président de l’Office de protection des données personnelles
        pl: Prezes Urzędu Ochrony Danych Osobowych
      website: https://uodo.gov.pl/
"""


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
    ("purpose-removed", [remove_item("purposes.yml", "  - id: product-improvement\n"),
                         replace("notice.yml", "      - purposes: [product-improvement]\n", "")], LESS, "new-purpose"),
    ("basis-added", [replace("purposes.yml", "    legal_bases:\n      - id: legitimate-interests\n        kinds: [legitimate_interests]\n        text:\n"
                             "          # Translator's note", "    legal_bases:\n" + BASIS + "      - id: legitimate-interests\n"
                             "        kinds: [legitimate_interests]\n        text:\n          # Translator's note")], MATERIAL, "legal-basis"),
    ("retention-rule-added", [replace("purposes.yml", "    retention:\n      - id: as-long-as-processed\n",
                                      "    retention:\n" + RETENTION + "      - id: as-long-as-processed\n")], MATERIAL, "retention"),
    ("retention-until-now-after", [replace("purposes.yml", "recipients: [hosting, infrastructure, fraud-detection]\n    retention:\n"
                                           "      - id: until-relationship-ended\n        until: relationship_ended\n",
                                           "recipients: [hosting, infrastructure, fraud-detection]\n    retention:\n"
                                           "      - id: until-relationship-ended\n        period: 2 years\n        after: relationship_ended\n")],
     MATERIAL, "retention"),
    ("retention-as-long-as-more", [replace("purposes.yml", "as_long_as: [email-marketing, outbound-sales]",
                                           "as_long_as: [email-marketing, outbound-sales, lead-targeting]")], MATERIAL, "retention"),
    ("retention-as-long-as-fewer", [replace("purposes.yml", "as_long_as: [email-marketing, outbound-sales]", "as_long_as: [email-marketing]")],
     LESS, "retention"),
    ("controller-added", [replace("controllers.yml", "  - id: sipsim-llc\n", CONTROLLER + "  - id: sipsim-llc\n")], MATERIAL, "controller"),
    ("section-controller", [replace("notice.yml", "      - controller: pg-telecom", "      - controller: sipsim-llc")], MATERIAL, "controller"),
    ("section-recipient-added", [replace("notice.yml", "recipients: [personnel, control-services, subcontractors]",
                                         "recipients: [personnel, control-services, subcontractors, hosting]")], MATERIAL, "recipients"),
    ("section-recipient-removed", [replace("notice.yml", "recipients: [personnel, control-services, subcontractors]",
                                           "recipients: [personnel, control-services]")], LESS, "recipients"),
    ("audience-gains-a-section", [replace("audiences.yml", "sections: [leads, other-recipients", "sections: [leads, personal-data-processing, other-recipients")],
     MATERIAL, "audiences"),
    ("audience-loses-a-section", [replace("audiences.yml", "sections: [leads, other-recipients", "sections: [other-recipients")],
     LESS, "audiences"),
    ("audience-gains-a-section-without-purposes", [replace("audiences.yml", "sections: [leads, other-recipients",
                                                           "sections: [leads, general-info, other-recipients")], EDITORIAL, "wording"),
    ("purpose-moved-to-other-people", [replace("notice.yml", "      - purposes: [product-improvement]\n", ""),
                                       replace("notice.yml", "purposes: [email-marketing, outbound-sales, lead-targeting]",
                                               "purposes: [email-marketing, outbound-sales, lead-targeting, product-improvement]")],
     MATERIAL, "audiences"),
    ("audience-removed", [remove_item("audiences.yml", "  - id: sipsim-contact\n"),
                          replace("notice.yml", "audiences: [sipsim-user, site-visitor, lead, sipsim-contact]", "audiences: [sipsim-user, site-visitor, lead]")],
     LESS, "audiences"),
    ("section-added-for-other-people", [replace("notice.yml", "      - purposes: [product-improvement]\n", ""),
                                        replace("notice.yml", "  - id: other-recipients\n", SECTION + "  - id: other-recipients\n"),
                                        replace("audiences.yml", "sections: [leads, other-recipients", "sections: [leads, lead-research, other-recipients")],
     MATERIAL, "audiences"),
    ("transfer-removed", [lambda draft: (draft / "transfers.yml").unlink(), replace("notice.yml", "      - transfers: [outside-europe]\n", "")],
     LESS, "transfer"),
    ("transfer-destination", [replace("transfers.yml", "en: Countries outside the European Economic Area, Switzerland and the United Kingdom",
                                      "en: Countries outside the European Economic Area and Switzerland")], MATERIAL, "transfer"),
    ("transfer-destination-translation", [replace("transfers.yml", "fr: Pays situés en dehors de l’Espace économique européen",
                                                  "fr: Les pays situés en dehors de l’Espace économique européen")], EDITORIAL, "wording"),
    ("category-removed", [remove_item("cookies.yml", "  - id: marketing\n"),
                          replace("notice.yml", "cookie_categories: [necessary, statistics, marketing]", "cookie_categories: [necessary, statistics]")],
     LESS, "cookies"),
    ("strictly-necessary-provider", [replace("cookies.yml", "provider: privacy.sipsim.com", "provider: sipsim.com")], EDITORIAL, "wording"),
]

STAGED: list[tuple[str, list[Step], list[Step], ChangeClass, str]] = [
    ("cookie-provider", [add_cookie("statistics", "_ex_id")], [replace("cookies.yml", "provider: Example Analytics", "provider: Other Analytics")],
     MATERIAL, "cookies"),
    ("category-added", [remove_item("cookies.yml", "  - id: marketing\n"),
                        replace("notice.yml", "cookie_categories: [necessary, statistics, marketing]", "cookie_categories: [necessary, statistics]")],
     [lambda draft: shutil.copyfile(ROOT / FIRST_VERSION / "cookies.yml", draft / "cookies.yml"),
      replace("notice.yml", "cookie_categories: [necessary, statistics]", "cookie_categories: [necessary, statistics, marketing]")], MATERIAL, "cookies"),
    ("authority-translation", [replace("controllers.yml", "    website: https://sipsim.com/\n", "    website: https://sipsim.com/\n" + AUTHORITY)],
     [replace("controllers.yml", "fr: Président de l’Office", "fr: Président de l’Office polonais")], EDITORIAL, "wording"),
    ("authority-renamed", [replace("controllers.yml", "    website: https://sipsim.com/\n", "    website: https://sipsim.com/\n" + AUTHORITY)],
     [replace("controllers.yml", "en: President of the Personal Data Protection Office", "en: Personal Data Protection Office")], MATERIAL, "controller"),
    ("retention-rule-removed", [replace("purposes.yml", "    retention:\n      - id: as-long-as-processed\n",
                                        "    retention:\n" + RETENTION + "      - id: as-long-as-processed\n")],
     [remove_item("purposes.yml", "      - id: after-request\n        period: 1 month\n")], LESS, "retention"),
    ("controller-removed", [replace("controllers.yml", "  - id: sipsim-llc\n", CONTROLLER + "  - id: sipsim-llc\n")],
     [remove_item("controllers.yml", "  - id: sipsim-ireland\n")], MATERIAL, "controller"),
]


def changes_made(before: Notice, draft: Path, steps: list[Step]) -> list[Classified]:
    for step in steps:
        step(draft)
    changes = [change for change in classify(before, load_version(draft)) if change.change.kind != "order"]
    assert changes, "the edit made a change"
    return changes


def classified(before: Notice, draft: Path, steps: list[Step]) -> tuple[ChangeClass, set[str]]:
    changes = changes_made(before, draft, steps)
    return highest([change.change_class for change in changes]), {change.rule_name for change in changes if change.change_class != EDITORIAL}


@pytest.mark.parametrize(("steps", "expected", "rule"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_rule_classifies_its_change(published: Notice, draft: Path, steps: list[Step], expected: ChangeClass, rule: str) -> None:
    change_class, rules = classified(published, draft, steps)

    assert change_class is expected
    assert rules == ({rule} if expected is not EDITORIAL else set())


@pytest.mark.parametrize(("setup", "steps", "expected", "rule"), [case[1:] for case in STAGED], ids=[case[0] for case in STAGED])
def test_each_rule_classifies_a_change_to_a_record_the_first_version_lacks(draft: Path, setup: list[Step], steps: list[Step],
                                                                          expected: ChangeClass, rule: str) -> None:
    for step in setup:
        step(draft)
    before = load_version(draft)

    change_class, rules = classified(before, draft, steps)

    assert change_class is expected
    assert rules == ({rule} if expected is not EDITORIAL else set())


def test_every_line_of_the_table_decides_some_case(published: Notice, tmp_path: Path) -> None:
    """Several lines share a name (the README's): each line, not only each name, has a case it decides."""
    decided: set[Rule] = set()
    for name, setup, steps in [(case[0], [], case[1]) for case in CASES] + [(case[0], case[1], case[2]) for case in STAGED]:
        draft = shutil.copytree(ROOT / FIRST_VERSION, tmp_path / name / "2025-01-01")
        for step in setup:
            step(draft)
        before = load_version(draft) if setup else published
        decided |= {change.rule for change in changes_made(before, draft, steps) if change.rule}

    assert [(rule.name, ".".join(rule.pattern)) for rule in RULES if rule not in decided] == []


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

    assert [(change.change_class, change.rule_name) for change in changes] == [(EDITORIAL, "retention")]
    assert changes[0].override is not None and changes[0].override.reason["en"].startswith("The period is the one")


def test_an_override_that_covers_no_change_is_found(published: Notice, draft: Path) -> None:
    (draft / "version.yml").write_text((draft / "version.yml").read_text(encoding="utf-8") + OVERRIDE, encoding="utf-8")

    assert [override.change for override in unused_overrides(published, load_version(draft))] == ["purposes.invoicing.retention"]


def test_the_readme_table_names_every_rule_and_no_other() -> None:
    """The legal team reads the rules in the README: a rule added, renamed or dropped in the code shows there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| rule | material"):readme.index("Everything else is **editorial**")]
    assert re.findall(r"^\| `([a-z-]+)` \|", table, re.M) == list(dict.fromkeys(rule.name for rule in RULES))
