"""Material's markup mended where no template reaches: the print header on <html>, escaped; its palettes for the early script."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from notice_mkdocs.material import mend_page, palette_options

PAGE = ('<!doctype html>\n<html lang="fr" class="no-js">\n<body><input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input class="md-toggle" type="checkbox" id="__search" autocomplete="off">'
        '<div data-md-component="skip">\n      \n    </div>'
        '<div class="md-search" data-md-component="search" role="dialog"></div>'
        '<article class="md-content__inner md-typeset"><h1>x</h1></article></body></html>')


def test_the_print_header_and_address_are_attributes_of_the_root_escaped() -> None:
    mended = mend_page(PAGE, "Rechercher", ('Politique « A & B » "x" <y>', "https://privacy.sipsim.com/fr/versions/2024-02-01/"))

    assert ('<html lang="fr" class="no-js" data-nt-print-header="Politique « A &amp; B » &quot;x&quot; &lt;y&gt;" '
            'data-nt-print-url="https://privacy.sipsim.com/fr/versions/2024-02-01/">') in mended
    assert 'role="dialog" aria-label="Rechercher"' in mended


def test_a_page_that_is_not_ours_has_no_print_header() -> None:
    assert "data-nt-print" not in mend_page(PAGE, "Search")


def test_markup_that_changed_stops_the_build() -> None:
    with pytest.raises(PluginError, match="no <html> tag"):
        mend_page(PAGE.replace("<html", "<htm"), "Search", ("x", "y"))


def test_every_page_has_a_skip_link_to_the_start_of_its_content() -> None:
    with_toc = PAGE.replace('<div data-md-component="skip">\n      \n    </div>',
                            '<div data-md-component="skip">\n<a href="#at-a-glance" class="md-skip">\nSkip to content\n</a>\n</div>')
    for page in (PAGE, with_toc):
        mended = mend_page(page, "Rechercher", skip_label="Aller au contenu")

        assert '<div data-md-component="skip"><a href="#nt-main" class="md-skip">Aller au contenu</a></div>' in mended
        assert '<article class="md-content__inner md-typeset" id="nt-main" tabindex="-1">' in mended
        assert "at-a-glance" not in mended


@pytest.mark.parametrize(("palette", "expected"), [
    (None, []),
    ({"scheme": "slate", "primary": "indigo"}, [{"scheme": "slate", "primary": "indigo"}]),
    ([{"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo", "accent": "indigo",
       "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
      {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "deep purple", "accent": None}],
     [{"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo", "accent": "indigo"},
      {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "deep purple"}]),
], ids=["none", "one-palette", "light-and-dark"])
def test_the_early_script_gets_each_palette_as_the_toggle_carries_it(palette: object, expected: list[dict[str, str]]) -> None:
    """In order (the first whose media query matches wins, as in Material's bundle), without the toggle's icon and name,
    and without what a palette leaves unset."""
    assert palette_options(palette) == expected
