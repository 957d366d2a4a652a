"""Nicknames and name variants: the UK list (resources/uk-name-variants.json) merged with
the curated English nickname dataset of the ``nicknames`` package (Apache-2.0, about 2,700
name-nickname pairs, maintained by its authors).

Each group is one name and its variants (William: Bill, Billy, Will, Liam ...). A name may
belong to several groups (Alex: Alexander and Alexandra; Jo: Joanne, Joseph, Josephine),
so two forenames are variants of each other when they share a group.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from importlib import metadata

from .. import paths
from .normalise import fold_word

VARIANTS_FILE = "uk-name-variants.json"


def dataset_groups() -> list[list[str]]:
    """The ``nicknames`` package's groups: each canonical name with its nicknames."""
    from nicknames import NickNamer
    lookup = NickNamer().nickname_lookup
    return [[name, *sorted(nicks)] for name, nicks in sorted(lookup.items())]


def dataset_version() -> str:
    """The installed version of the nickname dataset (part of the blocking-key scheme);
    in a packaged build without the package's metadata, a digest of its groups."""
    try:
        return metadata.version("nicknames")
    except metadata.PackageNotFoundError:
        import hashlib
        return "data-" + hashlib.sha256(json.dumps(dataset_groups()).encode()).hexdigest()[:12]


@lru_cache(maxsize=4)
def table(path: Path | None = None) -> dict[str, frozenset[str]]:
    """Folded name -> the groups (named by their first entry) it belongs to."""
    path = path or paths.resource(VARIANTS_FILE)
    data = json.loads(Path(path).read_text("utf-8"))
    found: dict[str, set[str]] = {}
    for group in data["groups"] + dataset_groups():
        names = [fold_word(n) for n in group]
        for name in names:
            if name:
                found.setdefault(name, set()).add(names[0])
    return {name: frozenset(ids) for name, ids in found.items()}


def groups(name: str) -> frozenset[str]:
    """The groups a folded forename belongs to (empty if it is in none)."""
    return table().get(name, frozenset())


def are_variants(a: str, b: str) -> bool:
    """True when two different folded forenames are forms of one name."""
    return a != b and not groups(a).isdisjoint(groups(b))


def pair_count() -> int:
    """How many (variant, name) pairs the UK list and the dataset hold together: each
    entry with its group's name."""
    data = json.loads(paths.resource(VARIANTS_FILE).read_text("utf-8"))
    return sum(len(set(map(fold_word, g))) - 1 for g in data["groups"] + dataset_groups())
