"""Extrapolation with restarts (Ang & Gillis 2019), for every Frobenius solver of the Gram loop.

Book: chapter 9. ``nmf(..., extrapolate=True)`` runs it; :func:`nmf_ref.solve._gram_loop`
calls the two methods of :class:`Extrapolation` once per iteration.

**The idea.** Alternating updates zig-zag: W moves, then H, and each half-step
mostly continues in the direction of the last one. Instead of starting the
next half-step from the new iterate, start it from a point further along
that direction,

.. math::

    \\hat W_k = \\big[W_k + \\beta_k (W_k - W_{k-1})\\big]_+ , \\qquad
    \\hat H_k = H_k + \\beta_k (H_k - H_{k-1}) ,

the momentum of accelerated gradient methods, applied to two blocks of
exact (or near-exact) updates. In nmf_ref's order (W first): the W-step
starts from :math:`(\\hat W_{k-1}, \\hat H_{k-1})`, its result is extrapolated
and projected (it is the fixed factor of the H-step, and half of the pair whose
error is measured), the H-step fits :math:`H_k` to :math:`\\hat W_k`, and
:math:`H_k` is extrapolated without projection (it is only where the next
W-step starts from; Ang & Gillis's ``extrapolprojH = 3``).

**The restart rule** (HER, *heuristic extrapolation with restarts*). After each
iteration the error :math:`e_k` of the feasible pair :math:`(\\hat W_k, H_k)`
is compared with the previous one. It costs nothing: the H-step has made
:math:`\\hat W_k^T X` and :math:`\\hat W_k^T \\hat W_k` already.

* :math:`e_k \\le e_{k-1}`: keep going, a little bolder:
  :math:`\\beta_{k+1} = \\min(\\bar\\beta_k, \\gamma\\beta_k)`,
  :math:`\\bar\\beta_{k+1} = \\min(1, \\bar\\gamma\\bar\\beta_k)`;
* :math:`e_k > e_{k-1}`: the extrapolation overshot. Restart from the last
  accepted non-extrapolated iterates :math:`(W, H)`, shrink
  :math:`\\beta_{k+1} = \\beta_k/\\eta`, and cap future growth at the previous
  value, :math:`\\bar\\beta_{k+1} = \\beta_{k-1}`.

Defaults (theirs): :math:`\\beta_0 = 0.5`, η = 1.5, γ = 1.01 and
:math:`\\bar\\gamma = 1.005`; for ANLS, whose steps are exact, γ = 1.1 and
:math:`\\bar\\gamma = 1.05`. The run keeps the best pair it has measured, and
that is what it reports: ``loss[k]`` is the lowest error of the first k
iterations (so it never goes up), and ``W, H`` the pair that has it.

**What changes for the user.** The iterates are no longer those of the plain
solver, so ``solver="hals", extrapolate=True`` does not reproduce
scikit-learn's ``cd``. The stopping test sees the violation each step reports
at the point it started from, an extrapolated one, while the run returns the best
pair it measured, which may be another. So when that test says stop, the loop
measures the KKT violation of the returned pair itself (:func:`pair_violation`,
two more products) and stops only if that one passes too. The penalties enter the
measured error (the objective is compared, not the fit alone). With a mask the
filled-in data are refreshed at each extrapolated point (one more m×n product: the
data object fills in at the pair it is asked about, :class:`nmf_ref.data.Masked`).

**Two safeguards of nmf_ref's.** (1) WH does not change when column k of W is
multiplied by c and row k of H divided by it, and extrapolating both factors can
ride that direction: with MU the norms of W and H drift apart geometrically until
they overflow. So after an iteration that leaves some column of W and its row
of H more than :data:`BALANCE_RATIO` apart in norm, unless a penalty makes the
scale matter, both the next start and the last accepted pair are rescaled to
columns of W and rows of H of equal norms (Ang & Gillis's code balances them at
its restarts); WH and the error do not change. (2) The projection of
:math:`\\hat W` could zero a whole column that the update kept alive, and an
exact solver (ANLS) could never revive it; that column is not extrapolated.

**MU** cannot move an entry away from 0, and a negative entry breaks its ratio, so
for MU both extrapolated factors are kept above a fraction :data:`MU_FLOOR` of
the un-extrapolated iterate instead of above 0 (a choice of nmf_ref; Ang &
Gillis's code leaves MU without extrapolation).

**No convergence guarantee.** The restart rule is a heuristic: it keeps the
reported error from going up, but nothing proves that the iterates reach a
stationary point. Inertial schemes with a proof exist, at the price of a
smaller or safeguarded step: iPALM (Pock & Sabach 2016) and the inertial block
proximal methods of Hien, Gillis & Patrinos (2020).
"""

