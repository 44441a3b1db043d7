"""Figures of chapter 19 (Audio): spectrograms, templates and activations, scores.

Book: chapter 19. Drawn the way Meinard Müller's FMP notebooks draw NMF of a
spectrogram: the templates (columns of W) as spectra on a logarithmic
frequency axis in Hz, the activations (rows of H) as a heatmap over time,
both log-compressed, log(1 + γ·x/max x), black on white. Pure functions: each
returns its figure closed in pyplot (see :mod:`nmf_ref.book.plots`).
"""

import matplotlib.pyplot as plt
import numpy as np

from ._style import finish

CMAP = "gray_r"
SOURCE_COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:red")


def _compress(A, gamma=100.0):
    """FMP's logarithmic compression, after scaling to a maximum of 1."""
    A = np.asarray(A, dtype=float)
    top = A.max()
    return np.log1p(gamma * A / top) if top > 0 else A


def _check_axes(A, freqs, times, name):
    A = np.asarray(A, dtype=float)
    rows = "" if freqs is None else f" one row per frequency ({len(freqs)}),"
    cols = "" if times is None else f" one column per frame ({len(times)}),"
    if A.ndim != 2 or (freqs is not None and len(freqs) != A.shape[0]) or (
            times is not None and len(times) != A.shape[1]):
        raise ValueError(f"{name} must be 2-D with{rows}{cols} got shape {A.shape}.")
    return A


def _log_frequency(ax, fmin, fmax):
    ax.set_yscale("log")
    ax.set_ylim(fmin, fmax)
    ticks = [t for t in (62.5, 125, 250, 500, 1000, 2000, 4000) if fmin <= t <= fmax]
    ax.set_yticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()


def plot_spectrograms(spectra, freqs, times, title=None, fmin=60.0, dynamic_range=60.0):
    """Magnitude spectrograms side by side, in dB below their common maximum.

    Parameters
    ----------
    spectra : dict
        Panel title → magnitude spectrogram (bins × frames).
    freqs, times : arrays of the bins' frequencies (Hz) and the frames' times (s)
    dynamic_range : float
        dB shown below the maximum (quieter is white).
    """
    if not spectra:
        raise ValueError("spectra must hold at least one panel (title → spectrogram).")
    panels = {name: _check_axes(V, freqs, times, f"spectra[{name!r}]")
              for name, V in spectra.items()}
    top = max(V.max() for V in panels.values()) or 1.0
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.3),
                             sharey=True, squeeze=False, layout="constrained")
    keep = freqs > 0
    for ax, (name, V) in zip(axes[0], panels.items()):
        dB = 20 * np.log10(np.maximum(V[keep], top * 1e-12) / top)
        mesh = ax.pcolormesh(times, freqs[keep], dB, cmap=CMAP, vmin=-dynamic_range,
                             vmax=0, shading="nearest")
        _log_frequency(ax, fmin, freqs[-1])
        ax.set_title(name)
        ax.set_xlabel("time (s)")
    axes[0, 0].set_ylabel("frequency (Hz)")
    fig.colorbar(mesh, ax=axes[0], label="dB", fraction=0.03, pad=0.01)
    return finish(fig, title, fontsize=None, layout=None)


def _draw_factors(ax_W, ax_H, W, H, freqs, times, groups, labels, fmin):
    """Templates W (log-frequency axis) on ax_W, activations H on ax_H."""
    r = W.shape[1]
    keep = freqs > 0
    ax_W.pcolormesh(np.arange(r), freqs[keep], _compress(W[keep]), cmap=CMAP,
                    shading="nearest")
    _log_frequency(ax_W, fmin, freqs[-1])
    ax_W.set_ylabel("frequency (Hz)")
    ax_W.set_xlabel("template")
    ax_H.pcolormesh(times, np.arange(r), _compress(H), cmap=CMAP, shading="nearest")
    ax_H.set_ylim(r - 0.5, -0.5)
    ax_H.set_xlabel("time (s)")
    ax_H.set_ylabel("template")
    if labels is not None:
        ax_H.set_yticks(np.arange(r), labels, fontsize=7)
    if groups:
        start = 0
        for (name, size), colour in zip(groups.items(), SOURCE_COLOURS):
            for ax, span in ((ax_W, ax_W.axvspan), (ax_H, ax_H.axhspan)):
                span(start - 0.5, start + size - 0.5, color=colour, alpha=0.12, lw=0)
            ax_H.text(1.01, 1 - (start + size / 2) / r, name, color=colour,
                      transform=ax_H.transAxes, rotation=90, va="center", ha="left",
                      fontsize=9)
            if start:
                ax_W.axvline(start - 0.5, color="k", lw=0.8)
                ax_H.axhline(start - 0.5, color="k", lw=0.8)
            start += size


