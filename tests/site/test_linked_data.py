"""The notice as linked data: every version as one JSON-LD document in the W3C Data Privacy Vocabulary, read back with a
real RDF library, offline, and checked triple by triple against the YAML; and the statement that the site honours
Global Privacy Control.

Built from the example amendment, published with less than the advance notice (so `--urgent`) after the 2024 version.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock
from urllib.parse import urljoin

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, XSD
from support import FIRST_VERSION, ROOT, build, copy_project, load_version, notice

from notice.dpv import xsd_duration
from notice.model import DpvPurpose, Notice

SITE = "https://privacy.sipsim.com/"
NEW = "2027-01-01"
PUBLISHED_ON = "2026-12-20"
URGENT = "Example publication for the linked data tests."
DPV = Namespace("https://w3id.org/dpv#")
GDPR = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
TECH = Namespace("https://w3id.org/dpv/tech#")
SCHEMA = Namespace("https://schema.org/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
"""DCAT 3 (version, previousVersion): rdflib's own DCAT is version 2."""

BASES = {"consent": "A6-1-a", "contract": "A6-1-b", "legal_obligation": "A6-1-c", "vital_interests": "A6-1-d",
         "public_task": "A6-1-e", "legitimate_interests": "A6-1-f"}
"""GDPR Art. 6(1)(a) to (f), written out here so that a slip in the code's table is caught."""
RIGHTS = {"access": "A15", "rectification": "A16", "erasure": "A17", "restriction": "A18", "portability": "A20", "objection": "A21",
          "automated_decisions": "A22", "withdraw_consent": "A7-3", "complaint": "A77", "post_mortem_directives": None}


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the example amendment published on 20 December 2026, twelve days before it takes effect."""
    project = copy_project(tmp_path_factory.mktemp("linked") / "project")
    shutil.copytree(ROOT / "examples" / "versions" / NEW, project / "data" / "versions" / NEW)
    published = notice(project, "publish", "--translations-reviewed", "--urgent", URGENT, today=PUBLISHED_ON)
    assert published.returncode == 0, published.stderr
    return project


@pytest.fixture(scope="module")
def site(amended: Path) -> Path:
    """Built on a day the amendment is in force."""
    result = build(amended, amended / "site", env={"NOTICE_TODAY": "2027-01-15"})
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="module")
def versions() -> dict[str, Notice]:
    return {"2024-02-01": load_version(ROOT / FIRST_VERSION), NEW: load_version(ROOT / "examples" / "versions" / NEW)}


def parse(path: Path) -> Graph:
    """The document read by rdflib's own JSON-LD parser, with the network cut: anything it tried to fetch would fail."""
    def refuse(*args: object) -> None:
        raise AssertionError(f"the JSON-LD parser tried to connect to {args[1:]}")

    with mock.patch.object(socket.socket, "connect", refuse), warnings.catch_warnings():
        # rdflib 7's JSON-LD parser builds a ConjunctiveGraph, which rdflib itself deprecates
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(data=path.read_text(encoding="utf-8"), format="json-ld")


def document(version: str) -> str:
    return f"{SITE}versions/{version}/notice.jsonld"


def node(version: str, fragment: str) -> URIRef:
    return URIRef(f"{document(version)}#{fragment}")


def labels(graph: Graph, subject: URIRef) -> dict[str, str]:
    return {literal.language: str(literal) for literal in graph.objects(subject, RDFS.label) if isinstance(literal, Literal)}


@pytest.fixture(scope="module")
def graphs(site: Path) -> dict[str, Graph]:
    return {name: parse(site / "versions" / name / "notice.jsonld") for name in ("2024-02-01", NEW)}


VERSIONS = ["2024-02-01", NEW]


