"""Records search reads Azerbaijani the way plan search does (ctip.plan.text's search keys)."""

import datetime as dt

import pytest


@pytest.mark.django_db
def test_recommendation_search_ignores_case_diacritics_and_suffixes(coordinator):
    from ctip.records import selectors
    from ctip.records.models import Recommendation

    found = Recommendation.objects.create(
        source="greta", year=2023, text="Zərərçəkmiş şəxs üçün sığınacaq təmin edilsin."
    )
    Recommendation.objects.create(source="greta", year=2023, text="Hüquqi yardım göstərilsin.")
    for query in ("ŞƏXSLƏR", "sexs", "Şəxsin", "SIĞINACAQ"):
        hits = list(selectors.recommendations_visible_to(coordinator, text=query))
        assert hits == [found], query


@pytest.mark.django_db
def test_activity_and_document_search_fold_the_dotted_i(coordinator, make_agency):
    from ctip.records import selectors
    from ctip.records.models import Activity, Document

    dmx = make_agency("DMX")
    activity = Activity.objects.create(
        kind="training", start=dt.date(2023, 3, 1), agency=dmx, title="İlham Əliyev adına məktəbdə"
    )
    document = Document.objects.create(
        kind="letter", number="12/3", date=dt.date(2023, 3, 1), agency=dmx, subject="İNSAN ALVERİ"
    )
    assert list(selectors.activities_visible_to(coordinator, text="ilham")) == [activity]
    assert list(selectors.documents_visible_to(coordinator, text="insan alveri")) == [document]
    assert list(selectors.documents_visible_to(coordinator, text="miqrasiya")) == []
