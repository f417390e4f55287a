"""Machine-readable outputs: an Atom feed of amendments per language, and each version as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Any
from xml.etree import ElementTree

from notice.model import ChangeClass
from notice.versions import Version

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    """One published version in a feed: its permanent page, its title and summary, its changes."""

    id: str
    title: str
    effective: date
    published: date
    """The day the version was published (`notice publish`): when it appeared in the feed."""
    summary: str
    changes_url: str
    change_class: ChangeClass | None
    """What its changes mean (none for the first version)."""
    class_label: str = ""
    """The class in the feed's language."""


def atom_feed(*, id: str, title: str, language: str, author: str, self_url: str, home_url: str, entries: list[FeedEntry]) -> str:
    """An Atom (RFC 4287) document, newest entry first; each entry's category is the class of its changes, in the
    scheme the history page explains (`home_url#change-classes`)."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    _text(feed, "id", id)
    _text(feed, "title", title)
    _text(feed, "updated", _timestamp(max((entry.published for entry in entries), default=date(1970, 1, 1))))
    ElementTree.SubElement(ElementTree.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": self_url})
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": home_url})
    for entry in sorted(entries, key=lambda item: item.effective, reverse=True):
        element = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(element, "id", entry.id)
        _text(element, "title", entry.title)
        _text(element, "published", _timestamp(entry.published))
        _text(element, "updated", _timestamp(entry.published))
        _text(element, "summary", entry.summary)
        if entry.change_class is not None:
            ElementTree.SubElement(element, f"{{{ATOM}}}category", {"term": entry.change_class.value, "scheme": f"{home_url}#change-classes",
                                                                   "label": entry.class_label})
        ElementTree.SubElement(element, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": entry.changes_url})
        ElementTree.SubElement(element, f"{{{ATOM}}}link", {"rel": "related", "type": "text/html", "href": entry.id})
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def version_json(version: Version, state: str, urls: dict[str, str], change_class: ChangeClass | None) -> str:
    """One version with all its data in every language, exactly as the data files state it, and what publishing it
    recorded: the day, the class of its changes, and the reason for less notice if there was one."""
    document = {
        "version": version.name,
        "status": version.notice.status.value,
        "state": state,
        **version_facts(version, change_class),
        "urls": urls,
        "notice": version.notice.model_dump(mode="json", exclude_unset=True, exclude={"effective", "status"}),
    }
    return _dumps(document)


def version_facts(version: Version, change_class: ChangeClass | None) -> dict[str, Any]:
    """When a version takes effect and was published, and what its changes mean (for the JSON documents)."""
    return {
        "effective": version.name,
        "published": version.lock.published.isoformat() if version.lock else None,
        "classification": change_class.value if change_class else None,
        "urgent": version.lock.urgent if version.lock else None,
    }


def versions_index_json(rows: list[dict[str, Any]]) -> str:
    return _dumps({"versions": rows})


def _dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _timestamp(day: date) -> str:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")
