"""The summary of an amendment says, in the model's terms, what changed, each item linking to its place."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest
import yaml
from support import FIRST_VERSION, LANGUAGES, ROOT, edit, english, load_version

from notice.changes import stale_translations, summarise
from notice.model import Notice
from notice.redline import redline

ENGLISH = gettext.NullTranslations().gettext


def summary(old: Notice, directory: Path) -> list[tuple[str, str]]:
    new = load_version(directory)
    items = summarise(old, new, english(old), english(new), ENGLISH, lambda anchor, removed: ("old#" if removed else "#") + anchor)
    return [(item.text.text, item.href) for item in items]


COMPLAINT_RIGHT = """  - id: complaint
    kind: complaint
    name:
      en: Complaint
      fr: Réclamation
      pl: Skarga
    description:
      en: You may lodge a complaint with a supervisory authority.
      fr: Vous pouvez introduire une réclamation auprès d’une autorité de contrôle.
      pl: Mogą Państwo wnieść skargę do organu nadzorczego.
"""

AUTHORITY = """    supervisory_authority:
      name:
        en: Personal Data Protection Office
        fr: Office de protection des données personnelles
        pl: Urząd Ochrony Danych Osobowych
      website: https://uodo.gov.pl/
"""

CASES = [
    ("data-category-added",
     [("purposes.yml", "data_categories: [customer-account, call-sms-metadata]", "data_categories: [customer-account, call-sms-metadata, user-information]")],
     [("Data processed for Invoicing: Information about the user added.", "#invoicing")]),
    ("recipient-removed",
     [("purposes.yml", "recipients: [billing-tools, payment-providers]", "recipients: [billing-tools]")],
     [("No longer recipients of Cash Collection and Billing Administration: Providers of payment solutions.", "#billing-administration")]),
    ("retention-period",
     [("purposes.yml", "period: up to 3 years\n        after: request", "period: up to 2 years\n        after: request")],
     [("Retention for Processing Customer Requests and Coordinating User Inquiries changed from up to 3 years after the request "
       "to up to 2 years after the request.", "#customer-support")]),
    ("legal-basis-added",
     [("purposes.yml", "        kinds: [legitimate_interests]\n        text:\n          en: |\n            Our engagement in outbound",
       "        kinds: [legitimate_interests, consent]\n        text:\n          en: |\n            Our engagement in outbound")],
     [("Legal basis added to Outbound Sales: Consent, Art. 6(1)(a) GDPR.", "#outbound-sales")]),
    ("purpose-wording",
     [("purposes.yml", "Our speciallists conduct", "Our specialists conduct")],
     [("Wording changed in Ensuring Customer Satisfaction.", "#customer-satisfaction")]),
    ("right-added",
     [("rights.yml", "  - id: post-mortem\n", COMPLAINT_RIGHT + "  - id: post-mortem\n"),
      ("notice.yml", "portability, restriction, post-mortem]", "portability, restriction, complaint, post-mortem]")],
     [("Right added: Complaint.", "#complaint")]),
    ("controller-contact",
     [("controllers.yml", "email: info@sipsim.com", "email: privacy@sipsim.com")],
     [("Contact details of PG TELECOM Spolka z o.o. changed: e-mail address info@sipsim.com is now privacy@sipsim.com.", "#introduction")]),
    ("supervisory-authority-named",
     [("controllers.yml", "    website: https://sipsim.com/\n", "    website: https://sipsim.com/\n" + AUTHORITY)],
     [("Supervisory authority named for PG TELECOM Spolka z o.o.: Personal Data Protection Office.", "#rights")]),
    ("data-category-renamed",
     [("vocabulary.yml", "en: Customer financial/payment data", "en: Customer payment data")],
     [("Data category renamed: Customer financial/payment data is now Customer payment data.", "#customer-satisfaction")]),
    ("section-prose",
     [("notice.yml", "All revised terms will automatically take effect", "All revised terms will take effect")],
     [("Wording changed in section 11. Amendments.", "#amendments")]),
    ("title",
     [("notice.yml", "en: PRIVACY POLICY", "en: PRIVACY NOTICE")],
     [("The title of the policy changed.", "#notice-title")]),
    ("subtitle",
     [("notice.yml", "en: applicable from February 1, 2024", "en: applicable from 1 February 2024")],
     [("The subtitle of the policy changed.", "#notice-title")]),
    # the purpose's DPV concept is read only by machines (notice.jsonld): no reader's wording changed
    ("dpv-purpose-added",
     [("purposes.yml", "  - id: invoicing\n", "  - id: invoicing\n    dpv_purpose: PaymentManagement\n")],
     []),
]


@pytest.mark.parametrize(("edits", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_summary_items(published: Notice, draft: Path, edits: list[tuple[str, str, str]], expected: list[tuple[str, str]]) -> None:
    for file, old, new in edits:
        edit(draft / file, old, new)
    assert summary(published, draft) == expected


def test_a_removed_purpose_links_to_the_version_that_had_it(published: Notice, draft: Path) -> None:
    edit(draft / "notice.yml", "      - purposes: [product-improvement]\n",
         "      - id: no-purpose\n        prose:\n          en: No purpose.\n          fr: Aucune finalité.\n          pl: Brak celu.\n")
    text = (draft / "purposes.yml").read_text(encoding="utf-8")
    (draft / "purposes.yml").write_text(text[: text.index("  - id: product-improvement")], encoding="utf-8")

    assert ("Purpose removed: Enhancing Our Product and Performance.", "old#product-improvement") in summary(published, draft)


def test_the_full_text_marks_inserted_and_deleted_words(published: Notice, draft: Path) -> None:
    edit(draft / "purposes.yml", "Our speciallists conduct in-depth", "Our specialists conduct thorough")
    new = load_version(draft)

    changed = [block for group in redline(english(published), english(new)) for block in group.blocks if block.state != "same"]

    assert len(changed) == 1
    assert changed[0].segments[:5] == (("equal", "Manual Analysis of Customer Usage of SipSim Product: Our "), ("delete", "speciallists"),
                                       ("insert", "specialists"), ("equal", " conduct "), ("delete", "in-depth"))
    assert ("insert", "thorough") in changed[0].segments


def test_an_english_change_without_its_translations_is_stale(published: Notice, draft: Path) -> None:
    edit(draft / "purposes.yml", "      en: Invoicing\n      fr: Facturation\n", "      en: Invoicing and billing\n      fr: Facturation et paiement\n")
    new = load_version(draft)

    problems = stale_translations(published, new, "data/versions/2025-01-01", "2024-02-01", LANGUAGES)

    assert [str(problem) for problem in problems] == [
        "data/versions/2025-01-01/purposes.yml: purposes.invoicing.title.pl: expected the Polish text updated with the English, "
        "which changed since 2024-02-01, got the previous translation unchanged"
    ]


STATISTICS_COOKIE = """    cookies:
      - name: _pk_id
        provider: Matomo (SipSim, first party)
        purpose:
          en: Distinguishes the visits of the same browser for audience measurement.
          fr: Permet de distinguer les visites effectuées depuis un même navigateur aux fins de la mesure d’audience.
          pl: Umożliwia rozróżnianie wizyt z tej samej przeglądarki na potrzeby pomiaru oglądalności.
        lifetime: 13 months
  - id: marketing
