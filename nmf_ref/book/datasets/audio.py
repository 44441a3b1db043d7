"""Synthetic audio: piano-like notes, sung vowels, and the two mixed (a generator).

Book: chapter 19 (Audio). No recording ships with the book and nothing is
downloaded, so the sounds are synthesized, with a fixed seed, at a low sample
rate (8 kHz) to keep them small and the chapter fast.

* **Piano** (:func:`piano`): each note is a sum of partials at
  :math:`f_k = k f_0 \\sqrt{1 + B k^2}` (a stiff string's slight
  inharmonicity, :math:`B = 10^{-4}`), amplitudes falling like
  :math:`1/k` with a small random spread, a 3 ms hammer attack, an
  exponential decay that is faster for higher partials and higher notes, and
  a quick damping when the key is released.
* **Voice** (:func:`voice`): a glottal pulse train (all harmonics of the
  pitch, amplitudes :math:`1/k`: the glottal pulse's roll-off and the lips'
  radiation together) through three formant resonances that set the vowel
  (Peterson and Barney's average formants of men; the bandwidths are ours).
  It is synthesized additively, harmonic by harmonic, which is the same thing
  for a periodic source and allows a smooth pitch: glides between notes, a
  5.5 Hz vibrato and a slow random drift.

:func:`mixture` gives the chapter's test piece (the piano's melody
:data:`MELODY` and the singer's line :data:`SONG`, equally loud), and
:func:`training` other music by the same two sources alone, for supervised
separation. NumPy only; the same seed gives the same samples on every machine.
Source: generated here; no licence needed.
"""

import numpy as np

from ..._checks import check_random_state
from .registry import GENERATED, register

SR = 8000  # samples per second: Nyquist at 4 kHz, enough for the first three formants

# (MIDI pitch, onset in s, duration in s): the test piece, 3 s
MELODY = ((76, 0.0, 0.375), (74, 0.375, 0.375), (72, 0.75, 0.375), (74, 1.125, 0.375),
          (76, 1.5, 0.375), (76, 1.875, 0.375), (76, 2.25, 0.375), (79, 2.625, 0.375))
# (MIDI pitch, onset in s, duration in s, vowel)
SONG = ((60, 0.0, 0.75, "a"), (55, 0.75, 0.75, "o"), (57, 1.5, 0.75, "e"),
        (53, 2.25, 0.75, "i"))
# training material: the piano's C major scale over two octaves (3.75 s), the singer's
# five vowels on each semitone from D3 to E4 (15 s)
PIANO_STUDY = tuple((p, 0.25 * i, 0.25) for i, p in
                    enumerate((60, 62, 64, 65, 67, 69, 71, 72, 74, 76, 77, 79, 81, 83, 84)))
VOICE_STUDY = tuple((p, 0.2 * i, 0.2, v) for i, (p, v) in  # every vowel on every pitch
                    enumerate((p, v) for p in range(50, 65) for v in "aeiou"))

# formant frequencies and bandwidths in Hz (F1, F2, F3)
VOWELS = {
    "a": ((730, 90), (1090, 110), (2440, 170)),
    "e": ((530, 70), (1840, 100), (2480, 160)),
    "i": ((270, 60), (2290, 100), (3010, 170)),
    "o": ((570, 80), (840, 90), (2410, 160)),
    "u": ((300, 60), (870, 90), (2240, 150)),
}


def midi_to_hz(pitch):
    """Equal temperament, A4 (MIDI 69) = 440 Hz."""
    return 440.0 * 2.0 ** ((np.asarray(pitch, dtype=float) - 69) / 12)


def note_name(pitch):
    """Scientific pitch notation of a MIDI pitch: 60 → "C4", 70 → "B♭4"."""
    names = ("C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B")
    return f"{names[int(pitch) % 12]}{int(pitch) // 12 - 1}"


def _length(notes, duration, sr):
    end = max(onset + length for _, onset, length, *_ in notes)
    duration = end if duration is None else duration
    if not duration > 0:
        raise ValueError(f"duration must be a positive number of seconds, got {duration!r}.")
    return int(round(duration * sr))


