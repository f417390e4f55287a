"""The notice as typed, frozen records: the one source of validation and of the editors' JSON Schema.

Each field's docstring is the legal team's reference for it and becomes its description in the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cached_property
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    PlainSerializer,
    PlainValidator,
    RootModel,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError


class Record(BaseModel):
    """A frozen record: unknown keys are typos, and nothing changes after loading."""

    model_config = ConfigDict(frozen=True, extra="forbid")  # field docstrings: notice.schema reads them for the editors' help

    @property
    def key(self) -> str | None:
        """What the record is known by in the list that holds it (its id, or a natural key): amendments are
        compared record by record, never by position."""
        value = getattr(self, "id", None)
        return value.value if isinstance(value, Enum) else value


_TAG = re.compile(r"<(?:/?[a-zA-Z][\w-]*(?=[\s/>])[^>]*>|!--|![a-zA-Z]|\?)")
"""An HTML tag, comment or declaration; "a < b" and autolinks such as <https://…> are not tags."""
_LINKS = (
    re.compile(r"\]\(\s*<?\s*([a-zA-Z][\w+.-]*):"),  # [text](scheme:…)
    re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?\s*([a-zA-Z][\w+.-]*):", re.M),  # [label]: scheme:… (a reference definition)
    re.compile(r"<([a-zA-Z][\w+.-]*):[^<>\s]*>"),  # <scheme:…> (an autolink)
)
SAFE_SCHEMES = ("https", "mailto", "tel")


def _safe_text(value: str) -> str:
    """Text from the data reaches pages: no HTML, and links only to the web (https), e-mail or phone."""
    tag = _TAG.search(value)
    if tag:
        shown = value[tag.start():value.find(">", tag.start()) + 1 or tag.end()][:40]
        raise PydanticCustomError("html", "Markdown without HTML tags (write **bold**, [a link](https://…))", {"got": f"the tag {shown!r}"})
    for pattern in _LINKS:
        for scheme in pattern.findall(value):
            if scheme.lower() not in SAFE_SCHEMES:
                raise PydanticCustomError("scheme", "links to https:, mailto: or tel: only", {"got": f"a {scheme}: link"})
    return value


Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", examples=["customer-account"])]
"""A stable identifier: lowercase words joined by hyphens. Anchors and links are made from it."""

Line = Annotated[str, Field(pattern=r"^[^\n]*\S[^\n]*$"), AfterValidator(_safe_text)]
"""One non-empty line of text that is never translated (a name, an address)."""

Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", examples=["info@sipsim.com"])]
Url = Annotated[str, Field(pattern=r"^https://\S+$", examples=["https://sipsim.com/"])]
NonBlank = Annotated[str, Field(pattern=r"\S"), AfterValidator(_safe_text)]


LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
"""A language's code, as the settings declare it ("en", "fr", "pl")."""


class Text(RootModel[dict[LanguageCode, NonBlank]]):
    """A short text (a title, a name, a label) in every language of the notice, the source language's first.

    Which languages a text must have is the settings' business (checked when a version is loaded), so that
    adding a language is configuration plus translations.
    """

    model_config = ConfigDict(frozen=True)

    def __getitem__(self, language: str) -> str:
        return self.root[language]

    def __hash__(self) -> int:
        return hash(tuple(self.root.items()))


class Prose(Text):
    """Paragraphs of Markdown-light text in every language: **bold**, *italic*, links and lists; no HTML."""


class Status(str, Enum):
    """Whether a version is in force (published) or still being written (draft)."""

    draft = "draft"
    published = "published"


class BasisKind(str, Enum):
    """The lawful bases of GDPR Article 6(1), points (a) to (f)."""

    consent = "consent"
    contract = "contract"
    legal_obligation = "legal_obligation"
    vital_interests = "vital_interests"
    public_task = "public_task"
    legitimate_interests = "legitimate_interests"


class RetentionEvent(str, Enum):
    """The events from which a retention period is counted, or until which data is kept."""

    request = "request"
    services_completed = "services_completed"
    invoice_issued = "invoice_issued"
    relationship_ended = "relationship_ended"
    consent_given = "consent_given"
    communication = "communication"


class RetentionEnd(str, Enum):
    """The events until which data is kept, where no period is stated."""

    relationship_ended = "relationship_ended"


