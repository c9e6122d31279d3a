"""The case figures page (/cases/stats/), in the default language."""

import io

from ctip.demo import cases as demo


def test_stats_page_renders_for_analyst(db, make_user, login_as, client):
    demo.load(io.StringIO())
    login_as(make_user("analyst", "MK"))
    page = client.get("/cases/stats/?year=2024").content.decode()
    assert "Məcburi əmək" in page and "forced_labour" not in page and "Uydurma" not in page