"""


def test_cookies_added_and_removed_are_told_apart(published: Notice, draft: Path) -> None:
    text = (draft / "cookies.yml").read_text(encoding="utf-8")
    start, end = text.index("    cookies:\n      # The consent widget"), text.index("  - id: statistics")
    text = text[:start] + text[end:]
    (draft / "cookies.yml").write_text(text.replace("  - id: marketing\n", STATISTICS_COOKIE), encoding="utf-8")

    items = summary(published, draft)

    assert ("Cookies added to Statistics Cookies: _pk_id.", "#statistics") in items
    assert ("Cookies removed from Strictly Necessary (Technical) Cookies: notice_consent.", "#necessary") in items


@pytest.mark.parametrize(("file", "old", "new", "path"), [
    ("purposes.yml", "a maximum of up to 3 month following", "a maximum of 3 months following",
     "purposes.invoicing.retention.after-services-completed.text"),
    ("purposes.yml", "These\n            interests include the ability to bill", "These\n            interests include the ability to invoice",
     "purposes.invoicing.legal_bases.legitimate-interests.text"),
    ("notice.yml", "All revised terms will automatically take effect", "All revised terms will take effect",
     "sections.amendments.body.text.prose"),
], ids=["retention", "legal-basis", "section-prose"])
def test_a_stale_translation_is_found_in_every_kind_of_text(published: Notice, draft: Path, file: str, old: str, new: str, path: str) -> None:
    edit(draft / file, old, new)

    problems = stale_translations(published, load_version(draft), "data/versions/2025-01-01", "2024-02-01", LANGUAGES)

    assert [(problem.file, problem.path) for problem in problems] == [
        (f"data/versions/2025-01-01/{file}", f"{path}.fr"), (f"data/versions/2025-01-01/{file}", f"{path}.pl")]


def test_a_supervisory_authority_renamed_or_no_longer_named_is_told(published: Notice, draft: Path, tmp_path: Path) -> None:
    edit(draft / "controllers.yml", "    website: https://sipsim.com/\n", "    website: https://sipsim.com/\n" + AUTHORITY)
    named = load_version(draft)
    renamed = tmp_path / "2026-01-01"
    shutil.copytree(draft, renamed)
    edit(renamed / "controllers.yml", "en: Personal Data Protection Office", "en: President of the Personal Data Protection Office")
    removed = tmp_path / "2027-01-01"
    shutil.copytree(ROOT / FIRST_VERSION, removed)

    assert summary(named, renamed) == [("The supervisory authority named for PG TELECOM Spolka z o.o. changed: "
                                        "President of the Personal Data Protection Office.", "#rights")]
    assert summary(named, removed) == [("For PG TELECOM Spolka z o.o., no supervisory authority is named any more.", "#rights")]


@pytest.mark.parametrize(("field", "sentence"), [("legal_bases", "The legal bases of Conducting Email Marketing Campaigns for Brand Awareness "
                                                                  "are in a new order."),
                                                 ("retention", "The retention rules of Conducting Email Marketing Campaigns for Brand Awareness "
                                                               "are in a new order.")])
def test_records_of_a_purpose_moved_are_told_as_a_new_order_not_as_wording(published: Notice, draft: Path, field: str, sentence: str) -> None:
    data = yaml.safe_load((draft / "purposes.yml").read_text(encoding="utf-8"))
    purpose = next(purpose for purpose in data["purposes"] if purpose["id"] == "email-marketing")
    purpose[field].reverse()
    (draft / "purposes.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    assert summary(published, draft) == [(sentence, "#email-marketing")]


def test_a_record_added_to_a_purpose_s_list_is_told_once(published: Notice, draft: Path) -> None:
    """The list's order changes too (a new key in it): that is not a second item ("Wording changed")."""
    data = yaml.safe_load((draft / "purposes.yml").read_text(encoding="utf-8"))
    invoicing = next(purpose for purpose in data["purposes"] if purpose["id"] == "invoicing")
    invoicing["legal_bases"].insert(0, {"id": "contract", "kinds": ["contract"],
                                        "text": {"en": "The contract.", "fr": "Le contrat.", "pl": "Umowa."}})
    (draft / "purposes.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    assert summary(published, draft) == [("Legal basis added to Invoicing: Contract, Art. 6(1)(b) GDPR.", "#invoicing")]
