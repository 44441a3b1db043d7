"""Book: chapter 19 (Audio: separating sources).

The chapter's front door: everything it uses from the book layer, imported from
where it lives (the code stays split by idea, see DESIGN.md).

* Computations: :mod:`nmf_ref.book.audio`.
* Figures: :mod:`nmf_ref.book.plots.audio`.
* Explorers: :mod:`nmf_ref.book.widgets.audio`.

The data come from the registry (``nmf_ref.book.datasets``), the exercises from
``nmf_ref.book.exercises.ch19``; neither goes through this door.
"""

from nmf_ref.book.audio import (bss_eval, crossover, fit_activations, grouped, istft,
                                learn_templates, listen, oracle_labels, score_informed,
                                score_masks, separate, si_sdr, spectrogram, stft, supervised,
                                unsupervised, wiener_masks)
from nmf_ref.book.plots.audio import (plot_score_informed, plot_separation_scores,
                                      plot_spectrograms, plot_templates)
from nmf_ref.book.widgets.audio import LOSSES, separation_explorer

__all__ = ["bss_eval", "crossover", "fit_activations", "grouped", "istft", "learn_templates",
           "listen", "oracle_labels", "score_informed", "score_masks", "separate", "si_sdr",
           "spectrogram", "stft", "supervised", "unsupervised", "wiener_masks",
           "plot_score_informed", "plot_separation_scores", "plot_spectrograms", "plot_templates",
           "LOSSES", "separation_explorer"]
