"""Checkers of chapter 7 (HALS): check_hals_column, check_hals_sweep, check_cd_loss,
check_exact_clipping."""

import numpy as np

from ...rules import hals as _hals
from ._common import _as_array, _call, _choice, _chooses, _correct, _number, _problems, _require


def check_hals_column(func):
    """``func(W, HHt, XHt, t)``: the new column t of W after its HALS update (others fixed)."""
    for X, W, H in _problems(71):
        HHt, XHt = H @ H.T, X @ H.T
        for t in range(W.shape[1]):
            got = _as_array(_call(func, W.copy(), HHt, XHt, t), "the column")
            step = (XHt[:, t] - W @ HHt[:, t]) / HHt[t, t]
            want = np.maximum(W[:, t] + step, 0)
            _require(got.shape == (W.shape[0],),
                     f"Return column t, a vector of length {W.shape[0]}, got {got.shape}.")
            if (W[:, t] + step < 0).any() and np.allclose(got, W[:, t] + step):
                _require(False, "Clip at zero: the exact minimizer over w ≥ 0 of a "
                                "1-D quadratic per entry is the clipped one.")
            _require(np.allclose(got, want, rtol=1e-9),
                     "Minimize over column t alone: w_t ← max(0, w_t + ((XHᵀ)_t − "
                     "(W HHᵀ)_t) / (HHᵀ)_tt).")
    return _correct("each column's subproblem is separable by rows and solved in "
                    "closed form, clipping included.")


def check_hals_sweep(func):
    """``func(W, HHt, XHt)``: W after one HALS sweep over columns 0..r−1 (a new array)."""
    for X, W, H in _problems(72):
        HHt, XHt = H @ H.T, X @ H.T
        before = W.copy()
        got = _as_array(_call(func, W, HHt, XHt), "your W")
        _require(np.array_equal(W, before), "Your function changed W in place; copy it first.")
        want = _hals.update_W(W, HHt, XHt)
        jacobi = np.maximum(W + (XHt - W @ HHt) / np.diag(HHt), 0)
        if np.allclose(got, jacobi) and not np.allclose(jacobi, want):
            _require(False, "You updated all columns from the old W at once (Jacobi). "
                            "HALS uses each new column as soon as it is computed.")
        _require(np.allclose(got, want, rtol=1e-9),
                 "Loop t = 0..r−1, updating column t in place from the current W.")
    return _correct("a sweep is r column updates in a row, each seeing the ones before.")


def check_cd_loss(X, W0, H0, n_iter, answer):
    """½‖X − WH‖² of scikit-learn's ``cd`` after ``n_iter`` iterations from (W0, H0)."""
    from ...solve import nmf

    answer = _number(answer, "Your loss")
    want = nmf(X, W0.shape[1], solver="hals", W=W0, H=H0, max_iter=n_iter, tol=0).loss[-1]
    if np.isclose(answer, np.sqrt(2 * want), rtol=1e-6):
        _require(False, "That is ‖X − WH‖ (scikit-learn's reconstruction error); the "
                        "loss here is ½‖X − WH‖².")
    if np.isclose(answer, 2 * want, rtol=1e-6):
        _require(False, "That is ‖X − WH‖², twice the loss: keep the ½.")
    _require(np.isclose(answer, want, rtol=1e-8),
             f"Run non_negative_factorization(X, W0.copy(), H0.copy(), init='custom', "
             f"solver='cd', max_iter={n_iter}, tol=0) and compute ½‖X − WH‖².")
    return _correct(f"{want:.6f}, which is also nmf_ref's HALS loss after {n_iter} "
                    "iterations: the same iterates.")


@_chooses
def check_exact_clipping(answer):
    """Reasoning: why is clipping exact in HALS when it was wrong in ALS (chapter 5)?

    (a) the column subproblem splits into independent one-variable quadratics, one
    per entry, and a one-variable convex quadratic is minimized over w ≥ 0 by
    clipping its unconstrained minimizer; (b) HALS takes smaller steps; (c) HHᵀ is
    diagonal; (d) HALS clips both factors. Right: (a).
    """
    return _choice(answer, "a", {
        "b": "the HALS step is not small: it is the exact minimizer along the column. "
             "Size has nothing to do with it; coupling does.",
        "c": "HHᵀ is a full r×r matrix; HALS only uses its diagonal entry (HHᵀ)_tt as the "
             "curvature of one column, with the others fixed.",
        "d": "ALS clips both factors too. What matters is that, with one column free, "
             "each entry has its own independent problem, so clipping one cannot make "
             "another entry wrong.",
    }, "entry i of column t appears only in its own 1-D quadratic, so there are no "
       "coupled partners to re-optimize after clipping, unlike ALS's r-variable rows.")
