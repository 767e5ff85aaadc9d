"""Search over text (Store.search_text): the store contract's cases, once per backend.

The definition every case checks against: an article is found when its title and text
hold every word searched for, a claim when its sentence does (whole words, any case,
graph.fulltext's words); the engines' query syntax in a search is only punctuation.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from actorgraph.graph import open_store
from actorgraph.graph.fulltext import marked, query_words
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

ACME = Actor("Acme Corp", "Company", ("Acme",))
POLICE = Actor("Ruritania police", "GovernmentBody")
DOE = Actor("Jane Doe", "Person")
BUREAU = Actor("Export Bureau", "GovernmentBody")

TEXTS = [
    ("Radios for the police",
     "Acme sold radios to Ruritania police in 2019. Senator Jane Doe criticized Acme's deal. "
     "The F-35 order was not part of it."),
    ("A ban",
     "The Export Bureau banned Acme. Jane Doe said the ban (and the fine) came late."),
    ("Quiet week",
     "Nothing about radios here, but much about the weather and Thermo's results."),
]  # fmt: skip


def corpus() -> list[Extraction]:
    """Three articles; a claim per sentence that names two actors."""
    found = []
    for title, text in TEXTS:
        sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
        claims = []
        for start, end in sentences:
            sentence = text[start:end].strip()
            start = text.index(sentence, start)
            evidence = Evidence(sentence, start, start + len(sentence))
            if "sold" in sentence:
                claims.append(Claim("SUPPLIED", ACME.id, POLICE.id, evidence, "asserted", 0.9))
            elif "criticized" in sentence or "ban (" in sentence:
                claims.append(Claim("CRITICIZED", DOE.id, ACME.id, evidence, "asserted", 0.8))
            elif "banned" in sentence:
                claims.append(Claim("BANNED", BUREAU.id, ACME.id, evidence, "asserted", 0.8))
        article = Article(text=text, title=title, published="2021-02-03", publisher="Desk")
        found.append(Extraction(article, (ACME, POLICE, DOE, BUREAU), tuple(claims), "t"))
    return found


def holds(text: str, words: list[str]) -> bool:
    have = {w.lower() for w in re.findall(r"[^\W_]+", text)}
    return bool(words) and all(w in have for w in words)


def expected(extractions: list[Extraction], search: str) -> tuple[set[str], set[str]]:
    """The definition: the articles and the claims whose texts hold every word."""
    words = query_words(search)
    articles = {
        e.article.id for e in extractions if holds(f"{e.article.title} {e.article.text}", words)
    }
    claims = {c.id for e in extractions for c in e.claims if holds(c.evidence.sentence, words)}
    return articles, claims


def found(store, search: str, limit: int = 100) -> tuple[set[str], set[str]]:
    hits = store.search_text(search, limit=limit)
    return (
        {h.article for h in hits if h.kind == "article"},
        {h.claim for h in hits if h.kind == "claim"},
    )


SEARCHES = ["radios", "Acme", "acme radios", "RURITANIA Police", "jane doe ban", "2019",
            "f 35", "the", "thermo", "Thermo's", "weather radios", "radio", "nobody",
            "acme deal", "fine", "banned", "running", "radioing"]  # fmt: skip


def test_search_finds_the_articles_and_sentences_that_hold_every_word(store):
    extractions = corpus()
    store.write(extractions)
    misses = {
        s: (got, want)
        for s in SEARCHES
        if (got := found(store, s)) != (want := expected(extractions, s))
    }
    assert misses == {}
    assert found(store, "radios") == expected(extractions, "radios") != (set(), set())
    assert found(store, "radio") == (set(), set())  # whole words: no stemming, no prefixes
    assert found(store, "banned")[1] == {extractions[1].claims[0].id}  # not 'the ban'


def test_a_claim_hit_names_its_edge_and_marks_the_words_in_its_sentence(store):
    store.write(corpus())
    [hit] = [h for h in store.search_text("SOLD radios") if h.kind == "claim"]
    assert (hit.subject, hit.type, hit.object) == (ACME.id, "SUPPLIED", POLICE.id)
    assert (hit.subject_name, hit.object_name) == ("Acme Corp", "Ruritania police")
    assert hit.snippet == "Acme sold radios to Ruritania police in 2019."
    assert [hit.snippet[s:e] for s, e in hit.marks] == ["sold", "radios"]
    assert hit.at == 0 and hit.title == "Radios for the police"
    assert marked(hit.snippet, hit.marks, "[", "]") == (
        "Acme [sold] [radios] to Ruritania police in 2019.")  # fmt: skip


def test_an_article_hit_shows_the_excerpt_with_the_words_or_its_title(store):
    extractions = corpus()
    store.write(extractions)
    [weather] = [h for h in store.search_text("weather") if h.kind == "article"]
    text = extractions[2].article.text
    assert weather.snippet == text[weather.at : weather.at + len(weather.snippet)]
    assert [weather.snippet[s:e] for s, e in weather.marks] == ["weather"]
    [quiet] = store.search_text("quiet")  # in the title only
    assert (quiet.kind, quiet.snippet, quiet.at) == ("article", "Quiet week", None)
    assert [quiet.snippet[s:e] for s, e in quiet.marks] == ["Quiet"]


def test_hits_are_best_first_at_most_limit_of_each_kind(store):
    store.write(corpus())
    hits = store.search_text("acme", limit=1)
    assert [h.kind for h in hits] == ["article", "claim"]
    every = store.search_text("acme", limit=100)
    for kind in ("article", "claim"):
        scores = [h.score for h in every if h.kind == kind]
        assert scores == sorted(scores, reverse=True) and len(scores) > 1
    assert store.search_text("acme", limit=0) == []


def test_rewriting_and_removing_articles_keep_the_search_true(store):
    extractions = corpus()
    store.write(extractions)
    first = extractions[0]
    changed = Article(text="Acme sold sirens.", title=first.article.title,
                      published="2021-02-03", publisher="Desk", id=first.article.id)  # fmt: skip
    claim = Claim("SUPPLIED", ACME.id, POLICE.id, Evidence("Acme sold sirens.", 0, 17))
    store.write([Extraction(changed, (ACME, POLICE), (claim,), "t2")])
    [article, sentence] = store.search_text("sirens")
    assert (article.article, sentence.article, sentence.snippet) == (
        first.article.id, first.article.id, "Acme sold sirens.")  # fmt: skip
    assert found(store, "2019") == (set(), set())  # its old text and claims are forgotten
    store.remove([extractions[1].article.id])
    assert found(store, "banned") == (set(), set())


def test_a_curated_title_is_searched_and_a_rejected_claim_still_found(store):
    from actorgraph.graph import curation

    extractions = corpus()
    store.write(extractions)
    first = extractions[0].article
    curation.article_meta(store, first.id, title="Lanterns of Ruritania", curator="t")
    assert first.id in found(store, "lanterns")[0]  # the title a curator gave
    claim = extractions[0].claims[0]
    curation.reject(store, claim.id, curator="t")
    assert claim.id in {h.claim for h in store.search_text(claim.evidence.sentence.split()[0])}


# Each engine's query syntax, and words it might take for operators.
HOSTILE = ['"', '"radios', "-", "-radios", "*", "radi*", ":", "title:radios", "(", "(radios",
           ")", "acme)", "\\", "~radios", "radios~2", "@words:{x}", "|", "acme | radios",
           "%acme%", "$terms", "{", "[a TO z]", "^2", "!", "&&", "||", "AND", "acme AND",
           "OR radios", "NOT acme", "acme NOT radios", "+acme", "/regex/", "?", "'", "`",
           "\x00", "\n", "  ", "", ";", "<>", "é", "acme's", "Jane-Doe"]  # fmt: skip


def test_the_engines_query_syntax_in_a_search_never_raises(store, subtests):
    """Each of HOSTILE, a subtest of its own, against one store written once (a search
    writes nothing, so a fresh store per string only paid a server start and a write)."""
    extractions = corpus()
    store.write(extractions)
    for search in HOSTILE:
        with subtests.test(search=search):
            assert found(store, search) == expected(extractions, search)
    assert store.stats().articles == len(extractions)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(search=st.text(max_size=30))
@example(search="acme's radios")
@example(search="\ud800 acme")
def test_any_search_finds_what_the_definition_says(store, search):
    if not store.stats().articles:
        store.write(corpus())
    assert found(store, search) == expected(corpus(), search)


def test_a_store_from_before_search_over_text_gets_its_index_when_opened(store_url):
    """The words and the indexes are made when a store written without them is opened."""
    falkordb = store_url.startswith("falkordb:")
    drops = (
        ["CALL db.idx.fulltext.drop('Claim')", "CALL db.idx.fulltext.drop('Article')"]
        if falkordb
        else ["DROP INDEX claim_words", "DROP INDEX article_words"]
    )
    extractions = corpus()
    with open_store(store_url) as first:
        first.write(extractions)
        for drop in drops:
            first.query(drop, write=True)
        first.query("MATCH (n) WHERE n:Article OR n:Claim REMOVE n.words", write=True)
    with open_store(store_url) as second:
        for search in SEARCHES:
            assert found(second, search) == expected(extractions, search)
        assert found(second, "radios") != (set(), set())
        assert second.query("MATCH (a:Article) RETURN count(a.words)").rows == [[3]]
