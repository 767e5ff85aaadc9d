"""How an ego network chooses the neighbours it takes (graph.ego.within_budget): the
edges its view walks stay within the budget however big the neighbours are."""

from __future__ import annotations

import random

import pytest

from actorgraph.graph import ego
from actorgraph.graph.ego import within_budget
from actorgraph.graph.views import ActorView

SLOTS = ego.HUBS_LOOKED_UP
BUDGET = ego.EDGE_WALK_BUDGET


def actors(prefix: str, degrees: list[int]) -> dict[str, ActorView]:
    return {f"{prefix}{i}": ActorView(f"{prefix}{i}", f"{prefix}{i}", "Person", degree=d)
            for i, d in enumerate(degrees)}  # fmt: skip


def walked(view: dict[str, ActorView]) -> int:
    """The edges walked for a view: those of every actor but the SLOTS biggest."""
    return sum(sorted((a.degree for a in view.values()), reverse=True)[SLOTS:])


def random_case(rng: random.Random) -> tuple[dict[str, ActorView], dict[str, ActorView]]:
    degree = lambda: int(rng.paretovariate(0.7))  # noqa: E731 (a few hubs, many small)
    view = actors("v", [degree() for _ in range(rng.choice([1, 5, SLOTS, 80, 300]))])
    return view, actors("f", [degree() for _ in range(rng.randrange(0, 500))])


@pytest.mark.parametrize("seed", range(100))
def test_the_walk_of_a_view_within_budget_stays_within_it(seed):
    view, found = random_case(random.Random(seed))
    taken = within_budget(view, found)
    assert set(taken) <= set(found)
    if walked(view) <= BUDGET:
        assert walked({**view, **taken}) <= BUDGET


@pytest.mark.parametrize("seed", range(100))
def test_free_slots_go_to_the_biggest_and_the_rest_to_the_least_busy(seed):
    view, found = random_case(random.Random(seed))
    taken = within_budget(view, found)
    free = max(0, SLOTS - len(view))
    ranked = sorted(found.values(), key=lambda a: (-a.degree, a.id))
    assert {a.id for a in ranked[:free]} <= set(taken)
    rest = ranked[free:]
    spent = [a.degree for a in rest if a.id in taken]
    left_out = [a.degree for a in rest if a.id not in taken]
    if spent and left_out:
        assert max(spent) <= min(left_out)  # the least busy are taken
    if left_out:  # and one more would not fit
        assert sum(spent) + min(left_out) > BUDGET - walked(view)


def test_a_neighbour_bigger_than_the_view_hubs_is_walked_not_given_their_slot():
    """A view with its slots taken by actors of 100 edges: neighbours of 10,000 edges are
    not taken (each would push a hub's 100 edges, or its own 10,000, into the walk past the
    budget), and small ones still are."""
    view = actors("hub", [100] * SLOTS)
    found = {**actors("big", [10_000] * SLOTS), **actors("small", [1] * 10)}
    taken = within_budget(view, found)
    assert set(taken) == {f"small{i}" for i in range(10)}
    assert walked({**view, **taken}) <= BUDGET
