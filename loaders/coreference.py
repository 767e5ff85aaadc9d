"""Resolution: group an article's mentions into one cluster per actor.

Mentions join by the same name, a shorter form of a name ("Thermo Fisher", "Rubio"), an
acronym ("HRW", or one given in parentheses), a gazetteer alias ("Beijing" for China), a
name given as another's ("formerly known as"), a variant spelling of a person's name, or
the nearest earlier actor of the right kind for a description or pronoun. An actor's
kind is voted by its mentions, each weighed by what says it: the gazetteer decides, a
head noun ("Bureau", "AG") outweighs the words beside a name, which outweigh spaCy's
label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from actorgraph.loaders.mention_records import Cluster, Mention
from actorgraph.schema import name_key


def _acronym(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _is_short_form(short: str, long: str, kind: str) -> bool:
    """'Thermo Fisher' of 'Thermo Fisher Scientific', 'Rubio' of 'Marco Rubio', 'HRW'."""
    s, l_ = short.split(), long.split()
    if not s or len(s) >= len(l_):
        return False
    if kind == "Person":  # 'Rubio' of 'Marco Rubio'; 'Li' of 'Li Ming' (family name first)
        return s == l_[-len(s) :] or s == l_[: len(s)]
    return l_[: len(s)] == s


def _compatible(kind: str, other: str) -> bool:
    return kind == other or {kind, other} <= {"Company", "Organization", "GovernmentBody", "Media"}


def _is_acronym(short: str, names: list[str]) -> bool:
    """'HRW' of 'Human Rights Watch', 'NSN' of 'Nokia Siemens Networks'."""
    letters = short.replace(".", "")
    return (
        letters.isalpha()
        and letters.isupper()
        and len(letters) > 1
        and any(_acronym(n) == letters for n in names)
    )


def _similar_word(a: str, b: str) -> bool:
    """Two spellings of one name's word: equal, one the other's start ('Jon', 'Jonathan'),
    or one letter apart in a long word ('Smyth', 'Smythe'; 'Alexey', 'Alexei')."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    return _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _person_words(key: str) -> list[str]:
    """A person's name without middle initials ('john a doe' -> ['john', 'doe'])."""
    words = key.split()
    return [w for w in words if len(w) > 1] if len(words) > 2 else words


def _same_person(key: str, other: str) -> bool:
    """'John A. Doe' and 'John Doe'; 'Jon Smyth' and 'Jonathan Smythe': the same words in
    the same order, but for initials and spelling; a first name alone is not enough."""
    a, b = _person_words(key), _person_words(other)
    if len(a) != len(b) or len(a) < 2:
        return False
    if a[-1] != b[-1] and not _similar_word(a[-1], b[-1]):
        return False
    return all(_similar_word(x, y) for x, y in zip(a, b, strict=True))


def _abbreviated(short: str, long: str) -> bool:
    """'Foreign Office' of 'Foreign, Commonwealth and Development Office': the same first
    and last words, the rest left out."""
    s, l_ = short.split(), long.split()
    if len(s) < 2 or len(s) >= len(l_) or s[0] != l_[0] or s[-1] != l_[-1]:
        return False
    rest = iter(l_[1:-1])
    return all(word in rest for word in s[1:-1])


def _head_word(mention: Mention, cluster: Cluster, generic: bool) -> bool:
    """'the Forum' for 'the Westvale Tech Forum', 'Police' for 'Lanmoor police': the
    last word of a longer name, when 'the' stands before it or it is a body's noun."""
    if " " in mention.name or cluster.kind in ("Person", "Place", "Government"):
        return False
    names = [cluster.name, *cluster.names] if not cluster.known else cluster.names
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue
        if mention.definite and not cluster.known and words[-1] == mention.name:
            return True
        if generic and words[-1].lower() == mention.name.lower():
            return True
    return False


def _named_by_acronym(mention: Mention, clusters: list[Cluster]) -> Cluster | None:
    """A well-known acronym ('ACLU') of a name the gazetteer spells otherwise ('America
    Civil Liberties Union'): that actor, now known."""
    for cluster in clusters:
        if not cluster.known and _is_acronym(mention.name, [cluster.name, *cluster.names]):
            cluster.known = mention.known
            if cluster.name not in cluster.names:
                cluster.names.append(cluster.name)
            cluster.name = mention.known.name if mention.known else cluster.name
            return cluster
    return None


