"""The classroom edition: student notebooks without solutions, graded with nbgrader.

``nmf-classroom release OUT`` writes, for every chapter with exercises, a student
notebook: the chapter's prose and code, each exercise, an answer cell and the
checker cell, and no solution (no prose, no code). ``nmf-classroom grade
SUBMISSIONS --out scores.csv`` runs each ``SUBMISSIONS/<student>/<chapter>.ipynb``
in its own sandbox and checks its answers in the grader (:mod:`.grading`), one row
per student, notebook and exercise. ``nmf-classroom course-book OUT`` builds the course edition of the
book (no solutions) beside the self-study one. ``nmf-classroom mark`` refreshes
the nbgrader marks in the book.

Why nbgrader for the student notebooks: instructors already run it, and its marks
are cell metadata, so the book's pages do not change. Grading is ours
(:mod:`.grading`, :mod:`.sandbox`): nbgrader's autograder runs the answers and the
checks in one kernel, where the answers can change the checks.

How a book exercise is laid out (every chapter follows it), and how it is marked:

1. a markdown cell with an ``{exercise}`` directive and its ``:label:``;
2. a solution region, ``{solution-start} label`` ... ``{solution-end}``, whose
   code cells compute the answer (marked ``nbgrader.solution``; the markdown
   cells in it are the prose of the solution);
3. the checker cell: ``answer = name  # ← your answer here ...`` and then a call
   of ``exercises.check_...(..., answer)`` (marked ``nbgrader.grade`` with the points
   its checker declares: 1 for choosing among statements, 2 for everything else).

For the student, the solution region becomes one answer cell (nbgrader's
solution cell, between ``### BEGIN SOLUTION`` and ``### END SOLUTION``), the
``answer = ...`` line moves into it, and the checker cell keeps only the check.
"""

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

BOOK = Path(__file__).resolve().parents[2] / "book"  # the repository's chapters
EXERCISE = re.compile(r"^[`:]{3,}\{exercise\}.*?^:label:\s*(\S+)", re.M | re.S)
SOLUTION_START = re.compile(r"^[`:]{3,}\{solution-start\}\s*(\S+)", re.M)
SOLUTION_END = re.compile(r"^[`:]{3,}\{solution-end\}", re.M)
ANSWER_LINE = re.compile(r"^answer\s*=\s*(.+?)\s*#\s*←\s*your answer here:?\s*(.*)$")
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def exercises(nb):
    """The exercises of a notebook, in order: dicts with ``label``, ``title``, ``solution``
    (indices of the cells of the solution region, markers included) and ``check``
    (index of the checker cell)."""
    found, current = [], None
    for i, cell in enumerate(nb.cells):
        text = cell.source
        if cell.cell_type == "markdown" and (m := EXERCISE.search(text)):
            title = re.search(r"\{exercise\}[ \t]*(.*)", text).group(1).strip()
            current = {"label": m.group(1), "title": title, "solution": [], "check": None}
            found.append(current)
        if current is None:
            continue
        if cell.cell_type == "markdown" and SOLUTION_START.search(text):
            current["open"] = True
        if current.get("open"):
            current["solution"].append(i)
            if cell.cell_type == "markdown" and SOLUTION_END.search(text):
                current["open"] = False
        elif cell.cell_type == "code" and "exercises.check_" in text and current["check"] is None:
            current["check"] = i
    for ex in found:
        ex.pop("open", None)
        if ex["check"] is None:
            raise ValueError(f"exercise {ex['label']!r} has no checker cell after it")
    return found


CHAPTER_MODULE = re.compile(r"from nmf_ref\.book\.exercises import (ch\d+) as exercises")
CHECKER = re.compile(r"exercises\.(check_\w+)")


def checker(nb, check_source):
    """The checker function a check cell calls: ``exercises.check_...`` of the chapter
    module the notebook imports as ``exercises``."""
    import importlib

    imports = {m.group(1) for c in nb.cells if c.cell_type == "code"
               for m in CHAPTER_MODULE.finditer(c.source)}
    if len(imports) != 1:
        raise ValueError("a chapter must import exactly one checker module, as "
                         "'from nmf_ref.book.exercises import chNN as exercises'; "
                         f"found {sorted(imports) or 'none'}")
    module = importlib.import_module(f"nmf_ref.book.exercises.{imports.pop()}")
    name = CHECKER.search(check_source).group(1)
    if not callable(getattr(module, name, None)):
        raise ValueError(f"{module.__name__} has no checker {name!r}")
    return getattr(module, name)


def points(nb, check_source):
    """The points of a check cell, as its checker declares them (1 for a choice among
    statements, see ``_common._chooses``; 2 for everything else)."""
    from nmf_ref.book.exercises import _common

    return _common.points(checker(nb, check_source))


