"""nmf_ref.book.classroom: the student notebooks hold no solution, every chapter is
gradable (without running it; tests/book/test_grading.py runs the grader on a tiny
course), and the course edition of the book shows no solution."""

import html
import re
from pathlib import Path

import nbformat
import pytest

from nmf_ref.book import classroom

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = classroom.chapters()


def solution_lines(path):
    """Lines of the chapter's solutions (prose and code) that appear nowhere else in it."""
    nb = nbformat.read(path, as_version=4)
    inside = {i for ex in classroom.exercises(nb) for i in ex["solution"]}
    elsewhere = {line.strip() for i, c in enumerate(nb.cells) if i not in inside
                 for line in c.source.splitlines()}
    lines = {line.strip() for i in inside for line in nb.cells[i].source.splitlines()}
    return {line for line in lines - elsewhere  # a bare name (the cell's echo) is no leak
            if len(line) >= 12 and "{solution" not in line and not line.startswith("```")
            and not line.isidentifier()}


def test_every_chapter_with_exercises_is_found_and_each_exercise_is_whole():
    assert len(CHAPTERS) >= 9
    for stem, path in CHAPTERS.items():
        for ex in classroom.exercises(nbformat.read(path, as_version=4)):
            assert ex["solution"], f"{stem}: {ex['label']} has no solution region"
            assert ex["check"] > max(ex["solution"]), f"{stem}: {ex['label']}"


def test_marks_are_what_nbgrader_reads():
    nb = classroom.mark(nbformat.read(CHAPTERS["02_worked_example"], as_version=4))
    grades = [c.metadata["nbgrader"] for c in nb.cells
              if c.metadata.get("nbgrader", {}).get("grade")]
    assert [g["grade_id"] for g in grades] == [ex["label"] for ex in classroom.exercises(nb)]
    assert all(g["locked"] and g["points"] in (1, 2) and g["schema_version"] == 3
               for g in grades)