def _same_body(mention: Mention, cluster: Cluster) -> bool:
    """'Norway's Coastal Watch', 'the Norwegian Coastal Watch' and 'the Coastal Watch': one
    body, named with or without its state (two states' bodies are two)."""
    owner, rest = mention.owned
    if mention.kind == "Person" or cluster.kind == "Person" or not rest:
        return False
    return any(
        rest == other and (not owner or not their_owner or owner == their_owner)
        for their_owner, other in cluster.owned
    )


def _capital_apart(mention: Mention, cluster: Cluster) -> bool:
    """'its Oslo office': a capital where something is stays the city, apart from the
    government it stands for elsewhere ('Oslo said')."""
    return (
        mention.kind == "Place"
        and mention.known is None
        and cluster.known is not None
        and cluster.known.is_capital(mention.name)
    )


def _find_cluster(mention: Mention, clusters: list[Cluster]) -> Cluster | None:
    key = name_key(mention.known.name if mention.known else mention.name)
    for cluster in clusters:
        if _capital_apart(mention, cluster):
            continue
        if key == cluster.key or key in (name_key(n) for n in cluster.names):
            return cluster
    if mention.known:
        return _named_by_acronym(mention, clusters)
    generic = mention.source == "head" and " " not in mention.name
    for cluster in clusters:
        if not cluster.known and _same_body(mention, cluster):
            return cluster
        if cluster.known and cluster.known.kind == "Government":
            continue  # 'Korea' of 'South Korea' is another name
        every = [cluster.name, *cluster.names]
        if _is_acronym(mention.name, every):
            return cluster  # whatever label spaCy gave the acronym
        person_surname = cluster.kind == "Person" and not mention.known
        if _head_word(mention, cluster, generic):
            return cluster
        if not (person_surname or _compatible(mention.kind, cluster.kind)):
            continue
        for raw in every:
            name = name_key(raw)
            if _is_short_form(key, name, cluster.kind):
                return cluster
            acronym = raw.replace(".", "").isupper()  # 'RSS Forensics Institute': a unit
            if not acronym and _is_short_form(name, key, mention.kind):
                return cluster
            if cluster.kind == "Person" and mention.kind == "Person" and _same_person(key, name):
                return cluster
            if cluster.kind != "Person" and _abbreviated(key, name):
                return cluster
    return None


# Possessive pronouns, which the subject of their own clause binds first.
_POSSESSIVES = frozenset({"its", "their"})


def _antecedent(anaphor: Mention, earlier: list[tuple[Mention, Cluster]]) -> Cluster | None:
    """The actor an anaphor refers to: for a subject, the latest subject of its kinds in this
    or the previous sentence ('The Treasury sanctioned the firm ... It accused the firm');
    otherwise the nearest earlier actor of its kinds."""
    fitting = [(m, c) for m, c in earlier if c.kind in anaphor.anaphor]
    start, end = anaphor.besides  # "Rubio asked her to act": not Rubio
    fitting = [(m, c) for m, c in fitting if not start <= m.start < end]
    if anaphor.origin:  # "the Israeli company": not one described as another state's
        fitting = [(m, c) for m, c in fitting if not c.origins or anaphor.origin in c.origins]
        of_origin = [(m, c) for m, c in fitting if anaphor.origin in c.origins]
        fitting = of_origin or fitting
    noun = anaphor.name.split()[-1].lower()
    if anaphor.name.lower().startswith("the "):  # "the military": 'Myanmar's military junta'
        named = [c for _, c in fitting if noun in " ".join([c.name, *c.names]).lower().split()]
        if named:
            return named[-1]
    start, end = anaphor.coordinated
    listed_before = [c for m, c in fitting if start <= m.start < end]
    if listed_before:  # "sued Globex and its parent company": Globex's parent
        return listed_before[-1]
    if anaphor.name.lower() in _POSSESSIVES:  # "SenseTime counts A among its investors"
        # (not "The FBI is one of its customers": a copula's subject is what "its" is said
        # of, never whose)
        if anaphor.predicated:
            fitting = [
                (m, c) for m, c in fitting if not (m.copular and m.sentence == anaphor.sentence)
            ]
        bound = [c for m, c in fitting if m.subject and m.sentence == anaphor.sentence]
        if bound:
            return bound[-1]
    if anaphor.subject:
        sentences = sorted({m.sentence for m, _ in fitting if m.sentence < anaphor.sentence})
        window = {anaphor.sentence, *sentences[-1:]}
        for mention, cluster in reversed(fitting):
            if mention.subject and mention.sentence in window and mention.start < anaphor.start:
                return cluster
    return fitting[-1][1] if fitting else None


