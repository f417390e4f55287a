"""A corpus of the mistakes a legal team can make: each stops the build with one clear message and writes nothing.

Each case edits a private copy of the project as a person would, builds it for real, and checks the exact
message (file, line, field, what was expected, what was found). Where the JSON Schema the editors use can
see the mistake while typing, the case also checks that the schema rejects it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest
import yaml
from support import FIRST_VERSION, LANGUAGES, ROOT, build, build_command, edit, line_of, notice

from notice.errors import Problem
from notice.references import RESERVED_IDS, RESERVED_PREFIXES

V = FIRST_VERSION
Step = Callable[[Path], None]


def replace(file: str, old: str, new: str) -> Step:
    return lambda project: edit(project / file, old, new)


def rename(old: str, new: str) -> Step:
    return lambda project: (project / old).rename(project / new)


def delete(file: str) -> Step:
    return lambda project: (project / file).unlink()


def copy(old: str, new: str) -> Step:
    return lambda project: shutil.copytree(project / old, project / new)


def raw(file: str, old: bytes, new: bytes) -> Step:
    """Change a file's bytes, as an editor with another encoding or a pasted control character would."""
    def step(project: Path) -> None:
        content = (project / file).read_bytes()
        assert old in content, f"{old!r} not in {file}"
        (project / file).write_bytes(content.replace(old, new, 1))
    return step


def reencode(file: str, encoding: str) -> Step:
    return lambda project: (project / file).write_bytes((project / file).read_text(encoding="utf-8").encode(encoding))


def append(file: str, text: str) -> Step:
    return lambda project: (project / file).write_text((project / file).read_text(encoding="utf-8") + text, encoding="utf-8")


def write(file: str, text: str) -> Step:
    return lambda project: (project / file).write_text(text, encoding="utf-8")


def folder(path: str) -> Step:
    return lambda project: (project / path).mkdir()


def link(path: str, target: str) -> Step:
    """Replace `path` by a symbolic link to `target` (relative to the project; absolute targets lead outside it)."""
    def step(project: Path) -> None:
        where = project / path
        if where.is_dir():
            shutil.rmtree(where)
        elif where.exists():
            where.unlink()
        where.symlink_to(target if target.startswith("/") else project / target)
    return step


def outside_copy(path: str, name: str) -> Step:
    """Copy `path` out of the project (beside it), for a link that leads outside."""
    def step(project: Path) -> None:
        source, target = project / path, project.parent / name
        shutil.copytree(source, target) if source.is_dir() else shutil.copy2(source, target)
    return step


def locked_after(name: str, base: str) -> Step:
    """A lock entry for a version `name` after the first, with the first version's files and the given base."""
    def step(project: Path) -> None:
        text = (project / "data/notice.lock").read_text(encoding="utf-8")
        entry = text[text.index("'2024-02-01':"):].replace("'2024-02-01':", f"'{name}':").replace(
            "published: 2024-02-01\n  base: null", f"published: {name}\n  base: {base}")
        (project / "data/notice.lock").write_text(text + entry, encoding="utf-8")
    return step


BOMB = "".join(f"lol{level}: &l{level} [" + ", ".join([f"*l{level - 1}" if level else '"lol"'] * 9) + "]\n" for level in range(10))
"""A "billion laughs": ten levels of nine aliases, a billion strings if expanded."""
DEEP = "numbered: " + "[" * 45 + "]" * 45 + "\n"


def locked_as(name: str) -> Step:
    """A lock entry for a version `name`, as `notice publish` would have written it, with the first version's files."""
    def step(project: Path) -> None:
        text = (project / "data/notice.lock").read_text(encoding="utf-8")
        entry = text[text.index("'2024-02-01':"):].replace("'2024-02-01':", f"'{name}':").replace("published: 2024-02-01", f"published: {name}")
        (project / "data/notice.lock").write_text(text.replace("'2024-02-01':", entry + "'2024-02-01':", 1).replace(
            "'2024-02-01':\n  published: 2024-02-01\n  base: null", f"'2024-02-01':\n  published: 2024-02-01\n  base: {name}"), encoding="utf-8")
    return step


@dataclass(frozen=True)
class Case:
    id: str
    steps: tuple[Step, ...]
    file: str
    """The file the message names."""
    message: str
    """The message after `file:line: ` (or `file: `); {first} and the like are lines found with `lines`."""
    at: str | None = None
    """A fragment on the line the message names (None: the message names no line)."""
    offset: int = 0
    lines: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Lines the message quotes, by name: (file, fragment on that line)."""
    schema: bool = False
    """Whether the editors' JSON Schema rejects the edited file too."""
    env: dict[str, str] = field(default_factory=dict)