import numpy as np

from .rules._gram import penalized
from .stopping import kkt_violation

DEFAULTS = {"beta0": 0.5, "eta": 1.5, "gamma": 1.01, "gamma_bar": 1.005}
# a rule's own defaults (ANLS's higher γ and γ̄) are in its record: Rule.extrapolation
MU_FLOOR = 0.1  # MU's extrapolated entries stay above this fraction of the plain iterate
BALANCE_RATIO = 100.0  # rebalance once a column of W and its row of H differ in norm by more


def parameters(extrapolate, rule, *, update_H=True, gram=True):
    """Validate ``nmf``'s ``extrapolate`` argument: None (off), or the parameters.

    Parameters
    ----------
    extrapolate : bool or dict
        A dict overrides some of ``beta0``, ``eta``, ``gamma``, ``gamma_bar``.
    rule : nmf_ref.rules.Rule
        The rule's record: its own defaults (``rule.extrapolation``) come
        between :data:`DEFAULTS` and the caller's.
    update_H : bool
        Extrapolation needs both factors to move.
    gram : bool
        False where the loop is not the Gram loop (β-divergence or masked MU,
        Dask row blocks), which do not extrapolate.

    Returns
    -------
    dict or None
        The keyword arguments of :class:`Extrapolation`, or None when off.
    """
    if extrapolate is None or extrapolate is False:
        return None
    if extrapolate is not True and not isinstance(extrapolate, dict):
        raise TypeError(f"extrapolate must be True, False or a dict of parameters "
                        f"({', '.join(DEFAULTS)}), got {extrapolate!r}.")
    given = {} if extrapolate is True else dict(extrapolate)
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"extrapolate: unknown parameter(s) {sorted(unknown)}; the "
                         f"parameters are {', '.join(DEFAULTS)}.")
    if not update_H:
        raise ValueError("extrapolate=True needs update_H=True: it extrapolates both "
                         "factors. With H fixed, run without it.")
    if not gram:
        raise ValueError("extrapolate=True works with the Frobenius loss on in-memory X "
                         "(dense or sparse, mask allowed except with solver='mu'); use "
                         "extrapolate=False here.")
    p = {**DEFAULTS, **rule.extrapolation, **given}
    if not 0 <= p["beta0"] <= 1:
        raise ValueError(f"extrapolate: beta0 must lie in [0, 1], got {p['beta0']!r}.")
    if not p["eta"] >= p["gamma"] >= p["gamma_bar"] >= 1:
        raise ValueError("extrapolate: need eta >= gamma >= gamma_bar >= 1 (β must "
                         f"shrink on a failure faster than it grows), got {p}.")
    return p


