"""Each version of the notice as linked data: one JSON-LD document, for all its languages, in the W3C Data Privacy
Vocabulary (DPV 2, https://w3id.org/dpv) and its EU GDPR and technology extensions, so that anyone's tools can query
what the notice says (which purposes rely on consent, what is kept for how long) without reading it.

The mapping from the model to DPV is this module: the tables say which concept each of our kinds is, the functions
under them which property each of our fields is. The README shows both as one table. Our own records (purposes,
categories of data, recipients, audiences, rights, cookies) are nodes named by fragments of the document's address
(`…/versions/2024-02-01/notice.jsonld#processing/invoicing`); a kind (a legal basis, a safeguard) is DPV's concept
itself. The context is inline and every address absolute: the file parses offline and means the same wherever it is
copied (the version in force is also at /notice.jsonld, byte for byte). Nothing depends on the day of the build: a
version's file never changes once the version is published.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from notice.formatted import FormattedNotice, tel_uri
from notice.model import (
    Audience,
    BasisKind,
    Controller,
    CookieCategory,
    CookieCategoryId,
    Period,
    Purpose,
    Retention,
    Right,
    RightKind,
    Safeguard,
    Text,
    Transfer,
    Unit,
)
from notice.versions import Version

DPV = "https://w3id.org/dpv#"
EU_GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
TECH = "https://w3id.org/dpv/tech#"

CONTEXT: dict[str, Any] = {
    "dpv": DPV,
    "eu-gdpr": EU_GDPR,
    "tech": TECH,
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "label": {"@id": "rdfs:label", "@container": "@language"},
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description", "@container": "@language"},
}
"""Inline, never fetched: prefixes, and the language maps that give a text in every language at once."""

LEGAL_BASES = {
    BasisKind.consent: "eu-gdpr:A6-1-a",
    BasisKind.contract: "eu-gdpr:A6-1-b",
    BasisKind.legal_obligation: "eu-gdpr:A6-1-c",
    BasisKind.vital_interests: "eu-gdpr:A6-1-d",
    BasisKind.public_task: "eu-gdpr:A6-1-e",
    BasisKind.legitimate_interests: "eu-gdpr:A6-1-f",
}
"""GDPR Art. 6(1)(a) to (f)."""

RIGHTS: dict[RightKind, str | None] = {
    RightKind.access: "eu-gdpr:A15",
    RightKind.rectification: "eu-gdpr:A16",
    RightKind.erasure: "eu-gdpr:A17",
    RightKind.restriction: "eu-gdpr:A18",
    RightKind.portability: "eu-gdpr:A20",
    RightKind.objection: "eu-gdpr:A21",
    RightKind.automated_decisions: "eu-gdpr:A22",
    RightKind.withdraw_consent: "eu-gdpr:A7-3",
    RightKind.complaint: "eu-gdpr:A77",
    RightKind.post_mortem_directives: None,
}
"""The GDPR article of each right; post-mortem directives come from French law, which DPV does not model."""

SAFEGUARDS = {
    Safeguard.adequacy_decision: "eu-gdpr:A45-3",
    Safeguard.standard_contractual_clauses: "eu-gdpr:A46-2-c",
    Safeguard.binding_corporate_rules: "eu-gdpr:A46-2-b",
    Safeguard.code_of_conduct: "eu-gdpr:A46-2-e",
    Safeguard.certification: "eu-gdpr:A46-2-f",
    Safeguard.derogation: "dpv:DataTransferLegalBasis",
}
"""The legal basis of a transfer outside the EEA; a derogation does not say which point of Art. 49(1), so it is the
concept all of them are narrower than."""

COOKIE_PURPOSES = {
    CookieCategoryId.necessary: "dpv:ServiceProvision",
    CookieCategoryId.statistics: "dpv:ServiceUsageAnalytics",
    CookieCategoryId.marketing: "dpv:Advertising",
}
"""The purpose of each cookie category (also in the consent record)."""

DURATION_UNITS = {
    Unit.year: ("P", "Y", 1),
    Unit.month: ("P", "M", 1),
    Unit.week: ("P", "D", 7),
    Unit.day: ("P", "D", 1),
    Unit.hour: ("PT", "H", 1),
    Unit.minute: ("PT", "M", 1),
}
"""How a number of units is written as an xsd:duration: (prefix, designator, multiplier); xsd:duration has no weeks."""


def expand(compact: str) -> str:
    """The full address of a concept written "dpv:ServiceProvision"."""
    prefix, _, name = compact.partition(":")
    return f"{CONTEXT[prefix]}{name}"


def xsd_duration(period: Period) -> str:
    """The longest the period lasts, as an xsd:duration: "3 years", "up to 3 years" and "1 to 3 years" are all "P3Y"
    (what storage limitation is about); the wording, in the node's labels, keeps the rest."""
    prefix, designator, multiplier = DURATION_UNITS[period.unit]
    return f"{prefix}{period.high * multiplier}{designator}"


