"""The registry's agency filter finds an agency the way every other part of ctip does."""

import pytest

from ctip.plan.models import Agency
from ctip.records.selectors import resolve_agency_param

pytestmark = pytest.mark.django_db


def test_an_agency_filter_takes_an_abbreviation_a_name_or_a_pk(agencies):
    dmx = Agency.objects.get(abbr="DMX")
    assert resolve_agency_param("DMX") == dmx
    assert resolve_agency_param("dmx") == dmx  # through plan.selectors.agency_named
    assert resolve_agency_param(dmx.name_az.upper()) == dmx
    assert resolve_agency_param(str(dmx.pk)) == dmx
    assert resolve_agency_param(dmx) == dmx
    assert resolve_agency_param("") is None
    assert resolve_agency_param("no such body") is None
