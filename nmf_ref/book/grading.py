"""``nmf-classroom grade``: each submission run in its own sandbox, checked in the grader.

For every ``SUBMISSIONS/<student>/<chapter>.ipynb`` (names taken literally, symbolic
links not followed, every file read before any student code runs):

1. the check cells are restored from the book (edited ones replaced, missing ones
   added after their answer cell) and rewritten to record their arguments
   (:func:`nmf_ref.book.sandbox.instrument`);
2. the notebook runs in a fresh folder with limits (:func:`nmf_ref.book.sandbox.run`);
3. the grader calls the real checker on the recorded answer, the other arguments
   (``X``, ``W`` ... the notebook's state) taken from the book's own run of the
   chapter, so that a student who changes ``X`` gains nothing;
4. each exercise scores its declared points or 0, with the checker's hint as
   ``note``; the rows of a notebook are written to the CSV as soon as it is graded,
   and its executed copy and log are kept beside the CSV (``<csv stem>-graded/``).
"""

import ast
import contextlib
import csv
import hashlib
import io
import os
import tempfile
from pathlib import Path

import nbformat

from . import classroom, sandbox

FIELDS = ["student", "notebook", "exercise", "score", "max_score", "note"]


def fingerprint(folders):
    """A digest of every file under ``folders`` (to see whether a run changed them)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def guarded(book):
    """What no notebook may change: the installed package and the book."""
    return [sandbox.PACKAGE, Path(book)]


class Chapter:
    """What the grader knows of a chapter: its exercises, each one's check cell, checker
    and points, and the notebook state its checks read (from the book's own run)."""

    def __init__(self, path, time_limit, memory_limit):
        self.path = Path(path)
        book = classroom.mark(nbformat.read(self.path, as_version=4))
        self.key = classroom.student_source(book)
        self.checks = {}
        for ex in classroom.exercises(book):
            source = book.cells[ex["check"]].source.partition("\n")[2].strip()
            code, call = sandbox.instrument(ex["label"], source)
            self.checks[ex["label"]] = dict(
                code=code, call=call, checker=classroom.checker(book, source),
                points=book.cells[ex["check"]].metadata["nbgrader"]["points"])
        self.limits = time_limit, memory_limit
        self._state = None

    def state(self):
        """The book's own recorded check arguments, by label (run once, when needed)."""
        if self._state is None:
            notebook = graded_notebook(classroom.as_submitted(
                nbformat.read(self.path, as_version=4)), self)
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    _, notes, self._state = sandbox.run(
                        notebook, tmp, self.path.parent / "data", *self.limits,
                        then=lambda folder, probe: {
                            label: sandbox.read_record(folder, label, lambda i: None)  # state only
                            for label in self.checks})
                finally:
                    sandbox.writable(tmp)
            missing = [label for label, rec in self._state.items() if rec is None]
            if missing:
                raise RuntimeError(f"{self.path.name}: the book's own run recorded no "
                                   f"check for {missing} ({notes})")
        return self._state


def graded_notebook(submission, chapter):
    """``submission`` as it is run: a setup cell first, the book's check cells restored
    after their answer cells (and appended when their answer cell is gone), each
    answer cell preceded by a cell that forgets the previous ``answer``."""
    new = nbformat.v4.new_code_cell
    cells, placed = [new("")], set()
    for cell in submission.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id") if isinstance(meta, dict) else None
        if gid in chapter.checks or cell.cell_type not in ("code", "markdown", "raw"):
            continue  # the student's copy of a check cell: the book's replaces it
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        label = gid[:-len("-answer")] if isinstance(gid, str) and gid.endswith("-answer") else None
        if label in chapter.checks and label not in placed:
            cells += [new('globals().pop("answer", None)'), cell,
                      new(chapter.checks[label]["code"])]
            placed.add(label)
        else:
            cells.append(cell)
    cells += [new(c["code"]) for label, c in chapter.checks.items() if label not in placed]
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                  "language": "python"}}
    return nb


def score(chapter, label, record, state):
    """``(score, note)`` of one exercise: the checker called in this process on the
    student's recorded answer and the book's state."""
    check = chapter.checks[label]
    if record is None:
        return 0.0, "no answer recorded (its check cell did not run)"
    (args, kwargs), (book_args, book_kwargs) = record, state or ([], {})
    call, final, named = check["call"], [], {}
    try:
        for i, node in enumerate(call.args):
            value = args[i] if sandbox.from_answer(node) else book_args[i]
            if isinstance(node, ast.Starred):
                if type(value) not in (list, tuple):
                    return 0.0, "Not yet. The answer should be a tuple, as the answer cell shows."
                final += value
            else:
                final.append(value)
        for node in call.keywords:
            named[node.arg] = (kwargs if sandbox.from_answer(node) else book_kwargs)[node.arg]
    except (IndexError, KeyError):
        return 0.0, "Not yet. The check cell's arguments were not all recorded."
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            check["checker"](*final, **named)
    except AssertionError as exc:
        return 0.0, str(exc)
    except Exception as exc:  # a checker meeting an answer it cannot read: still a hint
        return 0.0, f"Not yet. The check could not use this answer ({type(exc).__name__}: {exc})"
    return float(check["points"]), out.getvalue().strip()


