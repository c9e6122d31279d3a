"""Charts are accessible SVG with escaped labels (ctip/core/charts.py)."""

import xml.etree.ElementTree as ET

from ctip.core import charts


def test_bar_chart_escapes_labels_and_is_accessible():
    svg = charts.bar_chart(
        [{"label": '<script>alert("x")</script> & Co', "value": 3}, ("Əmək istismarı", 7)],
        'Təlimlər <b>"mövzu"</b>',
        axis_label="say",
    )
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&amp; Co" in svg
    assert "style=" not in svg
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == 'Təlimlər <b>"mövzu"</b>'
    assert "Əmək istismarı: 7" in root.find(f"{ns}desc").text
    assert len(root.findall(f".//{ns}rect")) == 2
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "7" in texts and "3" in texts and "say" in texts


def test_bar_chart_without_rows_is_valid():
    root = ET.fromstring(charts.bar_chart([], "Boş"))
    assert root.tag.endswith("svg")
