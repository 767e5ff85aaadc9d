"""Find and normalise publication dates written the ways news sites write them.

Metadata values (a feed's pubDate, a CSV column, an HTML meta tag) are parsed by
dateparser in many formats: ISO 8601, RFC 822, '21.02.2019', 'Feb 21st, 2019'.
In an article's text, dates are first spotted by pattern (a day, a month and a
year must all be written) and then parsed the same way, so '2019' alone or
'on Tuesday' is no date. Parsing never uses the network; ambiguous numeric
dates read month first (03/04/2021 is March 4), as English sites write them.

A date in the future: from metadata it is an error for that article (the
reader reports it and the others go on), since a wrong date would misplace the
article on every timeline; in the text it is passed over. One day of slack
allows for time zones.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_CANDIDATES = re.compile(
    "|".join(
        [
            r"\b\d{4}-\d{1,2}-\d{1,2}(?!\d)",
            r"\b\d{4}/\d{1,2}/\d{1,2}\b",
            r"\b\d{1,2}[./]\d{1,2}[./]\d{4}\b",
            rf"\b{_MONTH}\s+{_DAY},?\s+\d{{4}}\b",
            rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}\b",
        ]
    ),
    re.I,
)


@cache
def _parser() -> Any:
    """dateparser, imported once on first use (its import takes a moment)."""
    import dateparser

    return dateparser


def _parse(text: str) -> date | None:
    parsed = _parser().parse(text.strip(), languages=["en"], settings=_SETTINGS)
    return parsed.date() if parsed else None


def future_date(iso: str, today: date | None = None) -> bool:
    """Whether an ISO date lies after tomorrow (one day of slack for time zones)."""
    today = today or date.today()
    return date.fromisoformat(iso) > today + timedelta(days=1)


def parse_date_value(value: Any) -> str | None:
    """A metadata value (a string in any common format, a datetime, a date, a
    time.struct_time as feedparser gives) as ISO YYYY-MM-DD, or None."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    parsed = _parse(text)
    return parsed.isoformat() if parsed else None


def parse_date(text: str) -> str | None:
    """The first past date written in ``text`` as ISO YYYY-MM-DD, or None when there is none."""
    for match in _CANDIDATES.finditer(text):
        parsed = _parse(match.group(0))
        if parsed and not future_date(parsed.isoformat()):
            return parsed.isoformat()
    return None