P, R, A, N, VOC, C, CT, VER = (f"{V}/{name}.yml" for name in ("purposes", "rights", "audiences", "notice", "vocabulary", "controllers",
                                                           "cookies", "version"))
FIELDS = ("id, title, introduction, activities, closing, data_categories, legal_bases, recipients, recipients_note, retention, dpv_purpose")

CASES = [
    # YAML syntax
    Case("syntax-unquoted-colon", (replace(P, 'en: "As part of our standard business operations, we engage in the following activity:"',
                                           "en: As part of our standard business operations, we engage in the following activity: invoices"),),
         P, "expected valid YAML: a text containing ': ' or ending with ':' to be in double quotes, "
            "got 'mapping values are not allowed here' at column 91", at="en: As part of our standard business operations"),
    Case("syntax-tab", (replace(R, "    kind: access\n", "\tkind: access\n"),),
         R, "expected valid YAML: spaces for indentation (a tab was found), got 'found character '\\t' that cannot start any token' at column 1",
         at="\tkind: access"),
    Case("syntax-indentation", (replace(R, "    kind: rectification\n", "   kind: rectification\n"),),
         R, "expected valid YAML: the same indentation as the lines above it, got 'expected <block end>, but found '<block mapping start>'' "
            "at column 4", at="   kind: rectification"),
    Case("syntax-unclosed-quote", (replace(C, "name: PG TELECOM Spolka z o.o.", 'name: "PG TELECOM Spolka z o.o.'),),
         C, "expected valid YAML: a closing quote for the text that starts here, got 'found unexpected end of stream' at column 1",
         at="name: SIPSIM", offset=1),
    Case("syntax-duplicate-key", (replace(R, "    kind: access\n", "    kind: access\n    kind: rectification\n"),),
         R, "rights[0].kind: expected each key once in a mapping, got a second 'kind' (first on line {first})", at="    kind: rectification",
         lines={"first": (R, "    kind: access")}),
    # Types and values
    Case("type-list", (replace(A, "    sections: [leads, other-recipients", "    sections: leads\n    unused: [leads, other-recipients"),),
         A, "audiences[2].sections: expected a list (items starting with '- '), got \"leads\"", at="    sections: leads", schema=True),
    Case("type-number", (replace(C, "phone: +336 44 55 55 55", "phone: 33644555555"),),
         C, "controllers[0].phone: expected text, got the number 33644555555", at="phone: 33644555555", schema=True),
    Case("type-yes-no", (replace(P, "      en: None\n      fr: Aucun\n", "      en: no\n      fr: Aucun\n"),),
         P, "purposes[5].recipients_note.en: expected text, got false (YAML reads yes/no/on/off as true/false: put text in quotes)",
         at="      en: no", schema=True),
    Case("type-text-not-mapping", (replace(R, "    name:\n      en: Portability\n      fr: Droit à la portabilité\n"
                                              "      pl: Prawo do przenoszenia danych\n", "    name: Portability\n"),),
         R, "rights[5].name: expected a mapping of 'key: value' fields, got \"Portability\"", at="    name: Portability", schema=True),
    Case("value-enum", (replace(P, "        kinds: [legal_obligation, legitimate_interests]", "        kinds: [legal_obligation, legitimate_interest]"),),
         P, "purposes[6].legal_bases[0].kinds[1]: expected one of: consent, contract, legal_obligation, vital_interests, public_task or "
            "legitimate_interests, got \"legitimate_interest\"", at="legitimate_interest]", schema=True),
    Case("value-dpv-purpose", (replace(P, "  - id: invoicing\n", "  - id: invoicing\n    dpv_purpose: PaymentManagment\n"),),
         P, "purposes[3].dpv_purpose: expected one of: AccountManagement, Advertising, CommunicationForCustomerCare, CustomerCare, "
            "CustomerClaimsManagement, CustomerManagement, CustomerRelationshipManagement, DirectMarketing, DisputeManagement, EnforceSecurity, "
            "FraudPreventionAndDetection, IdentityVerification, ImproveExistingProductsAndServices, LegalCompliance, Marketing, PaymentManagement, "
            "PersonalisedAdvertising, RecordManagement, ServiceOptimisation, ServiceProvision, ServiceUsageAnalytics or TargetedAdvertising, "
            "got \"PaymentManagment\"", at="dpv_purpose: PaymentManagment", schema=True),
    Case("value-period", (replace(P, "period: up to 6 months", "period: for six months"),),
         P, "purposes[4].retention[0].period: expected a duration like \"3 years\", \"up to 6 months\" or \"1 to 6 years\", got \"for six months\"",
         at="period: for six months", schema=True),
    Case("value-boolean", (replace(N, "    numbered: false\n", "    numbered: maybe\n", ),),
         N, "sections[0].numbered: expected true or false, got \"maybe\"", at="numbered: maybe", schema=True),
    Case("value-id", (replace(VOC, "  - id: hosting\n", "  - id: Hosting Provider\n"),),
         VOC, "recipients[0].id: expected an id of lowercase words joined by hyphens, like 'customer-account', got \"Hosting Provider\"",
         at="  - id: Hosting Provider", schema=True),
    # Unknown keys
    Case("unknown-key", (replace(P, "    retention:\n      - id: after-invoice-issued\n        period: up to 6 months", "    retension:\n      - id: after-invoice-issued\n        period: up to 6 months"),),
         P, f"purposes[4].retension: expected one of the fields {FIELDS}, got unknown field 'retension' (did you mean 'retention'?)",
         at="    retension:", schema=True),
    Case("unknown-language", (replace(R, "      en: Portability\n", "      en: Portability\n      de: Übertragbarkeit\n"),),
         R, "rights[5].name.de: expected one of the notice's languages en, fr, pl, got 'de' (German)", at="de: Übertragbarkeit", schema=True),
    Case("unknown-language-babel-does-not-know", (replace(R, "      en: Portability\n", "      en: Portability\n      xen: Portability\n"),),
         R, "rights[5].name.xen: expected one of the notice's languages en, fr, pl, got 'xen'", at="xen: Portability", schema=True),
    Case("unknown-top-level-key", (replace(VER, "status: published\n", "status: published\neffective: 2024-02-01\n"),),
         VER, "effective: expected one of the fields status, summary, overrides, got unknown field 'effective'", at="effective:", schema=True),
    # Missing fields and translations
    Case("missing-field", (replace(R, "    kind: objection\n", ""),), R, "rights[2].kind: expected the required field 'kind', got nothing",
         at="  - id: objection", schema=True),
    Case("missing-translation", (replace(VOC, "      pl: Dostawca usług hostingowych\n", ""),),
         VOC, "recipients[0].name.pl: expected the Polish text ('pl'): every text needs all of en, fr, pl, got nothing",
         at="      en: Hosting provider", offset=-1, schema=True),
    Case("empty-translation", (replace(VOC, "      fr: Prestataire d’hébergement\n", "      fr: ''\n"),),
         VOC, "recipients[0].name.fr: expected the French text ('fr') to be non-empty, got \"\"", at="      fr: ''", schema=True),
    # References between records
    Case("dangling-data-category", (replace(P, "data_categories: [customer-account, customer-payment]",
                                            "data_categories: [customer-account, customer-payments]"),),
         P, "purposes[4].data_categories[1]: expected the id of a data category defined in vocabulary.yml, got 'customer-payments' "
            "(did you mean 'customer-payment'?)", at="customer-payments]"),
    Case("dangling-recipient", (replace(P, "recipients: [hosting, ticketing, crm-systems]", "recipients: [hosting, ticketing, crm-system]"),),
         P, "purposes[1].recipients[2]: expected the id of a recipient defined in vocabulary.yml, got 'crm-system' (did you mean 'crm-systems'?)",
         at="crm-system]"),
    Case("dangling-purpose-in-section", (replace(N, "      - purposes: [product-improvement]", "      - purposes: [product-improvements]"),),
         N, "sections[5].body[1].purposes[0]: expected the id of a purpose defined in purposes.yml, got 'product-improvements' "
            "(did you mean 'product-improvement'?)", at="[product-improvements]"),
    Case("dangling-section-of-audience", (replace(A, "    sections: [leads, other-recipients", "    sections: [lead, other-recipients"),),
         A, "audiences[2].sections[0]: expected the id of a section defined in notice.yml, got 'lead' (did you mean 'leads'?)",
         at="sections: [lead, "),
    Case("dangling-as-long-as", (replace(P, "as_long_as: [email-marketing, outbound-sales]", "as_long_as: [email-marketing, outbound]"),),
         P, "purposes[9].retention[0].as_long_as[1]: expected the id of a purpose defined in purposes.yml, got 'outbound'",
         at="as_long_as: [email-marketing, outbound]"),
    Case("duplicate-id", (replace(VOC, "  - id: payment-providers", "  - id: billing-tools"),),
         VOC, "recipients[8].id: expected a unique id, got 'billing-tools' again (first on line {first})",
         at="      en: Providers of payment solutions", offset=-2, lines={"first": (VOC, "  - id: billing-tools")}),
    Case("purpose-not-placed", (replace(N, "      - purposes: [email-marketing, outbound-sales, lead-targeting]",
                                        "      - purposes: [email-marketing, outbound-sales]"),),
         P, "purposes[9].id: expected the purpose to be placed in a section's body in notice.yml, got 'lead-targeting' is not placed anywhere",
         at="  - id: lead-targeting"),
    Case("anchor-clash", (replace(P, "  - id: system-security\n", "  - id: security\n"),
                          replace(N, "          - system-security\n", "          - security\n")),
         P, "purposes[2].id: expected an id that no other section, purpose, right, audience, cookie category or transfer uses (it is the anchor in "
            "the page), got 'security', also the id of the section at {notice}:{section}", at="  - id: security",
         lines={"section": (N, "  - id: security")}),
    # Versions and the lock
    Case("version-folder-not-a-date", (rename(V, "data/versions/2024-2-1"), replace("data/notice.lock", "'2024-02-01':", "'2024-2-1':")),
         "data/versions/2024-2-1", "expected a version folder named by its effective date, YYYY-MM-DD (a real date), got \"2024-2-1\""),
    Case("version-impossible-date", (copy(V, "data/versions/2024-02-30"),),
         "data/versions/2024-02-30", "expected a version folder named by its effective date, YYYY-MM-DD (a real date), got \"2024-02-30\""),
    Case("version-missing-file", (delete(R),), R, "expected this file in every version, got no such file"),
    Case("version-unexpected-file", (copy(V, "data/versions/2025-01-01"), rename("data/versions/2025-01-01/purposes.yml",
                                                                                  "data/versions/2025-01-01/purpose.yml")),
         "data/versions/2025-01-01/purpose.yml",
         "expected only the files version.yml, controllers.yml, audiences.yml, notice.yml, purposes.yml, vocabulary.yml, rights.yml, "
         "cookies.yml, transfers.yml in a version folder, got 'purpose.yml' (did you mean 'purposes.yml'?)"),
    Case("lock-published-version-edited", (replace(CT, "Marketing cookies track", "Marketing cookies follow"),),
         CT, "version 2024-02-01: was changed after publication: a published version is frozen; make the change in a new version (`notice amend`)"),
    Case("lock-published-summary-edited", (replace(VER, "  en: First published version", "  en: The first published version"),),
         VER, "version 2024-02-01: was changed after publication: a published version is frozen; make the change in a new version (`notice amend`)"),
    Case("lock-published-not-locked", (copy(V, "data/versions/2025-01-01"),),
         "data/versions/2025-01-01/version.yml",
         "version 2025-01-01: says published, but the lock has no entry for it: a version is published only by `notice publish` "
         "(set its status back to draft, then run `notice publish`)"),
    Case("lock-published-version-removed", (locked_as("2023-01-01"),),
         "data/notice.lock", "version 2023-01-01: this published version's folder is missing: a published version is never removed"),
    Case("lock-back-to-draft", (replace(VER, "status: published", "status: draft"),),
         VER, "version 2024-02-01: is locked as published but its status says draft: a published version cannot return to draft"),
    Case("example-marked-published", (copy("examples/versions/2027-01-01", "examples/versions/2027-02-01"),
                                      replace("examples/versions/2027-02-01/version.yml", "\nstatus: draft", "\nstatus: published")),
         "examples/versions/2027-02-01/version.yml", "status: expected draft: an example is never published, got published",
         env={"NOTICE_DRAFTS": "1", "NOTICE_EXAMPLES": "examples/versions"}),
    # Dates
    Case("today-not-a-date", (), "NOTICE_TODAY", "expected a date written YYYY-MM-DD, got '2026-13-40'", env={"NOTICE_TODAY": "2026-13-40"}),
    Case("nothing-in-force-yet", (), "data/versions", "expected a published version in force on 2020-01-01, "
                                                      "got only versions taking effect later (2024-02-01)", env={"NOTICE_TODAY": "2020-01-01"}),
    # HTML or script injected into text
    Case("html-script", (replace(P, "These practices are fundamental", "<script>alert(document.cookie)</script> These practices are fundamental"),),
         P, "purposes[0].closing.en: expected Markdown without HTML tags (write **bold**, [a link](https://…)), got the tag '<script>'",
         at="<script>alert", offset=-1),
    Case("html-event-handler", (replace(R, "      en: Rectification\n", "      en: Rectification <img src=x onerror=alert(1)>\n"),),
         R, "rights[1].name.en: expected Markdown without HTML tags (write **bold**, [a link](https://…)), got the tag '<img src=x onerror=alert(1)>'",
         at="onerror"),
    Case("javascript-link", (replace(R, "You have the right to move, copy, or transmit your Personal Data.",
                                     "You have the right to move, copy, or transmit your [Personal Data](javascript:alert(1))."),),
         R, "rights[5].description.en: expected links to https:, mailto: or tel: only, got a javascript: link", at="javascript:alert(1)"),
    Case("html-in-a-name", (replace(C, "name: PG TELECOM Spolka z o.o.", "name: <b>PG TELECOM</b> Spolka z o.o."),),
         C, "controllers[0].name: expected Markdown without HTML tags (write **bold**, [a link](https://…)), got the tag '<b>'", at="name: <b>"),
    Case("http-link", (replace(R, "You have the right to move, copy, or transmit your Personal Data.",
                               "You have the right to move, copy, or transmit your [Personal Data](http://sipsim.com/data)."),),
         R, "rights[5].description.en: expected links to https:, mailto: or tel: only, got a http: link", at="http://sipsim.com/data"),
    Case("reserved-id", (replace(P, "  - id: invoicing\n", "  - id: for-lead\n"), replace(N, "          - invoicing\n", "          - for-lead\n")),
         P, "purposes[3].id: expected an id that is not one the pages use themselves (at-a-glance, change-classes, changes, full-text, "
            "less-processing, material, notice-title, personal-data, summary, versions, what-applies-to-me, or starting with for-, nt-, notice-, "
            "redline-), got 'for-lead'", at="  - id: for-lead"),
    Case("reserved-id-of-a-section", (replace(N, "  - id: amendments\n", "  - id: material\n"),
                                      replace("data/versions/2024-02-01/audiences.yml", "rights, amendments]", "rights, material]")),
         N, "sections[12].id: expected an id that is not one the pages use themselves (at-a-glance, change-classes, changes, full-text, "
            "less-processing, material, notice-title, personal-data, summary, versions, what-applies-to-me, or starting with for-, nt-, notice-, "
            "redline-), got 'material'", at="  - id: material"),
    # Hostile or broken files: each stops with its place, never a traceback or a hang
    Case("control-character-raw", (raw(R, b"      en: Portability\n", b"      en: Porta\x00bility\n"),),
         R, "expected text without control characters, got the control character U+0000 at column 16", at="      en: Porta"),
    Case("control-character-escaped", (replace(R, "      en: Portability\n", '      en: "\\e[2JPortability"\n'),),
         R, "rights[5].name.en: expected text without control characters, got the control character U+001B (written as an escape or pasted)",
         at="e[2JPortability"),
    Case("control-character-form-feed", (replace(VOC, "      en: Hosting provider\n", '      en: "Hosting\\x0cprovider"\n'),),
         VOC, "recipients[0].name.en: expected text without control characters, got the control character U+000C (written as an escape or "
              "pasted)", at="Hosting\\x0cprovider"),
    Case("bidirectional-override", (replace(VOC, "      en: Hosting provider\n", '      en: "Hosting \\u202Eprovider"\n'),),
         VOC, "recipients[0].name.en: expected text without control characters, got U+202E (a bidirectional control) (written as an escape "
              "or pasted)", at="u202Eprovider"),
    Case("alias-bomb", (append(VER, BOMB),), VER,
         "expected no YAML aliases ('*name'): write the value out in full, got the alias '*l0' at column 12", at="lol1: &l1"),
    Case("nesting-too-deep", (append(VER, DEEP),), VER,
         "numbered" + "[0]" * 39 + ": expected no more than 40 levels of nesting, got deeper nesting", at="numbered: [[["),
    Case("encoding-utf16", (reencode(R, "utf-16"),), R, "expected text encoded as UTF-8, got a file encoded as UTF-16 (save it as UTF-8)"),
    Case("encoding-latin1", (raw(R, "      fr: Droit à la portabilité".encode(), "      fr: Droit à la portabilité".encode("latin-1")),),
         R, "expected text encoded as UTF-8, got the byte 0xe0 at column 17, which is not UTF-8 (save the file as UTF-8)",
         at=" la portabilit"),
    Case("file-too-large", (append(R, "# " + "x" * 2_100_000 + "\n"),), R, "expected a data file of at most 2 MB, got 2,10"),
    Case("bom-added-to-published", (raw(R, b"# yaml-language-server", b"\xef\xbb\xbf# yaml-language-server"),),
         R, "version 2024-02-01: was changed (only a byte order mark was added at its start: save it as UTF-8 without BOM) after publication"),
    Case("not-a-data-file-in-a-version", (write(f"{V}/README.md", "Notes\n"),), f"{V}/README.md",
         "expected only the files version.yml, controllers.yml, audiences.yml, notice.yml, purposes.yml, vocabulary.yml, rights.yml, "
         "cookies.yml, transfers.yml in a version folder, got 'README.md'"),
    Case("folder-in-a-version", (folder(f"{V}/old"),), f"{V}/old", "expected only the files version.yml, controllers.yml, audiences.yml, "
         "notice.yml, purposes.yml, vocabulary.yml, rights.yml, cookies.yml, transfers.yml in a version folder, got a folder"),
    Case("file-among-versions", (write("data/versions/notes.txt", "x\n"),), "data/versions/notes.txt",
         "expected only version folders named YYYY-MM-DD here, got a file"),
    Case("version-linked-outside", (outside_copy(V, "elsewhere"), link("data/versions/2025-01-01", "/..")),
         "data/versions/2025-01-01", "expected a version folder inside the project, got a symbolic link to somewhere outside it (or to nothing)"),
    Case("data-file-linked-outside", (outside_copy(R, "rights.yml"), link(R, "/etc/hostname")),
         R, "expected a file inside the project, got a symbolic link to somewhere outside it (or to nothing)"),
    Case("lock-linked-outside", (outside_copy("data/notice.lock", "notice.lock"), link("data/notice.lock", "../notice.lock")),
         "data/notice.lock", "expected the lock inside the project, got a symbolic link to somewhere outside it (or to nothing)"),
    Case("versions-linked-outside", (outside_copy("data/versions", "versions"), link("data/versions", "../versions")),
         "data/versions", "expected the folder of the versions inside the project, got a symbolic link to somewhere outside it (or to nothing)"),
    Case("dangling-link", (link(f"{V}/notes.yml", "nowhere.yml"),), f"{V}/notes.yml",
         "expected a file inside the project, got a symbolic link to somewhere outside it (or to nothing)"),
    Case("lock-wrong-shape", (write("data/notice.lock", "- 2024-02-01\n"),), "data/notice.lock",
         "expected a mapping of 'key: value' fields, got a list", at="- 2024-02-01"),
    Case("lock-entry-incomplete", (replace("data/notice.lock", "  base: null\n", ""),), "data/notice.lock",
         "2024-02-01.base: expected the required field 'base', got nothing", at="'2024-02-01':"),
    Case("lock-is-a-folder", (delete("data/notice.lock"), folder("data/notice.lock")), "data/notice.lock",
         "expected a readable file, got Is a directory"),
    Case("lock-missing", (delete("data/notice.lock"),), "data/notice.lock",
         "expected the lock of the published versions (restore it: git checkout -- data/notice.lock), got no such file"),
    Case("lock-order-edited", (copy(V, "data/versions/2025-01-01"), locked_after("2025-01-01", base="2023-01-01")),
         "data/notice.lock", "version 2025-01-01: records 2023-01-01 as the version it amends, but the version published before it is "
                             "2024-02-01: the lock was edited by hand; restore it from git"),
    # The site owner's settings
    Case("settings-not-a-mapping", (replace("mkdocs.yml", "extra:\n  notice:\n", "extra:\n  notice: yes\n  unused:\n"),), "mkdocs.yml",
         "extra.notice: expected a mapping of 'key: value' fields, got true (YAML reads yes/no/on/off as true/false: put text in quotes)",
         at="  notice: yes"),
    Case("settings-alias", (replace("mkdocs.yml", "site_name: SipSim\n", "site_name: &name SipSim\nsite_author: *name\n"), replace("mkdocs.yml", "consent_months: 6", "consent_months: &months 6\n    advance_notice_days: *months")),
         "mkdocs.yml", "expected no YAML aliases ('*name'): write the value out in full, got the alias '*months' at column 26", at="advance_notice_days: *months"),
    Case("settings-out-of-range", (replace("mkdocs.yml", "consent_months: 6", "consent_months: 14"),), "mkdocs.yml",
         "extra.notice.consent_months: expected a number at most 13, got the number 14", at="consent_months: 14"),
    Case("settings-typo", (replace("mkdocs.yml", "consent_months: 6", "consent_month: 6"),), "mkdocs.yml",
         "extra.notice.consent_month: expected one of the fields languages, consent_months, google_consent_mode, consent_log_url, advance_notice_days, "
         "got unknown field 'consent_month' "
         "(did you mean 'consent_months'?)", at="consent_month: 6"),
]


