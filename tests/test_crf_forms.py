"""The CRF's table of word forms (resources/attribution_model_crf_forms.npz): what the tagger would make of each
word form of the training articles, made once by scripts/train_attribution.py and read when a long text brings
many new forms at once. Read or made, a form is the same to the tagger; the shipped table must be the one the
script writes from the shipped model."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reader.analysis import attribution, attribution_crf, crf_numpy, sentences
from reader.analysis.attribution_base import tokenize
from reader.analysis.quotes import quote_spans
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent
REMEDY = "the CRF or its word lists changed without its table of forms: python scripts/train_attribution.py crf-forms"


def _crf(forms: Path | None) -> attribution_crf.CrfAttributor:
    lists = json.loads(attribution_crf.LISTS_PATH.read_text(encoding="utf-8"))
    return attribution_crf.CrfAttributor(attribution_crf.MODEL_PATH, lists, forms)


def _paragraphs() -> list[tuple[list[tuple[int, int, str]], list[int], list[bool]]]:
    out = []
    for path in sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt"))[:20]:
        for p in path.read_text(encoding="utf-8").split("\n"):
            text = attribution.analysis_text(p)
            if text.strip():
                out.append(attribution_crf.paragraph_tokens(text, sentences(text), quote_spans(text), tokenize(text)))
    return out


def test_the_shipped_table_is_what_the_script_writes(tmp_path: Path) -> None:
    if not attribution_crf.MODEL_PATH.exists():
        pytest.skip("no CRF model")
    model = tmp_path / attribution_crf.MODEL_PATH.name
    shutil.copy(attribution_crf.MODEL_PATH, model)
    shutil.copy(attribution_crf.LISTS_PATH, tmp_path / attribution_crf.LISTS_PATH.name)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_attribution.py"), "crf-forms",
                           "--out", str(model)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with np.load(tmp_path / attribution_crf.FORMS_PATH.name) as w, np.load(attribution_crf.FORMS_PATH) as s:
        written, shipped = dict(w), dict(s)
    assert sorted(written) == sorted(shipped) == ["ctx", "cue", "forms", "model", "own", "pid"], REMEDY
    for name in shipped:
        assert shipped[name].dtype == written[name].dtype and np.array_equal(shipped[name], written[name]), \
            f"{name}: {REMEDY}"
    forms = bytes(shipped["forms"]).decode().split("\n")
    assert len(forms) > 10_000 and forms[:3] == [",", ".", "the"]  # the training articles' forms, most frequent first


def test_a_form_read_from_the_table_tags_as_one_made_when_met() -> None:
    read = _paragraphs()
    with_table, without = _crf(attribution_crf.FORMS_PATH), _crf(None)
    assert with_table.fast.read_table() and not with_table.fast.read_table()  # read once
    assert len(with_table.fast.form) > 10_000
    # every form the dev articles bring, from the table or made
    assert np.array_equal(with_table.fast.emissions(read), without.fast.emissions(read))
    names = with_table.model.labels
    got, want = with_table.fast.tag(read), without.fast.tag(read)
    assert [x[0] for x in got] == [x[0] for x in want]
    assert sum(names[i] != "O" for labels, _ in got for i in labels) > 300


def test_a_long_text_reads_the_table_and_a_short_one_does_not() -> None:
    read = _paragraphs()
    crf = _crf(attribution_crf.FORMS_PATH)
    crf.fast.tag(read[:3])  # an article's first paragraphs: a few new forms, each made
    assert not crf.fast.table_read and len(crf.fast.form) < crf_numpy.TABLE_AT
    assert sum(len(toks) for toks, _, _ in read) > 5 * crf_numpy.TABLE_AT
    crf.fast.tag(read)
    assert crf.fast.table_read and len(crf.fast.form) > 10_000


def test_a_table_made_for_another_model_is_not_read(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with np.load(attribution_crf.FORMS_PATH) as z:
        shipped = dict(z)
    shipped["model"] = np.int64(int(shipped["model"]) + 1)
    other = tmp_path / "forms.npz"
    np.savez(other, **shipped)
    crf, without = _crf(other), _crf(None)
    read = _paragraphs()
    assert not crf.fast.read_table()
    assert "made for another model" in caplog.text
    assert np.array_equal(crf.fast.emissions(read), without.fast.emissions(read))
