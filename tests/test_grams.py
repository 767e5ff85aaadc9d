"""The trigrams behind name search (graph.grams); the store contract tests the search."""

from __future__ import annotations

from actorgraph.graph.grams import MAX_QUERY_GRAMS, name_grams, query_grams, search_grams


def test_names_fold_to_trigrams_of_letters_digits_and_underscores():
    assert name_grams(["U.S. Co", "Ōs"]).split() == ["u_s", "_s_", "s__", "__c", "_co"]
    assert name_grams(["AB", "--"]) == ""  # too short, or nothing but punctuation
    assert query_grams("  Acme  ") == ["acm", "cme"]


def test_a_substrings_trigrams_are_among_the_names():
    name = "Société Générale (Paris)"
    for start in range(len(name)):
        for end in range(start + 3, len(name) + 1):
            assert set(query_grams(name[start:end])) <= set(name_grams([name]).split())


def test_search_asks_for_trigrams_spread_to_the_end_of_a_long_text():
    grams = search_grams("GovernmentBody 3250")  # the number tells, not 'gov'
    assert len(grams) == MAX_QUERY_GRAMS
    assert (grams[0], grams[-1]) == ("gov", "250")
    assert set(grams) <= set(query_grams("GovernmentBody 3250"))
    assert search_grams("Acme") == query_grams("Acme")
