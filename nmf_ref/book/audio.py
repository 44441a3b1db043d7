"""Source separation with NMF: spectrograms, Wiener masks, three ways to fit.

Book: chapter 19 (Audio). A mixture's short-time Fourier transform Z (bins ×
frames) gives a non-negative spectrogram V = |Z|^p (p = 1, magnitude, by
default). NMF writes V ≈ W H: the columns of W are *templates* (spectra), the
rows of H their *activations* over time. Each source s owns some of the
components, and its model V_s = W_s H_s turns into a soft (Wiener) mask
M_s = V_s / Σ_t V_t, which keeps the mixture's phase: the estimate of source s
is the inverse STFT of M_s ∘ Z. Since the masks sum to 1 and the inverse STFT
is linear, the estimates add up to the mixture.

The three ways of deciding which components belong to which source:

* :func:`supervised`: templates learned on each source alone, then held
  fixed while only the activations are fitted to the mixture;
* :func:`unsupervised`: NMF of the mixture alone, its templates clustered
  into sources (k-means on their spectral envelopes);
* :func:`score_informed`: one template per note of the score, zero outside
  the note's harmonics, activations zero outside the note's time span;
  multiplicative updates keep every zero, so the score's constraints hold to
  the end.
"""

import warnings

import numpy as np
from scipy import signal

from ..solve import nmf

N_FFT, HOP = 512, 128  # 64 ms Hann windows every 16 ms at 8 kHz
FLOOR = 1e-8  # added to spectrograms under β ≤ 0, which cannot fit a zero


