"""The keywords of a SPARQL query, read past its strings, IRIs, comments and names.

pyoxigraph parses queries but does not say what a query names, and two keywords
decide how the project runs one: FROM (the query names its own dataset, so the
default graph is not the union of all graphs) and SERVICE (the query would make
this machine fetch a URL). Both are keywords only where the grammar allows them,
so a word FROM inside a string, an IRI, a comment, a variable or a prefixed name
is not one.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(
    r"""
    (?P<skip>
        '''(?:[^'\\]|\\.|'(?!''))*'''          # long strings
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n\r]|\\.)*'                   # short strings
      | "(?:[^"\\\n\r]|\\.)*"
      | <[^<>"{}|^`\\\x00-\x20]*>               # IRIs
      | \#[^\n\r]*                              # comments
      | [?$]\w+                                 # variables
      | @[A-Za-z][\w-]*                         # language tags
      | [\w.-]*:[\w.%:-]*                       # prefixed names, blank nodes
    )
  | (?P<word>[A-Za-z]\w*)
    """,
    re.VERBOSE,
)


def keywords(query: str) -> set[str]:
    """The bare words of ``query`` (keywords and function names), upper-cased."""
    return {m.group("word").upper() for m in _TOKENS.finditer(query) if m.group("word")}


def names_dataset(query: str) -> bool:
    """Whether the query says which graphs it reads (FROM or FROM NAMED)."""
    return "FROM" in keywords(query)


def calls_service(query: str) -> bool:
    """Whether the query asks for a remote endpoint (SERVICE <url>)."""
    return "SERVICE" in keywords(query)
