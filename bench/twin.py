"""The hand-written twin of a generated site: the same pages, at the same URLs, as Markdown for plain MkDocs.

It is what a team would maintain by hand without this project: every version of the notice in every
language, each version's changes, the history. Built with the same theme, palette, search and navigation
(versions kept out of the navigation, as in the generated site).
"""

from __future__ import annotations

import gettext
from datetime import date
from pathlib import Path

import yaml

from notice.changes import summarise
from notice.markup import plain_text
from notice.model import LANGUAGES, Notice
from notice.redline import redline
from notice.render import notice_view
from notice.versions import load_history

ENGLISH = gettext.NullTranslations().gettext


def notice_markdown(notice: Notice, language: str) -> str:
    view = notice_view(notice, language, ENGLISH)
    lines = [f"# {view.title}", "", view.subtitle, ""]
    for source, section in zip(notice.sections, view.sections):
        lines += [f"## {section.heading} {{#{section.id}}}", ""]
        for block, shown in zip(source.body, section.blocks):
            if block.prose is not None:
                lines += [block.prose[language], ""]
            for item in shown.items:
                lines.append(f"1. {plain_text(item.body)}")
            for purpose in shown.purposes:
                record = notice.purpose[purpose.id]
                lines += ["", f"### {purpose.title} {{#{purpose.id}}}", "", record.introduction[language], ""]
                for activity in record.activities:
                    name = f"**{activity.name[language]}:** " if activity.name else ""
                    lines.append(f"1. {name}{activity.description[language].strip()}")
                    lines += [f"    - {step.description[language].strip()}" for step in activity.steps]
                if record.closing:
                    lines += ["", record.closing[language]]
                lines += ["", "Categories of Personal Data:", ""] + [f"- {name}" for name in purpose.data_categories]
                lines += ["", "Legal Basis:", ""] + [f"- {'; '.join(b.labels)}: {plain_text(b.text)}" for b in purpose.legal_bases]
                lines += ["", "Categories of Recipients:", ""] + [f"- {name}" for name in purpose.recipients]
                lines += ["", "Retention Period:", ""] + [f"- {plain_text(r.rule)}: {plain_text(r.text)}" for r in purpose.retention]
            lines.append("")
    return "\n".join(lines)


def changes_markdown(old: Notice, new: Notice, language: str) -> str:
    lines = ["# What changed", "", "## Summary of changes", ""]
    lines += [f"- {plain_text(item.text)} [See it]({item.href})" for item in summarise(old, new, language, ENGLISH, lambda a, r: f"../#{a}")]
    lines += ["", "## Full text with changes", ""]
    for block in redline(old, new, language, ENGLISH):
        text = "".join(text if operation == "equal" else f"<{'ins' if operation == 'insert' else 'del'}>{text}</{'ins' if operation == 'insert' else 'del'}>"
                       for operation, text in block.segments)
        lines += [("### " if block.tag in ("h3", "h4") else "") + text, ""]
    return "\n".join(lines)


def write_twin(project: Path, target: Path, today: date) -> Path:
    """Write the hand-written twin of `project`'s site into `target`; return its mkdocs.yml."""
    history = load_history(project / "data", today)
    docs = target / "docs"
    for language in LANGUAGES:
        prefix = docs / ("" if language == "en" else language)
        current = history.current.notice
        pages = {"index.md": notice_markdown(current, language),
                 "personal-data/index.md": "# Your personal data\n\n" + "\n".join(f"## {c.name[language]}\n" for c in current.data_categories),
                 "versions/index.md": "# Version history\n\n| Version | Summary |\n|---|---|\n"
                                      + "\n".join(f"| [{v.name}]({v.name}/) | {v.notice.summary[language] if v.notice.summary else ''} |"
                                                  for v in history.published)}
        for version in history.published:
            pages[f"versions/{version.name}/index.md"] = notice_markdown(version.notice, language)
            previous = history.predecessor(version)
            pages[f"versions/{version.name}/changes/index.md"] = changes_markdown(previous.notice, version.notice, language) if previous else "# First version\n"
        for name, content in pages.items():
            (prefix / name).parent.mkdir(parents=True, exist_ok=True)
            (prefix / name).write_text(content, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [f"{'' if language == 'en' else language + '/'}{page}" for language in LANGUAGES
           for page in ("index.md", "personal-data/index.md", "versions/index.md")]
    twin = {"site_name": config["site_name"], "site_url": config["site_url"], "docs_dir": "docs", "theme": {**config["theme"], "custom_dir": None},
            "plugins": ["search"], "markdown_extensions": ["attr_list", "toc"], "nav": nav}
    twin["theme"].pop("custom_dir")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(twin, allow_unicode=True), encoding="utf-8")
    return target / "mkdocs.yml"