def _check_notes(notes, name, vowels=False):
    if not notes:
        raise ValueError(f"{name} must list at least one note.")
    for note in notes:
        if len(note) != 3 + vowels:
            shape = "(pitch, onset, duration, vowel)" if vowels else "(pitch, onset, duration)"
            raise ValueError(f"each note of {name} must be {shape}, got {note!r}.")
        if note[2] <= 0 or note[1] < 0:
            raise ValueError(f"a note of {name} has a negative onset or a non-positive "
                             f"duration: {note!r}.")
        if vowels and note[3] not in VOWELS:
            raise ValueError(f"vowel must be one of {sorted(VOWELS)}, got {note[3]!r}.")


def piano(notes, duration=None, sr=SR, random_state=0, inharmonicity=1e-4):
    """A piano-like recording of ``notes``, one float array of samples.

    Parameters
    ----------
    notes : sequence of (MIDI pitch, onset s, duration s)
        The key is held for ``duration`` seconds; the damper then silences the
        note within about 50 ms.
    duration : float, optional
        Length of the recording in seconds (default: until the last release).
    sr : int
    random_state : int or RandomState
        Draws the partials' phases and their small amplitude spread.
    inharmonicity : float
        B in :math:`f_k = k f_0 \\sqrt{1 + B k^2}`; 0 gives exact harmonics.
    """
    _check_notes(notes, "notes")
    rng = check_random_state(random_state)
    n = _length(notes, duration, sr)
    t = np.arange(n) / sr
    out = np.zeros(n)
    for pitch, onset, held in notes:
        f0 = float(midi_to_hz(pitch))
        k = np.arange(1, int(0.45 * sr / f0) + 1)
        freqs = k * f0 * np.sqrt(1 + inharmonicity * k**2)
        k, freqs = k[freqs < 0.45 * sr], freqs[freqs < 0.45 * sr]
        amps = rng.uniform(0.8, 1.2, k.size) / k
        phases = rng.uniform(0, 2 * np.pi, k.size)
        tau = 0.9 * (262.0 / f0) ** 0.5 / (1 + 0.4 * (k - 1))  # decay times, s
        s = t[(t >= onset) & (t < onset + held + 0.3)] - onset
        env = np.minimum(s / 0.003, 1.0)[:, None] * np.exp(-s[:, None] / tau)
        env *= np.exp(-np.maximum(s - held, 0) / 0.012)[:, None]  # the damper
        tone = (env * amps * np.sin(2 * np.pi * freqs * s[:, None] + phases)).sum(axis=1)
        start = int(round(onset * sr))
        stop = min(start + tone.size, n)
        out[start:stop] += tone[:stop - start]
    return out


def _smooth(x, sr, seconds):
    """A moving average of ``seconds``, the ends held (for glides and fades)."""
    width = max(int(seconds * sr), 1)
    padded = np.pad(x, (width, width), mode="edge")
    return np.convolve(padded, np.ones(width) / width, mode="same")[width:-width]


def _resonance(f, centre, bandwidth):
    """Magnitude response of one formant (a two-pole resonance, gain 1 at 0 Hz)."""
    sigma, w0, w = np.pi * bandwidth, 2 * np.pi * centre, 2 * np.pi * f
    return (sigma**2 + w0**2) / np.sqrt((sigma**2 + w0**2 - w**2) ** 2 + (2 * sigma * w) ** 2)


