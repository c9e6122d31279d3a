"""The registry's text search on SQLite reads migration 0008's FTS5 indexes and finds exactly what
the scan (the path PostgreSQL and an SQLite without FTS5 take) finds."""

import datetime as dt
import importlib
import re

import pytest
from django.db import connection

from ctip.records import selectors
from ctip.records.models import Document

pytestmark = pytest.mark.django_db

needs_fts = pytest.mark.skipif(
    "connection.vendor != 'sqlite'",
    reason="FTS5 is SQLite's; PostgreSQL's trigram indexes are checked in test_national_scale.py",
)

QUERIES = [
    "insan", "İNSAN ALVERİ", "insan alverinə", "alver insan", "Qurbanlar",
    "12/345", "12/34", "2/3", "/12", "345", "12", "3456-Ə", "3456-ə",
    "Şəxsiyyət", "SƏXS", "sexs", "ABŞ", "ABŞ-ın", "abs-in", "in", "hökumət", "Qeyri-Hökumət",
    "daxili", "axili işlər", "DMX", "dmx", "İlham", "ilham", "ILHAM", "ISLAHAT", "ıslahat",
    "İslahat", "o’brien", "o'brien", "brien", "2022-ci", "2022", "ci", "a", "%", "1_1", "yoxdur",
    "ə", "№12",
]  # fmt: skip


@pytest.fixture
def documents(make_document, agencies):
    rows = [
        ("12/345", "DMX", {"subject": "İNSAN ALVERİ qurbanlarına yardım"}),
        ("12/3456-Ə", "DMX", {"subject": "Şəxsiyyət vəsiqəsi"}),
        ("7/12", "DMX", {"subject": "ABŞ-ın səfirliyi ilə 2022-ci il görüş"}),
        ("345/12", "DMX", {"subject": "İlham Əliyev adına məktəb"}),
        ("9/9", "DMX", {"subject": "ISLAHAT planı", "recipient_names": "O’Brien"}),
        ("1_1", "DMX", {"subject": "Qeyri-Hökumət təşkilatları",
                        "issuer": None, "issuer_name": "Daxili İşlər Nazirliyi"}),
    ]  # fmt: skip
    return [make_document(number, agency, **fields) for number, agency, fields in rows]


def _found(user, q: str) -> set[str]:
    return set(selectors.documents_visible_to(user, text=q).values_list("number", flat=True))


def test_search_finds_words_by_their_keys_and_numbers_and_issuers_as_substrings(
    documents, coordinator
):
    found = {q: _found(coordinator, q) for q in QUERIES}  # FTS on SQLite, the scan on PostgreSQL
    assert found["İNSAN ALVERİ"] == found["alver insan"] == {"12/345"}
    assert found["12/34"] == {"12/345", "12/3456-Ə"}
    assert found["/12"] == {"7/12", "345/12"}
    assert found["SƏXS"] == found["sexs"] == {"12/3456-Ə"}
    assert found["ABŞ-ın"] == found["2022"] == {"7/12"}
    assert found["ci"] == set()  # "2022-ci" is one word: "ci" does not start a word
    assert found["İlham"] == found["ILHAM"] == {"345/12"}
    assert found["ıslahat"] == found["İslahat"] == {"9/9"}
    assert found["o’brien"] == {"9/9"} and found["brien"] == set()
    assert found["axili işlər"] == found["1_1"] == {"1_1"}
    assert found["yoxdur"] == set()


@needs_fts
def test_fts_finds_exactly_what_the_scan_finds(documents, coordinator, monkeypatch):
    with_fts = {q: _found(coordinator, q) for q in QUERIES}
    monkeypatch.setattr(selectors, "_has_registry_fts", lambda: False)
    assert with_fts == {q: _found(coordinator, q) for q in QUERIES}


@needs_fts
def test_on_sqlite_a_word_search_reads_the_fts_indexes_not_every_document(coordinator):
    assert selectors._has_registry_fts()
    plan = _plan(selectors.documents_visible_to(coordinator, text="qurbanlar"))
    assert "records_document_fts VIRTUAL TABLE" in plan
    assert "records_document_trgm VIRTUAL TABLE" in plan
    assert not re.search(r"SCAN records_document(?!_)", plan), plan  # no pass over the rows


@needs_fts
def test_a_word_that_many_documents_match_keeps_the_ordered_scan(
    documents, coordinator, monkeypatch
):
    rare = _plan(selectors.documents_visible_to(coordinator, text="insan"))
    monkeypatch.setattr(selectors, "FTS_FEW", 0)  # every match is now "many"
    common = selectors.documents_visible_to(coordinator, text="insan")
    assert "records_document_fts" in rare and "records_document_fts" not in _plan(common)
    assert set(common.values_list("number", flat=True)) == {"12/345"}


def _plan(qs) -> str:
    with connection.cursor() as cur:
        sql, params = qs.query.sql_with_params()
        cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cur.fetchall())


@needs_fts
def test_insert_update_and_delete_keep_the_indexes_in_step(make_document, coordinator):
    doc = make_document("55/1001", subject="Miqrasiya xidməti")
    assert _found(coordinator, "miqrasiya") == {"55/1001"}
    doc.subject, doc.number = "Reabilitasiya mərkəzi", "55/2002"
    doc.save()
    assert _found(coordinator, "miqrasiya") == set() and _found(coordinator, "5/100") == set()
    assert _found(coordinator, "reabilitasiya") == _found(coordinator, "5/200") == {"55/2002"}
    Document.objects.filter(pk=doc.pk).update(search_text=" telim ")  # SQL, no save()
    assert _found(coordinator, "təlim") == {"55/2002"}
    assert _found(coordinator, "reabilitasiya") == set()
    doc.delete()
    assert _found(coordinator, "təlim") == _found(coordinator, "55/2002") == set()
    _integrity_check()


@needs_fts
def test_the_migration_indexes_documents_already_there(make_agency, coordinator):
    fts = importlib.import_module("ctip.records.migrations.0008_registry_search_fts")
    with connection.cursor() as cur:
        for sql in fts.DROP:
            cur.execute(sql)
    assert not selectors._has_registry_fts()
    Document.objects.bulk_create(
        [
            Document(
                kind="letter",
                number="77/1",
                date=dt.date(2022, 1, 1),
                agency=make_agency("DMX"),
                search_text=" sorgu ",
            )
        ]
    )
    with connection.cursor() as cur:
        for sql in fts.CREATE:
            cur.execute(sql)
    assert _found(coordinator, "sorğu") == _found(coordinator, "7/1") == {"77/1"}
    _integrity_check()


def _integrity_check() -> None:
    with connection.cursor() as cur:
        for table in ("records_document_fts", "records_document_trgm"):
            cur.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
