"""Checkers of chapter 13 (Losses: the β-divergences): check_beta_divergence,
check_cost_ratio, check_doc_topics."""

import numpy as np

from ._common import _as_array, _call, _correct, _require


def _d_beta(x, y, beta):
    """d_β(x | y) entrywise, with its limits at β = 1 (KL) and β = 0 (IS)."""
    if beta == 1:
        return x * np.log(x / y) - x + y
    if beta == 0:
        return x / y - np.log(x / y) - 1
    return (x**beta + (beta - 1) * y**beta - beta * x * y ** (beta - 1)) / (beta * (beta - 1))


def check_beta_divergence(func):
    """``func(x, y, beta)``: the β-divergence d_β(x | y) entry by entry (arrays in,
    an array of the same shape out), for any real β including 0 and 1."""
    rng = np.random.RandomState(13)
    x = rng.uniform(0.2, 3.0, size=(4, 5))
    y = rng.uniform(0.2, 3.0, size=(4, 5))
    for beta in (2, 1, 0, 0.5, 1.5, 3, -1):
        with np.errstate(all="ignore"):
            got = _call(func, x.copy(), y.copy(), beta)
        got = _as_array(got, "d_β(x | y)")
        want = _d_beta(x, y, beta)
        if got.shape != x.shape:
            if np.ndim(got) == 0 and np.isclose(float(got), want.sum()):
                _require(False, "Return the divergence entry by entry (an array shaped "
                                "like x), not its sum.")
            _require(False, f"Return an array shaped like x {x.shape}, got {got.shape}.")
        if not np.isfinite(got).all():
            _require(False, f"At β = {beta:g} you returned NaN or inf: the general formula "
                            "divides by β(β − 1). Use its limits at β = 1 and β = 0.")
        if np.allclose(got, _d_beta(y, x, beta)) and beta != 2:
            _require(False, f"At β = {beta:g} you computed d_β(y | x): the divergence is "
                            "not symmetric; x is the data, y the model.")
        if beta == 2 and np.allclose(got, (x - y) ** 2):
            _require(False, "At β = 2 the divergence is ½(x − y)², half the square.")
        if beta not in (0, 1) and np.allclose(got, want * beta * (beta - 1)):
            _require(False, f"At β = {beta:g}: divide by β(β − 1).")
        _require(np.allclose(got, want, rtol=1e-9, atol=1e-12),
                 f"Wrong values at β = {beta:g}. Check the formula against the chapter "
                 "(and the limits at β = 1, x log(x/y) − x + y, and β = 0, "
                 "x/y − log(x/y) − 1).")
    return _correct("one formula, two limits: β = 2 Frobenius, β = 1 KL, β = 0 IS.")


def check_cost_ratio(answer):
    """Reasoning: a dict {β: ratio} for β = 2, 1, 0, the cost of fitting x = 100 by 110
    divided by the cost of fitting x = 1 by 1.1 (both 10% too high)."""
    _require(isinstance(answer, dict), "Answer with a dict {2: ..., 1: ..., 0: ...}.")
    _require(set(answer) == {2, 1, 0},
             f"Give one ratio for each β in 2, 1, 0; got keys {sorted(answer)}.")
    got = {b: float(answer[b]) for b in (2, 1, 0)}
    want = {b: 100.0**b for b in (2, 1, 0)}
    if all(np.isclose(got[b], want[b], rtol=1e-6) for b in got):
        return _correct("d_β(λx | λy) = λ^β d_β(x | y): Frobenius weighs the loud entry "
                        "10 000 times more, KL 100 times, IS the same. That is why IS "
                        "suits audio, whose quiet parts matter.")
    if all(np.isclose(got[b], 10.0**b, rtol=1e-6) for b in got):
        _require(False, "Those are λ^(β/2), the ratio of the square roots. The divergence "
                        "itself scales as λ^β.")
    if all(np.isclose(got[b], 1.0, rtol=1e-6) for b in got):
        _require(False, "Equal relative errors do not cost the same under every loss: "
                        "compute d_β(100 | 110) and d_β(1 | 1.1) for β = 2.")
    if all(np.isclose(got[b], want[2 - b], rtol=1e-6) for b in got):
        _require(False, "You have the numbers in the wrong order: which β is "
                        "scale-invariant?")
    _require(False, "Compute d_β(100 | 110) / d_β(1 | 1.1) for each β, or use how d_β "
                    "scales when both arguments are multiplied by λ = 100.")


def check_doc_topics(func):
    """``func(W, H)``: PLSA's topic mixture of each document, P(z | d), from a KL-NMF
    X ≈ W H of a document × word matrix (m×r, each row sums to 1)."""
    rng = np.random.RandomState(131)
    W = rng.uniform(0.1, 2.0, size=(6, 3)) * np.array([1.0, 10.0, 0.1])
    H = rng.uniform(0.1, 2.0, size=(3, 5)) * np.array([[3.0], [0.02], [10.0]])
    got = _as_array(_call(func, W.copy(), H.copy()), "P(z | d)")
    _require(got.shape == W.shape, f"One row per document, one column per topic: shape "
                                   f"{W.shape}, got {got.shape}.")
    want = W * H.sum(axis=1)
    want /= want.sum(axis=1, keepdims=True)
    if np.allclose(got, want):
        return _correct("P(z | d) ∝ P(d | z) P(z) ∝ W_dk · (row sum of H)_k: the words of "
                        "a topic count, not only its weight in W.")
    if np.allclose(got, W / W.sum(axis=1, keepdims=True)):
        _require(False, "Normalizing W's rows ignores how much mass each topic's row of H "
                        "carries; that works only if every row of H sums to 1. Move H's "
                        "row sums into W first.")
    if np.allclose(got, W / W.sum(axis=0)):
        _require(False, "Those are P(d | z) (columns sum to 1). Bayes' rule turns them "
                        "into P(z | d), one distribution per document (row).")
    _require(np.allclose(got.sum(axis=1), 1), "Each row of P(z | d) must sum to 1.")
    _require(False, "Write W H = Σ_k (W_:k b_k)(H_k: / b_k) with b_k the row sums of H: "
                    "the document's mass on topic k is W_dk b_k.")