def voice(notes, duration=None, sr=SR, random_state=0, vibrato=(5.5, 0.25)):
    """A sung line: vowels on pitches, one float array of samples.

    Parameters
    ----------
    notes : sequence of (MIDI pitch, onset s, duration s, vowel)
        Vowels are keys of :data:`VOWELS`. Consecutive notes glide into each
        other (40 ms); silences fade in and out.
    duration : float, optional
    sr : int
    random_state : int or RandomState
        Draws the vibrato's phase and the slow pitch drift.
    vibrato : (rate in Hz, depth in semitones)
    """
    _check_notes(notes, "notes", vowels=True)
    rng = check_random_state(random_state)
    n = _length(notes, duration, sr)
    t = np.arange(n) / sr
    gate, semitones = np.zeros(n), np.full(n, float(notes[0][0]))
    formants = np.tile(np.array(VOWELS[notes[0][3]], dtype=float), (n, 1, 1))
    for pitch, onset, held, vowel in sorted(notes, key=lambda note: note[1]):
        on = (t >= onset) & (t < onset + held)
        gate[on], semitones[t >= onset] = 1.0, pitch
        formants[t >= onset] = VOWELS[vowel]
    gate = _smooth(_smooth(gate, sr, 0.04), sr, 0.04)
    drift = _smooth(np.cumsum(rng.standard_normal(n)) / sr ** 0.5, sr, 0.2) * 0.1
    rate, depth = vibrato
    semitones = (_smooth(semitones, sr, 0.04) + drift
                 + depth * np.sin(2 * np.pi * rate * t + rng.uniform(0, 2 * np.pi)))
    f0 = midi_to_hz(semitones)
    formants = np.stack([[_smooth(formants[:, j, c], sr, 0.04) for c in (0, 1)]
                         for j in range(3)])  # (formant, centre/bandwidth, sample)
    k = np.arange(1, int(0.45 * sr / f0.min()) + 1)
    freqs = f0[:, None] * k  # every harmonic at every sample
    amps = np.where(freqs < 0.45 * sr, 1.0 / k, 0.0)
    for centre, bandwidth in formants:
        amps = amps * _resonance(freqs, centre[:, None], bandwidth[:, None])
    phase = 2 * np.pi * np.cumsum(f0) / sr
    return gate * (amps * np.sin(phase[:, None] * k)).sum(axis=1)


def _rms(x):
    return float(np.sqrt(np.mean(x**2)))


@register("audio_mixture",
          source="generated here by nmf_ref.book.datasets.audio.mixture (a synthetic piano "
                 "and singer; formants after Peterson and Barney, 1952)", licence=GENERATED)
def mixture(random_state=0, sr=SR):
    """The chapter's test piece: the piano's :data:`MELODY` and the singer's
    :data:`SONG`, 3 s, each scaled to an RMS of 0.1 (equally loud), and their sum.

    ``X`` is the mixture's magnitude spectrogram (frequencies × frames,
    :func:`nmf_ref.book.audio.spectrogram`). Extras: ``mixture``, ``piano``,
    ``voice`` (arrays of the same length, ``mixture = piano + voice`` exactly),
    ``sr``, and ``score`` (``{"piano": MELODY, "voice": SONG}``: what each source
    plays, and when).
    """
    from ..audio import spectrogram

    rng = check_random_state(random_state)
    p = piano(MELODY, 3.0, sr, rng)
    v = voice(SONG, 3.0, sr, rng)
    p, v = 0.1 * p / _rms(p), 0.1 * v / _rms(v)
    x = p + v
    return {"X": spectrogram(x, sr), "mixture": x, "piano": p, "voice": v, "sr": sr,
            "score": {"piano": MELODY, "voice": SONG}}


@register("audio_training",
          source="generated here by nmf_ref.book.datasets.audio.training (the synthetic "
                 "piano and singer of audio_mixture, playing other music)", licence=GENERATED)
def training(random_state=1, sr=SR):
    """Each source alone, playing other music (:data:`PIANO_STUDY`,
    :data:`VOICE_STUDY`), for learning its templates.

    ``X`` is the two magnitude spectrograms side by side (frequencies × frames,
    the piano's first). Extras: ``piano``, ``voice`` (each scaled to an RMS of
    0.1), ``sr``.
    """
    from ..audio import spectrogram

    rng = check_random_state(random_state)
    p = piano(PIANO_STUDY, None, sr, rng)
    v = voice(VOICE_STUDY, None, sr, rng)
    p, v = 0.1 * p / _rms(p), 0.1 * v / _rms(v)
    return {"X": np.hstack([spectrogram(p, sr), spectrogram(v, sr)]), "piano": p, "voice": v,
            "sr": sr}