class Extrapolation:
    """The state of HER between iterations: β, its cap, the last accepted and the best pair.

    The loop calls :meth:`first` on the new W (it returns the extrapolated
    :math:`\\hat W`, which the H-step then fits against) and :meth:`after` at
    the end of the iteration; :attr:`best` and :attr:`best_objective` are
    what the run reports, and :meth:`trace` what happened at each iteration
    (``NMFResult.trace``). Masked data are filled in at whatever pair the loop
    asks about (:class:`nmf_ref.data.Masked`), so a jump needs no call of its own.

    Parameters
    ----------
    W, H : ndarrays
        The start.
    objective : float
        Its objective.
    rule : nmf_ref.rules.Rule or None
        The rule's record; ``rule.keeps_zeros`` (MU) keeps the extrapolated
        points above :data:`MU_FLOOR` times the plain iterate.
    beta0, eta, gamma, gamma_bar : float
        From :func:`parameters`.
    balance : bool
        Rebalance the columns of W and rows of H (off when a penalty makes the
        scale matter).
    """

    def __init__(self, W, H, objective, rule, beta0, eta, gamma, gamma_bar, balance=True):
        self.beta, self.beta_before, self.beta_bar = beta0, beta0, 1.0
        self.eta, self.gamma, self.gamma_bar = eta, gamma, gamma_bar
        self.W_prev, self.H_prev, self.W_new = W, H, W  # last accepted, not extrapolated
        self.previous = self.best_objective = objective
        self.best = (W, H)
        self.floor = MU_FLOOR if rule is not None and rule.keeps_zeros else None
        self.balance = balance
        self.restarts = 0
        self._zero = self._ones = None  # zeros and ones in the projected factor's layout (_push)
        self.record = {key: [] for key in ("trial", "best", "beta", "beta_bar", "restart")}

    def first(self, W_new):
        """:math:`\\hat W = [W_{new} + \\beta (W_{new} - W_{prev})]_+`: W extrapolated.

        Parameters
        ----------
        W_new : ndarray of shape (m, r)
            The W the rule's step just returned.

        Returns
        -------
        ndarray of shape (m, r)
            The extrapolated W from which H's step starts.
        """
        self.W_new = W_new
        return self._push(W_new, self.W_prev, project=True)

    def after(self, W_hat, H_new, objective, WtW=None):
        """Judge the iteration by the objective of ``(W_hat, H_new)``.

        Parameters
        ----------
        W_hat : ndarray of shape (m, r)
            The extrapolated W that H's step started from.
        H_new : ndarray of shape (r, n)
            The H that step returned.
        objective : float
            The objective (loss plus penalties) at ``(W_hat, H_new)``.
        WtW : ndarray of shape (r, r), optional
            :math:`\\hat W^T \\hat W`, which the loop has made: its diagonal gives the
            balance check the column norms of W without another pass over W.

        Returns
        -------
        W_next, H_next : ndarrays of shape (m, r) and (r, n)
            The pair the next iteration starts from: extrapolated after a decrease,
            the last accepted pair after an increase (a restart, with a smaller β).
        """
        if objective <= self.best_objective:
            self.best, self.best_objective = (W_hat, H_new), objective
        restart = not objective <= self.previous  # overshot (or overflowed)
        self._note(trial=objective, best=self.best_objective, beta=self.beta,
                   beta_bar=self.beta_bar, restart=restart)
        if restart:  # start again from the last accepted pair, more cautiously
            W_next, H_next, WtW = self.W_prev, self.H_prev, None
            self.beta_bar = self.beta_before
            self.beta_before, self.beta = self.beta, self.beta / self.eta
            self.restarts += 1
        else:
            W_next = W_hat
            H_next = self._push(H_new, self.H_prev, project=False)
            self.W_prev, self.H_prev = self.W_new, H_new
            self.beta_before, self.beta = self.beta, min(self.beta_bar, self.gamma * self.beta)
            self.beta_bar = min(1.0, self.gamma_bar * self.beta_bar)
        self.previous = objective
        if self.balance:
            W_next, H_next = self._balance(W_next, H_next,
                                           None if WtW is None else WtW.diagonal())
        return W_next, H_next

    def _note(self, **values):
        """Append one iteration's values to ``record`` (what chapter 9 plots)."""
        for key, value in values.items():
            self.record[key].append(value)

    def trace(self):
        """The run's record, one entry per iteration, as arrays.

        Returns
        -------
        dict of ndarray
            ``trial`` (the objective measured at the extrapolated pair), ``best`` (the
            lowest so far: what the run reports), ``beta`` and ``beta_bar`` (used in that
            iteration), ``restart`` (True where the objective went up and the run
            restarted).
        """
        return {key: np.array(values) for key, values in self.record.items()}

    def _balance(self, W, H, w2=None):
        """Rescale column k of W and row k of H to the same norm (WH does not change),
        and the last accepted pair with them, so that differences stay comparable.

        Only when some pair is more than :data:`BALANCE_RATIO` apart: the rescaling
        changes neither WH nor the error (and HALS, ANLS and MU steps from a
        rescaled pair are the rescaled steps), so it is needed only against the
        drift, and doing it every iteration would cost four passes over the
        factors for nothing. ``w2``, W's squared column norms if the loop has them
        (the diagonal of WᵀW), makes the check free of passes over W; a rescaling
        then measures W itself, so that it does not depend on the Gram's rounding."""
        h2 = np.einsum("ij,ij->i", H, H)
        d = _scales(np.einsum("ij,ij->j", W, W) if w2 is None else w2, h2)
        if d is not None and w2 is not None:
            d = _scales(np.einsum("ij,ij->j", W, W), h2)
        if d is None:
            return W, H
        self.W_prev, self.H_prev = self.W_prev * d, self.H_prev / d[:, None]
        return W * d, H / d[:, None]

    def _push(self, new, old, project):
        moved = np.subtract(new, old)
        moved *= self.beta
        moved += new  # new + β(new − old), in one new array
        if self.floor is not None:
            return np.maximum(moved, self.floor * new, out=moved)
        if not project:
            return moved
        layout = (moved.shape, moved.strides)
        if self._zero is None or (self._zero.shape, self._zero.strides) != layout:
            # zeros in moved's layout: NumPy's maximum against the scalar 0.0 takes a
            # loop 2.8x slower, and against another layout a strided one (7x slower)
            self._zero = np.zeros_like(moved)
            self._ones = np.ones(moved.shape[0], dtype=moved.dtype)
        np.maximum(moved, self._zero, out=moved)
        alive = self._ones @ moved  # column sums (BLAS; 1.5x faster than any(axis=0)),
        if not alive.all():  # 0 only for a column of zeros: moved is ≥ 0 here
            killed = (alive == 0) & new.any(axis=0)  # a column the step kept alive: an exact
            moved[:, killed] = new[:, killed]  # solver (ANLS) could never revive it
        return moved