def test_the_corpus_covers_every_kind_of_mistake() -> None:
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_mistake_stops_the_build_with_its_location(project: Path, case: Case) -> None:
    for step in case.steps:
        step(project)

    result = build(project, env=case.env)

    path = project / case.file
    values: dict[str, object] = {name: line_of(project / file, fragment) for name, (file, fragment) in case.lines.items()}
    values["notice"] = N
    message = case.message.format(**values)
    where = f"{case.file}:{line_of(path, case.at) + case.offset}" if case.at else case.file
    assert result.returncode == 1, result.output
    assert f"{where}: {message}" in result.output, result.output
    assert "Traceback" not in result.output
    assert not result.site.exists(), "nothing may be written when the data is wrong"


CHECKED = [case for case in CASES if "NOTICE_EXAMPLES" not in (case.env or {})]  # examples are a preview's, not the notice's


@pytest.mark.parametrize("case", CHECKED, ids=[case.id for case in CHECKED])
def test_notice_check_names_the_same_mistake_at_the_same_place(project: Path, case: Case) -> None:
    """The legal team's own command finds what the build finds, without building (a lock problem is worded as one)."""
    for step in case.steps:
        step(project)
    env = dict(case.env or {})

    result = notice(project, "check", "--format", "json", today=env.pop("NOTICE_TODAY", "2026-11-26"), env=env)

    values: dict[str, object] = {name: line_of(project / file, fragment) for name, (file, fragment) in case.lines.items()}
    values["notice"] = N
    message = case.message.format(**values)
    where = f"{case.file}:{line_of(project / case.file, case.at) + case.offset}" if case.at else case.file
    if result.returncode == 2:  # a usage mistake (NOTICE_TODAY) stops the command before it checks anything
        assert message in result.stderr and "Traceback" not in result.stderr
        return
    assert result.returncode == 1, result.stdout
    said = [str(Problem(item["file"], item["line"], item["path"], item["expected"], item["got"]))
            for item in json.loads(result.stdout)["problems"] if item["severity"] == "error"]
    lock_said = message.split(": ", 1)[1] if message.startswith("version ") else message
    assert any(f"{where}: {message}" in line or (line.startswith(f"{where}:") and lock_said in line) for line in said), said


