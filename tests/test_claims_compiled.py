"""The claim classifier ships twice: as trained (resources/claims_model.json) and compiled (claims_model.npz,
read when a first text is analysed, without parsing 1 MB of JSON). The compiled file must be the JSON's and
score every sentence the same."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reader.analysis import claims
from reader.analysis.loading import load_arrays
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent
REMEDY = "the JSON changed without its .npz: python scripts/train_claims.py compile"


def _json() -> dict:
    return json.loads(claims.MODEL_PATH.read_text(encoding="utf-8"))


def _same_arrays(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert sorted(a) == sorted(b), REMEDY
    for name in a:
        assert a[name].dtype == b[name].dtype and np.array_equal(a[name], b[name]), f"{name}: {REMEDY}"


def test_the_shipped_compiled_classifier_is_the_shipped_json_compiled():
    assert claims.COMPILED_PATH.exists()
    _same_arrays(load_arrays(claims.COMPILED_PATH), claims.compile_model(_json()))


def test_the_training_script_compiles_a_model_file(tmp_path: Path):
    model_json = tmp_path / "claims.json"
    shutil.copy(claims.MODEL_PATH, model_json)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_claims.py"), "compile", str(model_json)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    _same_arrays(load_arrays(tmp_path / "claims.npz"), claims.compile_model(_json()))


def test_the_compiled_classifier_scores_and_decides_as_the_json_one():
    tsv = SHARED / "data" / "checkworthy" / "CT24_checkworthy_english_dev.tsv"
    if not tsv.exists():
        pytest.skip("the checkworthy data are not beside the project")
    with tsv.open(encoding="utf-8") as fh:
        texts = [r["Text"] for r in csv.DictReader(fh, delimiter="\t")]
    compiled = claims.ClaimModel.from_compiled(load_arrays(claims.COMPILED_PATH))
    ref = claims.ClaimModel(_json())
    assert compiled.weights == ref.weights and compiled.norm_idf == ref.norm_idf
    assert (compiled.threshold, compiled.thresholds, compiled.lowest, compiled.intercept) == \
        (ref.threshold, ref.thresholds, ref.lowest, ref.intercept)
    assert [compiled.score(t) for t in texts] == [ref.score(t) for t in texts]
    verdicts = [claims.classify(t, compiled) for t in texts]
    assert verdicts == [claims.classify(t, ref) for t in texts]
    assert sum(v is not None for v in verdicts) > 100
    shipped = claims.load_model()
    assert shipped is not None and shipped.weights == ref.weights  # what the analysis loads