@pytest.mark.parametrize("name", VERSIONS)
def test_every_purpose_is_a_process_with_its_legal_bases_and_retention(graphs: dict[str, Graph], versions: dict[str, Notice], name: str) -> None:
    graph, data = graphs[name], versions[name]
    processes = {str(row.process) for row in graph.query("""
        PREFIX dpv: <https://w3id.org/dpv#>
        SELECT DISTINCT ?process WHERE {
          ?notice a dpv:PrivacyNotice ; dpv:hasProcess ?process .
          ?process dpv:hasPurpose ?purpose ; dpv:hasLegalBasis ?basis .
          ?purpose a dpv:Purpose .
        }""")}
    assert processes == {str(node(name, f"processing/{purpose.id}")) for purpose in data.purposes}
    for purpose in data.purposes:
        process = node(name, f"processing/{purpose.id}")
        assert (process, RDF.type, DPV.Process) in graph
        assert labels(graph, process) == dict(purpose.title.root), "the title in every language"
        kinds = {kind.value for basis in purpose.legal_bases for kind in basis.kinds}
        assert set(graph.objects(process, DPV.hasLegalBasis)) == {GDPR[BASES[kind]] for kind in kinds}, purpose.id
        rules = list(graph.objects(process, DPV.hasStorageCondition))
        assert len(rules) == len(purpose.retention)
        for rule in purpose.retention:
            storage = node(name, f"processing/{purpose.id}/retention/{rule.id}")
            assert (process, DPV.hasStorageCondition, storage) in graph and (storage, RDF.type, DPV.StorageDuration) in graph
            assert set(labels(graph, storage)) == {"en", "fr", "pl"}
            duration = graph.value(storage, DPV.hasDuration)
            if rule.period is not None:
                assert (duration, RDF.type, DPV.TemporalDuration) in graph
                assert graph.value(duration, RDF.value) == Literal(xsd_duration(rule.period), datatype=XSD.duration)
            else:
                assert (duration, RDF.type, DPV.UntilEventDuration) in graph
                assert set(labels(graph, duration)) == {"en", "fr", "pl"}
                assert set(graph.objects(duration, DCTERMS.relation)) == {node(name, f"processing/{pid}") for pid in rule.as_long_as}


def test_a_period_is_its_longest_duration(graphs: dict[str, Graph]) -> None:
    graph = graphs["2024-02-01"]

    def value(purpose: str, rule: str) -> object:
        return graph.value(graph.value(node("2024-02-01", f"processing/{purpose}/retention/{rule}"), DPV.hasDuration), RDF.value)

    assert value("invoicing", "after-services-completed") == Literal("P3M", datatype=XSD.duration), "up to 3 months"
    assert value("telecom-compliance", "period") == Literal("P6Y", datatype=XSD.duration), "1 to 6 years"
    assert value("email-marketing", "after-consent-given") == Literal("P3Y", datatype=XSD.duration), "3 years"


@pytest.mark.parametrize("name", VERSIONS)
def test_each_purpose_has_its_data_recipients_subjects_and_controllers(graphs: dict[str, Graph], versions: dict[str, Notice], name: str) -> None:
    graph, data = graphs[name], versions[name]
    for purpose in data.purposes:
        process = node(name, f"processing/{purpose.id}")
        data_categories = set(graph.objects(process, DPV.hasPersonalData))
        assert data_categories == {node(name, f"personal-data/{cid}") for cid in data.data_categories_of(purpose)}
        assert all(set(labels(graph, category)) == {"en", "fr", "pl"} for category in data_categories)
        assert set(graph.objects(process, DPV.hasRecipient)) == {node(name, f"recipients/{rid}") for rid in purpose.recipients}
        section = data.section_of[purpose.id].id
        audiences = [a for a in data.audiences if section in a.sections]
        assert set(graph.objects(process, DPV.hasDataSubject)) == {node(name, f"audiences/{a.id}") for a in audiences}
        assert set(graph.objects(process, DPV.hasDataController)) == {node(name, f"controllers/{a.controller}") for a in audiences}
    lead = graph.value(node(name, "controllers/sipsim-llc"), DPV.hasName)
    assert str(lead) == "SIPSIM Limited liability company (SIPSIM, LLC)"


def test_a_purpose_is_an_instance_of_its_dpv_concept_where_the_data_names_one(graphs: dict[str, Graph], versions: dict[str, Notice]) -> None:
    example = graphs[NEW]
    for purpose in versions[NEW].purposes:
        assert purpose.dpv_purpose is not None
        own = node(NEW, f"purposes/{purpose.id}")
        assert (node(NEW, f"processing/{purpose.id}"), DPV.hasPurpose, own) in example
        assert set(example.objects(own, RDF.type)) == {DPV.Purpose, DPV[purpose.dpv_purpose.value]}
        assert labels(example, own) == dict(purpose.title.root)
    first = graphs["2024-02-01"]
    for purpose in versions["2024-02-01"].purposes:
        own = node("2024-02-01", f"purposes/{purpose.id}")
        assert set(first.objects(own, RDF.type)) == {DPV.Purpose}, "the published 2024 data names no concept: only its own, with its titles"
        assert labels(first, own) == dict(purpose.title.root)


@pytest.mark.parametrize("name", VERSIONS)
def test_every_right_is_stated_with_its_gdpr_article(graphs: dict[str, Graph], versions: dict[str, Notice], name: str) -> None:
    graph, data = graphs[name], versions[name]
    stated = set(graph.objects(node(name, "notice"), DPV.hasRight))
    assert stated == {node(name, f"rights/{right.id}") for right in data.rights}
    for right in data.rights:
        article = RIGHTS[right.kind.value]
        expected = {DPV.DataSubjectRight} | ({GDPR[article]} if article else set())
        assert set(graph.objects(node(name, f"rights/{right.id}"), RDF.type)) == expected
        assert labels(graph, node(name, f"rights/{right.id}")) == dict(right.name.root)
    if name == NEW:
        assert (node(name, "rights/complaint"), RDF.type, GDPR.A77) in graph


