"""Fetching a URL given on the command line: the only network use, with a timeout.

Links found inside files or feeds are never fetched. Offline, or when the
server does not answer, the error is one line saying what to do instead.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from actorgraph.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
_AGENT = "actorgraph (news reader; +https://pypi.org/project/actorgraph)"


def is_url(text: str) -> bool:
    """Whether an argument is an http(s) URL rather than a path."""
    return text.lower().startswith(("http://", "https://"))


def fetch_url(url: str, timeout: float) -> tuple[bytes, str]:
    """The body of ``url`` and its content type; any failure is one clear InputError."""
    request = urllib.request.Request(url, headers={"User-Agent": _AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type", "").lower()
    except urllib.error.HTTPError as error:
        raise InputError(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        why = getattr(error, "reason", None) or error
        raise InputError(
            f"cannot fetch URL: {url} ({why}); check the network or save the page and "
            "ingest the file"
        ) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // 2**20} MB; save it and split it")
    return data, content_type