@dataclass(frozen=True)
class Addresses:
    """Where a version is published: its JSON-LD document, its page in each language, the document of the version it amends."""

    document: str
    pages: tuple[tuple[str, str], ...]
    """(language, absolute address), in the site's order of languages."""
    previous: str | None


def notice_jsonld(version: Version, formatted: Mapping[str, FormattedNotice], addresses: Addresses) -> str:
    """The version as a JSON-LD document, pretty-printed and byte for byte the same for the same data.

    `formatted` is the version in each of its languages: the words of its retention rules and cookie lifetimes.
    """
    graph = _Graph(version, formatted, addresses)
    document = {"@context": CONTEXT, "@graph": graph.nodes()}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class _Graph:
    """The nodes of one version: the notice with what it states, then the records it refers to by address."""

    def __init__(self, version: Version, formatted: Mapping[str, FormattedNotice], addresses: Addresses) -> None:
        self.version, self.notice, self.formatted, self.addresses = version, version.notice, formatted, addresses
        self.languages = tuple(formatted)

    def iri(self, fragment: str) -> str:
        return f"{self.addresses.document}#{fragment}"

    def ref(self, fragment: str) -> dict[str, str]:
        return {"@id": self.iri(fragment)}

    def text(self, text: Text) -> dict[str, str]:
        """A language map: the text in each language of the version."""
        return {code: text[code] for code in self.languages}

    def nodes(self) -> list[dict[str, Any]]:
        notice = self.notice
        return [
            self.notice_node(),
            *({"@id": self.iri(f"controllers/{c.id}"), "@type": "dpv:DataController", **_contact(c)} for c in notice.controllers),
            *({"@id": self.iri(f"audiences/{a.id}"), "@type": "dpv:DataSubject", "label": self.text(a.name)} for a in notice.audiences),
            *({"@id": self.iri(f"personal-data/{d.id}"), "@type": "dpv:PersonalData", "label": self.text(d.name)}
              for d in notice.data_categories),
            *({"@id": self.iri(f"recipients/{r.id}"), "@type": "dpv:Recipient", "label": self.text(r.name)} for r in notice.recipients),
        ]

    def notice_node(self) -> dict[str, Any]:
        version, notice, addresses = self.version, self.notice, self.addresses
        node: dict[str, Any] = {
            "@id": self.iri("notice"),
            "@type": "dpv:PrivacyNotice",
            "title": self.text(notice.title),
            "dcat:version": version.name,
            "schema:validFrom": {"@value": version.name, "@type": "xsd:date"},
        }
        if version.lock is not None:
            node["dct:issued"] = {"@value": version.lock.published.isoformat(), "@type": "xsd:date"}
        if addresses.previous is not None:
            node["dcat:previousVersion"] = {"@id": f"{addresses.previous}#notice"}
        node["dct:language"] = list(self.languages)
        node["foaf:page"] = [{"@id": url, "dct:language": code} for code, url in addresses.pages]
        node["dpv:hasDataController"] = [self.ref(f"controllers/{c.id}") for c in notice.controllers]
        node["dpv:hasProcess"] = [
            *(self.purpose(purpose) for purpose in notice.purposes),
            *(self.cookie_category(category) for category in notice.cookie_categories),
            *(self.transfer(transfer) for transfer in notice.transfers),
        ]
        node["dpv:hasRight"] = [self.right(right) for right in notice.rights]
        return node

    def purpose(self, purpose: Purpose) -> dict[str, Any]:
        """A purpose is a process: for its purpose, with its data, on its legal bases, shared with its recipients, kept
        as its retention rules say, by the controllers of the people it concerns."""
        notice = self.notice
        concept = [f"dpv:{purpose.dpv_purpose.value}"] if purpose.dpv_purpose else []
        audiences = self.audiences_of(purpose)
        return {
            "@id": self.iri(f"processing/{purpose.id}"),
            "@type": "dpv:Process",
            "label": self.text(purpose.title),
            "dpv:hasPurpose": {"@id": self.iri(f"purposes/{purpose.id}"), "@type": ["dpv:Purpose", *concept], "label": self.text(purpose.title)},
            "dpv:hasPersonalData": [self.ref(f"personal-data/{cid}") for cid in notice.data_categories_of(purpose)],
            "dpv:hasLegalBasis": [{"@id": LEGAL_BASES[kind]} for kind in dict.fromkeys(k for basis in purpose.legal_bases for k in basis.kinds)],
            "dpv:hasRecipient": [self.ref(f"recipients/{rid}") for rid in purpose.recipients],
            "dpv:hasDataController": [self.ref(f"controllers/{cid}") for cid in dict.fromkeys(a.controller for a in audiences)],
            "dpv:hasDataSubject": [self.ref(f"audiences/{a.id}") for a in audiences],
            "dpv:hasStorageCondition": [self.retention(purpose, index, rule) for index, rule in enumerate(purpose.retention)],
        }

    def audiences_of(self, purpose: Purpose) -> list[Audience]:
        """The audiences that read the purpose's section (all of them where no audience lists it, as the page says)."""
        section = self.notice.section_of[purpose.id].id
        return [a for a in self.notice.audiences if section in a.sections] or list(self.notice.audiences)

    def retention(self, purpose: Purpose, index: int, rule: Retention) -> dict[str, Any]:
        """A retention rule: its words in every language, and the duration DPV's way: a period as an xsd:duration, an
        end that is an event as an "until event" duration (related to the processes it lasts as long as, if any)."""
        words = {code: self.formatted[code].purpose(purpose.id).retention[index].rule.text for code in self.languages}
        duration: dict[str, Any]
        if rule.period is not None:
            duration = {"@type": "dpv:TemporalDuration", "rdf:value": {"@value": xsd_duration(rule.period), "@type": "xsd:duration"}}
        else:
            duration = {"@type": "dpv:UntilEventDuration", "label": words}
            if rule.as_long_as:
                duration["dct:relation"] = [self.ref(f"processing/{pid}") for pid in rule.as_long_as]
        node: dict[str, Any] = {
            "@id": self.iri(f"processing/{purpose.id}/retention/{rule.id}"),
            "@type": "dpv:StorageDuration",
            "label": words,
            "dpv:hasDuration": duration,
        }
        if rule.condition is not None:
            node["dpv:isApplicableFor"] = {"@type": "dpv:Scope", "label": self.text(rule.condition)}
        return node

    def cookie_category(self, category: CookieCategory) -> dict[str, Any]:
        """A cookie category is a process implemented with its cookies, each with its provider and lifetime."""
        cid = category.id.value
        views = {code: next(c for c in self.formatted[code].cookie_categories if c.id == cid).cookies for code in self.languages}
        cookies = []
        for index, cookie in enumerate(category.cookies):
            lifetime: dict[str, Any] = (
                {"@type": "dpv:UntilEventDuration", "label": {code: views[code][index].lifetime for code in self.languages}}
                if isinstance(cookie.lifetime, str) else
                {"@type": "dpv:TemporalDuration", "rdf:value": {"@value": xsd_duration(cookie.lifetime), "@type": "xsd:duration"}}
            )
            cookies.append({
                "@id": self.iri(f"cookies/{quote(cookie.name, safe='')}"),
                "@type": "tech:Cookie",
                "rdfs:label": cookie.name,
                "description": self.text(cookie.purpose),
                "tech:hasProvider": {"@type": "tech:Provider", "rdfs:label": cookie.provider},
                "dpv:hasDuration": lifetime,
            })
        return {
            "@id": self.iri(f"cookie-categories/{cid}"),
            "@type": "dpv:Process",
            "label": self.text(category.name),
            "dpv:hasPurpose": {"@id": self.iri(f"cookie-categories/{cid}/purpose"), "@type": ["dpv:Purpose", COOKIE_PURPOSES[category.id]],
                               "label": self.text(category.name)},
            "dpv:isImplementedUsingTechnology": cookies,
        }

    def transfer(self, transfer: Transfer) -> dict[str, Any]:
        """A transfer outside the EEA: a process that transfers, to its recipients, on its safeguards."""
        return {
            "@id": self.iri(f"transfers/{transfer.id}"),
            "@type": "dpv:Process",
            "label": self.text(transfer.destination),
            "dpv:hasProcessing": {"@id": "dpv:Transfer"},
            "dpv:hasRecipient": [self.ref(f"recipients/{rid}") for rid in transfer.recipients],
            "dpv:hasLegalBasis": [{"@id": SAFEGUARDS[safeguard]} for safeguard in transfer.safeguards],
        }

    def right(self, right: Right) -> dict[str, Any]:
        concept = RIGHTS[right.kind]
        return {"@id": self.iri(f"rights/{right.id}"), "@type": ["dpv:DataSubjectRight", *([concept] if concept else [])],
                "label": self.text(right.name)}


def _contact(controller: Controller) -> dict[str, Any]:
    """A controller's name and contact details, never translated."""
    node: dict[str, Any] = {"dpv:hasName": controller.name}
    if controller.address:
        node["dpv:hasAddress"] = controller.address
    contacts = ([f"mailto:{controller.email}"] if controller.email else []) + ([tel_uri(controller.phone)] if controller.phone else [])
    if contacts:
        node["dpv:hasContact"] = [{"@id": contact} for contact in contacts]
    if controller.website:
        node["foaf:homepage"] = {"@id": controller.website}
    return node