def _scales(w2, h2):
    """The scales d that give column k of W and row k of H equal norms (W d, H / d),
    from their squared norms; None when no pair is more than BALANCE_RATIO apart."""
    apart = BALANCE_RATIO**2
    if all(w / apart <= h <= w * apart for w, h in zip(w2.tolist(), h2.tolist())):
        return None  # the usual case, in Python floats: r NumPy calls cost more
    alive = (w2 > 0) & (h2 > 0)
    ratio = h2[alive] / w2[alive]
    if not len(ratio) or BALANCE_RATIO**-2 <= ratio.min() <= ratio.max() <= BALANCE_RATIO**2:
        return None
    d = np.ones_like(w2)
    d[alive] = np.sqrt(np.sqrt(ratio))
    return d


def pair_violation(data, W, H, regs):
    """The KKT violation of the pair ``(W, H)`` itself, both factors at once.

    The loop's stopping test compares the violations the steps report at the
    points they start from; with extrapolation those are extrapolated points,
    not the pair the run returns. This measures the returned pair: the L1
    norms of the projected gradients (:func:`nmf_ref.stopping.kkt_violation`)
    of W and of H at ``(W, H)``, penalties included.

    Parameters
    ----------
    data : Dense, Masked or Sparse
        X as the Gram loop sees it (:mod:`nmf_ref.data`); a masked X is filled in at
        ``(W, H)``, so the products give the gradient of the masked loss there.
    W, H : ndarrays of shape (m, r) and (r, n)
        The pair to measure.
    regs : tuple of float
        The penalties ``(l1_W, l1_H, l2_W, l2_H)``.

    Returns
    -------
    float
        The violation of W plus that of H.
    """
    l1_W, l1_H, l2_W, l2_H = regs
    HHt, XHt = penalized(H @ H.T, data.X_Ht(W, H), l1_W, l2_W)
    WtW, HXt = penalized(W.T @ W, data.Wt_X(W, H).T, l1_H, l2_H)
    return kkt_violation(W, W @ HHt - XHt) + kkt_violation(H.T, H.T @ WtW - HXt)
