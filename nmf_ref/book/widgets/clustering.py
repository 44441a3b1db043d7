"""Chapter 24's explorer: how strong the communities are, and how many we ask for.

Book: chapter 24. Built by :func:`.explorer.explorer`, so it works on the static page.
"""

import functools

from sklearn.cluster import SpectralClustering
from sklearn.metrics import adjusted_rand_score

from ...symmetric import clusters, symnmf
from .. import datasets
from ..plots import clustering as clustering_plots
from .explorer import Control, explorer

RATIOS = [1.5, 2.0, 3.0, 4.0, 6.0]
RANKS = [2, 4, 6]


def sbm_explorer(ratios=RATIOS, ranks=RANKS, sizes=(50, 50, 50, 50), p_out=0.05,
                 ratio=4.0, rank=4, random_state=0):
    """Within/between probability ratio × rank → the adjacency ordered by symnmf's clusters.

    Controls, in order: ``ratio`` (p_in / p_out of the stochastic block model, p_out
    fixed) and ``rank`` (the number of clusters asked of symnmf and of spectral
    clustering). Each frame's title gives both adjusted Rand indices against the planted
    communities.
    """

    @functools.lru_cache(maxsize=None)
    def graph(ratio):
        data = datasets.load("stochastic_block_model", sizes=sizes, p_in=ratio * p_out,
                             p_out=p_out, random_state=random_state)
        return data.X, data.labels

    def draw(ratio, rank):
        A, truth = graph(ratio)
        ours = clusters(symnmf(A, rank, random_state=random_state))
        spectral = SpectralClustering(rank, affinity="precomputed",
                                      random_state=random_state).fit(A).labels_
        a_ours = adjusted_rand_score(truth, ours)
        a_spectral = adjusted_rand_score(truth, spectral)
        return clustering_plots.plot_ordered_adjacency(
            A, ours, title=f"p_in/p_out = {ratio:g}, rank {rank}: adjusted Rand index\n"
                           f"symnmf {a_ours:.2f}, spectral clustering {a_spectral:.2f}")

    return explorer(
        draw,
        ratio=Control(list(ratios), "p_in / p_out", ratio),
        rank=Control(list(ranks), "rank (clusters)", rank),
        note="Another setting: <code>nmf_ref.symmetric.symnmf(A, rank)</code> on "
             "<code>nmf_ref.book.datasets.load(\"stochastic_block_model\", sizes=..., "
             "p_in=..., p_out=...).X</code>.")