SCHEMAS = {name: json.loads((ROOT / "schema" / name.replace(".yml", ".schema.json")).read_text()) for name in
           ("version.yml", "controllers.yml", "audiences.yml", "notice.yml", "purposes.yml", "vocabulary.yml", "rights.yml", "cookies.yml", "transfers.yml")}


@pytest.mark.parametrize("case", [case for case in CASES if case.schema], ids=[case.id for case in CASES if case.schema])
def test_the_editors_schema_rejects_it_while_typing(project: Path, case: Case) -> None:
    for step in case.steps:
        step(project)

    data = yaml.safe_load((project / case.file).read_text(encoding="utf-8"))

    assert not jsonschema.Draft202012Validator(SCHEMAS[Path(case.file).name]).is_valid(data)


@pytest.mark.parametrize("folder", [ROOT / FIRST_VERSION, ROOT / "examples/versions/2027-01-01"], ids=["2024-02-01", "example"])
def test_the_editors_schema_accepts_the_real_data(folder: Path) -> None:
    for name, schema in SCHEMAS.items():
        jsonschema.Draft202012Validator(schema).validate(yaml.safe_load((folder / name).read_text(encoding="utf-8")))


def test_every_data_file_names_its_schema() -> None:
    from notice.schema import schema_comment

    paths = [*ROOT.glob("data/versions/*/*.yml"), *ROOT.glob("examples/versions/*/*.yml")]
    for path in paths:
        assert path.read_text(encoding="utf-8").startswith(schema_comment(path.name)), path
        assert (path.parent / schema_comment(path.name).split("$schema=")[1].strip()).resolve().exists()
    assert len(paths) == 18