def _check_factors(W, H, freqs, times):
    W = _check_axes(W, freqs, None, "W")
    H = _check_axes(H, None, times, "H")
    if W.shape[1] != H.shape[0]:
        raise ValueError(f"W has {W.shape[1]} templates but H has {H.shape[0]} rows.")
    return W, H


def _group_sizes(groups, r):
    if groups and sum(groups.values()) != r:
        raise ValueError(f"groups must split the {r} templates (sizes add up to "
                         f"{sum(groups.values())}).")
    return groups


def plot_templates(W, H, freqs, times, groups=None, labels=None, title=None, fmin=60.0):
    """FMP-style NMF of a spectrogram: templates W (left) and activations H (right).

    Parameters
    ----------
    W : array (bins, r), H : array (r, frames)
    freqs, times : the bins' frequencies (Hz) and the frames' times (s)
    groups : dict, optional
        Source name → number of templates, in order (shaded and labelled).
    labels : list of str, optional
        A name per template (e.g. its note), shown beside the activations.
    """
    W, H = _check_factors(W, H, freqs, times)
    groups = _group_sizes(groups, W.shape[1])
    fig, (ax_W, ax_H) = plt.subplots(1, 2, figsize=(10, 3.6),
                                     gridspec_kw={"width_ratios": [1, 2.4]})
    _draw_factors(ax_W, ax_H, W, H, freqs, times, groups, labels, fmin)
    ax_W.set_title("templates W")
    ax_H.set_title("activations H")
    return finish(fig, title, fontsize=None)


def plot_score_informed(W_on, H_on, W, H, freqs, times, labels=None, groups=None,
                        title=None, fmin=60.0):
    """Score-informed NMF: the score's zero pattern (top) and the fitted factors
    (bottom), templates left, activations right. A zero at the top is a zero
    at the bottom: multiplicative updates cannot move it."""
    W, H = _check_factors(W, H, freqs, times)
    W_on, H_on = _check_factors(W_on, H_on, freqs, times)
    if W_on.shape != W.shape or H_on.shape != H.shape:
        raise ValueError("the zero pattern (W_on, H_on) must have the shapes of (W, H).")
    groups = _group_sizes(groups, W.shape[1])
    fig, axes = plt.subplots(2, 2, figsize=(10, 6.4),
                             gridspec_kw={"width_ratios": [1, 2.4]})
    _draw_factors(*axes[0], W_on, H_on, freqs, times, groups, labels, fmin)
    _draw_factors(*axes[1], W, H, freqs, times, groups, labels, fmin)
    axes[0, 0].set_title("allowed by the score (start)")
    axes[0, 1].set_title("allowed by the score (start)")
    axes[1, 0].set_title("templates after the fit")
    axes[1, 1].set_title("activations after the fit")
    return finish(fig, title, fontsize=None)


def plot_separation_scores(scores, sources=("piano", "voice"), title=None):
    """SDR of each source by method, as bars, with the SIR as a tick on each bar.

    ``scores`` maps a method's name to ``(sdr, sir)``, each one value per
    source (dB, e.g. from :func:`nmf_ref.book.audio.bss_eval`).
    """
    if not scores:
        raise ValueError("scores must hold at least one method (name → (sdr, sir)).")
    names = list(scores)
    for name, (sdr, sir) in scores.items():
        if len(sdr) != len(sources) or len(sir) != len(sources):
            raise ValueError(f"scores[{name!r}] must give one SDR and one SIR per source "
                             f"({len(sources)}).")
    y = np.arange(len(names))
    height = 0.8 / len(sources)
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(names) + 1.2))
    for s, (source, colour) in enumerate(zip(sources, SOURCE_COLOURS)):
        offset = y - 0.4 + height * (s + 0.5)
        sdr = [scores[n][0][s] for n in names]
        sir = [scores[n][1][s] for n in names]
        ax.barh(offset, sdr, height=height * 0.9, color=colour, label=f"{source}: SDR")
        ax.plot(sir, offset, "|", color="k", ms=9, mew=2,
                label="SIR" if s == len(sources) - 1 else None)
        for yy, value in zip(offset, sdr):
            ax.text(max(value, 0) + 0.3, yy, f"{value:.1f}", va="center", fontsize=8)
    ax.set_yticks(y, names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.axvline(0, color="k", lw=0.8)
    ax.set_xlabel("dB (higher is better)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return finish(fig, title, ax=ax, fontsize=None)
