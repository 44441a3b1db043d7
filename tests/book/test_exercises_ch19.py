"""Chapter 19's checkers (nmf_ref.book.exercises.ch19): one table of right and wrong
answers, each wrong one named for its mistake and the hint it must get."""

import numpy as np

import nmf_ref
from nmf_ref.book import audio
from nmf_ref.book.exercises import ch19
from checking import checker_table, verdict


# --- soft masks, M_s = V_s^p / Σ_t V_t^p

def right_masks(models, p):
    models = np.asarray(models, dtype=float) ** p
    total = models.sum(axis=0)
    return np.where(total == 0, 1 / len(models), models / np.where(total == 0, 1, total))


def right_masks_by_the_library(models, p):  # the page's function, used with thought
    return audio.wiener_masks(np.asarray(models) ** p)


def wrong_the_library_as_is(models):  # the page's function, copied: it has no p
    return audio.wiener_masks(models)


def wrong_ignores_p(models, p):
    return right_masks(models, 1.0)


def wrong_always_squared(models, p):  # the power-domain mask whatever p says
    return right_masks(models, 2.0)


def wrong_power_of_the_total(models, p):  # V_s^p / (Σ V_t)^p
    total = models.sum(axis=0)
    return np.where(total == 0, 1 / len(models), models**p / np.where(total == 0, 1, total) ** p)


def wrong_binary(models, p):
    M = np.zeros_like(models)
    np.put_along_axis(M, models.argmax(axis=0)[None], 1.0, axis=0)
    return M


def wrong_nan_on_silence(models, p):
    with np.errstate(invalid="ignore"):
        return models**p / (models**p).sum(axis=0)


def wrong_zero_on_silence(models, p):
    total = (models**p).sum(axis=0)
    return np.where(total == 0, 0.0, models**p / np.where(total == 0, 1, total))


def wrong_unnormalized(models, p):
    return models**p


def wrong_one_source(models, p):
    return right_masks(models, p)[0]


# --- activations for fixed templates, and the divergence of each frame

def per_frame_of(V, W, H, beta):
    return np.array([nmf_ref.beta_divergence(V[:, [t]], W, H[:, [t]], beta)
                     for t in range(V.shape[1])])


def with_frames(fit_H):
    """An answer that returns ``fit_H``'s activations with their right per-frame divergences."""
    def answer(V, W, beta):
        H = fit_H(V, W, beta)
        H_arr = np.asarray(H)
        if H_arr.shape == (W.shape[1], V.shape[1]):
            return H, per_frame_of(V, W, H_arr, beta)
        return H, np.zeros(V.shape[1])
    answer.__name__ = fit_H.__name__
    return answer


def fit_right(V, W, beta):
    return nmf_ref.nmf(V.T, W.shape[1], solver="mu", beta_loss=beta, H=W.T,
                       update_H=False, max_iter=100, tol=0).W.T


def fit_longer(V, W, beta):
    return nmf_ref.nmf(V.T, W.shape[1], solver="mu", beta_loss=beta, H=W.T,
                       update_H=False, max_iter=300, tol=0).W.T


def fit_without_transpose(V, W, beta):
    return nmf_ref.nmf(V, W.shape[1], solver="mu", beta_loss=beta, H=W, update_H=False,
                       max_iter=100, tol=0).W


def fit_returned_transposed(V, W, beta):
    return nmf_ref.nmf(V.T, W.shape[1], solver="mu", beta_loss=beta, H=W.T,
                       update_H=False, max_iter=100, tol=0).W


def fit_frobenius(V, W, beta):
    return nmf_ref.nmf(V.T, W.shape[1], solver="mu", H=W.T, update_H=False, max_iter=100,
                       tol=0).W.T


def fit_templates_moved(V, W, beta):
    start = np.full((V.shape[1], W.shape[1]), np.sqrt(V.mean() / W.shape[1]))
    return nmf_ref.nmf(V.T, W.shape[1], solver="mu", beta_loss=beta, W=start, H=W.T,
                       max_iter=100, tol=0).W.T


def fit_stopped_early(V, W, beta):  # default max_iter and tol: the test stops it
    return nmf_ref.nmf(V.T, W.shape[1], solver="mu", beta_loss=beta, H=W.T,
                       update_H=False).W.T


def fit_negative(V, W, beta):
    return -fit_right(V, W, beta)


right_activations = with_frames(fit_right)
right_activations_longer = with_frames(fit_longer)
right_activations_by_the_library = with_frames(audio.fit_activations)


def wrong_the_library_as_is(V, W, beta):  # the page's fit_activations: H alone
    return audio.fit_activations(V, W, beta)


def wrong_total_not_per_frame(V, W, beta):
    H = fit_right(V, W, beta)
    return H, nmf_ref.beta_divergence(V, W, H, beta)


def wrong_per_bin(V, W, beta):
    H = fit_right(V, W, beta)
    return H, np.array([nmf_ref.beta_divergence(V[[f]], W[[f]], H, beta)
                        for f in range(V.shape[0])])


def wrong_frobenius_per_frame(V, W, beta):
    H = fit_right(V, W, beta)
    return H, per_frame_of(V, W, H, 2.0)


def wrong_divergence_of_another_fit(V, W, beta):  # frames measured on a stale H
    H = fit_right(V, W, beta)
    return H, per_frame_of(V, W, np.ones_like(H), beta)


# --- the scaling of the β-divergence, d_β(λx | λy) = λ^β d_β(x | y)

def right_scaling(beta, lam):
    return lam**beta


