"""Chapter 19 (Audio): the synthesizer, the STFT and masks, the three separations,
the figures and the explorer (driven without a kernel); the exercise checkers are
tested in test_exercises_ch19.py."""

import numpy as np
import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")
pytest.importorskip("mir_eval")

from matplotlib.figure import Figure  # noqa: E402
from sklearn.decomposition import non_negative_factorization  # noqa: E402

import nmf_ref  # noqa: E402
from nmf_ref.book import audio, datasets  # noqa: E402
from nmf_ref.book.datasets import audio as sounds  # noqa: E402
from nmf_ref.book.plots import audio as audio_plots  # noqa: E402
from nmf_ref.book.widgets import audio as audio_widgets  # noqa: E402

SR = sounds.SR


def _spectrum(x, sr=SR, pad=8):
    """Magnitude spectrum of the whole signal, zero-padded: (freqs, |X|)."""
    n = pad * x.size
    return np.fft.rfftfreq(n, 1 / sr), np.abs(np.fft.rfft(x * np.hanning(x.size), n))


def _near(freqs, spectrum, f, width=3.0):
    return spectrum[np.abs(freqs - f) <= width].max()


# --- synthesis ---

def test_mixture_is_deterministic_and_the_sum_of_two_equally_loud_sources():
    a, b = datasets.load("audio_mixture"), datasets.load("audio_mixture")
    for key in ("mixture", "piano", "voice"):
        assert np.array_equal(a[key], b[key]) and a[key] is not b[key]
    assert a["sr"] == SR and a["mixture"].shape == (3 * SR,)
    np.testing.assert_array_equal(a["mixture"], a["piano"] + a["voice"])
    np.testing.assert_allclose([np.sqrt(np.mean(a[k] ** 2)) for k in ("piano", "voice")],
                               0.1, rtol=1e-12)
    assert a["score"] == {"piano": sounds.MELODY, "voice": sounds.SONG}
    other = datasets.load("audio_mixture", random_state=1)
    assert not np.allclose(other["piano"], a["piano"])  # the seed matters
    t = datasets.load("audio_training")
    assert np.array_equal(t["voice"], datasets.load("audio_training")["voice"])
    assert t["piano"].size == int(3.75 * SR) and t["voice"].size == 15 * SR


@pytest.mark.parametrize("pitch", [60, 69, 76])
def test_a_piano_note_peaks_at_its_fundamental(pitch):
    f0 = 440.0 * 2 ** ((pitch - 69) / 12)
    x = sounds.piano([(pitch, 0.0, 1.0)], 1.0)
    freqs, X = _spectrum(x)
    assert abs(freqs[X.argmax()] - f0) < 1.5  # the loudest peak is the fundamental
    assert X[freqs < 0.8 * f0].max() < 0.01 * X.max()  # nothing below it


def test_piano_partials_are_stretched_by_the_inharmonicity():
    f0, B = 220.0, 1e-4
    x = sounds.piano([(57, 0.0, 2.0)], 2.0, inharmonicity=B)
    freqs, X = _spectrum(x)
    k = 12
    stretched, harmonic = k * f0 * np.sqrt(1 + B * k**2), k * f0  # 2650.3 and 2640 Hz
    assert _near(freqs, X, stretched, 1.0) > 20 * _near(freqs, X, harmonic, 1.0)
    exact = sounds.piano([(57, 0.0, 2.0)], 2.0, inharmonicity=0.0)
    freqs, X = _spectrum(exact)
    assert _near(freqs, X, harmonic, 1.0) > 20 * _near(freqs, X, stretched, 1.0)


def test_a_piano_note_decays_and_is_damped_at_the_release():
    x = sounds.piano([(72, 0.0, 0.5)], 1.0)
    rms = [np.sqrt(np.mean(x[i:i + 400] ** 2)) for i in (400, 3200, 4400)]  # 50, 400, 550 ms
    assert rms[0] > rms[1] > 100 * rms[2]  # decays while held; damped 50 ms after release


