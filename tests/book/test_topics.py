"""Chapter 18 (topics in text): the Lee corpus loader, NPMI coherence by hand, topic
shares, the figures and the explorer (driven without a kernel); the checkers are tested
in test_exercises_ch18.py."""

import importlib.util
import warnings

import numpy as np
import pytest

pytest.importorskip("sklearn")
pytest.importorskip("matplotlib")
pytest.importorskip("ipywidgets")
if importlib.util.find_spec("gensim") is None:
    pytest.skip("the Lee corpus is read from inside gensim (pip install 'gensim>=4.4,<5')",
                allow_module_level=True)

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import nmf_ref  # noqa: E402
from nmf_ref.book import datasets, topics  # noqa: E402
from nmf_ref.book.datasets import lee  # noqa: E402
from nmf_ref.book.plots import topics as topic_plots  # noqa: E402
from nmf_ref.book.widgets import topics as topic_widgets  # noqa: E402

@pytest.fixture(autouse=True, scope="module")
def one_blas_thread():
    """Small matrices: one BLAS thread is enough, and extra ones contend on a busy machine."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        yield


# apple, banana, cherry in four documents (the chapter's hand-worked example)
D_TOY = np.array([[1, 1, 0], [1, 1, 1], [0, 0, 1], [1, 0, 0]])


@pytest.fixture(scope="module")
def docs():
    return datasets.load("lee").docs


@pytest.fixture(scope="module")
def matrices(docs):
    return topics.document_term_matrices(docs)


# --- the loader ---

def test_lee_background_has_300_articles_in_a_fixed_order(docs):
    assert len(docs) == 300 and all(isinstance(d, str) and d == d.strip() and d for d in docs)
    assert datasets.load("lee").docs == docs  # deterministic: same articles, same order
    assert docs[0].startswith("Hundreds of people have been forced to vacate their homes")
    assert docs[1].startswith("Indian security forces have shot dead eight suspected militants")
    assert lee.corpus_path().endswith("lee_background.cor")
    with open(lee.corpus_path(), encoding="utf-8") as f:
        assert sum(1 for line in f if line.strip()) == 300


def test_loader_does_not_import_gensim():
    import subprocess
    import sys

    code = ("import sys; from nmf_ref.book import datasets; datasets.load('lee'); "
            "print('gensim' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_loader_without_gensim_says_how_to_install(monkeypatch):
    monkeypatch.setattr(lee.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModuleNotFoundError, match="pip install 'gensim"):
        datasets.load("lee").docs


def test_first_words():
    assert lee.first_words("a b c d", 2) == "a b …"
    assert lee.first_words("a b", 5) == "a b"
    with pytest.raises(ValueError, match="n_words"):
        lee.first_words("a b", 0)
    with pytest.raises(TypeError, match="doc must be a string"):
        lee.first_words(["a", "b"])


# --- the matrices ---

def test_document_term_matrices_match_tfidfvectorizer(docs, matrices):
    from sklearn.feature_extraction.text import TfidfVectorizer

    X, C, vocab = matrices
    tv = TfidfVectorizer(stop_words="english", token_pattern=topics.TOKEN_PATTERN,
                         min_df=3, max_df=0.5)
    np.testing.assert_allclose(X, tv.fit_transform(docs).toarray(), rtol=1e-12)
    assert list(vocab) == list(tv.get_feature_names_out())
    assert X.shape == C.shape == (300, len(vocab))
    assert np.array_equal(C, np.round(C)) and (C >= 0).all()
    assert np.array_equal(X > 0, C > 0)
    np.testing.assert_allclose(np.linalg.norm(X, axis=1), 1.0)
    df = (C > 0).sum(axis=0)
    assert df.min() >= 3 and df.max() <= 150
    assert not any(w in vocab for w in ("the", "and", "of"))  # stop words
    assert all(w.isalpha() for w in vocab)


def test_document_term_matrices_rejects_a_string():
    with pytest.raises(TypeError, match="list of strings"):
        topics.document_term_matrices("one long string")


# --- NPMI, by hand ---

def test_npmi_toy_corpus_by_hand():
    # p(apple) = 3/4, p(banana) = p(cherry) = 1/2
    # apple & banana in 2/4: log((1/2) / (3/8)) / -log(1/2) = log2(4/3)
    assert topics.npmi(D_TOY, 0, 1) == pytest.approx(np.log(4 / 3) / np.log(2), abs=1e-15)
    # apple & cherry in 1/4: log((1/4) / (3/8)) / -log(1/4)
    assert topics.npmi(D_TOY, 0, 2) == pytest.approx(np.log(2 / 3) / np.log(4), abs=1e-15)
    # banana & cherry in 1/4 = 1/2 · 1/2: independent
    assert topics.npmi(D_TOY, 1, 2) == pytest.approx(0.0, abs=1e-15)
    # the topic apple > banana > cherry: mean over its three pairs
    want = (np.log2(4 / 3) + np.log(2 / 3) / np.log(4) + 0.0) / 3
    np.testing.assert_allclose(topics.topic_coherence([[3.0, 2, 1]], D_TOY, n_words=3), [want])
    # the two top words only: one pair
    np.testing.assert_allclose(topics.topic_coherence([[3.0, 2, 1]], D_TOY, n_words=2),
                               [np.log2(4 / 3)])


def test_npmi_limits_symmetry_and_counts():
    D = np.array([[1, 1, 0, 1], [1, 1, 0, 1], [0, 0, 1, 1], [0, 0, 1, 1]])
    assert topics.npmi(D, 0, 1) == pytest.approx(1.0)  # always together
    assert topics.npmi(D, 0, 2) == -1.0  # never together
    assert topics.npmi(D, 3, 3) == 1.0  # both in every document
    assert topics.npmi(D_TOY, 2, 0) == topics.npmi(D_TOY, 0, 2)
    assert topics.npmi(3 * D_TOY, 0, 1) == topics.npmi(D_TOY, 0, 1)  # counts → presence
    rng = np.random.RandomState(0)
    R = (rng.uniform(size=(40, 12)) < 0.3).astype(float)
    i, j = np.triu_indices(12, k=1)
    values = topics.npmi(R, i, j)
    assert values.shape == i.shape and (values >= -1).all() and (values <= 1 + 1e-12).all()
    np.testing.assert_allclose(values, [topics.npmi(R, a, b) for a, b in zip(i, j)])


def test_npmi_and_coherence_reject_bad_input():
    with pytest.raises(ValueError, match="non-negative"):
        topics.npmi(-D_TOY, 0, 1)
    with pytest.raises(ValueError, match="2-D"):
        topics.npmi(np.ones(3), 0, 1)
    with pytest.raises(TypeError, match="numbers"):
        topics.npmi(np.array([["a", "b"]]), 0, 1)
    with pytest.raises(ValueError, match="one column per word"):
        topics.topic_coherence(np.ones((2, 4)), D_TOY)
    with pytest.raises(ValueError, match="at least 2"):
        topics.topic_coherence(np.ones((2, 3)), D_TOY, n_words=1)
    with pytest.raises(ValueError, match="n_words"):
        topics.top_words(np.ones((2, 3)), 4)


def test_top_words_order_and_ties():
    H = np.array([[0.1, 0.5, 0.5, 0.2], [3.0, 0.0, 1.0, 2.0]])
    np.testing.assert_array_equal(topics.top_words(H, 3), [[1, 2, 3], [0, 3, 2]])


# --- topic shares ---

def test_topic_shares_rows_sum_to_one_and_ignore_the_scale():
    rng = np.random.RandomState(1)
    W, H = rng.uniform(size=(6, 3)), rng.uniform(size=(3, 5))
    W[2] = 0  # a document with no weight
    W0, H0 = W.copy(), H.copy()
    S = topics.topic_shares(W, H)
    assert np.array_equal(W, W0) and np.array_equal(H, H0)
    np.testing.assert_allclose(S[[0, 1, 3, 4, 5]].sum(axis=1), 1.0)
    assert (S[2] == 0).all()
    c = np.array([0.1, 1.0, 7.0])
    np.testing.assert_allclose(topics.topic_shares(W / c, H * c[:, None]), S)
    # shares are the parts of each row total of WH
    d = 0
    parts = [np.sum(np.outer(W[d, k], H[k])) for k in range(3)]
    np.testing.assert_allclose(S[d], np.array(parts) / (W[d] @ H).sum())
    with pytest.raises(ValueError, match="share r"):
        topics.topic_shares(W, H.T)


# --- fits, and parity with scikit-learn on the Lee tf-idf ---

def test_nmf_ref_matches_sklearn_on_lee_tfidf_and_counts(matrices):
    from sklearn.decomposition import NMF

    X, C, _ = matrices
    for data, solver, beta, k in ((X, "hals", "frobenius", 20),
                                  (C, "mu", "kullback-leibler", 10)):
        W0, H0 = nmf_ref.initialize(data, 5, "nndsvda")
        ours = nmf_ref.nmf(data, 5, solver=solver, beta_loss=beta, W=W0, H=H0,
                           max_iter=k, tol=0)
        sk = NMF(5, init="custom", solver={"hals": "cd"}.get(solver, solver),
                 beta_loss=beta, max_iter=k, tol=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            W_sk = sk.fit_transform(data, W=W0.copy(), H=H0.copy())
        for A, B in ((ours.W, W_sk), (ours.H, sk.components_)):
            np.testing.assert_allclose(A, B, rtol=1e-9, atol=1e-10 * np.abs(B).max())


@pytest.fixture(scope="module")
def small_fits(matrices):
    X, C, _ = matrices
    return topics.fit_topic_models(X, C, (3, 4), models=("frobenius", "kullback-leibler"),
                                   max_iter=30)


def test_fit_topic_models_and_coherence_by_rank(matrices, small_fits):
    X, C, _ = matrices
    assert set(small_fits) == {(m, r) for m in ("frobenius", "kullback-leibler") for r in (3, 4)}
    for (model, r), fit in small_fits.items():
        assert fit.H.shape == (r, X.shape[1]) and fit.W.shape == (300, r)
        assert fit.coherence.shape == (r,) and (np.abs(fit.coherence) <= 1).all()
        np.testing.assert_allclose(fit.coherence, topics.topic_coherence(fit.H, C))
    curves = topics.coherence_by_rank(small_fits)
    assert list(curves) == ["frobenius", "kullback-leibler"]
    ranks, values = curves["frobenius"]
    np.testing.assert_array_equal(ranks, [3, 4])
    assert values[1] == pytest.approx(small_fits[("frobenius", 4)].coherence.mean())
    lda = topics.fit_topic_model("lda", 3, X, C, random_state=0)
    np.testing.assert_allclose(lda.W.sum(axis=1), 1.0)  # LDA's W: topic distributions
    with pytest.raises(ValueError, match="model must be one of"):
        topics.fit_topic_model("pca", 3, X, C)


# --- figures and the explorer ---

def test_plots_return_closed_figures(matrices, small_fits):
    _, _, vocab = matrices
    before = plt.get_fignums()
    fit = small_fits[("frobenius", 4)]
    fig = topic_plots.plot_top_words(fit.H, vocab, 5, coherence=fit.coherence, title="t")
    assert isinstance(fig, Figure) and len(fig.axes) == 4
    ax = fig.axes[0]
    top_down = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in top_down] == list(vocab[topics.top_words(fit.H, 5)[0]])
    assert f"NPMI {fit.coherence[0]:.2f}" in ax.get_title()
    fig = topic_plots.plot_coherence_by_rank(topics.coherence_by_rank(small_fits))
    assert len(fig.axes[0].lines) >= 2
    S = topics.topic_shares(fit.W, fit.H)[:3]
    fig = topic_plots.plot_topic_mix(S, ["a", "b", "c"])
    assert len(fig.axes[0].patches) == 3 * 4
    with pytest.raises(ValueError, match="one label per document"):
        topic_plots.plot_topic_mix(S, ["a"])
    with pytest.raises(ValueError, match="one column per word"):
        topic_plots.plot_top_words(fit.H[:, :5], vocab)
    assert plt.get_fignums() == before


def test_topics_explorer_redraws_on_rank_and_model(matrices, small_fits):
    _, _, vocab = matrices
    w = topic_widgets.topics_explorer(small_fits, vocab, rank=3, model="frobenius")
    assert len(w.frames) == len(small_fits)  # one frame per fit
    fig = w.draw(rank=3, model="frobenius")
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 1 + 3  # coherence by rank, then one panel per topic
    assert "Frobenius" in w.current().alt and "rank 3" in w.current().alt

    w.controls["rank"].value = 4
    assert len(w.draw(rank=4, model="frobenius").axes) == 1 + 4
    assert "rank 4" in w.current().alt

    w.controls["model"].value = "kullback-leibler"
    assert "KL" in w.current().alt
    want = f"{small_fits[('kullback-leibler', 4)].coherence.mean():.3f}"
    assert want in w.current().alt
    assert [v for _, v in w.controls["rank"].options] == [3, 4]


def test_topics_explorer_rejects_what_was_not_fitted(matrices, small_fits):
    _, _, vocab = matrices
    with pytest.raises(ValueError, match="was not fitted"):
        topic_widgets.topics_explorer(small_fits, vocab, rank=10)
    with pytest.raises(ValueError, match="fits is empty"):
        topic_widgets.topics_explorer({}, vocab)