def grade_notebook(student, stem, text, chapter, keep, time_limit, memory_limit):
    """The rows of one submitted notebook (``text``, its JSON)."""
    rows = {label: [student, stem, label, 0.0, float(c["points"]), ""]
            for label, c in chapter.checks.items()}
    try:
        submission = classroom.as_submitted(nbformat.reads(text, as_version=4))
        notebook = graded_notebook(submission, chapter)
    except Exception as exc:  # not JSON, not a notebook, a broken exercise layout
        for row in rows.values():
            row[5] = f"could not be read: {type(exc).__name__}: {exc}"[:300]
        return list(rows.values())
    state = chapter.state()

    def check_all(folder, make_probe):
        for label in chapter.checks:
            try:
                record = sandbox.read_record(folder, label, make_probe)
                rows[label][3], rows[label][5] = score(chapter, label, record, state[label])
            except Exception as exc:  # a refused or unreadable record
                rows[label][3], rows[label][5] = 0.0, f"Not yet. {exc}"[:300]
        return True

    with tempfile.TemporaryDirectory() as tmp:
        try:
            executed, notes, _ = sandbox.run(notebook, tmp, chapter.path.parent / "data",
                                             time_limit, memory_limit, then=check_all)
        finally:
            sandbox.writable(tmp)
    keep.mkdir(parents=True, exist_ok=True)
    nbformat.write(executed, keep / f"{stem}.ipynb")
    log = [f"{label}: {row[3]:g}/{row[4]:g} {row[5]}" for label, row in rows.items()]
    (keep / f"{stem}.log").write_text("\n".join(notes + log) + "\n")
    for row in rows.values():
        row[3] = min(max(row[3], 0.0), row[4])  # never more than the exercise is worth
        if notes:
            row[5] = "; ".join(notes + [row[5]]).strip("; ")
    return list(rows.values())


def submitted(submissions):
    """``(student, name, text or None, note)`` for every file of every student folder,
    read now (before any student code runs), in order; names taken literally."""
    found = []
    for folder in sorted(Path(submissions).iterdir()):
        if folder.is_symlink():
            found.append((folder.name, "", None, "a symbolic link: not followed"))
        elif folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix != ".ipynb":
                    continue
                if path.is_symlink() or not path.is_file():
                    found.append((folder.name, path.stem, None,
                                  "a symbolic link or not a file: not followed"))
                else:
                    found.append((folder.name, path.stem, path.read_text(errors="replace"), ""))
    return found


def grade(submissions, out_csv, book=classroom.BOOK, time_limit=600, memory_limit=4 * 2**30):
    """Grade ``submissions/<student>/<chapter>.ipynb`` into ``out_csv``; return the rows.

    Parameters
    ----------
    submissions : Path
        One folder per student, holding the student's notebooks.
    out_csv : Path
        The scores: ``student, notebook, exercise, score, max_score, note``, one row per
        exercise, written as each notebook is graded.
    book : Path
        The chapters (the answer key and the check cells).
    time_limit : float
        Seconds each notebook may run, all cells together.
    memory_limit : int
        Bytes of memory each notebook's kernel may use.
    """
    submissions, out_csv = Path(submissions), Path(out_csv)
    if not submissions.is_dir():
        raise ValueError(f"submissions={str(submissions)!r} is not a folder; give the folder "
                         "holding one folder per student")
    if not time_limit > 0 or not memory_limit > 2**26:
        raise ValueError(f"time_limit={time_limit!r} must be > 0 seconds and "
                         f"memory_limit={memory_limit!r} > 64 MiB")
    known = classroom.chapters(book)
    chapters, rows = {}, []
    before = fingerprint(guarded(book))
    kept = out_csv.with_name(out_csv.stem + "-graded")
    with open(out_csv, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(FIELDS)
        for student, stem, text, note in submitted(submissions):
            if text is None or stem not in known:
                note = note or (f"no chapter is named {stem!r}: rename the notebook to "
                                f"one of {sorted(known)}")
                new = [[student, stem, "", 0.0, 0.0, note]]
            else:
                if stem not in chapters:
                    chapters[stem] = Chapter(known[stem], time_limit, memory_limit)
                new = grade_notebook(student, stem, text, chapters[stem],
                                     kept / student.replace(os.sep, "_"), time_limit,
                                     memory_limit)
            writer.writerows(new)
            f.flush()
            os.fsync(f.fileno())
            rows += new
            if fingerprint(guarded(book)) != before:
                raise RuntimeError(f"{student}/{stem}.ipynb changed the installed nmf_ref or "
                                   "the book; grading stopped: reinstall them, then grade "
                                   "in a container (see the instructors' page)")
    return rows
