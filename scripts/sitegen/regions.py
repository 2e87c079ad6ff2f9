"""Countries' regions (ISO 3166-2) and their names in each language, from pycountry."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

# `regions: none` in data/site.yml: a national-only site, with no region list and one handout
# for the whole country (its address is that of the country's own code, see urls.handout_path).
NATIONAL_ONLY = "none"


def national_hint(country: str) -> str:
    """What to write for a national-only site, for messages about `regions`."""
    whole = region_name(country, country, "en") if country else "the country"
    return f"for a site that serves the whole of {whole}, with no region list, write `regions: {NATIONAL_ONLY}`"


@lru_cache
def subdivisions(country: str) -> dict[str, str]:
    """Region code -> English name, for the country's top-level subdivisions."""
    subs = pycountry.subdivisions.get(country_code=country) or []
    return {s.code: s.name for s in subs if s.parent_code is None}


def is_known(region: str, country: str) -> bool:
    return region == country or region in subdivisions(country)


@lru_cache
def _translation(lang: str) -> gettext.NullTranslations:
    domain = "iso3166-2"
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang.replace("-", "_")], fallback=True)


def region_name(region: str, country: str, lang: str) -> str:
    if region == country:
        english = pycountry.countries.get(alpha_2=country).name
        return gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang.replace("-", "_")], fallback=True
        ).gettext(english)
    # pycountry adds other names in brackets, e.g. "Wales [Cymru GB-CYM]"; readers need one.
    return re.sub(r"\s*\[.*\]$", "", _translation(lang).gettext(subdivisions(country)[region]))