def test_student_source_folds_each_solution_into_one_answer_cell():
    book = nbformat.read(CHAPTERS["02_worked_example"], as_version=4)
    student = classroom.student_source(classroom.mark(book))
    answers = [c for c in student.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert len(answers) == len(classroom.exercises(book))
    assert all("### BEGIN SOLUTION" in c.source and "\nanswer = " in c.source for c in answers)
    assert not any("{solution" in c.source for c in student.cells)
    checks = [c.source for c in student.cells if "exercises.check_" in c.source]
    assert checks and not any(s.startswith("answer =") for s in checks)


def test_a_checker_cell_without_its_answer_line_is_refused():
    nb = classroom.mark(nbformat.read(CHAPTERS["02_worked_example"], as_version=4))
    check = nb.cells[classroom.exercises(nb)[0]["check"]]
    check.source = check.source.partition("\n")[2]
    with pytest.raises(ValueError, match="must start with 'answer = ..."):
        classroom.student_source(nb)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("release")
    return {p.stem: p for p in classroom.release(out)}


@pytest.mark.book
def test_release_writes_every_chapter_and_leaks_no_solution_line(released):
    assert set(released) == set(CHAPTERS)
    for stem, path in CHAPTERS.items():
        text = "\n".join(c.source for c in nbformat.read(released[stem], as_version=4).cells)
        lines = {line.strip() for line in text.splitlines()}
        leaked = sorted(solution_lines(path) & lines)
        assert not leaked, f"{stem}: {leaked[:3]}"
        assert text.count("raise NotImplementedError()") == len(
            classroom.exercises(nbformat.read(path, as_version=4)))


@pytest.mark.parametrize("stem", sorted(CHAPTERS))
def test_every_chapter_is_gradable_without_running_it(stem):
    """The grader can rewrite every check cell, restore it in the student's notebook,
    knows each exercise's declared points, and scores what an untouched notebook
    yields (no answer, or None) zero with a hint, not a traceback. (That the book's
    own solutions pass their checkers, nbval shows by running every chapter.)"""
    from nmf_ref.book import grading

    chapter = grading.Chapter(CHAPTERS[stem], time_limit=1, memory_limit=2**30)
    student = classroom.student_source(classroom.mark(nbformat.read(CHAPTERS[stem],
                                                                    as_version=4)))
    restored = "\n".join(c.source for c in grading.graded_notebook(student, chapter).cells)
    for label, check in chapter.checks.items():
        assert check["points"] in (1, 2) and restored.count(check["code"]) == 1, label
        assert grading.score(chapter, label, None, None) == (
            0.0, "no answer recorded (its check cell did not run)")
        n = len(check["call"].args)
        nothing = ([None] * n, dict.fromkeys((k.arg for k in check["call"].keywords)))
        points, note = grading.score(chapter, label, nothing, nothing)
        assert points == 0 and note.startswith("Not yet."), (label, note)


def spaced(text):
    """``text`` with its punctuation spaced and its whitespace collapsed, so that a code
    line compares with its rendering whatever the page's markup split it into."""
    return " ".join(re.sub(r"([^\w\s])", r" \1 ", text).split())


def page_text(path):
    """The page's text, tags dropped, :func:`spaced`."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", path.read_text(), flags=re.S)
    return spaced(html.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.mark.book
def test_course_edition_shows_no_solution(built_book, tmp_path):
    """Each line of solution code is shown on the self-study page more often than on the
    course page (a line may also appear outside the solution, e.g. in nmf_ref source
    the chapter displays: then both pages show that copy)."""
    course = classroom.course_book(tmp_path / "course")
    for stem, path in CHAPTERS.items():
        ours = page_text(built_book / "book" / f"{stem}.html")
        theirs = page_text(course / "book" / f"{stem}.html")
        code = [spaced(line) for line in solution_lines(path)
                if re.fullmatch(r"[\w\[\], ().=*@+\-/:'\"]+", line) and "=" in line]
        code = [line for line in code if line in ours]  # rendered as written
        assert code, f"{stem}: no solution line to look for"
        shown = [line for line in code if theirs.count(line) >= ours.count(line)]
        assert not shown, f"{stem}: the course edition shows {shown[:3]}"
        assert "Solution to" in ours and "Solution to" not in theirs, stem


@pytest.mark.parametrize("stem", sorted(CHAPTERS))
def test_the_book_carries_its_nbgrader_marks(stem):
    """The marks are committed (run `nmf-classroom mark` after editing an exercise)."""
    nb = nbformat.read(CHAPTERS[stem], as_version=4)
    before = [c.metadata.get("nbgrader") for c in nb.cells]
    assert [c.metadata.get("nbgrader") for c in classroom.mark(nb).cells] == before


def test_points_are_declared_by_the_checker_not_guessed_from_the_cell():
    """A checker that asks for the letter of a statement declares 1 point; every other
    checker is worth 2, whatever hint its check cell's first line shows."""
    import inspect

    from nmf_ref.book.exercises import _common

    for stem, path in CHAPTERS.items():
        nb = nbformat.read(path, as_version=4)
        for ex in classroom.exercises(nb):
            source = nb.cells[ex["check"]].source
            func = classroom.checker(nb, source)
            chooses = "_choice(" in inspect.getsource(func) or "letter" in inspect.signature(
                func).parameters
            assert _common.points(func) == (1 if chooses else 2), f"{stem}: {ex['label']}"
            assert classroom.points(nb, source) == _common.points(func)
    nb = nbformat.read(CHAPTERS["02_worked_example"], as_version=4)
    check = nb.cells[classroom.exercises(nb)[0]["check"]].source
    hinted = check.replace("# ← your answer here", '# ← your answer here: "a", "b" or "c"')
    assert classroom.points(nb, hinted) == 2


def test_a_chapter_without_its_checker_module_is_refused():
    nb = nbformat.read(CHAPTERS["02_worked_example"], as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace("import ch02 as exercises", "import ch02")
    with pytest.raises(ValueError, match="exactly one checker module"):
        classroom.mark(nb)