def _new_cluster(mention: Mention) -> Cluster:
    known = mention.known
    return Cluster(known.name if known else mention.name, mention.kind, known)


def _add(cluster: Cluster, mention: Mention) -> None:
    """A name mention joins a cluster: its name and aliases, and its vote unless it is an
    acronym, which says nothing of its kind."""
    for name in (mention.name, *mention.aliases):
        if name not in cluster.names:
            cluster.names.append(name)
    if mention.owned[1] and mention.owned not in cluster.owned:
        cluster.owned.append(mention.owned)
    if mention.origin:
        cluster.origins.add(mention.origin)
    cluster.sure = cluster.sure or mention.source in ("known", "head", "noun", "rule")
    if not (mention.name.replace(".", "").isalpha() and mention.name.replace(".", "").isupper()):
        cluster.vote(mention.kind, mention.weight)


def _merge(into: Cluster, other: Cluster) -> None:
    """Fold a cluster found to be another's second name into it; its votes count little."""
    for name in [other.name, *other.names]:
        if name not in into.names:
            into.names.append(name)
    for kind, weight in other.votes.items():
        into.vote(kind, weight / 10)


def _settle_votes(cluster: Cluster) -> None:
    """A cluster's kind: the gazetteer's, else the kind with the most weight behind it."""
    if cluster.known:
        cluster.kind = cluster.known.kind
    elif cluster.votes:
        cluster.kind = max(cluster.votes, key=lambda k: cluster.votes[k])


def _distinct(clusters: Iterable[Cluster]) -> list[Cluster]:
    """Each cluster once, in order (clusters compare by value, so by identity here)."""
    return list({id(c): c for c in clusters}.values())


def _cluster_names(mentions: list[Mention]) -> dict[int, Cluster]:
    """Cluster the name mentions, fullest names first so that 'Rubio' finds 'Marco Rubio'
    wherever it stands; returns the cluster of each mention (by index)."""
    clusters: list[Cluster] = []
    of: dict[int, Cluster] = {}
    order = sorted(
        (i for i, m in enumerate(mentions) if not m.anaphor and m.same_as is None),
        key=lambda i: (-(mentions[i].end - mentions[i].start), i),
    )
    for i in order:
        mention = mentions[i]
        cluster = _find_cluster(mention, clusters)
        if cluster is None:
            cluster = _new_cluster(mention)
            clusters.append(cluster)
        _add(cluster, mention)
        of[i] = cluster
    _join_second_names(mentions, clusters, of)
    for cluster in _distinct(of.values()):
        _settle_votes(cluster)
    return of


def _join_second_names(
    mentions: list[Mention], clusters: list[Cluster], of: dict[int, Cluster]
) -> None:
    """Mentions given as another's name ('formerly known as') join that actor, and so does
    every other mention of the same name."""
    at = {m.start: i for i, m in enumerate(mentions)}
    for i, mention in enumerate(mentions):
        if mention.same_as is None or at.get(mention.same_as) not in of:
            continue
        target = of[at[mention.same_as]]
        own = _find_cluster(mention, [c for c in clusters if c is not target])
        if own is not None and own.known is None and (target.known is None or own.kind == "Person"):
            _merge(target, own)
            for j, cluster in list(of.items()):
                if cluster is own:
                    of[j] = target
            clusters[:] = [c for c in clusters if c is not own]
        elif own is not None:
            of[i] = own
            continue
        if mention.name not in target.names:
            target.names.append(mention.name)
        of[i] = target