def right_scaling_measured(beta, lam):  # by experiment, with nmf_ref's divergence
    X, W, H = np.array([[1.0, 3.0]]), np.array([[1.0]]), np.array([[2.0, 0.5]])
    return (nmf_ref.beta_divergence(lam * X, lam * W, H, beta)
            / nmf_ref.beta_divergence(X, W, H, beta))


def wrong_scale_invariant(beta, lam):  # IS's property, taken for every β
    return 1.0


def wrong_frobenius_factor(beta, lam):
    return lam**2


def wrong_derivative_factor(beta, lam):
    return lam ** (beta - 1)


def wrong_kl_factor(beta, lam):
    return lam


def wrong_exponent_off(beta, lam):
    return lam ** (2 - beta)


def wrong_an_array(beta, lam):
    return np.array([lam**beta, lam**beta])


CASES = [
    (ch19.check_wiener_masks, (right_masks,), None),
    (ch19.check_wiener_masks, (right_masks_by_the_library,), None),
    (ch19.check_wiener_masks, (wrong_the_library_as_is,), "wrong arguments"),
    (ch19.check_wiener_masks, (audio.wiener_masks,), "wrong arguments"),  # the library's own
    (ch19.check_wiener_masks, (wrong_ignores_p,), "those of p = 1"),
    (ch19.check_wiener_masks, (wrong_always_squared,), "squared models"),
    (ch19.check_wiener_masks, (wrong_power_of_the_total,), "do not sum to 1"),
    (ch19.check_wiener_masks, (wrong_binary,), "binary"),
    (ch19.check_wiener_masks, (wrong_nan_on_silence,), "NaN"),
    (ch19.check_wiener_masks, (wrong_zero_on_silence,), "share equally"),
    (ch19.check_wiener_masks, (wrong_unnormalized,), "do not sum to 1"),
    (ch19.check_wiener_masks, (wrong_one_source,), "one mask per source"),
    (ch19.check_wiener_masks, (lambda m, p: m.nonexistent,), "AttributeError"),
    (ch19.check_wiener_masks, (None,), "function"),
    (ch19.check_wiener_masks, (lambda m, p: "masks",), "numbers"),
    (ch19.check_activations, (right_activations,), None),
    (ch19.check_activations, (right_activations_longer,), None),
    (ch19.check_activations, (right_activations_by_the_library,), None),
    (ch19.check_activations, (audio.fit_activations,), "pair \\(H, per_frame\\)"),  # the library's own
    (ch19.check_activations, (wrong_the_library_as_is,), "pair \\(H, per_frame\\)"),
    (ch19.check_activations, (with_frames(fit_without_transpose),), "second"),
    (ch19.check_activations, (with_frames(fit_returned_transposed),), "that is Hᵀ"),
    (ch19.check_activations, (with_frames(fit_frobenius),), "Frobenius"),
    (ch19.check_activations, (with_frames(fit_templates_moved),), "templates move"),
    (ch19.check_activations, (with_frames(fit_stopped_early),), "tol=0"),
    (ch19.check_activations, (with_frames(fit_negative),), "≥ 0"),
    (ch19.check_activations, (wrong_total_not_per_frame,), "not the total"),
    (ch19.check_activations, (wrong_per_bin,), "per frequency bin"),
    (ch19.check_activations, (wrong_frobenius_per_frame,), "Frobenius loss of each frame"),
    (ch19.check_activations, (wrong_divergence_of_another_fit,), "add up to"),
    (ch19.check_activations, (lambda V, W, b: 1 / 0,), "ZeroDivisionError"),
    (ch19.check_activations, ("H",), "function"),
    (ch19.check_activations, (None,), "function"),
    (ch19.check_zero_locking, ("a",), None),
    (ch19.check_zero_locking, ("(A)",), None),
    (ch19.check_zero_locking, ("b",), "multiplicative, not"),  # the gradient fills zeros in
    (ch19.check_zero_locking, ("c",), "Frobenius MU is"),  # Frobenius taken as additive
    (ch19.check_zero_locking, ("d",), "KKT point only"),  # any solver keeps them
    (ch19.check_zero_locking, ("e",), "one of the letters"),
    (ch19.check_zero_locking, (1,), "letter"),
    (ch19.check_zero_locking, (None,), "letter"),
    (ch19.check_divergence_scaling, (right_scaling,), None),
    (ch19.check_divergence_scaling, (right_scaling_measured,), None),
    (ch19.check_divergence_scaling, (wrong_scale_invariant,), "only one β"),
    (ch19.check_divergence_scaling, (wrong_frobenius_factor,), "Frobenius"),
    (ch19.check_divergence_scaling, (wrong_derivative_factor,), "derivative"),
    (ch19.check_divergence_scaling, (wrong_kl_factor,), "KL"),
    (ch19.check_divergence_scaling, (wrong_exponent_off,), "total degree β"),
    (ch19.check_divergence_scaling, (wrong_an_array,), "one number"),
    (ch19.check_divergence_scaling, (None,), "function"),
    (ch19.check_divergence_scaling, (lambda b, lam: 1 / 0,), "ZeroDivisionError"),
]


@checker_table(CASES, one_answer=False, names=globals())
def test_checker(capsys, checker, args, expected):
    verdict(capsys, checker, args, expected)


def test_the_choice_is_worth_one_point_and_the_others_two():
    from nmf_ref.book.exercises._common import points

    assert points(ch19.check_zero_locking) == 1
    assert {points(c) for c in (ch19.check_wiener_masks, ch19.check_activations,
                                ch19.check_divergence_scaling)} == {2}
