"""Small real data sets that ship inside installed packages (nothing is downloaded).

* ``digits``: scikit-learn's 8×8 handwritten digits (UCI ML repository, CC BY 4.0),
  inside the scikit-learn wheel;
* ``faces``: the face images of scikit-image's ``lfw_subset`` (Labeled Faces in
  the Wild, for research use), inside the scikit-image wheel.
"""


def digits(scale=True):
    """scikit-learn's bundled 8×8 handwritten digits: ``(X, y)``.

    Book: chapter 1. X is 1797×64 (samples × pixels), grey levels 0..16,
    divided by 16 when ``scale`` so that entries lie in [0, 1]. Reshape a row
    to (8, 8) to see the image. No download: the data ships with scikit-learn.
    """
    from sklearn.datasets import load_digits

    data = load_digits()
    X = data.data.astype(float)
    if scale:
        X /= 16.0
    return X, data.target.copy()


def faces(n_faces=100):
    """scikit-image's bundled faces: ``n_faces`` (≤ 100) images of 25×25, one per row.

    Book: chapter 10 (the race). The first 100 images of
    ``skimage.data.lfw_subset()`` are faces from Labeled Faces in the Wild (the
    other 100 are not faces); the array ships inside the scikit-image wheel, so
    nothing is downloaded. Grey levels lie in [0, 1]. Reshape a row to (25, 25).
    """
    from skimage.data import lfw_subset

    if not 1 <= n_faces <= 100:
        raise ValueError(f"n_faces must lie in 1..100 (the faces of lfw_subset), got {n_faces!r}.")
    return lfw_subset()[:n_faces].reshape(n_faces, -1).astype(float)