class RightKind(str, Enum):
    """The data subject's rights the notice can state (GDPR Articles 7(3), 15-22 and 77; French law for post-mortem directives)."""

    access = "access"
    rectification = "rectification"
    erasure = "erasure"
    restriction = "restriction"
    portability = "portability"
    objection = "objection"
    withdraw_consent = "withdraw_consent"
    complaint = "complaint"
    automated_decisions = "automated_decisions"
    post_mortem_directives = "post_mortem_directives"


class CookieCategoryId(str, Enum):
    """The three cookie categories of the consent contract."""

    necessary = "necessary"
    statistics = "statistics"
    marketing = "marketing"


class Safeguard(str, Enum):
    """How a transfer outside the EEA is safeguarded (GDPR Chapter V)."""

    adequacy_decision = "adequacy_decision"
    """Art. 45: the Commission decided the country's protection is adequate."""
    standard_contractual_clauses = "standard_contractual_clauses"
    """Art. 46(2)(c): standard data protection clauses adopted by the Commission."""
    binding_corporate_rules = "binding_corporate_rules"
    """Art. 47."""
    code_of_conduct = "code_of_conduct"
    """Art. 46(2)(e)."""
    certification = "certification"
    """Art. 46(2)(f)."""
    derogation = "derogation"
    """Art. 49: a derogation for a specific situation (explicit consent, a contract, …)."""


class DpvPurpose(str, Enum):
    """A purpose concept of the W3C Data Privacy Vocabulary (DPV 2, https://w3id.org/dpv#), for the notice as linked
    data: the closed set the legal team chooses from, each checked against DPV's own list of purposes."""

    AccountManagement = "AccountManagement"
    Advertising = "Advertising"
    CommunicationForCustomerCare = "CommunicationForCustomerCare"
    CustomerCare = "CustomerCare"
    CustomerClaimsManagement = "CustomerClaimsManagement"
    CustomerManagement = "CustomerManagement"
    CustomerRelationshipManagement = "CustomerRelationshipManagement"
    DirectMarketing = "DirectMarketing"
    DisputeManagement = "DisputeManagement"
    EnforceSecurity = "EnforceSecurity"
    FraudPreventionAndDetection = "FraudPreventionAndDetection"
    IdentityVerification = "IdentityVerification"
    ImproveExistingProductsAndServices = "ImproveExistingProductsAndServices"
    LegalCompliance = "LegalCompliance"
    Marketing = "Marketing"
    PaymentManagement = "PaymentManagement"
    PersonalisedAdvertising = "PersonalisedAdvertising"
    RecordManagement = "RecordManagement"
    ServiceOptimisation = "ServiceOptimisation"
    ServiceProvision = "ServiceProvision"
    ServiceUsageAnalytics = "ServiceUsageAnalytics"
    TargetedAdvertising = "TargetedAdvertising"


class ChangeClass(str, Enum):
    """What an amendment's change means for the people it concerns (GDPR transparency: material changes are told
    in advance)."""

    material = "material"
    less_processing = "less_processing"
    editorial = "editorial"


class Unit(str, Enum):
    minute = "minute"
    hour = "hour"
    day = "day"
    week = "week"
    month = "month"
    year = "year"


_PERIOD = re.compile(r"^(?:(?P<upto>up to )|(?P<low>\d+) to )?(?P<high>\d+) (?P<unit>minute|hour|day|week|month|year)s?$")
PERIOD_PATTERN = _PERIOD.pattern


@dataclass(frozen=True)
class Period:
    """A legal duration, kept as numbers so that each language can format it with its plural rules.

    `low` is None for "up to N"; `low == high` for an exact period.
    """

    low: int | None
    high: int
    unit: Unit

    def __str__(self) -> str:
        plural = "" if self.high == 1 else "s"
        if self.low is None:
            return f"up to {self.high} {self.unit.value}{plural}"
        if self.low == self.high:
            return f"{self.high} {self.unit.value}{plural}"
        return f"{self.low} to {self.high} {self.unit.value}{plural}"


def parse_period(value: Any) -> Period:
    """Read "3 years", "up to 6 months" or "1 to 6 years"."""
    if isinstance(value, Period):
        return value
    match = _PERIOD.match(value.strip()) if isinstance(value, str) else None
    if match is None or int(match["high"]) == 0 or (match["low"] and int(match["low"]) >= int(match["high"])):
        raise PydanticCustomError(
            "period", "a duration like \"3 years\", \"up to 6 months\" or \"1 to 6 years\"",
        )
    high = int(match["high"])
    low = None if match["upto"] else int(match["low"] or high)
    return Period(low, high, Unit(match["unit"]))


