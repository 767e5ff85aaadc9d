"""Entity resolution across articles: one real-world actor is one node."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from actorgraph.graph import open_store
from actorgraph.loaders.resolve import KnownActorRef, keys_of, resolve_extractions
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction


class GraphOf:
    """An ActorIndex over a fixed list of actors (the graph's side of resolution)."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors

    def actors_by_keys(self, keys: Sequence[str]) -> Mapping[str, list[KnownActorRef]]:
        found: dict[str, list[KnownActorRef]] = {}
        for actor in self.actors:
            for key in set(keys_of(actor)) & set(keys):
                found.setdefault(key, []).append(KnownActorRef(actor.id, actor.name, actor.kind))
        return found


def article_about(*actors: Actor, text: str = "Some text.") -> Extraction:
    first, second = actors[0], actors[-1]
    claim = Claim("SUPPLIED", first.id, second.id, Evidence(text, 0, len(text)))
    return Extraction(Article(text=text, title="t"), actors, (claim,))


def test_a_short_name_meets_the_full_name_seen_before_through_its_alias():
    full = Actor("Thermo Fisher Scientific", "Company", ("Thermo Fisher",))
    police = Actor("Xinjiang police", "GovernmentBody")
    short = Actor("Thermo Fisher", "Company")
    [_, second] = resolve_extractions(
        [article_about(full, police), article_about(short, police, text="Other text.")]
    )
    assert [a.id for a in second.actors] == [full.id, police.id]
    assert second.actors[0].name == "Thermo Fisher Scientific"
    assert second.claims[0].subject == full.id


def test_the_graph_decides_when_the_batch_does_not():
    known = Actor("Human Rights Watch", "Organization", ("HRW",))
    later = Actor("HRW", "Organization")
    police = Actor("Xinjiang police", "GovernmentBody")
    [resolved] = resolve_extractions([article_about(later, police)], GraphOf([known]))
    assert resolved.actors[0].id == known.id
    assert resolved.actors[0].aliases == ("HRW",)


def test_kinds_must_agree_except_a_country_acting_or_sitting():
    apple_company = Actor("Apple", "Company")
    apple_place = Actor("Apple", "Place")  # not the same actor
    china_government = Actor("China", "Government")
    china_place = Actor("China", "Place")
    graph = GraphOf([apple_company, china_government])
    [resolved] = resolve_extractions([article_about(apple_place, china_place)], graph)
    assert [a.id for a in resolved.actors] == [apple_place.id, china_government.id]


def test_a_key_shared_by_two_known_actors_decides_nothing():
    one = Actor("Acme Holdings", "Company", ("Acme",))
    two = Actor("Acme Labs", "Company", ("Acme",))
    newcomer = Actor("Acme", "Company")
    other = Actor("Ruritania police", "GovernmentBody")
    [resolved] = resolve_extractions([article_about(newcomer, other)], GraphOf([one, two]))
    assert resolved.actors[0].id == newcomer.id


def test_a_capital_sitting_as_a_place_is_not_the_country_it_stands_for():
    country = Actor("United States", "Government", ("Washington",))
    city = Actor("Washington", "Place")
    company = Actor("Acme Corp", "Company")
    [resolved] = resolve_extractions([article_about(company, city)], GraphOf([country]))
    assert [a.id for a in resolved.actors] == [company.id, city.id]


def test_an_article_resolves_alike_in_one_batch_or_after_the_others_are_stored(falkordb_url):
    # the graph settles an actor's kind (Government before Place) but keeps every kind given
    # it; resolution must see them all, or the order of ingest decides who is who
    sitting = Actor("Ruritania", "Place", ("Ruritania City",))
    acting = Actor("Ruritania", "Government")
    city = Actor("Ruritania City", "Place")
    firm = Actor("Globex", "Company")
    earlier = [
        article_about(sitting, firm, text="One."),
        article_about(acting, firm, text="Two."),
    ]
    later = article_about(city, firm, text="Three.")
    in_one_batch = resolve_extractions([*earlier, later])[-1]
    store = open_store(falkordb_url)
    try:
        store.write(resolve_extractions(earlier, store))
        [after_the_others] = resolve_extractions([later], store)
    finally:
        store.close()
    assert [a.id for a in in_one_batch.actors] == [sitting.id, firm.id]
    assert [a.id for a in after_the_others.actors] == [a.id for a in in_one_batch.actors]
