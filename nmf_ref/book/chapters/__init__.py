"""One front door per chapter topic of Parts III and IV (as libfmp groups its code by chapter).

Each module ``chNN_topic`` imports, from where it lives, every book-layer name that
chapter NN uses, so the chapter imports one module (``from nmf_ref.book.chapters import
ch15_missing_data as chapter``) and a reader sees the chapter's code in one list. The
code itself stays split by idea (``recommend``, ``plots.recommend``, ``widgets.recommend``,
...). Nothing in ``nmf_ref`` imports a door (``tests/book/test_chapter_doors.py``).

* ``ch11_starts``: chapter 11, Starting points and restarts.
* ``ch12_rank``: chapter 12, Choosing the rank.
* ``ch13_losses``: chapter 13, Losses: the β-divergences.
* ``ch14_penalties``: chapter 14, Penalties and sparsity.
* ``ch15_missing_data``: chapter 15, Missing data and recommendations.
* ``ch16_scaling``: chapter 16, Scaling up.
* ``ch17_faces``: chapter 17, Faces: parts, not eigenfaces.
* ``ch18_topics``: chapter 18, Topics in text.
* ``ch19_audio``: chapter 19, Audio: separating sources.
* ``ch20_genomics``: chapter 20, Genomics: leukemia subtypes.
"""