def test_the_committed_schemas_are_generated_from_the_model() -> None:
    from notice.schema import schemas

    for name, document in schemas(LANGUAGES).items():
        assert json.loads((ROOT / "schema" / name).read_text(encoding="utf-8")) == document, f"run `notice schema`: {name} is stale"


def test_all_problems_are_reported_at_once(project: Path) -> None:
    edit(project / P, "period: up to 3 years", "period: forever")
    edit(project / R, "    kind: objection\n", "")

    result = build(project)

    assert "2 problems to fix:" in result.output
    assert "purposes[1].retention[0].period" in result.output and "rights[2].kind" in result.output


def test_files_editors_and_systems_leave_behind_are_ignored(project: Path) -> None:
    """An editor's lock file (often a dangling link), a swap file and a .DS_Store are not data: the build goes on."""
    (project / V / ".#notice.yml").symlink_to("user@host.1234:1700000000")
    (project / V / ".notice.yml.swp").write_bytes(b"\x00\x01 not YAML")
    (project / V / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (project / "data/versions/.DS_Store").write_bytes(b"\x00")

    result = build(project)

    assert result.returncode == 0, result.output


def test_every_id_the_pages_make_themselves_is_reserved(project: Path) -> None:
    """An element id on a page that no record gave it is one the templates made: a record with that id would give the
    page two elements with one id, so each must be refused (RESERVED_IDS, RESERVED_PREFIXES)."""
    result = build(project, env={"NOTICE_DRAFTS": "1", "NOTICE_EXAMPLES": "examples/versions"}, strict=False)
    assert result.returncode == 0, result.output
    given = {value for folder in (*(project / "data/versions").iterdir(), *(project / "examples/versions").iterdir())
             for path in folder.glob("*.yml") for value in re.findall(r"(?m)^\s*-?\s*id: ([\w-]+)$", path.read_text(encoding="utf-8"))}
    made = {value for page in result.site.rglob("*.html") for value in re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8"))}
    made -= given | {f"redline-{value}" for value in given}
    made = {value for value in made if not value.startswith("__")}  # Material's own; a record's id starts with a letter or digit

    assert {"material", "at-a-glance", "nt-consent-title"} <= made, "the pages' own ids are found"
    assert sorted(value for value in made if value not in RESERVED_IDS and not value.startswith(RESERVED_PREFIXES)) == []


def test_the_site_owners_own_settings_may_use_what_data_files_may_not(project: Path) -> None:
    """mkdocs.yml is MkDocs' file: only `extra.notice` is read as strictly as the data; anchors, aliases and tags
    elsewhere are MkDocs' business."""
    edit(project / "mkdocs.yml", "site_name: SipSim\n", "site_name: &name SipSim\nsite_author: !ENV [NOTICE_SITE_AUTHOR, *name]\n")
    edit(project / "mkdocs.yml", "extra:\n", "extra:\n  owner: *name\n")

    result = build(project)

    assert result.returncode == 0, result.output
    assert notice(project, "check").returncode == 0


def test_comparisons_and_autolinks_are_text_not_tags(project: Path) -> None:
    edit(project / "examples/versions/2027-01-01/rights.yml", "You have the right to move, copy, or transmit your Personal Data.",
         "You have the right to move, copy, or transmit your Personal Data if a < b and c > d, see <https://sipsim.com/portability>.")

    result = build(project, env={"NOTICE_DRAFTS": "1", "NOTICE_EXAMPLES": "examples/versions"}, strict=False)

    assert result.returncode == 0, result.output
    page = (result.site / "versions/2027-01-01/index.html").read_text(encoding="utf-8")
    assert "if a &lt; b and c &gt; d, see <a href=\"https://sipsim.com/portability\"" in page


def test_the_mkdocs_command_prints_the_problem_and_no_traceback(project: Path) -> None:
    """The corpus runs MkDocs in-process; once, the command itself, in a process of its own, as CI runs it."""
    edit(project / R, "    kind: objection\n", "")

    result = build_command(project)

    assert result.returncode == 1
    assert f"{R}:{line_of(project / R, '  - id: objection')}: rights[2].kind: expected the required field 'kind', got nothing" in result.output
    assert "Traceback" not in result.output
    assert not result.site.exists()
