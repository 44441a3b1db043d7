"""Checks of the scalar and option arguments (rank, loss, choices, numbers, seeds),
shared by every public entry point of :mod:`nmf_ref`; :mod:`nmf_ref._checks` checks the
arrays and re-exports these.

Each check names the argument it rejects and says how to fix it.
"""

import numbers

import numpy as np


BETA_NAMES = {"frobenius": 2.0, "kullback-leibler": 1.0, "itakura-saito": 0.0}


def check_rank(rank, shape=None):
    """``rank`` must be a positive integer (bool is rejected).

    Parameters
    ----------
    rank : int
        The number of components r.
    shape : tuple of int, default=None
        X's shape; accepted for the callers' convenience, not read.

    Returns
    -------
    int
        ``rank`` as a Python int.
    """
    if isinstance(rank, bool) or not isinstance(rank, numbers.Integral):
        raise TypeError(f"rank must be a positive integer, got {rank!r}.")
    if rank < 1:
        raise ValueError(f"rank must be a positive integer, got {rank}.")
    return int(rank)


def check_beta(beta_loss):
    """Return the β of the β-divergence as a float.

    Parameters
    ----------
    beta_loss : {"frobenius", "kullback-leibler", "itakura-saito"} or float
        A name (β = 2, 1, 0) or β itself.

    Returns
    -------
    float
        β.

    Raises
    ------
    ValueError
        If ``beta_loss`` is an unknown name, or a number that is not finite.
    TypeError
        If ``beta_loss`` is neither a string nor a real number (a bool is refused).
    """
    if isinstance(beta_loss, str):
        if beta_loss not in BETA_NAMES:
            raise ValueError(
                f"beta_loss must be one of {sorted(BETA_NAMES)} or a number, "
                f"got {beta_loss!r}."
            )
        return BETA_NAMES[beta_loss]
    if isinstance(beta_loss, bool) or not isinstance(beta_loss, numbers.Real):
        raise TypeError(f"beta_loss must be a string or a real number, got {beta_loss!r}.")
    if not np.isfinite(beta_loss):
        raise ValueError(f"beta_loss must be finite, got {beta_loss!r}.")
    return float(beta_loss)


def check_choice(value, name, choices, aliases=None, hint=""):
    """``value`` if it is one of ``choices`` (after mapping ``aliases``), else a ValueError.

    The names themselves live beside what they name: solvers in
    :data:`nmf_ref.rules.RULES`, initializations in :data:`nmf_ref.init.INITS`.

    Parameters
    ----------
    value : object
        The user's choice.
    name : str
        The argument's name, for the message.
    choices : iterable
        The allowed (canonical) values.
    aliases : dict, default=None
        Other spellings, mapped to their canonical value (only a string ``value`` is mapped).
    hint : str, default=""
        Appended to the error message.

    Returns
    -------
    object
        The canonical value.

    Raises
    ------
    ValueError
        If ``value`` (after ``aliases``) is not in ``choices``.
    """
    aliases = aliases or {}
    canonical = aliases.get(value, value) if isinstance(value, str) else value
    if canonical not in choices:
        also = "".join(f" (or {a!r}, an alias of {c!r})" for a, c in aliases.items())
        raise ValueError(f"{name} must be one of {list(choices)}{also}{hint}, got {value!r}.")
    return canonical


def check_nonnegative_number(value, name, *, integer=False, positive=False):
    """``value`` if it is a finite number >= 0 (> 0 if ``positive``), else an error naming ``name``.

    Parameters
    ----------
    value : int or float
        The number to check (a bool is refused).
    name : str
        The argument's name, for the messages.
    integer : bool, default=False
        Require a whole number (``numbers.Integral``).
    positive : bool, default=False
        Refuse zero too.

    Returns
    -------
    int or float
        ``value``, unchanged.
    """
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TypeError(f"{name} must be a{' whole' if integer else ''} number, got {value!r}.")
    if not np.isfinite(value) or value < 0 or (positive and value == 0):
        bound = "positive" if positive else "non-negative"
        raise ValueError(f"{name} must be {bound} and finite, got {value!r}.")
    return value


def check_random_state(seed):
    """What scikit-learn's ``check_random_state`` does, without importing it.

    None gives NumPy's global RandomState, an int a fresh ``RandomState(seed)``,
    and a RandomState is used as is. Matching it is what makes ``init="random"``
    draw exactly scikit-learn's numbers.

    Parameters
    ----------
    seed : None, int or np.random.RandomState
        The seed (``np.random`` itself counts as None).

    Returns
    -------
    np.random.RandomState
        The generator to draw from.
    """
    if seed is None or seed is np.random:
        return np.random.mtrand._rand
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return np.random.RandomState(seed)
    if isinstance(seed, np.random.RandomState):
        return seed
    raise TypeError(
        f"random_state must be None, an int or a np.random.RandomState, got {seed!r}."
    )
