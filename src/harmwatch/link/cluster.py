"""Connected components over scored pairs, for the small incremental batches.

Large batches are clustered inside the engine with Splink's
``cluster_pairwise_predictions_at_threshold``; a batch of new reports against
a few existing incidents is small enough to cluster here, where the rule that
settled incidents are not merged with each other is easy to apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id becomes the root, so results do not depend on edge order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def connected_components(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each node to its component's id (the smallest node id in it)."""
    uf = _UnionFind(nodes)
    for a, b in edges:
        if a in uf.parent and b in uf.parent:
            uf.union(a, b)
    return {n: uf.find(n) for n in nodes}
