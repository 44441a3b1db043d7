"""Small real data sets that ship inside installed packages (nothing is downloaded).

* ``digits``: scikit-learn's 8×8 handwritten digits (UCI ML repository, CC BY 4.0),
  inside the scikit-learn wheel;
* ``faces``: the face images of scikit-image's ``lfw_subset`` (Labeled Faces in
  the Wild, for research use), inside the scikit-image wheel.
"""

from .registry import register


@register("digits",
          source="E. Alpaydin and C. Kaynak, Optical Recognition of Handwritten Digits (UCI "
                 "Machine Learning Repository, 1998), as shipped in scikit-learn "
                 "(sklearn.datasets.load_digits)",
          licence="CC BY 4.0 (UCI Machine Learning Repository)")
def digits():
    """scikit-learn's bundled 8×8 handwritten digits, scaled to [0, 1].

    Book: chapter 1. X is 1797×64 (samples × pixels), the grey levels 0..16
    divided by 16. Extras: ``labels`` (the digit, 0..9), ``image_shape`` (8, 8)
    to reshape a row. No download: the data ships with scikit-learn.
    """
    from sklearn.datasets import load_digits

    data = load_digits()
    return {"X": data.data.astype(float) / 16.0, "labels": data.target.copy(),
            "image_shape": (8, 8)}


@register("faces",
          source="G. B. Huang et al., Labeled Faces in the Wild (University of Massachusetts, "
                 "2007): the faces of scikit-image's skimage.data.lfw_subset()",
          licence="for research use (Labeled Faces in the Wild); shipped in scikit-image "
                  "(BSD-3-Clause)")
def faces(n_faces=100):
    """scikit-image's bundled faces: ``n_faces`` (≤ 100) images of 25×25, one per row.

    Book: chapters 9, 10 and 17. The first 100 images of
    ``skimage.data.lfw_subset()`` are faces from Labeled Faces in the Wild (the
    other 100 are not faces); the array ships inside the scikit-image wheel, so
    nothing is downloaded. Grey levels lie in [0, 1]. Extra: ``image_shape`` (25, 25).
    """
    from skimage.data import lfw_subset

    if not 1 <= n_faces <= 100:
        raise ValueError(f"n_faces must lie in 1..100 (the faces of lfw_subset), got {n_faces!r}.")
    return {"X": lfw_subset()[:n_faces].reshape(n_faces, -1).astype(float),
            "image_shape": (25, 25)}
