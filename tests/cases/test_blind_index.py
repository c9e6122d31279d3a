import pytest
from django.core.exceptions import ValidationError

from ctip.audit.models import AuditEntry
from ctip.cases import blindindex, selectors, services
from ctip.cases.models import NameIndex


@pytest.mark.parametrize(
    "query",
    [
        "zumrud",
        "ZÜMRÜD",
        "Zümrüd",
        "zümrüd qəribəliyeva",
        "QERIBELIYEVA zumrud",
        "qeribeliyeva",
        "Testqızı",
        "TESTQIZI",
    ],
)
def test_name_variants_find_the_person(make_case, worker, query):
    case = make_case()
    found = selectors.search_persons(worker, query, purpose="duplicate check")
    assert [p.case.code for p in found] == [case.code]


@pytest.mark.parametrize("query", ["zumrut", "Qəribəli", "Zümrüd Əliyeva"])
def test_other_names_do_not_match(make_case, worker, query):
    make_case()
    assert selectors.search_persons(worker, query, purpose="duplicate check") == []


def test_index_holds_only_truncated_hmacs(make_case):
    make_case()
    digests = list(NameIndex.objects.values_list("digest", flat=True))
    assert digests and all(len(d) == 32 and int(d, 16) >= 0 for d in digests)
    assert blindindex.digest("t", "zumrud") in digests


def test_index_depends_on_the_secret_key(settings):
    a = blindindex.digest("t", "zumrud")
    settings.CTIP_BLIND_INDEX_KEY = "another-key"
    assert blindindex.digest("t", "zumrud") != a


def test_search_is_audited_without_the_name(make_case, worker):
    make_case()
    selectors.search_persons(worker, "zumrud", purpose="duplicate check")
    entry = AuditEntry.objects.get(action="cases.person.search")
    assert entry.purpose == "duplicate check" and "zumrud" not in str(entry.details).lower()


def test_search_needs_a_purpose_and_a_name(make_case, worker):
    make_case()
    with pytest.raises(ValidationError):
        selectors.search_persons(worker, "zumrud", purpose="")
    with pytest.raises(ValidationError):
        selectors.search_persons(worker, " - ", purpose="duplicate check")


def test_search_is_limited_to_visible_cases(make_case, make_user):
    make_case()
    other = make_user("case_worker", "BP")
    assert selectors.search_persons(other, "zumrud", purpose="duplicate check") == []


def test_renaming_updates_the_index(make_case, worker):
    person = make_case().persons.get()
    services.update_person(worker, person, purpose="correcting a typo", given_name="Gülnarə")
    assert selectors.search_persons(worker, "gulnare", purpose="after rename")
    assert not selectors.search_persons(worker, "zumrud", purpose="after rename")


def test_ui_search_posts_so_the_name_is_not_in_the_url(make_case, worker, login_as, client):
    case = make_case()
    login_as(worker)
    assert client.get("/cases/search/?query=zumrud").status_code == 405
    resp = client.post("/cases/search/", {"query": "zumrud", "purpose": "duplicate check"})
    assert resp.status_code == 200 and case.code in resp.content.decode()