@pytest.mark.parametrize("pitch, vowel", [(48, "a"), (55, "o"), (60, "i")])
def test_a_sung_note_is_harmonic_on_its_pitch(pitch, vowel):
    f0 = 440.0 * 2 ** ((pitch - 69) / 12)
    x = sounds.voice([(pitch, 0.0, 1.0, vowel)], 1.0, vibrato=(5.5, 0.0))
    freqs, X = _spectrum(x[800:-800])  # away from the fades
    on = [_near(freqs, X, k * f0) for k in range(1, 8)]
    off = [_near(freqs, X, (k + 0.5) * f0) for k in range(1, 8)]
    assert min(np.array(on) / np.array(off)) > 5  # a comb on the multiples of f0
    assert X[freqs < 0.7 * f0].max() < 0.05 * X.max()  # nothing below the fundamental
    # the strongest partial lies within the vowel's first two formants
    f1, f2 = sounds.VOWELS[vowel][0][0], sounds.VOWELS[vowel][1][0]
    loudest = freqs[X.argmax()]
    assert min(abs(loudest - f1), abs(loudest - f2)) < max(f0, 150)


def test_the_vowel_sets_the_spectral_envelope():
    # "a" has its second formant near 1090 Hz, "i" near 2290 Hz
    ratio = {}
    for vowel in "ai":
        freqs, X = _spectrum(sounds.voice([(50, 0.0, 1.0, vowel)], 1.0, vibrato=(5.5, 0.0)))
        band = lambda lo, hi: (X[(freqs > lo) & (freqs < hi)] ** 2).sum()  # noqa: E731
        ratio[vowel] = band(2000, 2600) / band(900, 1300)
    assert ratio["i"] > 1 and ratio["a"] < 0.01


def _spread(x, lo, hi):
    """Mean and standard deviation of the frequency in a band, weighted by energy."""
    freqs, X = _spectrum(x)
    band = (freqs > lo) & (freqs < hi)
    f, e = freqs[band], X[band] ** 2
    mean = (f * e).sum() / e.sum()
    return mean, np.sqrt(((f - mean) ** 2 * e).sum() / e.sum())


def test_vibrato_moves_the_pitch():
    steady = sounds.voice([(57, 0.0, 1.0, "a")], 1.0, vibrato=(5.5, 0.0))[800:-800]
    wobbly = sounds.voice([(57, 0.0, 1.0, "a")], 1.0, vibrato=(5.5, 1.0))[800:-800]
    mean, width = _spread(steady, 800, 960)  # around the 4th harmonic of A3, 880 Hz
    assert abs(12 * np.log2(mean / 880)) < 0.3 and width < 3  # only the slow drift
    assert _spread(wobbly, 800, 960)[1] > 10 * width  # ±1 semitone smears the partial


def test_note_names():
    assert [sounds.note_name(p) for p in (60, 69, 70, 76)] == ["C4", "A4", "B♭4", "E5"]