PeriodField = Annotated[
    Period,
    PlainValidator(parse_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": PERIOD_PATTERN, "examples": ["3 years", "up to 6 months", "1 to 6 years"]}),
]


class Contact(Record):
    """How to reach a person or an office."""

    name: Line | None = None
    """Name or title ("Data Protection Officer")."""
    address: Line | None = None
    """Postal address."""
    email: Email | None = None
    """E-mail address."""
    phone: Line | None = None
    """Phone number, international format."""


class SupervisoryAuthority(Record):
    """A supervisory authority (GDPR Art. 51), with which a person can lodge a complaint (Art. 77)."""

    name: Text
    """Its name in every language; where a translation is not its official name, give that in brackets
    ("President of the Personal Data Protection Office (Prezes Urzędu Ochrony Danych Osobowych)")."""
    website: Url
    """Its website (https)."""


class Controller(Record):
    """A legal entity acting as data controller."""

    id: Id
    """How sections and audiences refer to this entity."""
    name: Line
    """The entity's legal name, as registered; never translated."""
    address: Line | None = None
    """Postal address, as written on official documents; never translated."""
    email: Email | None = None
    """Contact e-mail address."""
    phone: Line | None = None
    """Contact phone number, international format."""
    website: Url | None = None
    """Website address (https)."""
    dpo: Contact | None = None
    """The data protection officer's contact details, where one is designated (GDPR Art. 37-39)."""
    supervisory_authority: SupervisoryAuthority | None = None
    """The supervisory authority competent for this controller (its lead authority, GDPR Art. 56), named where the notice
    says how to exercise one's rights, as the authority with which to lodge a complaint."""


class Audience(Record):
    """A kind of person the notice speaks to, and the sections that apply to them."""

    id: Id
    """Stable identifier; also the anchor of this audience's reading list."""
    name: Text
    """What the notice calls this person ("SipSim User")."""
    hint: Text
    """When a person is one of them, in a short sentence anyone understands, written from the description ("You use
    SipSim with an account, usually for the company you work for."): shown under the audience's button."""
    description: Prose
    """When a person belongs to this audience, as the notice words it."""
    controller: Id
    """The controller entity responsible towards this audience (an id from controllers.yml)."""
    sections: tuple[Id, ...] = Field(min_length=1)
    """The sections this audience reads (ids from notice.yml)."""


BlockKind = Literal["prose", "purposes", "rights", "cookie_categories", "recipients", "audiences", "controller", "transfers"]


_ONE_KIND: list[JsonValue] = [{"required": ["id", "prose"]}]
_ONE_KIND += [{"required": [str(kind)]} for kind in get_args(BlockKind)[1:]]


class Block(Record):
    """One piece of a section's body: either prose, with its id, or records placed here by id. Exactly one kind."""

    model_config = ConfigDict(json_schema_extra={"oneOf": _ONE_KIND})

    id: Id | None = None
    """Names a prose block, unique within its section, so that an amendment is compared block by block (a block
    of records is known by its kind)."""
    prose: Prose | None = None
    """Paragraphs of text."""
    purposes: tuple[Id, ...] | None = None
    """Processing purposes (ids from purposes.yml), shown in this order."""
    rights: tuple[Id, ...] | None = None
    """Data subject rights (ids from rights.yml), listed in this order."""
    cookie_categories: tuple[CookieCategoryId, ...] | None = None
    """Cookie categories (ids from cookies.yml), listed in this order."""
    recipients: tuple[Id, ...] | None = None
    """Recipients (ids from vocabulary.yml), listed with their descriptions."""
    audiences: tuple[Id, ...] | None = None
    """Audiences (ids from audiences.yml), listed with their descriptions."""
    controller: Id | None = None
    """A controller entity (an id from controllers.yml), shown with its contact details."""
    transfers: tuple[Id, ...] | None = None
    """Transfers outside the EEA (ids from transfers.yml), listed with their safeguards."""

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        kinds = get_args(BlockKind)
        present = [name for name in kinds if getattr(self, name) is not None]
        if len(present) != 1:
            raise PydanticCustomError("block", "exactly one of: {kinds}", {"kinds": ", ".join(kinds)})
        if self.prose is not None and self.id is None:
            raise PydanticCustomError("block", "an 'id' for the prose block, unique within its section (like 'text')")
        return self

    @property
    def kind(self) -> BlockKind:
        kind: BlockKind = next(name for name in get_args(BlockKind) if getattr(self, name) is not None)
        return kind

    @property
    def key(self) -> str:
        """What the block is known by in its section: its id, or the kind of records it places."""
        return self.id or self.kind

    @property
    def ids(self) -> tuple[str, ...]:
        value = getattr(self, self.kind)
        if isinstance(value, tuple):
            return tuple(item.value if isinstance(item, Enum) else item for item in value)
        return (value,) if isinstance(value, str) else ()


class Section(Record):
    """A section of the notice, with its body in reading order."""

    id: Id
    """Stable identifier and anchor of the section."""
    title: Text
    """The section's heading, without its number."""
    numbered: bool = True
    """Numbered sections are numbered 1, 2, … in order; the introduction is not numbered."""
    data_categories: tuple[Id, ...] = ()
    """Data categories that apply to every purpose of this section that lists none of its own."""
    body: tuple[Block, ...] = Field(min_length=1)
    """The section's content, in reading order."""


class Activity(Record):
    """A processing activity of a purpose; its steps are activities too."""

    id: Id
    """Stable identifier, unique within its purpose."""
    name: Text | None = None
    """A short lead-in, shown before the description."""
    description: Prose
    """What is done."""
    steps: tuple[Activity, ...] = ()
    """The parts of this activity, listed under it."""


class LegalBasis(Record):
    """A lawful basis of a purpose, with its wording and, where several apply, to whom."""

    id: Id
    """Names the basis within its purpose ("legitimate-interests"), so that amendments compare it with itself."""
    kinds: tuple[BasisKind, ...] = Field(min_length=1)
    """The Article 6(1) bases this wording relies on."""
    text: Prose
    """The notice's wording of the basis (for legitimate interests: which interests)."""
    condition: Text | None = None
    """To whom this basis applies, where the purpose has several ("Persons who are not SipSim Customers")."""


class Retention(Record):
    """How long data is kept: the notice's wording, and the same rule in machine-readable form."""

    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": ["period"]}, {"required": ["until"]}, {"required": ["as_long_as"]}]})

    id: Id
    """Names the rule within its purpose ("after-request"), so that amendments compare it with itself."""
    text: Prose
    """The notice's wording."""
    period: PeriodField | None = None
    """The duration: "3 years", "up to 6 months", "1 to 6 years"."""
    after: RetentionEvent | None = None
    """The event the period is counted from."""
    until: RetentionEnd | None = None
    """Kept until this event, where no period is stated ("for the duration of the Customer relationship")."""
    as_long_as: tuple[Id, ...] = ()
    """Kept as long as the data is processed for these purposes (ids from purposes.yml)."""
    condition: Text | None = None
    """To whom this rule applies, where the purpose has several."""

    @model_validator(mode="after")
    def _one_rule(self) -> Retention:
        rules = [self.period is not None, self.until is not None, bool(self.as_long_as)]
        if sum(rules) != 1:
            raise PydanticCustomError("retention", "exactly one of: period, until, as_long_as")
        if self.after is not None and self.period is None:
            raise PydanticCustomError("retention", "'after' only together with a 'period'")
        return self


class Purpose(Record):
    """A processing purpose: what is done, with which data, on which basis, shared with whom, kept how long."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["recipients"]}, {"required": ["recipients_note"]}]})

    id: Id
    """Stable identifier and anchor of the purpose."""
    title: Text
    """The purpose's heading."""
    introduction: Prose
    """The paragraph that introduces the purpose."""
    activities: tuple[Activity, ...] = ()
    """The processing activities, in order."""
    closing: Prose | None = None
    """Paragraphs after the activities."""
    data_categories: tuple[Id, ...] = ()
    """Categories of personal data (ids from vocabulary.yml); if empty, the section's apply."""
    legal_bases: tuple[LegalBasis, ...] = Field(min_length=1)
    """The lawful bases, with their conditions where there are several."""
    recipients: tuple[Id, ...] = ()
    """Categories of recipients (ids from vocabulary.yml)."""
    recipients_note: Text | None = None
    """Wording shown instead of, or after, the recipients ("None")."""
    retention: tuple[Retention, ...] = Field(min_length=1)
    """Retention rules, with their conditions where there are several."""
    dpv_purpose: DpvPurpose | None = None
    """The purpose as a concept of the W3C Data Privacy Vocabulary ("CustomerCare", "DirectMarketing"), for the notice
    published as linked data (notice.jsonld); never shown on the pages. Without it, the purpose is published with its own
    title only."""

    @model_validator(mode="after")
    def _has_recipients(self) -> Purpose:
        if not self.recipients and self.recipients_note is None:
            raise PydanticCustomError("recipients", "'recipients' or a 'recipients_note' (for example \"None\")")
        return self


class VocabularyEntry(Record):
    """An entry of a shared vocabulary, referred to by id."""

    id: Id
    """Stable identifier used by purposes and sections."""
    name: Text
    """The entry as the notice lists it."""
    description: Prose | None = None
    """An explanation shown after the name."""


class Cookie(Record):
    """A cookie set on the website, known by its name."""

    name: Line
    """The cookie's name as the browser stores it; unique in the notice."""
    provider: Line
    """Who sets and reads it (a domain or a company); never translated."""
    purpose: Text
    """What it is used for."""
    lifetime: PeriodField | Literal["session"]
    """How long it lasts: "session", or a duration such as "6 months"."""

    @property
    def key(self) -> str:
        return self.name


class CookieCategory(Record):
    """A cookie category: the notice describes it and the consent widget offers it."""

    id: CookieCategoryId
    """necessary, statistics or marketing."""
    name: Text
    """The category's name, in the notice and in the consent widget."""
    description: Prose
    """What these cookies do."""
    cookies: tuple[Cookie, ...] = ()
    """The cookies of this category; withdrawing consent deletes them."""


class Right(Record):
    """A right of the data subject."""

    id: Id
    """Stable identifier and anchor of the right."""
    kind: RightKind
    """Which right this is, for the transparency checks."""
    name: Text
    """The right's name as the notice lists it."""
    description: Prose
    """What the right allows."""


class Override(Record):
    """The legal team's own classification of a change, where the rules' is not right, with the reason (shown)."""

    model_config = ConfigDict(populate_by_name=True)

    change: Annotated[str, Field(pattern=r"^[\w-]+(\.[\w-]+)*$", examples=["purposes.invoicing.retention"])]
    """Which change: the path of keys the changes page shows for it (`purposes.invoicing.retention`); it covers every
    change under that path."""
    class_: ChangeClass = Field(alias="class")
    """material, less_processing or editorial."""
    reason: Prose
    """Why, in every language: shown on the changes page next to the change."""


class VersionFile(Record):
    """version.yml: the amendment this snapshot records."""

    status: Status
    """draft while being written; published once `notice publish` has locked it."""
    summary: Prose | None = None
    """What this amendment changes, for the history and the feed."""
    overrides: tuple[Override, ...] = ()
    """Changes the legal team classifies otherwise than the rules do, each with its reason."""


class ControllersFile(Record):
    """controllers.yml: the controller entities."""

    controllers: tuple[Controller, ...] = Field(min_length=1)
    """The legal entities acting as data controller."""


class AudiencesFile(Record):
    """audiences.yml: the people the notice speaks to."""

    audiences: tuple[Audience, ...] = Field(min_length=1)
    """The audiences, in the order the notice lists them."""


class NoticeFile(Record):
    """notice.yml: the notice's heading and sections."""

    title: Text
    """The notice's title."""
    subtitle: Text
    """The line under the title."""
    sections: tuple[Section, ...] = Field(min_length=1)
    """The sections in reading order."""


class PurposesFile(Record):
    """purposes.yml: the processing purposes."""

    purposes: tuple[Purpose, ...] = Field(min_length=1)
    """Every processing purpose; sections place them by id."""


class VocabularyFile(Record):
    """vocabulary.yml: the shared vocabularies."""

    data_categories: tuple[VocabularyEntry, ...] = Field(min_length=1)
    """Categories of personal data."""
    recipients: tuple[VocabularyEntry, ...] = Field(min_length=1)
    """Categories of recipients."""


class RightsFile(Record):
    """rights.yml: the data subject's rights."""

    rights: tuple[Right, ...] = Field(min_length=1)
    """The rights, in the order the notice lists them."""


class Transfer(Record):
    """A transfer of personal data outside the European Economic Area, and how it is safeguarded."""

    id: Id
    """Stable identifier and anchor of the transfer."""
    destination: Text
    """Where the data goes ("countries outside the EEA, Switzerland and the United Kingdom")."""
    recipients: tuple[Id, ...] = ()
    """Who receives it there (ids from vocabulary.yml)."""
    safeguards: tuple[Safeguard, ...] = Field(min_length=1)
    """The safeguards it relies on (GDPR Art. 45-49)."""


class TransfersFile(Record):
    """transfers.yml: the transfers outside the EEA (a version without the file states none as records)."""

    transfers: tuple[Transfer, ...] = ()
    """Every transfer outside the EEA; sections place them by id."""


class CookiesFile(Record):
    """cookies.yml: the cookie categories."""

    cookie_categories: tuple[CookieCategory, ...] = Field(min_length=1)
    """The cookie categories, in the order the notice lists them."""


SNAPSHOT_FILES: dict[str, type[Record]] = {
    "version.yml": VersionFile,
    "controllers.yml": ControllersFile,
    "audiences.yml": AudiencesFile,
    "notice.yml": NoticeFile,
    "purposes.yml": PurposesFile,
    "vocabulary.yml": VocabularyFile,
    "rights.yml": RightsFile,
    "cookies.yml": CookiesFile,
    "transfers.yml": TransfersFile,
}
"""The files of a version's snapshot and the record each one holds."""
OPTIONAL_FILES = frozenset({"transfers.yml"})
"""Files a version may leave out (versions written before transfers were records have none)."""


class Notice(Record):
    """One version of the notice: every file of its snapshot, validated and cross-checked."""

    effective: date
    """The date the version takes effect; also its name."""
    status: Status
    summary: Prose | None
    title: Text
    subtitle: Text
    controllers: tuple[Controller, ...]
    audiences: tuple[Audience, ...]
    sections: tuple[Section, ...]
    purposes: tuple[Purpose, ...]
    data_categories: tuple[VocabularyEntry, ...]
    recipients: tuple[VocabularyEntry, ...]
    rights: tuple[Right, ...]
    cookie_categories: tuple[CookieCategory, ...]
    transfers: tuple[Transfer, ...] = ()
    overrides: tuple[Override, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of its texts."""
        return tuple(self.title.root)

    @cached_property
    def section(self) -> dict[str, Section]:
        return {section.id: section for section in self.sections}

    @cached_property
    def purpose(self) -> dict[str, Purpose]:
        return {purpose.id: purpose for purpose in self.purposes}

    @cached_property
    def data_category(self) -> dict[str, VocabularyEntry]:
        return {entry.id: entry for entry in self.data_categories}

    @cached_property
    def recipient(self) -> dict[str, VocabularyEntry]:
        return {entry.id: entry for entry in self.recipients}

    @cached_property
    def right(self) -> dict[str, Right]:
        return {right.id: right for right in self.rights}

    @cached_property
    def cookie_category(self) -> dict[str, CookieCategory]:
        return {category.id.value: category for category in self.cookie_categories}

    @cached_property
    def audience(self) -> dict[str, Audience]:
        return {audience.id: audience for audience in self.audiences}

    @cached_property
    def transfer(self) -> dict[str, Transfer]:
        return {transfer.id: transfer for transfer in self.transfers}

    @cached_property
    def controller(self) -> dict[str, Controller]:
        return {controller.id: controller for controller in self.controllers}

    @cached_property
    def section_of(self) -> dict[str, Section]:
        """The section each purpose is placed in."""
        return {pid: section for section in self.sections for block in section.body if block.purposes for pid in block.purposes}

    @cached_property
    def number(self) -> dict[str, int]:
        """Section numbers, counted over numbered sections in order."""
        numbered = [section.id for section in self.sections if section.numbered]
        return {sid: index for index, sid in enumerate(numbered, start=1)}

    def data_categories_of(self, purpose: Purpose) -> tuple[str, ...]:
        """A purpose's own data categories, or its section's where it lists none."""
        return purpose.data_categories or self.section_of[purpose.id].data_categories
