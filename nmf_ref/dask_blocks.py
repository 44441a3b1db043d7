"""The row-block path: NMF of a Dask array, the same rules applied one block of rows at a time.

Book: chapter 16. ``nmf_ref.nmf(X, r)`` with X a ``dask.array`` chunked by rows
lands here; ``import nmf_ref`` does not import Dask, this module does.

The Gram form is what makes NMF distribute. Split X and W into the same row
blocks :math:`X_b, W_b` (one per chunk of X). H is r×n, small, and lives on the
client. One iteration is, per block b, in one task on a worker (a 1-D, client-centred
scheme: Kannan, Ballard & Park's HPC-NMF instead spreads both factors over a 2-D grid
of processors with no central process, and reduces to this only with one column of
processors and the H-step gathered on one):

.. math::

    (XH^T)_b = X_b H^T, \\qquad
    W_b \\leftarrow \\text{step}(W_b,\\; HH^T,\\; X_bH^T), \\qquad
    W_b^TX_b, \\quad W_b^TW_b ,

then, reduced to the client, :math:`W^TX = \\sum_b W_b^TX_b` and
:math:`W^TW = \\sum_b W_b^TW_b`, where the r×n H-step runs. Each block of X is
read once per iteration; only r×n and r×r matrices travel to the client.

The W-step is the rule's own ``step``, applied to each block. That is the
in-memory update exactly when the rule is **row-separable**: row i of the new W
depends only on row i of W and of :math:`XH^T` (and on the shared :math:`HH^T`).
HALS, MU, ALS and ANLS are (HALS sweeps a column at a time, but every entry of
a column is updated from its own row); PGD is not (its step size comes from a
line search over all of W). The KKT violation is a sum over entries, so the
blocks' violations add up to the in-memory one.

The cluster is the caller's: this module uses whatever Dask scheduler is
current (a ``distributed.Client`` if one was created, else threads), so the
same call runs on a laptop's ``LocalCluster`` and on a cluster reached with
``Client("scheduler-address")``. Persist an X that fits in the workers' memory
(``X = X.persist()``); an X larger than that is read from its store at each pass.
"""

import copy
from dataclasses import dataclass

import dask
import dask.array as da
import numpy as np

from ._checks import check_row_chunked
from .dense import Dense
from .objective import penalty_of

EXACT_SVD_COLUMNS = 4096  # up to this many columns, NNDSVD gets an exact (TSQR) SVD


# ------------------------------------------------------------------ X as blocks

def as_blocks(X, name="X"):
    """Check a Dask array for the row-block path and wrap it as :class:`Blocks` (lazily).

    Parameters
    ----------
    X : dask.array.Array of shape (m, n)
        Chunked by rows only, of dense NumPy blocks; a dtype other than float32 or
        float64 is cast to float64.
    name : str, default="X"
        The argument's name, for the messages.

    Returns
    -------
    Blocks
        Nothing is computed yet (the values are checked by ``Blocks.check_values``).

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, is empty, has unknown chunk sizes or is chunked along its columns.
    TypeError
        If its blocks are not NumPy arrays, or it does not hold real numbers.
    """
    return Blocks(check_row_chunked(X, name))