def stft(x, sr, n_fft=N_FFT, hop=HOP):
    """``(freqs, times, Z)``: SciPy's STFT of ``x`` (Hann window, ``Z`` bins × frames)."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must be a 1-D signal, got shape {x.shape}.")
    return signal.stft(x, fs=sr, window="hann", nperseg=n_fft, noverlap=n_fft - hop)


def istft(Z, sr, length, n_fft=N_FFT, hop=HOP):
    """The signal of ``length`` samples whose STFT is ``Z`` (SciPy's overlap-add)."""
    _, x = signal.istft(Z, fs=sr, window="hann", nperseg=n_fft, noverlap=n_fft - hop)
    return np.pad(x, (0, max(length - x.size, 0)))[:length]


def wiener_masks(models):
    """Soft masks M_s = V_s / Σ_t V_t from non-negative models of the sources.

    ``models`` is a sequence of arrays of one shape. Where every model is 0
    the masks share equally, so they always sum to 1.
    """
    models = np.asarray(models, dtype=float)
    if models.ndim < 2 or (models < 0).any() or not np.isfinite(models).all():
        raise ValueError("models must be a sequence of non-negative, finite arrays of "
                         "one shape (one per source).")
    total = models.sum(axis=0)
    empty = total == 0
    return np.where(empty, 1.0 / len(models), models / np.where(empty, 1.0, total))


def separate(x, sr, models, n_fft=N_FFT, hop=HOP):
    """Each source's signal: the inverse STFT of its Wiener mask times the mixture's STFT."""
    Z = stft(x, sr, n_fft, hop)[2]
    return np.array([istft(M * Z, sr, len(x), n_fft, hop) for M in wiener_masks(models)])


def spectrogram(x, sr, power=1.0, beta=1.0, n_fft=N_FFT, hop=HOP):
    """V = |STFT(x)|^power, plus :data:`FLOOR` × max when β ≤ 0 (IS needs V > 0)."""
    V = np.abs(stft(x, sr, n_fft, hop)[2]) ** power
    return V + FLOOR * V.max() if beta <= 0 else V


def by_pitch(W, share=0.3):
    """An order of the templates from low to high: by the first bin where each
    reaches ``share`` of its maximum (near its fundamental, for a harmonic one)."""
    W = np.asarray(W, dtype=float)
    return np.argsort((W >= share * W.max(axis=0)).argmax(axis=0), kind="stable")


def learn_templates(x, sr, rank, beta=1.0, power=1.0, max_iter=100, random_state=0):
    """NMF of one source's spectrogram: ``(W, H)``, templates W (bins × rank)
    normalized to unit sum (H absorbs the scale) and sorted :func:`by_pitch`."""
    V = spectrogram(x, sr, power, beta)
    res = nmf(V, rank, solver="mu", beta_loss=beta, init="random", max_iter=max_iter,
              tol=0, random_state=random_state)
    order = by_pitch(res.W)
    scale = res.W[:, order].sum(axis=0) + np.finfo(float).tiny
    return res.W[:, order] / scale, res.H[order] * scale[:, None]


def fit_activations(V, W, beta=1.0, max_iter=100):
    """H ≥ 0 with V ≈ W H for fixed templates W.

    ``nmf`` keeps its *second* factor fixed (``update_H=False``), so we fit
    the transpose, Vᵀ ≈ Hᵀ Wᵀ, with Wᵀ in the fixed place.
    """
    res = nmf(V.T, W.shape[1], solver="mu", beta_loss=beta, H=W.T, update_H=False,
              max_iter=max_iter, tol=0)
    return res.W.T


def supervised(x, sr, templates, beta=1.0, power=1.0, max_iter=100):
    """Separate with fixed templates, one array (bins × r_s) per source.

    Returns ``(estimates, H)``: the signals (sources × samples) and the
    activations of all templates, stacked in the order given.
    """
    V = spectrogram(x, sr, power, beta)
    if not len(templates) or any(np.ndim(T) != 2 or np.shape(T)[0] != len(V)
                                 for T in templates):
        raise ValueError(f"templates must be a list of arrays with {len(V)} rows (one per "
                         "frequency bin of the STFT), one array per source.")
    W = np.hstack(templates)
    H = fit_activations(V, W, beta, max_iter)
    edges = np.cumsum([0] + [T.shape[1] for T in templates])
    models = [W[:, a:b] @ H[a:b] for a, b in zip(edges[:-1], edges[1:])]
    return separate(x, sr, models), H


def envelope_features(W, n_coefficients=12):
    """Each template's spectral envelope: the first cepstral coefficients of
    its log spectrum, c₀ (the level) left out. One row per template."""
    log = np.log(W / W.sum(axis=0) + 1e-6)
    return np.fft.irfft(log, axis=0)[1:n_coefficients + 1].T


def unsupervised(x, sr, rank, n_sources=2, beta=1.0, power=1.0, max_iter=100,
                 random_state=0):
    """NMF of the mixture, then k-means (scikit-learn) on the templates'
    envelopes. Returns ``(estimates, labels, W, H)``, the templates sorted
    :func:`by_pitch`; the sources come out in no particular order (match them
    to the references by permutation)."""
    from sklearn.cluster import KMeans

    V = spectrogram(x, sr, power, beta)
    res = nmf(V, rank, solver="mu", beta_loss=beta, init="random", max_iter=max_iter,
              tol=0, random_state=random_state)
    order = by_pitch(res.W)
    W, H = res.W[:, order], res.H[order]
    labels = KMeans(n_sources, n_init=10, random_state=random_state).fit_predict(
        envelope_features(W))
    return grouped(x, sr, W, H, labels, n_sources), labels, W, H


def score_masks(score, freqs, times, n_partials=20, tolerance=0.5, slack=0.1):
    """Zero patterns from a score: ``(W_on, H_on)`` booleans, one component per
    distinct (source, pitch).

    ``score`` maps a source's name to its notes ``(MIDI pitch, onset, duration,
    ...)``. A template may be non-zero only within ``tolerance`` semitones
    (and one bin) of the pitch's first ``n_partials`` harmonics; an activation
    only from ``slack`` s before the note's onset to ``slack`` s after its end.
    Also returns the list of ``(source, pitch)`` of the components.
    """
    keys = sorted({(name, note[0]) for name, notes in score.items() for note in notes})
    W_on = np.zeros((len(freqs), len(keys)), dtype=bool)
    H_on = np.zeros((len(keys), len(times)), dtype=bool)
    width = 2.0 ** (tolerance / 12) - 1
    step = freqs[1] - freqs[0]
    for c, (name, pitch) in enumerate(keys):
        f0 = 440.0 * 2.0 ** ((pitch - 69) / 12)
        for partial in f0 * np.arange(1, n_partials + 1):
            W_on[:, c] |= np.abs(freqs - partial) <= partial * width + step
        for note in score[name]:
            if note[0] == pitch:
                H_on[c] |= (times >= note[1] - slack) & (times <= note[1] + note[2] + slack)
    return W_on, H_on, keys


def score_informed(x, sr, score, beta=1.0, power=1.0, max_iter=100, **pattern):
    """Separate with templates and activations started from the score's zero
    pattern (:func:`score_masks`, keyword options passed on). Returns
    ``(estimates, W, H, keys)``, estimates in the order of ``score``'s keys."""
    freqs, times, _ = stft(x, sr)
    W_on, H_on, keys = score_masks(score, freqs, times, **pattern)
    V = spectrogram(x, sr, power, beta)
    res = nmf(V, len(keys), solver="mu", beta_loss=beta, W=W_on * 1.0,
              H=H_on * V.mean(), max_iter=max_iter, tol=0)
    owner = np.array([name for name, _ in keys])
    models = [res.W[:, owner == name] @ res.H[owner == name] for name in score]
    return separate(x, sr, models), res.W, res.H, keys


def oracle_labels(W, H, references, sr):
    """The grouping an oracle would choose: each component goes to the reference
    source whose magnitude spectrogram its own Wiener mask captures most of.
    For diagnosis only (it needs the true sources)."""
    mags = np.array([np.abs(stft(s, sr)[2]) for s in references])
    masks = wiener_masks([np.outer(W[:, k], H[k]) for k in range(W.shape[1])])
    return np.einsum("kft,sft->ks", masks, mags).argmax(axis=1)


def grouped(x, sr, W, H, labels, n_sources=2):
    """Separate with components grouped by ``labels`` (source index per component)."""
    labels = np.asarray(labels)
    return separate(x, sr, [W[:, labels == s] @ H[labels == s] for s in range(n_sources)])


def crossover(x, sr, cutoff):
    """The equalizer baseline: (bins at or above ``cutoff`` Hz, bins below), as
    two binary masks applied to the mixture. Returns the two signals."""
    freqs, times, _ = stft(x, sr)
    high = np.repeat((freqs >= cutoff)[:, None] * 1.0, len(times), axis=1)
    return separate(x, sr, [high, 1 - high])


def listen(signals, sr):
    """A labelled player for each signal (``{label: samples}``), for a notebook:
    ``IPython.display.Audio`` embeds each as a WAV (16 bit, peak-normalized),
    so the static page plays it too."""
    from IPython.display import HTML, Audio, display

    for label, x in signals.items():
        display(HTML(f"<b>{label}</b>"), Audio(np.asarray(x, dtype=float), rate=sr))


def bss_eval(references, estimates, permute=False):
    """``(SDR, SIR, SAR, order)`` of each source in dB, by
    ``mir_eval.separation.bss_eval_sources`` (Vincent, Gribonval and Févotte's
    BSS Eval). ``permute=True`` lets it match estimates to references (for
    unsupervised methods, whose sources come unlabelled). Silences mir_eval's
    notice that its separation module is deprecated."""
    from mir_eval.separation import bss_eval_sources

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return bss_eval_sources(np.asarray(references), np.asarray(estimates),
                                compute_permutation=permute)


def si_sdr(references, estimates):
    """Scale-invariant SDR (Le Roux et al. 2019) of each estimate, in dB: the
    estimate's part along its reference, α s, against the rest, ŝ − α s.
    Unlike BSS Eval, it forgives a gain only, not a filter."""
    out = []
    for s, e in zip(np.asarray(references, dtype=float), np.asarray(estimates, dtype=float)):
        target = (e @ s) / (s @ s) * s
        out.append(10 * np.log10((target @ target) / np.sum((e - target) ** 2)))
    return np.array(out)
