"""The full text with changes: word by word, at a cost that grows with the change and never without bound."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from support import edit, english, load_version

from notice.model import Notice
from notice.redline import MAX_EDITS, RedlineBlock, opcodes, redline, word_diff


def replay(a: list[str], b: list[str]) -> list[str]:
    """`b` rebuilt from `a` and the opcodes, checking every equal run really is equal."""
    out: list[str] = []
    position = (0, 0)
    for operation, i1, i2, j1, j2 in opcodes(a, b):
        assert (i1, j1) == position, "runs follow each other without gaps"
        if operation == "equal":
            assert a[i1:i2] == b[j1:j2]
        out += b[j1:j2]
        position = (i2, j2)
    assert position == (len(a), len(b))
    return out


@given(st.lists(st.sampled_from("abcde"), max_size=40), st.lists(st.sampled_from("abcdexy"), max_size=40))
def test_the_opcodes_turn_the_old_text_into_the_new(a: list[str], b: list[str]) -> None:
    assert replay(a, b) == b


@given(st.lists(st.sampled_from("abcde"), min_size=1, max_size=40), st.data())
def test_the_edit_script_is_as_short_as_can_be(a: list[str], data: st.DataObject) -> None:
    """Myers' algorithm finds a shortest script: never more edits than the ones that were made."""
    b = list(a)
    made = 0
    for _ in range(data.draw(st.integers(0, 5))):
        index = data.draw(st.integers(0, len(b)))
        b.insert(index, "x")
        made += 1
    edits = sum((i2 - i1) + (j2 - j1) for operation, i1, i2, j1, j2 in opcodes(a, b) if operation != "equal")
    assert edits <= made


def test_a_long_paragraph_with_scattered_changes_is_resolved_word_by_word() -> None:
    """20,000 words with 50 words changed: each change found, not the paragraph replaced (a quadratic diff never finishes)."""
    rng = random.Random(7)
    words = [rng.choice(["personal", "data", "is", "kept", "for", "the", "purposes", "of", "billing", "and", "support"]) for _ in range(20_000)]
    changed = list(words)
    for index in rng.sample(range(len(words)), 50):
        changed[index] = "CHANGED"

    runs = word_diff(" ".join(words), " ".join(changed))

    assert [text for operation, text in runs if operation == "insert"] == ["CHANGED"] * 50
    assert sum(len(text.split()) for operation, text in runs if operation == "delete") == 50


def test_a_change_too_large_to_resolve_is_shown_as_a_replaced_paragraph() -> None:
    """Past the bound, the diff stops looking: the paragraph is shown deleted and inserted whole."""
    rng = random.Random(3)
    old = " ".join(rng.choice("ab") for _ in range(30_000))
    new = " ".join(rng.choice("ab") for _ in range(30_000))

    runs = word_diff(old, new)

    assert [operation for operation, _ in runs if operation != "equal"] == ["delete", "insert"]
    assert "".join(text for operation, text in runs if operation != "insert") == old
    assert "".join(text for operation, text in runs if operation != "delete") == new


def test_the_bound_on_edits_is_the_documented_one() -> None:
    a = ["x"] * (MAX_EDITS + 2)
    assert [operation for operation, *_ in opcodes(a, [])] == ["change"]


def lines(old: Notice, new: Notice) -> tuple[RedlineBlock, ...]:
    return tuple(block for group in redline(english(old), english(new)) for block in group.blocks)


def test_a_removed_section_is_shown_struck_through(published: Notice, draft: Path) -> None:
    text = (draft / "notice.yml").read_text(encoding="utf-8")
    start = text.index("  - id: website-links\n")
    end = text.index("  - id: security\n")
    (draft / "notice.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    audiences = (draft / "audiences.yml").read_text(encoding="utf-8")
    (draft / "audiences.yml").write_text(audiences.replace(", website-links", ""), encoding="utf-8")

    blocks = lines(published, load_version(draft))

    removed = [block for block in blocks if block.state == "removed"]
    assert removed[0].tag == "h3" and removed[0].segments == (("delete", "8. Web-site links"),)
    assert all(operation == "delete" for block in removed for operation, _ in block.segments)
    assert len(removed) > 1, "its paragraphs too, not only its heading"
    headings = [block.segments[0][1] for block in blocks if block.tag == "h3"]
    assert headings.index("8. Web-site links") == headings.index("7. European Personal Data Transfers") + 1, "where it used to be"


def test_a_changed_subtitle_is_redlined(published: Notice, draft: Path) -> None:
    edit(draft / "notice.yml", "en: applicable from February 1, 2024", "en: applicable from March 1, 2027")

    changed = [block for block in lines(published, load_version(draft)) if block.state != "same"]

    assert [(block.tag, block.segments) for block in changed] == [
        ("p", (("equal", "applicable from "), ("delete", "February"), ("insert", "March"), ("equal", " 1, "), ("delete", "2024"),
               ("insert", "2027")))]