class Blocks(Dense):
    """A Dask array X chunked by rows, as :func:`nmf_ref.nmf` sees it.

    The Dask kind of :mod:`nmf_ref.data`'s objects. It has what the validation and
    the initializations read of X (``shape``, ``dtype``, ``mean()``,
    ``truncated_svd``, a values check), each computed on the cluster, and answers
    the loop's questions (:func:`nmf_ref.solve.nmf`'s one loop) as a :class:`Dense`
    does, but the W half-step only fused (``w_step``: one pass over the blocks makes
    the step, WᵀX and WᵀW), with W held on the workers (:class:`HeldW`).
    One pass over X gives the values check, the mean and ‖X‖² together.

    Parameters
    ----------
    array : dask.array.Array of shape (m, n)
        Float, chunked by rows only (as :func:`as_blocks` leaves it).
    """

    mask, masked = None, False  # every entry observed
    needs = ("row_separable", "does not split by rows (its W-step looks at all of W at once), "
             "so a Dask X cannot use it. Use one of {takers}.")  # read by nmf
    gram = False  # W is held on the workers: the loop does not extrapolate on it

    def __init__(self, array):
        self.array, self.shape, self.dtype = array, array.shape, np.dtype(array.dtype)
        self.ndim, self._stats = 2, None
        self.parts = list(array.to_delayed().ravel())  # one Delayed per row block
        self.rows = np.cumsum((0,) + array.chunks[0])  # block b holds rows[b]:rows[b+1]

    def check_supported(self, beta):
        """Refuse β ≠ 2 with a ValueError (the row-block path fits the Frobenius loss);
        else returns None. What it needs of a rule is :attr:`needs` (read by ``nmf``).

        Parameters
        ----------
        beta : float
            The β of the loss; only 2 is accepted.
        """
        if beta != 2:
            raise ValueError("A Dask X is fitted with the Frobenius loss only (the row-block "
                             "path), got a β-divergence. Use beta_loss='frobenius', or fit "
                             "X.compute() in memory.")

    def has_zero(self):
        """True if some entry is zero (X is non-negative, so: its minimum is)."""
        return self._pass()[2] == 0

    def _pass(self):
        """(has NaN, has inf, min, sum, ‖X‖²), from one pass over the blocks."""
        if self._stats is None:
            parts = dask.compute(*[dask.delayed(_block_stats)(x) for x in self.parts])
            self._stats = (any(p[0] for p in parts), any(p[1] for p in parts),
                           min(p[2] for p in parts), sum(p[3] for p in parts),
                           sum(p[4] for p in parts))
        return self._stats

    def check_values(self, name="X"):
        """NaN, inf and negative values are errors (one pass over the blocks); returns None.

        Parameters
        ----------
        name : str, default="X"
            The argument's name, for the messages.
        """
        nan, inf, low, _, _ = self._pass()
        if nan:
            raise ValueError(f"{name} contains NaN; NMF needs finite values (a mask is not "
                             "supported with a Dask X: fill or drop those entries).")
        if inf:
            raise ValueError(f"{name} contains inf; NMF needs finite values.")
        if low < 0:
            raise ValueError(f"Negative values in data passed as {name} (min {low:.3g}); NMF "
                             "needs a non-negative matrix: shift or clip the data first.")

    def mean(self):
        """The mean of X's entries, computed on the cluster (in the same pass as the values check).

        Returns
        -------
        numpy scalar of X's dtype
            The mean.
        """
        return self.dtype.type(self._pass()[3] / (self.shape[0] * self.shape[1]))

    @property
    def norm2(self):
        """float: ‖X‖²_F, computed on the cluster (in the same pass as the values check)."""
        return float(self._pass()[4])

    def truncated_svd(self, rank):
        """The leading ``rank`` singular triplets, computed on the cluster.

        Exact (TSQR, ``dask.array.linalg.svd``) when X has at most
        :data:`EXACT_SVD_COLUMNS` columns; beyond that a randomized SVD (4 power
        iterations, a fixed seed), as scikit-learn uses, so NNDSVD then differs
        slightly from the in-memory one.

        Parameters
        ----------
        rank : int
            The number of triplets r.

        Returns
        -------
        tuple of ndarray
            ``(U, S, Vt)`` of shapes (m, r), (r,) and (r, n), as NumPy arrays.
        """
        if self.shape[1] <= EXACT_SVD_COLUMNS:
            U, S, Vt = da.linalg.svd(self.array)
        else:
            U, S, Vt = da.linalg.svd_compressed(self.array, rank, n_power_iter=4, seed=0)
        return dask.compute(U[:, :rank], S[:rank], Vt[:rank])

    def split(self, W):
        """W (m×r, NumPy) as one persisted Delayed per row block of X (sent a block at a
        time, so that no single graph carries all of W).

        Parameters
        ----------
        W : ndarray of shape (m, r)
            The factor to split along X's row blocks.

        Returns
        -------
        list of dask.delayed.Delayed
            One per row block, each holding that block's rows of W.
        """
        return [dask.persist(dask.delayed(W[a:b]))[0] for a, b in zip(self.rows, self.rows[1:])]

    def gather(self, parts, rank):
        """The blocks of W as one Dask array (nothing computed).

        Parameters
        ----------
        parts : list of dask.delayed.Delayed
            One block of W per row block of X, as :meth:`split` makes them.
        rank : int
            The number of columns r of W.

        Returns
        -------
        dask.array.Array of shape (m, r)
            The blocks concatenated, in X's dtype.
        """
        return da.concatenate([da.from_delayed(p, (b - a, rank), self.dtype)
                               for p, a, b in zip(parts, self.rows, self.rows[1:])])

    # the loop's questions (their parameters and returns: nmf_ref.dense.Dense's)

    def hold(self, W):
        """W split into X's row blocks on the workers (:meth:`split`), with its rank and
        the sums its penalty needs: a :class:`HeldW`."""
        return HeldW(self.split(W), W.shape[1], W.sum(), np.vdot(W, W))

    def release(self, W):
        """The held W as a Dask array whose blocks stay on the workers (:meth:`gather`)."""
        return self.gather(W.parts, W.rank)

    def w_step(self, W, H, HHt, step, l1, l2, options, with_WtX=True, move=None):
        """One pass over X's blocks (:func:`w_step`); WᵀX comes with it anyway, and
        ``move`` must be None (the row blocks do not extrapolate)."""
        parts, (WtX, WtW, violation, w_sum, w_sq, _) = w_step(self, W.parts, H, HHt, step,
                                                              l1, l2, options)
        return HeldW(parts, W.rank, w_sum, w_sq), violation, WtW, WtX, float(np.vdot(WtX, H))

    def penalty(self, W, H, regs):
        """From the sums the blocks added up (:func:`nmf_ref.objective.penalty_of`)."""
        return penalty_of(W.sum, W.sq, H, regs)

    # loss: Dense's, from the products, else exact_loss

    def exact_loss(self, W, H):
        """½‖X − WH‖², one pass (:meth:`residual`)."""
        return self.residual(W.parts, H)

    def residual(self, W_parts, H):
        """½‖X − WH‖², one pass (each task returns one number).

        Parameters
        ----------
        W_parts : list of dask.delayed.Delayed
            W's row blocks, aligned with X's (:meth:`split`).
        H : ndarray of shape (r, n)
            The right factor.

        Returns
        -------
        float
            ½‖X − WH‖²_F.
        """
        H = dask.delayed(H)
        return 0.5 * sum(dask.compute(*[dask.delayed(_block_residual)(x, w, H)
                                        for x, w in zip(self.parts, W_parts)]))


