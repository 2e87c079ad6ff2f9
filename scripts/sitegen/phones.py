"""Phone numbers: validated and formatted by the `phonenumbers` library, never by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

import phonenumbers
from phonenumbers import PhoneNumberFormat

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


def parse_short(number: str, country: str) -> str:
    """A short number (911, 999, 686868), checked against the library's list for the country."""
    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"'{number}' is not a phone number ({exc}).") from None
    if not phonenumbers.is_valid_short_number_for_region(parsed, country):
        raise ValueError(
            f"'{number}' is not a known short number in {country}. Check the number; "
            "for a full number use `type: phone`, for a code dialled as written use `type: local`."
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