def mark(nb):
    """Add (or refresh) nbgrader's metadata on the solution and checker cells; returns nb."""
    for ex in exercises(nb):
        for i in ex["solution"]:
            cell = nb.cells[i]
            if cell.cell_type == "code":
                cell.metadata["nbgrader"] = {
                    "grade": False, "locked": False, "schema_version": 3, "solution": True,
                    "grade_id": f"{ex['label']}-solution-{i}", "task": False}
        check = nb.cells[ex["check"]]
        check.metadata["nbgrader"] = {
            "grade": True, "locked": True, "schema_version": 3, "solution": False,
            "grade_id": ex["label"], "points": points(nb, check.source), "task": False}
    return nb


def student_source(nb):
    """nbgrader's source version of a marked chapter: each solution region folded into
    one answer cell, the ``answer = ...`` line moved there from the checker cell."""
    nb = nbformat.from_dict(nb)  # a copy
    drop, answers = set(), {}
    for ex in exercises(nb):
        check = nb.cells[ex["check"]]
        first, _, rest = check.source.partition("\n")
        m = ANSWER_LINE.match(first)
        if not m:
            raise ValueError(f"the checker cell of {ex['label']!r} must start with "
                             "'answer = ...  # ← your answer here'")
        code = [nb.cells[i].source for i in ex["solution"] if nb.cells[i].cell_type == "code"]
        hint = f" to {m.group(2)}" if m.group(2) else ""
        answer = nbformat.v4.new_code_cell(
            f"# Your answer: set `answer`{hint}.\n### BEGIN SOLUTION\n"
            + "\n\n".join(code + [f"answer = {m.group(1)}"]) + "\n### END SOLUTION",
            metadata={"nbgrader": {"grade": False, "locked": False, "schema_version": 3,
                                   "solution": True, "task": False,
                                   "grade_id": f"{ex['label']}-answer"}})
        check.source = rest.strip()
        drop.update(ex["solution"])
        answers[ex["check"]] = answer
    cells = []
    for i, cell in enumerate(nb.cells):
        if i in answers:
            cells.append(answers[i])
        if i not in drop:
            cells.append(cell)
    nb.cells = cells
    return nb


def as_submitted(nb):
    """A submission in the student's form: a book chapter (the answer key: it still
    has its solution regions) is folded as :func:`student_source` folds it."""
    if any(c.cell_type == "markdown" and SOLUTION_START.search(c.source) for c in nb.cells):
        return student_source(mark(nb))  # (a student's form may lack a check cell)
    return nb


def chapters(book=BOOK):
    """The chapters that have exercises, as ``{stem: path}``."""
    return {p.stem: p for p in sorted(Path(book).glob("*.ipynb"))
            if exercises(nbformat.read(p, as_version=4))}


def exercise_table(book=BOOK):
    """Every exercise of the book: ``(chapter, label, title, checker, points, what it
    checks)``, the last being the first line of the checker's docstring."""
    import importlib

    rows = []
    for stem, path in chapters(book).items():
        nb = mark(nbformat.read(path, as_version=4))
        module = importlib.import_module(f"nmf_ref.book.exercises.ch{stem[:2]}")
        for ex in exercises(nb):
            check = nb.cells[ex["check"]]
            name = re.search(r"exercises\.(check_\w+)", check.source).group(1)
            doc = (getattr(module, name, None).__doc__ or "").strip().splitlines()
            rows.append((stem, ex["label"], ex["title"], name,
                         check.metadata["nbgrader"]["points"], doc[0] if doc else ""))
    return rows


