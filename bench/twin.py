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
from notice.formatted import FormattedNotice, format_notice
from notice.language import Languages
from notice.model import Notice
from notice.redline import redline
from notice.settings import load_settings
from notice.versions import load_history

ENGLISH = gettext.NullTranslations().gettext


def formatted(notice: Notice, languages: Languages, language: str) -> FormattedNotice:
    return format_notice(notice, languages[language], ENGLISH)


def notice_markdown(notice: Notice, languages: Languages, language: str) -> str:
    view = formatted(notice, languages, language)
    lines = [f"# {view.title}", "", view.subtitle, ""]
    for source, section in zip(notice.sections, view.sections):
        lines += [f"## {section.heading} {{#{section.id}}}", ""]
        for block, shown in zip(source.body, section.blocks):
            if block.prose is not None:
                lines += [block.prose[language], ""]
            for item in shown.items:
                lines.append(f"1. {item.body.text}")
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
                lines += ["", "Legal Basis:", ""] + [f"- {'; '.join(b.labels)}: {b.text.text}" for b in purpose.legal_bases]
                lines += ["", "Categories of Recipients:", ""] + [f"- {name}" for name in purpose.recipients]
                lines += ["", "Retention Period:", ""] + [f"- {r.rule.text}: {r.text.text}" for r in purpose.retention]
            lines.append("")
    return "\n".join(lines)


def changes_markdown(old: Notice, new: Notice, languages: Languages, language: str) -> str:
    before, after = formatted(old, languages, language), formatted(new, languages, language)
    lines = ["# What changed", "", "## Summary of changes", ""]
    lines += [f"- {item.text.text} [See it]({item.href})" for item in summarise(old, new, before, after, ENGLISH, lambda a, r: f"../#{a}")]
    lines += ["", "## Full text with changes", ""]
    for block in (block for group in redline(before, after) for block in group.blocks):
        text = "".join(text if operation == "equal" else f"<{'ins' if operation == 'insert' else 'del'}>{text}</{'ins' if operation == 'insert' else 'del'}>"
                       for operation, text in block.segments)
        lines += [("### " if block.tag in ("h3", "h4") else "") + text, ""]
    return "\n".join(lines)


def write_twin(project: Path, target: Path, today: date, drafts: bool = False) -> Path:
    """Write the hand-written twin of `project`'s site into `target`; return its mkdocs.yml.

    With `drafts`, draft versions get their pages too, as `mkdocs serve` of the generated site shows them.
    """
    languages = load_settings(project / "mkdocs.yml", "mkdocs.yml").notice_languages
    history = load_history(project / "data", today, languages)
    versions = history.versions if drafts else history.published
    docs = target / "docs"
    for language in languages.codes:
        prefix = docs / ("" if language == languages.source.code else language)
        current = history.current.notice
        pages = {"index.md": notice_markdown(current, languages, language),
                 "personal-data/index.md": "# Your personal data\n\n" + "\n".join(f"## {c.name[language]}\n" for c in current.data_categories),
                 "versions/index.md": "# Version history\n\n| Version | Summary |\n|---|---|\n"
                                      + "\n".join(f"| [{v.name}]({v.name}/) | {v.notice.summary[language] if v.notice.summary else ''} |"
                                                  for v in versions)}
        for version in versions:
            pages[f"versions/{version.name}/index.md"] = notice_markdown(version.notice, languages, language)
            previous = history.predecessor(version)
            pages[f"versions/{version.name}/changes/index.md"] = (changes_markdown(previous.notice, version.notice, languages, language)
                                                                  if previous else "# First version\n")
        for name, content in pages.items():
            (prefix / name).parent.mkdir(parents=True, exist_ok=True)
            (prefix / name).write_text(content, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [f"{'' if language == languages.source.code else language + '/'}{page}" for language in languages.codes
           for page in ("index.md", "personal-data/index.md", "versions/index.md")]
    twin = {"site_name": config["site_name"], "site_url": config["site_url"], "docs_dir": "docs", "theme": {**config["theme"], "custom_dir": None},
            "plugins": ["search"], "markdown_extensions": ["attr_list", "toc"], "nav": nav}
    twin["theme"].pop("custom_dir")
    twin["theme"].pop("favicon", None)  # ours is drawn in overrides/, which the twin does not have
    (target / "mkdocs.yml").write_text(yaml.safe_dump(twin, allow_unicode=True), encoding="utf-8")
    return target / "mkdocs.yml"
