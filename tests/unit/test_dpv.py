"""The mapping of the model to the W3C Data Privacy Vocabulary: every kind has its concept, and a duration is written
the way xsd:duration reads it."""

from __future__ import annotations

import pytest

from notice.dpv import COOKIE_PURPOSES, LEGAL_BASES, RIGHTS, SAFEGUARDS, expand, xsd_duration
from notice.model import BasisKind, CookieCategoryId, RightKind, Safeguard, parse_period


@pytest.mark.parametrize(("period", "duration"), [
    ("3 years", "P3Y"),
    ("up to 6 months", "P6M"),
    ("1 to 6 years", "P6Y"),
    ("2 weeks", "P14D"),
    ("30 days", "P30D"),
    ("12 hours", "PT12H"),
    ("30 minutes", "PT30M"),
])
def test_a_period_is_written_as_its_longest_xsd_duration(period: str, duration: str) -> None:
    """xsd:duration has no weeks, and minutes are a time ("PT30M"), not months ("P30M")."""
    assert xsd_duration(parse_period(period)) == duration


def test_the_legal_bases_are_article_6_1_points_a_to_f_in_order() -> None:
    assert [LEGAL_BASES[kind] for kind in BasisKind] == [f"eu-gdpr:A6-1-{point}" for point in "abcdef"]


def test_every_kind_of_the_model_has_its_concept() -> None:
    assert set(LEGAL_BASES) == set(BasisKind) and set(SAFEGUARDS) == set(Safeguard) and set(COOKIE_PURPOSES) == set(CookieCategoryId)
    assert set(RIGHTS) == set(RightKind)
    assert [kind for kind, concept in RIGHTS.items() if concept is None] == [RightKind.post_mortem_directives], "French law, not in DPV"


def test_each_right_is_its_gdpr_article() -> None:
    assert {kind.value: concept for kind, concept in RIGHTS.items() if concept} == {
        "access": "eu-gdpr:A15", "rectification": "eu-gdpr:A16", "erasure": "eu-gdpr:A17", "restriction": "eu-gdpr:A18",
        "portability": "eu-gdpr:A20", "objection": "eu-gdpr:A21", "automated_decisions": "eu-gdpr:A22",
        "withdraw_consent": "eu-gdpr:A7-3", "complaint": "eu-gdpr:A77",
    }


def test_each_safeguard_is_its_gdpr_article() -> None:
    assert {safeguard.value: concept for safeguard, concept in SAFEGUARDS.items()} == {
        "adequacy_decision": "eu-gdpr:A45-3", "standard_contractual_clauses": "eu-gdpr:A46-2-c", "binding_corporate_rules": "eu-gdpr:A46-2-b",
        "code_of_conduct": "eu-gdpr:A46-2-e", "certification": "eu-gdpr:A46-2-f", "derogation": "dpv:DataTransferLegalBasis",
    }


def test_every_concept_expands_into_the_vocabulary() -> None:
    concepts = [*LEGAL_BASES.values(), *SAFEGUARDS.values(), *COOKIE_PURPOSES.values(), *(c for c in RIGHTS.values() if c)]
    assert all(expand(concept).startswith("https://w3id.org/dpv") for concept in concepts)
    assert expand("eu-gdpr:A6-1-a") == "https://w3id.org/dpv/legal/eu/gdpr#A6-1-a"
    assert expand("dpv:ServiceProvision") == "https://w3id.org/dpv#ServiceProvision"