def _course(root, book, stems=None):
    """An nbgrader course in ``root``: each chapter (of ``stems``, default all) an
    assignment, generated from the book."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.course_id = "nmf-book"
    config.ClearSolutions.code_stub = {"python": STUB}
    api = NbGraderAPI(config=config)
    for stem, path in chapters(book).items():
        if stems is not None and stem not in stems:
            continue
        folder = root / "source" / stem
        folder.mkdir(parents=True)
        nbformat.write(student_source(mark(nbformat.read(path, as_version=4))),
                       folder / path.name)
        if (Path(book) / "data").is_dir():  # the chapters read book/data/ as data/
            shutil.copytree(Path(book) / "data", folder / "data")
        result = api.generate_assignment(stem)
        if not result["success"]:
            raise RuntimeError(f"nbgrader could not generate {stem}: {result['log']}")
    return api


def release(out, book=BOOK):
    """Write the student notebooks (and the data they read) into ``out``."""
    out = Path(out)
    with tempfile.TemporaryDirectory() as tmp:
        _course(Path(tmp), book)
        for folder in sorted((Path(tmp) / "release").iterdir()):
            shutil.copytree(folder, out, dirs_exist_ok=True)
    return sorted(out.glob("*.ipynb"))


def grade(submissions, out_csv, book=BOOK, time_limit=600, memory_limit=4 * 2**30):
    """Grade ``submissions/<student>/<chapter>.ipynb``, each in its own sandbox; see
    :func:`nmf_ref.book.grading.grade` (this is the same function)."""
    from .grading import grade as run

    return run(submissions, out_csv, book, time_limit, memory_limit)


def executed_notebooks(root=BOOK.parent):
    """Every notebook of the book as the self-study build executed it: ``{name: notebook}``,
    from the build's execution cache (``_build/.jupyter_cache``, see ``_config.yml``).

    Raises ``FileNotFoundError`` if a notebook is not in the cache as it is now (the book
    was not built, or a notebook changed since): build the book first.
    """
    from jupyter_cache import get_cache

    root = Path(root)
    folder = root / "_build" / ".jupyter_cache"
    cache, executed = get_cache(folder), {}
    for path in sorted((root / "book").glob("*.ipynb")):
        try:
            _, executed[path.name] = cache.merge_match_into_file(str(path))
        except KeyError:
            raise FileNotFoundError(f"{folder} holds no execution of {path.name} as it is now: "
                                    "build the self-study book first (the README's first "
                                    "command)") from None
    return executed


def with_outputs(student, executed):
    """Give the cells of ``student`` (a released notebook) the outputs of the same cells
    (same id) in ``executed``, and its widget state; answer and check cells (nbgrader's)
    stay empty, since they are the student's to run. Returns ``student``."""
    done = {cell.id: cell for cell in executed.cells}
    for cell in student.cells:
        if cell.cell_type == "code" and "nbgrader" not in cell.metadata and cell.id in done:
            cell.outputs = done[cell.id].outputs
            cell.execution_count = done[cell.id].execution_count
    if "widgets" in executed.metadata:
        student.metadata["widgets"] = executed.metadata["widgets"]
    return student


def course_book(out, root=BOOK.parent):
    """Build the course edition of the book into ``out``: the student notebooks
    (exercises, answer cells, checks; no solutions) rendered like the self-study
    edition. Nothing is executed again: the pages show the outputs of the self-study
    build (:func:`executed_notebooks`), less those of the answer and check cells,
    which are the student's to run."""
    import subprocess

    import yaml

    root, out = Path(root), Path(out).resolve()
    executed = executed_notebooks(root)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name in ("_toc.yml", "_static_book", "_static_vendor", "book"):
            source = root / name
            if source.is_dir():
                shutil.copytree(source, tmp / name)
            elif source.exists():
                shutil.copy(source, tmp / name)
        for name, nb in executed.items():  # every page as the self-study build ran it
            nbformat.write(nb, tmp / "book" / name)
        for path in release(tmp / "student", root / "book"):
            nb = nbformat.read(path, as_version=4)
            nbformat.write(with_outputs(nb, executed[path.name]), tmp / "book" / path.name)
        config = yaml.safe_load((root / "_config.yml").read_text())
        config["title"] += " (course edition)"
        config["execute"]["execute_notebooks"] = "off"  # shown as the self-study build ran them
        (tmp / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
        jb = Path(sys.executable).parent / "jupyter-book"
        cmd = [str(jb), "build", str(tmp), "--path-output", str(out), "-W", "-n",
               "--keep-going", "--all"]
        subprocess.run(cmd, check=True)
    return out / "_build" / "html"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="nmf-classroom", description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=BOOK, help="the chapters (default: %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("release", help="write the student notebooks").add_argument("out", type=Path)
    g = sub.add_parser("grade", help="grade SUBMISSIONS/<student>/<chapter>.ipynb")
    g.add_argument("submissions", type=Path)
    g.add_argument("--out", type=Path, default=Path("scores.csv"))
    g.add_argument("--time-limit", type=float, default=600,
                   help="seconds per notebook (default: %(default)s)")
    g.add_argument("--memory-limit", type=float, default=4,
                   help="GiB per notebook's kernel (default: %(default)s)")
    sub.add_parser("mark", help="refresh the nbgrader marks in the book's notebooks")
    sub.add_parser("course-book", help="build the course edition (no solutions)").add_argument(
        "out", type=Path, nargs="?", default=Path("_build/course"))
    args = parser.parse_args(argv)
    if args.command == "release":
        written = release(args.out, args.book)
        print(f"{len(written)} student notebooks in {args.out}")
    elif args.command == "grade":
        rows = grade(args.submissions, args.out, args.book, args.time_limit,
                     int(args.memory_limit * 2**30))
        print(f"{len(rows)} scores in {args.out}")
    elif args.command == "course-book":
        print(f"course edition in {course_book(args.out, args.book.parent)}")
    else:
        for path in chapters(args.book).values():
            nbformat.write(mark(nbformat.read(path, as_version=4)), path)
            print(f"marked {path}")


if __name__ == "__main__":
    main()