@pytest.mark.parametrize("name", VERSIONS)
def test_every_cookie_is_a_cookie_of_its_category_with_its_provider_and_lifetime(graphs: dict[str, Graph], versions: dict[str, Notice],
                                                                                 name: str) -> None:
    graph, data = graphs[name], versions[name]
    cookies = set(graph.subjects(RDF.type, TECH.Cookie))
    assert len(cookies) == sum(len(category.cookies) for category in data.cookie_categories)
    concepts = {"necessary": DPV.ServiceProvision, "statistics": DPV.ServiceUsageAnalytics, "marketing": DPV.Advertising}
    for category in data.cookie_categories:
        process = node(name, f"cookie-categories/{category.id.value}")
        assert (node(name, "notice"), DPV.hasProcess, process) in graph
        assert (graph.value(process, DPV.hasPurpose), RDF.type, concepts[category.id.value]) in graph
        assert labels(graph, process) == dict(category.name.root)
        used = set(graph.objects(process, DPV.isImplementedUsingTechnology))
        assert used == {node(name, f"cookies/{cookie.name}") for cookie in category.cookies}
        for cookie in category.cookies:
            subject = node(name, f"cookies/{cookie.name}")
            assert str(graph.value(subject, RDFS.label)) == cookie.name
            assert str(graph.value(graph.value(subject, TECH.hasProvider), RDFS.label)) == cookie.provider
            lifetime = graph.value(subject, DPV.hasDuration)
            if isinstance(cookie.lifetime, str):
                assert (lifetime, RDF.type, DPV.UntilEventDuration) in graph
            else:
                assert graph.value(lifetime, RDF.value) == Literal(xsd_duration(cookie.lifetime), datatype=XSD.duration)
    if name == NEW:
        assert graph.value(graph.value(node(name, "cookies/_pk_id"), DPV.hasDuration), RDF.value) == Literal("P13M", datatype=XSD.duration)


@pytest.mark.parametrize("name", VERSIONS)
def test_nothing_else_is_processed_than_purposes_cookie_categories_and_transfers(graphs: dict[str, Graph], versions: dict[str, Notice],
                                                                                  name: str) -> None:
    graph, data = graphs[name], versions[name]
    processes = set(graph.objects(node(name, "notice"), DPV.hasProcess))
    assert len(processes) == len(data.purposes) + len(data.cookie_categories) + len(data.transfers)
    for transfer in data.transfers:
        process = node(name, f"transfers/{transfer.id}")
        assert process in processes and (process, DPV.hasProcessing, DPV.Transfer) in graph
        assert set(graph.objects(process, DPV.hasLegalBasis)) == {GDPR["A46-2-c"]}, "standard contractual clauses"
        assert set(graph.objects(process, DPV.hasRecipient)) == {node(name, f"recipients/{rid}") for rid in transfer.recipients}


def test_the_amendment_says_its_version_publication_day_effective_date_and_what_it_amends(graphs: dict[str, Graph]) -> None:
    amendment, first = graphs[NEW], graphs["2024-02-01"]
    this = node(NEW, "notice")

    assert (this, RDF.type, DPV.PrivacyNotice) in amendment
    assert amendment.value(this, DCAT.version) == Literal(NEW)
    assert amendment.value(this, DCTERMS.issued) == Literal(PUBLISHED_ON, datatype=XSD.date), "the day `notice publish` ran (the lock)"
    assert amendment.value(this, SCHEMA.validFrom) == Literal(NEW, datatype=XSD.date), "the day it takes effect"
    assert amendment.value(this, DCAT.previousVersion) == node("2024-02-01", "notice"), "the version it amends (the lock's base)"
    assert first.value(node("2024-02-01", "notice"), DCTERMS.issued) == Literal("2024-02-01", datatype=XSD.date)
    assert first.value(node("2024-02-01", "notice"), DCAT.previousVersion) is None