@dataclass
class HeldW:
    """W as the loop holds it on the row-block path: its blocks stay on the workers.

    Attributes
    ----------
    parts : list of dask.delayed.Delayed
        One block of W per row block of X (:meth:`Blocks.split`).
    rank : int
    sum, sq : float
        :math:`\\sum_{ij} W_{ij}` and :math:`\\|W\\|_F^2`, for the penalty.
    """

    parts: list
    rank: int
    sum: float
    sq: float


# ------------------------------------------------------------------ tasks (run on workers)

def _block_stats(X_b):
    X_b = np.asarray(X_b)
    return (bool(np.isnan(X_b).any()), bool(np.isinf(X_b).any()), float(np.nanmin(X_b)),
            float(X_b.sum()), float(np.vdot(X_b, X_b)))


def _block_residual(X_b, W_b, H):
    R = np.asarray(X_b) - W_b @ H
    return float(np.vdot(R, R))


def _w_block(X_b, W_b, H, HHt, step, l1, l2, options):
    """One block's share of an iteration: the rule's W-step on the block, then the
    block's terms of WᵀX and WᵀW (and of the penalty, the violation and the state
    of the shuffling generator). X_b is read once."""
    X_b = np.asarray(X_b)
    W_b, violation = step(W_b, HHt, (H @ X_b.T).T, l1, l2, **options)
    rng = options.get("rng")
    terms = (W_b.T @ X_b, W_b.T @ W_b, violation, float(W_b.sum()),
             float(np.vdot(W_b, W_b)), None if rng is None else rng.get_state())
    return W_b, terms


def _add(a, b):
    """Two blocks' terms summed (the generator state is the first block's)."""
    violation = None if a[2] is None else a[2] + b[2]
    return (a[0] + b[0], a[1] + b[1], violation, a[3] + b[3], a[4] + b[4], a[5])


def _tree_sum(parts):
    """Pairwise sums, level by level: the reduction runs on the workers."""
    while len(parts) > 1:
        parts = [dask.delayed(_add)(*parts[i:i + 2]) if i + 1 < len(parts) else parts[i]
                 for i in range(0, len(parts), 2)]
    return parts[0]


# ------------------------------------------------------------------ the W half-step

def w_step(X, W_parts, H, HHt, step, l1, l2, options):
    """The distributed W half-step: new W blocks (persisted on the workers) and, on
    the client, ``(WᵀX, WᵀW, violation, ΣW, ‖W‖², generator state)``.

    Parameters
    ----------
    X : Blocks
    W_parts : list of Delayed
        W's row blocks, one per block of X.
    H, HHt : ndarrays of shape (r, n) and (r, r)
    step : callable
        The rule's ``step``.
    l1, l2 : float
    options : dict
        The keyword options of ``step``.

    Returns
    -------
    (W_parts, terms)
    """
    H, HHt = dask.delayed(H), dask.delayed(HHt)  # one copy each in the graph
    rng = options.get("rng")
    outs = []
    for x, w in zip(X.parts, W_parts):
        own = dict(options, rng=copy.deepcopy(rng)) if rng is not None else options
        outs.append(dask.delayed(_w_block, nout=2, pure=False)(x, w, H, HHt, step, l1, l2, own))
    *W_parts, total = dask.persist(*[o[0] for o in outs], _tree_sum([o[1] for o in outs]),
                                   optimize_graph=False)
    terms = total.compute()
    if rng is not None:  # every block drew the same order; advance the client's generator
        rng.set_state(terms[5])
    return W_parts, terms
