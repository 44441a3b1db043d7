"""Explorers of the rank: consensus maps and cross-validation (chapter 12), metagenes (chapter 20).

Both take results computed beforehand (one :class:`nmf_ref.rank.Consensus` per
rank) and draw one frame per rank. See :mod:`nmf_ref.book.widgets`
for the pattern every explorer follows.
"""

from ..plots import rank as rank_plots
from .explorer import Control, explorer


def _by_rank(consensus_results):
    results = {int(res.rank): res for res in consensus_results}
    if not results:
        raise ValueError("consensus_results is empty; pass one Consensus per rank.")
    return results


def _rank_control(results, rank, label):
    """The ranks of the results given, starting at ``rank`` (or the lowest)."""
    ranks = sorted(results)
    return Control(ranks, label, rank if rank in results else ranks[0])


def rank_explorer(consensus_results, cv=None, classes=None, rank=None):
    """Rank slider → the reordered consensus map at that rank, beside the CV curve.

    Book: chapter 12. ``consensus_results``: one :class:`nmf_ref.rank.Consensus`
    per rank (the slider offers exactly those ranks); ``cv``: a
    :class:`nmf_ref.rank.CVResult` drawn with the chosen rank marked; ``classes``:
    known labels of the samples, drawn as a strip above the map.
    """
    results = _by_rank(consensus_results)

    def draw(rank):
        return rank_plots.plot_rank_explorer(results[rank], cv, classes)

    return explorer(draw, rank=_rank_control(results, rank, "rank k"),
                    note="Another rank: <code>nmf_ref.rank.consensus(X, k, ...)</code>, drawn "
                         "by <code>nmf_ref.book.plots.rank.plot_rank_explorer</code>.")


def metagene_explorer(consensus_results, classes, rank=None):
    """Rank slider → the metagene weights of every sample (best run at that rank) and the
    table of its clusters against the known classes.

    Book: chapter 20. The clusters are those of the consensus (``result.labels``);
    the heatmap is W of the run with the lowest loss (``result.best``). The
    title reports the adjusted Rand index of the clusters against ``classes``.
    """
    from sklearn.metrics import adjusted_rand_score

    results = _by_rank(consensus_results)

    def draw(rank):
        res = results[rank]
        ari = adjusted_rand_score(classes, res.labels)
        return rank_plots.plot_metagenes(
            res.best.W, classes, res.labels,
            title=f"k = {rank}: consensus clusters vs known classes, adjusted Rand {ari:.2f}")

    return explorer(draw, rank=_rank_control(results, rank, "number of metagenes k"),
                    note="Another k: <code>nmf_ref.rank.consensus(X, k, ...)</code>, drawn by "
                         "<code>nmf_ref.book.plots.rank.plot_metagenes</code>.")
