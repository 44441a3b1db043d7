"""Explorer of chapter 19 (Audio): the loss and the number of templates → a
supervised separation, its templates, activations and scores.

Book: chapter 19. Built by :func:`.explorer.explorer`: one frame per setting,
computed when the notebook runs.
"""

import numpy as np

from .. import audio
from ..plots import audio as audio_plots
from .explorer import Control, explorer

LOSSES = (("Frobenius (β = 2)", 2.0), ("Kullback–Leibler (β = 1)", 1.0),
          ("Itakura–Saito (β = 0)", 0.0))
RANKS = (5, 20, 40)


def separation_explorer(training, piece, beta=1.0, rank=40, ranks=RANKS, max_iter=100,
                        random_state=0, known=None):
    """β and templates per source → supervised NMF separation of ``piece``.

    Parameters
    ----------
    training : dict
        ``{"piano": samples, "voice": samples}``: each source alone (as
        :func:`nmf_ref.book.datasets.audio.training` returns, ``sr`` included).
    piece : dict
        The mixture and its true sources (as
        :func:`nmf_ref.book.datasets.audio.mixture` returns).
    beta : float, one of 2, 1, 0
    rank : int, one of ``ranks``: templates learned per source.

    For each setting, both sources' templates are learned on ``training``
    (multiplicative updates, ``max_iter`` iterations from a random start),
    held fixed while the activations are fitted to the mixture, and the Wiener
    masks separate it; the title gives the SDR and SIR of each source
    (BSS Eval). Every setting is computed once, when the explorer is built; ``known`` may
    hand over settings already computed, ``{(beta, rank): (W, H, sdr, sir)}``
    (W the stacked templates, piano's first).
    """
    betas = tuple(b for _, b in LOSSES)
    if float(beta) not in betas:
        raise ValueError(f"beta must be one of {betas} (Frobenius, KL, IS), got {beta!r}.")
    ranks = tuple(int(r) for r in ranks)
    if rank not in ranks:
        raise ValueError(f"rank must be one of ranks={ranks}, got {rank!r}.")
    sources = ["piano", "voice"]
    for name, data in (("training", training), ("piece", piece)):
        missing = [k for k in sources + ["sr"] + (["mixture"] if name == "piece" else [])
                   if k not in data]
        if missing:
            raise ValueError(f"{name} must hold {missing} (see nmf_ref.book.datasets.audio).")
    sr, x = piece["sr"], np.asarray(piece["mixture"], dtype=float)
    references = np.array([piece[s] for s in sources])
    freqs, times, _ = audio.stft(x, sr)
    fits = {}
    for (b, r), (W, H, sdr, sir) in (known or {}).items():
        if np.shape(W)[1] != 2 * r or np.shape(H)[0] != 2 * r:
            raise ValueError(f"known[{(b, r)!r}] must hold W with {2 * r} columns and H "
                             f"with {2 * r} rows ({r} templates per source).")
        fits[float(b), int(r)] = W, H, np.asarray(sdr), np.asarray(sir)

    def draw(beta, rank):
        if (beta, rank) not in fits:
            templates = [audio.learn_templates(training[s], training["sr"], rank, beta,
                                               max_iter=max_iter,
                                               random_state=random_state)[0]
                         for s in sources]
            estimates, H = audio.supervised(x, sr, templates, beta, max_iter=max_iter)
            sdr, sir = audio.bss_eval(references, estimates)[:2]
            fits[beta, rank] = np.hstack(templates), H, sdr, sir
        W, H, sdr, sir = fits[beta, rank]
        name = dict((b, n) for n, b in LOSSES)[beta]
        scores = ", ".join(f"{s} SDR {d:.1f} dB (SIR {i:.1f})"
                           for s, d, i in zip(sources, sdr, sir))
        return audio_plots.plot_templates(
            W, H, freqs, times, groups={s: rank for s in sources},
            title=f"supervised, {name}, {rank} templates per source\n{scores}")

    names = dict((b, n) for n, b in LOSSES)
    return explorer(
        draw,
        beta=Control(list(betas), "loss", float(beta), format=names.get),
        rank=Control(list(ranks), "templates per source", rank),
        note="Another setting: <code>nmf_ref.book.audio.learn_templates</code> and "
             "<code>nmf_ref.book.audio.supervised</code>, drawn by "
             "<code>nmf_ref.book.plots.audio.plot_templates</code>.")
