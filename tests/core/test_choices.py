"""Choice labels by value (core/choices.py): the same labels as Django's, in each request's
language, without translating every label of the field for every row."""

from unittest import mock

from django.utils import translation

from ctip.cases.models import Case, Channel, Intake


def test_labels_follow_the_active_language_and_unknown_values_show_as_they_are():
    case = Case(status=Case.Status.REFERRED, channel=Channel.HOTLINE_919)
    for language in ("az", "en", "ru"):
        with translation.override(language):
            assert case.get_status_display() == str(Case.Status.REFERRED.label)
            assert case.get_channel_display() == str(Channel.HOTLINE_919.label)
    assert Intake(channel="pigeon").get_channel_display() == "pigeon"


def test_one_label_is_one_translation_however_many_choices_the_field_has():
    rows = [Case(status=s, channel=Channel.HOTLINE_919) for s in Case.Status.values * 5]
    real = translation._trans.gettext  # what every lazy label calls when it is read
    with mock.patch.object(translation._trans, "gettext", side_effect=real) as counted:
        labels = [row.get_status_display() for row in rows]
    assert labels == [str(Case.Status(r.status).label) for r in rows]
    assert counted.call_count == len(rows)
