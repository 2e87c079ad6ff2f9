"""Phone numbers: validated and formatted by the `phonenumbers` library, never by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

import phonenumbers
from phonenumbers import PhoneNumberFormat, ShortNumberCost, shortnumberinfo

_DIAL_CHARS = re.compile(r"^[0-9*#][0-9*#\- ]*$")
_NEVER_A_HELP_LINE = {
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium-rate",
    phonenumbers.PhoneNumberType.PAGER: "pager",
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: "personal (forwarding)",
}


@dataclass(frozen=True)
class Dialable:
    """What a reader sees and what their phone dials."""

    display: str
    uri: str
    sms_uri: str | None = None  # a line that takes calls and texts: its text link (uri is the call link)


def _digits(number: str) -> str:
    return re.sub(r"[\s\-().]", "", number)


@cache
def parse_full(number: str, country: str) -> Dialable:
    """A complete number (with area code), shown in national format, dialled in E.164."""
    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"'{number}' is not a phone number ({exc}).") from None
    if not phonenumbers.is_valid_number(parsed):
        example = phonenumbers.example_number(country)
        shown = f" (for example {phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)})" if example else ""
        raise ValueError(
            f"'{number}' is not a valid phone number for {country}. Write the full number with its area code"
            f"{shown}. For a short number, such as the emergency number, use `type: short`; for a code dialled "
            "exactly as written (with * or #, or letters) use `type: local`."
        )
    kind = phonenumbers.number_type(parsed)
    if kind in _NEVER_A_HELP_LINE:
        raise ValueError(
            f"'{number}' is a {_NEVER_A_HELP_LINE[kind]} number, which no police service or help line uses; "
            "check the number against its source."
        )
    # A number of another country is shown as it is dialled from anywhere: +44 20 ..., not 020 ...
    home = phonenumbers.is_valid_number_for_region(parsed, country)
    shown = PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL
    return Dialable(
        phonenumbers.format_number(parsed, shown),
        "tel:" + phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
    )


def is_domestic(number: str, country: str) -> bool:
    """Whether a full number is dialled as a number of `country` (toll-free numbers shared by
    several countries, such as North America's 1-800, count for each of them)."""
    return phonenumbers.is_valid_number_for_region(phonenumbers.parse(number, country), country)


def _parse(number: str, country: str) -> phonenumbers.PhoneNumber:
    try:
        return phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"'{number}' is not a phone number ({exc}).") from None


def is_known_short(number: str, country: str) -> bool:
    """Whether the library's short-number data for `country` lists the number (as a short number
    or as an emergency number): 111 and 1737 in NZ, 999 and 101 in GB, 911, 988 and 686868 in CA."""
    return shortnumberinfo.is_valid_short_number_for_region(
        _parse(number, country), country
    ) or shortnumberinfo.is_emergency_number(_digits(number), country)


def parse_short(number: str, country: str, source: str | None = None) -> str:
    """A short number (911, 999, 686868), checked against the library's short-number data for the
    country. A number the data does not list (New Zealand's 105) is taken only with `source`: the
    public page where the editor saw it, which `sitegen check` lists."""
    parsed = _parse(number, country)
    if is_known_short(number, country):
        if shortnumberinfo.expected_cost_for_region(parsed, country) == ShortNumberCost.PREMIUM_RATE:
            raise ValueError(
                f"'{number}' is a premium-rate short number in {country}, which no police service or help line "
                "uses; check the number against its source."
            )
        return _digits(number)
    if phonenumbers.is_valid_number_for_region(parsed, country):
        raise ValueError(f"'{number}' is a full phone number in {country}, not a short number; use `type: phone`.")
    supported = country in shortnumberinfo.SUPPORTED_SHORT_REGIONS
    if supported and not shortnumberinfo.is_possible_short_number_for_region(parsed, country):
        raise ValueError(
            f"'{number}' has too many or too few digits for a short number in {country}. Check the number; "
            "for a full number use `type: phone`, for a code dialled as written use `type: local`."
        )
    if source is None:
        data = "short-number data" if supported else "short-number data (it has none for the country)"
        raise ValueError(
            f"'{number}' is not in the phone library's {data} for {country}. Check the number. If it is right, "
            "add the page where you saw it to this phone, under `number:`, as `short_number_source: https://...` "
            "(the service's or its government's own page that gives the number); `sitegen check` then lists it."
        )
    return _digits(number)


def parse_local(number: str) -> str:
    """A code that is dialled exactly as written (#377, 310-7267): digits, * and # only."""
    if not _DIAL_CHARS.match(number):
        raise ValueError(f"'{number}' can only contain digits, *, # and dashes.")
    return _digits(number)


def dial_uri(digits: str, sms: bool = False, keyword: str | None = None) -> str:
    if sms:
        body = f"?body={quote(keyword)}" if keyword else ""
        return f"sms:{quote(digits, safe='+')}{body}"
    return "tel:" + quote(digits, safe="+")