def _list_members(mentions: list[Mention], of: dict[int, Cluster]) -> list[list[int]]:
    """The name mentions listed together ('Acme, Lockwood Martin and Globex AG'), by the
    first conjunct their words hang on."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i in of:
        groups[mentions[i].listed].append(i)
    return [members for key, members in groups.items() if key >= 0 and len(members) >= 3]


def _agree_in_lists(mentions: list[Mention], of: dict[int, Cluster]) -> None:
    """A name listed among names that words say are of one kind is of that kind too, when
    only spaCy's label said otherwise: 'Acme, Lockwood Martin and Globex AG' (a firm
    tagged a person). A person listed with states stays a person ('the UAE, the US and
    Smith said')."""
    for members in _list_members(mentions, of):
        for i in members:
            cluster = of[i]
            if cluster.known or cluster.sure:
                continue
            others = _distinct(of[j] for j in members if of[j] is not cluster)
            kinds = {c.kind for c in others}
            sure = [c for c in others if c.known or c.sure] or len(others) >= 3
            kind = others[0].kind if others else cluster.kind
            if len(kinds) != 1 or len(others) < 2 or not (sure or cluster.kind == "Place"):
                continue
            if cluster.kind == "Person" and len(others) < 3:
                continue  # 'J.T. Doe and Acme Co., Ltd.'
            if kind in ("Company", "Organization", "Media") or cluster.kind == "Place":
                cluster.kind = kind


def _units_of_bodies(clusters: Iterable[Cluster]) -> None:
    """'RSS Forensics Institute', 'DRA of Westvale': a unit named after a state's
    body is a body of it; one named after an organization is one, unless words say else."""
    clusters = list(clusters)
    for unit in clusters:
        if unit.known or unit.kind == "Person":
            continue
        for parent in clusters:
            if parent is unit or parent.kind not in ("GovernmentBody", "Organization"):
                continue
            names = {parent.name, *parent.names}
            if not any(unit.name.startswith(n + " ") for n in names):
                continue
            if parent.kind == "GovernmentBody" or not unit.sure:
                unit.kind = parent.kind
                break


# How many sentences before a plural pronoun the list it refers to may be (mentions.py
# reads the same reach for the plural nouns that would come between), and before a
# plural description ("the senators").
LIST_REACH = 2
_DESCRIBED_REACH = 5


def _lists_before(
    anaphor: Mention, earlier: list[tuple[Mention, Cluster]]
) -> list[tuple[tuple[int, int], list[Cluster]]]:
    """The lists of two or more named actors before a plural anaphor, latest first, each
    keyed by (its sentence, its first word): within the sentences a pronoun reaches ("they"
    two, a description such as "the senators" five), after the plural noun that would be
    the pronoun's antecedent instead."""
    described = anaphor.end - anaphor.start > 1
    sentences = sorted({m.sentence for m, _ in earlier if m.sentence < anaphor.sentence})
    window = {anaphor.sentence, *sentences[-(_DESCRIBED_REACH if described else LIST_REACH) :]}
    lists: dict[tuple[int, int], list[Cluster]] = {}
    with_others: set[tuple[int, int]] = set()  # "HRW and 40 other groups": a list of one
    for mention, cluster in earlier:
        if mention.anaphor or mention.sentence not in window or mention.start > anaphor.start:
            continue
        if mention.listed <= anaphor.after:
            continue
        if anaphor.besides[0] <= mention.start < anaphor.besides[1]:
            continue  # "the plaintiffs seek to have them produce": not the plaintiffs
        members = lists.setdefault((mention.sentence, mention.listed), [])
        if cluster not in members:
            members.append(cluster)
        if mention.with_others:
            with_others.add((mention.sentence, mention.listed))
    return [
        (key, members)
        for key, members in sorted(lists.items(), reverse=True)
        if key[1] >= 0 and (len(members) >= 2 or key in with_others)
    ]


def _listed_antecedents(anaphor: Mention, earlier: list[tuple[Mention, Cluster]]) -> list[Cluster]:
    """The actors a plural anaphor refers to: those of the latest list before it, or for a
    subject the latest list that was a subject ("Roe and Doe wrote to Acme and Globex. They
    urged the companies to ..."); none unless all are of the anaphor's kinds."""
    lists = _lists_before(anaphor, earlier)
    if anaphor.subject:
        subjects = {(m.sentence, m.listed) for m, _ in earlier if m.in_subject and not m.anaphor}
        lists = [entry for entry in lists if entry[0] in subjects] + lists
    for _, members in lists[:1]:
        if all(c.kind in anaphor.anaphor for c in members):
            return members
    return []


def resolve(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into actors; an anaphor joins the nearest earlier actor of its kinds."""
    named = _cluster_names(mentions)
    _agree_in_lists(mentions, named)
    _units_of_bodies(_distinct(named.values()))
    clusters: list[Cluster] = []
    earlier: list[tuple[Mention, Cluster]] = []  # resolved mentions in text order
    for i, mention in enumerate(mentions):
        if mention.plural:
            for cluster in _listed_antecedents(mention, earlier):
                cluster.mentions.append(mention)
            continue
        cluster = named.get(i) or _antecedent(mention, earlier)
        if cluster is None:
            continue
        if cluster not in clusters:
            clusters.append(cluster)
        if mention.title:
            cluster.titles.add(mention.title)
        cluster.mentions.append(mention)
        earlier.append((mention, cluster))
    return clusters