@pytest.mark.parametrize("name", VERSIONS)
def test_the_notice_names_its_languages_and_the_page_in_each(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    this = node(name, "notice")

    assert {str(language) for language in graph.objects(this, DCTERMS.language)} == {"en", "fr", "pl"}
    pages = {(str(page), str(graph.value(page, DCTERMS.language))) for page in graph.objects(this, FOAF.page)}
    assert pages == {(f"{SITE}versions/{name}/", "en"), (f"{SITE}fr/versions/{name}/", "fr"), (f"{SITE}pl/versions/{name}/", "pl")}
    assert {literal.language for literal in graph.objects(this, DCTERMS.title)} == {"en", "fr", "pl"}


def test_the_current_notice_is_the_version_in_force_byte_for_byte(site: Path) -> None:
    assert (site / "notice.jsonld").read_bytes() == (site / "versions" / NEW / "notice.jsonld").read_bytes()


def test_a_published_version_is_the_same_file_after_a_later_one_is_published(site: Path, tmp_path: Path) -> None:
    """Only its data and its lock make it: the day of the build and the versions after it do not."""
    before = build(ROOT, tmp_path / "before", env={"NOTICE_TODAY": "2026-11-30"})
    assert before.returncode == 0, before.output

    assert (site / "versions/2024-02-01/notice.jsonld").read_bytes() == (before.site / "versions/2024-02-01/notice.jsonld").read_bytes()
    assert (before.site / "notice.jsonld").read_bytes() == (before.site / "versions/2024-02-01/notice.jsonld").read_bytes()


def jsonld_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.jsonld"))


def contexts(value: object) -> Iterator[object]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                yield item
            yield from contexts(item)
    elif isinstance(value, list):
        for item in value:
            yield from contexts(item)


def test_no_document_refers_to_a_remote_context(site: Path) -> None:
    files = jsonld_files(site)
    assert len(files) == 3, "two versions and the current one"
    for path in files:
        found = list(contexts(json.loads(path.read_text(encoding="utf-8"))))
        assert found and all(isinstance(context, dict) for context in found), f"{path}: every @context inline"
        assert all("@import" not in context for context in found if isinstance(context, dict))


def test_each_version_is_listed_with_its_linked_data(site: Path) -> None:
    index = json.loads((site / "versions" / "index.json").read_text(encoding="utf-8"))
    assert [row["urls"]["jsonld"] for row in index["versions"]] == [document("2024-02-01"), document(NEW)]


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.linked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and "alternate" in (attributes.get("rel") or "").split() and attributes.get("type") == "application/ld+json":
            self.linked.append(str(attributes.get("href")))


def test_every_page_links_to_the_linked_data_it_shows(site: Path) -> None:
    """A version's pages (the notice as published, what changed) to the version's file; every other page to the current one."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        path = page.relative_to(site).as_posix()
        version = next((part for part in path.split("/") if part in (NEW, "2024-02-01")), None)
        expected = document(version) if version else f"{SITE}notice.jsonld"
        assert len(head.linked) == 1, path
        assert urljoin(SITE + path, head.linked[0]) == expected, path
        assert (site / expected.removeprefix(SITE)).is_file()


def test_the_history_links_each_version_to_its_linked_data(site: Path) -> None:
    history = (site / "fr" / "versions" / "index.html").read_text(encoding="utf-8")
    for name in ("2024-02-01", NEW):
        assert f'href="../../versions/{name}/notice.jsonld" type="application/ld+json">Données (JSON-LD)' in history


# Global Privacy Control


def gpc(site: Path) -> object:
    return json.loads((site / ".well-known" / "gpc.json").read_text(encoding="utf-8"))


def test_the_site_states_that_it_honours_global_privacy_control(site: Path) -> None:
    """The GPC specification's well-known resource, dated by the publication of the version in force."""
    assert gpc(site) == {"gpc": True, "lastUpdate": PUBLISHED_ON}


def test_the_statement_is_dated_by_the_version_in_force_not_an_upcoming_one(amended: Path) -> None:
    result = build(amended, amended / "site-upcoming", env={"NOTICE_TODAY": "2026-12-25"})
    assert result.returncode == 0, result.output

    assert gpc(result.site) == {"gpc": True, "lastUpdate": "2024-02-01"}


@pytest.mark.parametrize("name", VERSIONS)
def test_every_dpv_term_the_documents_use_is_in_the_readme_s_mapping(site: Path, name: str) -> None:
    """The README's table is how a reader of the linked data learns what each term stands for: a term the code starts
    using without saying so there is caught."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    mapping = readme[readme.index("## Machine-readable notice"):]
    mapping = mapping[:mapping.index("\n## ", 1)]
    used = set(re.findall(r'"((?:dpv|tech):[A-Za-z]+)"', (site / "versions" / name / "notice.jsonld").read_text(encoding="utf-8")))
    chosen = {f"dpv:{concept.value}" for concept in DpvPurpose}  # the data's own choice, from the list the README points to
    assert {"dpv:Process", "dpv:hasLegalBasis", "tech:Cookie"} <= used
    assert sorted(term for term in used - chosen if f"`{term}`" not in mapping) == []