@pytest.mark.parametrize("call, match", [
    (lambda: sounds.piano([]), "at least one note"),
    (lambda: sounds.piano([(60, 0.0)]), r"\(pitch, onset, duration\)"),
    (lambda: sounds.piano([(60, 0.0, -1.0)]), "non-positive"),
    (lambda: sounds.voice([(60, 0.0, 1.0, "y")]), "vowel must be one of"),
    (lambda: sounds.voice([(60, 0.0, 1.0)]), "vowel"),
    (lambda: sounds.piano([(60, 0.0, 1.0)], duration=0), "duration"),
])
def test_synthesis_rejects_bad_notes(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- STFT, masks, separation ---

@pytest.fixture(scope="module")
def piece():
    return datasets.load("audio_mixture")


def test_stft_round_trip_and_shape(piece):
    x = piece["mixture"]
    freqs, times, Z = audio.stft(x, SR)
    assert Z.shape == (audio.N_FFT // 2 + 1, len(times)) and freqs[-1] == SR / 2
    assert freqs[1] - freqs[0] == SR / audio.N_FFT
    np.testing.assert_allclose(audio.istft(Z, SR, x.size), x, atol=1e-12)
    with pytest.raises(ValueError, match="1-D"):
        audio.stft(np.ones((2, 100)), SR)


def test_wiener_masks_sum_to_one_and_share_silence():
    rng = np.random.RandomState(0)
    models = rng.uniform(size=(3, 5, 4))
    models[:, 2, 1] = 0.0
    models[0, 0, 0] = 0.0
    M = audio.wiener_masks(models)
    np.testing.assert_allclose(M.sum(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(M[:, 2, 1], 1 / 3)
    np.testing.assert_allclose(M[1, 3, 3], models[1, 3, 3] / models[:, 3, 3].sum())
    before = models.copy()
    audio.wiener_masks(models)
    np.testing.assert_array_equal(models, before)  # the caller's array is untouched
    for bad in (-models, models * np.nan, np.ones(4)):
        with pytest.raises(ValueError, match="non-negative"):
            audio.wiener_masks(bad)


def test_separated_sources_add_up_to_the_mixture(piece):
    x = piece["mixture"]
    rng = np.random.RandomState(1)
    shape = audio.stft(x, SR)[2].shape
    models = rng.uniform(size=(2, *shape)) ** 4
    estimates = audio.separate(x, SR, models)
    assert estimates.shape == (2, x.size)
    np.testing.assert_allclose(estimates.sum(axis=0), x, atol=1e-12)
    eq = audio.crossover(x, SR, 500)
    np.testing.assert_allclose(eq.sum(axis=0), x, atol=1e-12)


def test_oracle_masks_separate_well_and_the_equalizer_does_not(piece):
    refs = np.array([piece["piano"], piece["voice"]])
    mags = [np.abs(audio.stft(s, SR)[2]) for s in refs]
    oracle = audio.separate(piece["mixture"], SR, mags)
    assert (audio.si_sdr(refs, oracle) > 10).all()
    assert audio.si_sdr(refs, audio.crossover(piece["mixture"], SR, 350)).mean() < 0


def test_si_sdr_by_hand():
    rng = np.random.RandomState(2)
    s = rng.standard_normal(4000)
    e = rng.standard_normal(4000)
    e -= (e @ s) / (s @ s) * s  # orthogonal to s
    e *= 0.1 * np.linalg.norm(s) / np.linalg.norm(e)  # 20 dB below
    np.testing.assert_allclose(audio.si_sdr([s], [s + e]), [20.0], rtol=1e-10)
    np.testing.assert_allclose(audio.si_sdr([s], [3 * (s + e)]), [20.0], rtol=1e-10)


def test_bss_eval_scores_and_permutes():
    rng = np.random.RandomState(3)
    refs = rng.standard_normal((2, 4000))
    noisy = refs + 0.01 * rng.standard_normal((2, 4000))
    sdr, sir, sar, perm = audio.bss_eval(refs, noisy)
    assert (sdr > 30).all() and list(perm) == [0, 1]
    assert list(audio.bss_eval(refs, noisy[::-1], permute=True)[3]) == [1, 0]


def test_fit_activations_keeps_the_templates_and_matches_scikit_learn():
    rng = np.random.RandomState(4)
    W = rng.uniform(size=(30, 4))
    V = W @ rng.gamma(0.5, 1.0, (4, 25)) + 0.01
    H = audio.fit_activations(V, W, beta=1.0, max_iter=50)
    Ht, _, _ = non_negative_factorization(V.T, H=W.T, n_components=4, update_H=False,
                                          solver="mu", beta_loss="kullback-leibler",
                                          max_iter=50, tol=0)
    np.testing.assert_allclose(H, Ht.T, rtol=1e-8, atol=1e-12)
    # a fit with the templates fixed beats the constant start, and never moves W
    start = np.full((4, 25), np.sqrt(V.mean() / 4))
    assert nmf_ref.beta_divergence(V, W, H, 1) < nmf_ref.beta_divergence(V, W, start, 1)


def test_mu_keeps_the_zeros_of_the_score(piece):
    x = piece["mixture"]
    freqs, times, _ = audio.stft(x, SR)
    W_on, H_on, keys = audio.score_masks(piece["score"], freqs, times)
    for beta in (2.0, 1.0, 0.0):
        _, W, H, _ = audio.score_informed(x, SR, piece["score"], beta, max_iter=30)
        assert (W[~W_on] == 0).all() and (H[~H_on] == 0).all(), beta
        assert (W[W_on] > 0).mean() > 0.5 and (H[H_on] > 0).mean() > 0.5, beta
    # HALS from the same start does not keep them: the property is MU's
    V = audio.spectrogram(x, SR)
    hals = nmf_ref.nmf(V, len(keys), solver="hals", W=W_on * 1.0, H=H_on * V.mean(),
                       max_iter=10, tol=0)
    assert (hals.W[~W_on] > 0).any()


def test_score_masks_follow_the_harmonics_and_the_notes():
    freqs = np.arange(257) * SR / 512
    times = np.arange(0, 2.0, 0.016)
    score = {"piano": ((69, 0.5, 0.5),), "voice": ((57, 0.0, 0.3, "a"), (57, 1.5, 0.2, "o"))}
    W_on, H_on, keys = audio.score_masks(score, freqs, times, n_partials=5, tolerance=0.5,
                                         slack=0.1)
    assert keys == [("piano", 69), ("voice", 57)]
    allowed = freqs[W_on[:, 0]]
    for k in range(1, 6):  # every partial of A4 is allowed, nothing between them
        assert np.abs(allowed - 440 * k).min() < 8
    assert not W_on[(freqs > 470) & (freqs < 830), 0].any() and not W_on[freqs > 2300, 0].any()
    on = times[H_on[0]]
    assert on.min() >= 0.4 and on.max() <= 1.1 and on.min() < 0.42
    assert H_on[1, times < 0.4].all() and H_on[1, (times > 1.4) & (times < 1.8)].all()
    assert not H_on[1, (times > 0.41) & (times < 1.39)].any()


def test_supervised_separation_beats_the_equalizer_on_a_short_piece():
    p, v = sounds.piano(sounds.MELODY[:4], 1.5), sounds.voice(sounds.SONG[:2], 1.5)
    p, v = p / p.std(), v / v.std()  # equally loud
    refs = np.array([p, v])
    x = p + v
    solo = datasets.load("audio_training")
    templates = [audio.learn_templates(solo[s], SR, 20, max_iter=60)[0]
                 for s in ("piano", "voice")]
    np.testing.assert_allclose(templates[0].sum(axis=0), 1.0)  # unit-sum templates
    estimates, H = audio.supervised(x, SR, templates, max_iter=60)
    assert H.shape == (40, audio.stft(x, SR)[2].shape[1])
    np.testing.assert_allclose(estimates.sum(axis=0), x, atol=1e-12)
    sdr = audio.bss_eval(refs, estimates)[0]
    eq = audio.bss_eval(refs, audio.crossover(x, SR, 350))[0]
    assert sdr[0] > eq[0] + 5 and (audio.si_sdr(refs, estimates) > 5).all()


def test_unsupervised_returns_labels_for_every_template(piece):
    estimates, labels, W, H = audio.unsupervised(piece["mixture"], SR, 8, max_iter=30)
    assert estimates.shape == (2, piece["mixture"].size) and labels.shape == (8,)
    assert set(labels) <= {0, 1} and W.shape[1] == 8 and H.shape[0] == 8
    np.testing.assert_allclose(estimates.sum(axis=0), piece["mixture"], atol=1e-12)
    order = audio.by_pitch(W)
    np.testing.assert_array_equal(order, np.arange(8))  # returned sorted by pitch


# --- figures ---

def test_plots_return_closed_figures_and_check_shapes(piece):
    import matplotlib.pyplot as plt

    freqs, times, Z = audio.stft(piece["mixture"], SR)
    V = np.abs(Z)
    before = plt.get_fignums()
    fig = audio_plots.plot_spectrograms({"a": V, "b": V}, freqs, times, title="t")
    assert isinstance(fig, Figure) and plt.get_fignums() == before
    assert fig.axes[0].get_yscale() == "log" and fig.axes[1].get_title() == "b"
    rng = np.random.RandomState(0)
    W, H = rng.rand(len(freqs), 6), rng.rand(6, len(times))
    fig = audio_plots.plot_templates(W, H, freqs, times, groups={"piano": 4, "voice": 2})
    assert [ax.get_title() for ax in fig.axes] == ["templates W", "activations H"]
    texts = [t.get_text() for t in fig.axes[1].texts]
    assert texts == ["piano", "voice"]
    fig = audio_plots.plot_score_informed(W > 0.5, H > 0.5, W, H, freqs, times,
                                          labels=list("abcdef"))
    assert len(fig.axes) == 4
    fig = audio_plots.plot_separation_scores({"x": ([1, 2], [3, 4]), "y": ([5, 6], [7, 8])})
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["x", "y"]
    with pytest.raises(ValueError, match="one row per frequency"):
        audio_plots.plot_spectrograms({"a": V[:-1]}, freqs, times)
    with pytest.raises(ValueError, match="groups must split"):
        audio_plots.plot_templates(W, H, freqs, times, groups={"piano": 4})
    with pytest.raises(ValueError, match="templates"):
        audio_plots.plot_templates(W, H[:5], freqs, times)
    with pytest.raises(ValueError, match="one SDR and one SIR"):
        audio_plots.plot_separation_scores({"x": ([1], [2])})
    with pytest.raises(ValueError, match="at least one"):
        audio_plots.plot_spectrograms({}, freqs, times)


# --- the explorer ---

def _small_piece():
    p = sounds.piano(sounds.MELODY[:3], 1.0)
    v = sounds.voice(sounds.SONG[:2], 1.0)
    return {"mixture": p + v, "piano": p, "voice": v, "sr": SR}


def _small_training():
    return {"piano": sounds.piano(sounds.PIANO_STUDY[6:12], None),
            "voice": sounds.voice(sounds.VOICE_STUDY[:20], None), "sr": SR}


def test_separation_explorer_draws_and_redraws():
    piece, solo = _small_piece(), _small_training()
    w = audio_widgets.separation_explorer(solo, piece, beta=1.0, rank=5, ranks=(3, 5),
                                          max_iter=20)
    assert len(w.frames) == 3 * 2  # losses × templates per source
    title = w.current().alt
    assert "Kullback–Leibler" in title and "5 templates per source" in title
    w.controls["rank"].value = 3
    assert "3 templates per source" in w.current().alt
    fig = w.draw(beta=1.0, rank=3)
    assert fig.axes[0].collections[0].get_array().shape[-1] == 6  # 2 × 3 templates
    w.controls["beta"].value = 2.0
    assert "Frobenius" in w.current().alt
    # the numbers in the title are the separation's
    templates = [audio.learn_templates(solo[s], SR, 3, 2.0, max_iter=20)[0]
                 for s in ("piano", "voice")]
    estimates, _ = audio.supervised(piece["mixture"], SR, templates, 2.0, max_iter=20)
    sdr = audio.bss_eval([piece["piano"], piece["voice"]], estimates)[0]
    assert f"piano SDR {sdr[0]:.1f} dB" in w.current().alt


def test_separation_explorer_uses_what_it_is_given_and_rejects_bad_arguments():
    piece, solo = _small_piece(), _small_training()
    freqs, times, _ = audio.stft(piece["mixture"], SR)
    W, H = np.ones((len(freqs), 10)), np.ones((10, len(times)))
    w = audio_widgets.separation_explorer(solo, piece, rank=5, ranks=(5,),
                                          known={(1.0, 5): (W, H, [42.0, 7.0], [1.0, 2.0])})
    assert "piano SDR 42.0 dB" in w.current().alt  # not recomputed
    with pytest.raises(ValueError, match="beta must be one of"):
        audio_widgets.separation_explorer(solo, piece, beta=0.5)
    with pytest.raises(ValueError, match="rank must be one of"):
        audio_widgets.separation_explorer(solo, piece, rank=7)
    with pytest.raises(ValueError, match="mixture"):
        audio_widgets.separation_explorer(solo, {"piano": 1, "voice": 2, "sr": SR})
    with pytest.raises(ValueError, match="10 columns"):
        audio_widgets.separation_explorer(solo, piece, rank=5, ranks=(5,),
                                          known={(1.0, 5): (W[:, :4], H, [0, 0], [0, 0])})
