from ctip.reference import ORG_KINDS, countries, organization_by_abbr, organizations


def test_organisations_are_well_formed():
    orgs = organizations()
    abbrs = [o["abbr"] for o in orgs]
    assert len(abbrs) == len(set(abbrs))
    for o in orgs:
        assert set(o) == {
            "abbr",
            "name_az",
            "name_en",
            "name_ru",
            "kind",
            "parent",
            "aliases",
            "responsible",
        }
        assert o["kind"] in ORG_KINDS
        assert o["parent"] is None or o["parent"] in abbrs
        assert isinstance(o["responsible"], bool)
        assert "Xidmət" not in o["aliases"]
    by = organization_by_abbr()
    assert by["DMX"]["name_az"] == "Dövlət Miqrasiya Xidməti" and by["DMX"]["responsible"]
    assert by["İAMBİ"]["parent"] == "DİN" and by["BPQMİ"]["parent"] == "DİN"


def test_countries_cover_iso_3166():
    cs = countries()
    codes = {c["code"] for c in cs}
    assert len(cs) >= 249 and len(codes) == len(cs)
    names = {c["code"]: c["name_az"] for c in cs}
    assert names["AZ"] == "Azərbaycan" and names["TR"] == "Türkiyə" and names["GR"] == "Yunanıstan"
    assert names["LK"] == "Şri-Lanka" and names["MK"] == "Şimali Makedoniya"
    assert all(c["name_en"] and c["name_ru"] for c in cs)
