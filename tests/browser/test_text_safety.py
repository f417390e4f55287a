"""Text from the data never carries a script to a page, even text that skipped validation: sanitised when rendered."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import Server
from payloads import PAYLOADS  # each also refused where it is written: tests/unit/test_text_safety.py
from playwright.sync_api import Browser

from notice.markup import format_prose

pytestmark = pytest.mark.browser


def test_rendered_text_never_runs_a_script_in_the_browser(browser: Browser, server: Server, tmp_path: Path) -> None:
    """Defence in depth: even text that skipped validation is sanitised against an allow-list when rendered."""
    rendered = "\n".join(f'<div class="case">{format_prose(payload).html}</div>' for payload in PAYLOADS)
    (tmp_path / "index.html").write_text(f"<!doctype html><html lang=en><title>safety</title><body>{rendered}</body></html>",
                                         encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(server.serve(tmp_path))
    for element in page.locator(".case a, .case button, .case b").all():
        element.click()
    page.wait_for_timeout(300)

    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert page.locator(".case script, .case iframe, .case svg, .case style, .case form, .case img").count() == 0
    assert page.evaluate("""[...document.querySelectorAll('.case *')].flatMap((el) => [...el.attributes])
        .filter((attr) => attr.name.startsWith('on') || /^\\s*(javascript|data):/i.test(attr.value)).length""") == 0
    assert page.locator(".case strong").first.inner_text() == "Bold", "what Markdown allows still renders"
    context.close()
