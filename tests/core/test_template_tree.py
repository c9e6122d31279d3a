"""Templates live in one tree convention: each app's own in `ctip/<app>/templates/<app>/`, only
the site's frame in `ctip/templates/` (docs/architecture.md)."""

from pathlib import Path

import ctip

ROOT = Path(ctip.__file__).resolve().parent
SITE_FRAME = {"base.html", "error.html"}


def test_the_site_templates_folder_holds_only_the_frame():
    site = ROOT / "templates"
    assert {p.name for p in site.iterdir()} == SITE_FRAME


def test_every_app_template_sits_under_a_folder_named_for_its_app():
    found = 0
    for folder in ROOT.glob("**/templates"):
        if folder == ROOT / "templates":
            continue
        app = folder.parent.name
        for template in folder.rglob("*.html"):
            found += 1
            assert template.relative_to(folder).parts[0] == app, template
    assert found > 50
