"""The linear attribution models ship twice: as trained (resources/attribution_model.json, weights by feature
string) and compiled (attribution_model.npz, the tables the analysis reads, so that no 4 MB of JSON is parsed
when a first text is analysed). The compiled file must be the JSON's, and read to the same findings."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reader.analysis import attribution, sentences
from reader.analysis.loading import load_arrays
from reader.analysis.quotes import quote_spans
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent


def _from_json() -> attribution.AttributionModel:
    return attribution.AttributionModel(json.loads(attribution.MODEL_PATH.read_text(encoding="utf-8")))


REMEDY = "the JSON changed without its .npz: python scripts/train_attribution.py compile"


def _same_arrays(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert sorted(a) == sorted(b), REMEDY
    for name in a:
        assert a[name].dtype == b[name].dtype and np.array_equal(a[name], b[name]), f"{name}: {REMEDY}"


def test_the_shipped_compiled_model_is_the_shipped_json_compiled():
    """Retrained without compiling (or compiled from another JSON), the app would read other models than
    the JSON it ships: scripts/train_attribution.py writes both."""
    assert attribution.COMPILED_PATH.exists()
    _same_arrays(load_arrays(attribution.COMPILED_PATH), attribution.compile_model(_from_json()))


def test_the_training_script_compiles_a_model_file(tmp_path: Path):
    """``train_attribution.py compile FILE`` writes FILE's .npz beside it: the arrays the app reads, from
    which the model is the one read from FILE."""
    model_json = tmp_path / "model.json"
    shutil.copy(attribution.MODEL_PATH, model_json)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_attribution.py"), "compile", str(model_json)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    written = load_arrays(tmp_path / "model.npz")
    _same_arrays(written, attribution.compile_model(_from_json()))
    model = attribution.AttributionModel.from_compiled(written, model_json)
    assert model.cue_vocab == _from_json().cue_vocab and model.verify_w == _from_json().verify_w
    # the weights by string are read from the JSON only when asked for (the slow references, training)
    assert model._role_w is None and model.role_w == _from_json().role_w and model._cue_w is not None


def _paragraphs() -> list[str]:
    out = []
    for path in sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt"))[:8]:
        out += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    if not out:
        pytest.skip("the attribution data are not beside the project")
    return out


def test_the_app_reads_the_compiled_model_to_the_same_scores_and_findings():
    """The model the analysis loads comes from the compiled file, and gives every cue word, every word's role
    and every paragraph's attributions exactly as the model read from the JSON does."""
    shipped = attribution.load_model()
    assert shipped is not None and shipped._source == attribution.MODEL_PATH  # read from the compiled file
    loaded = attribution.AttributionModel.from_compiled(load_arrays(attribution.COMPILED_PATH), attribution.MODEL_PATH)
    ref = _from_json()
    paragraphs = _paragraphs()
    sents = [s for text in paragraphs for s in attribution.block_sentences(text, sentences(text), quote_spans(text))]
    assert loaded.cue_tables.probs(sents) == ref.cue_tables.probs(sents)
    items = [(s, c0, c0 + 1 + c0 % 2) for s in sents for c0 in range(0, len(s.low) - 1, 4)]
    assert len(items) > 500
    assert loaded.tables.roles_many(loaded, items) == ref.tables.roles_many(ref, items)
    reads = [(t, sentences(t), quote_spans(t), None) for t in paragraphs]
    found = attribution.find_linear(reads, loaded)
    assert found == attribution.find_linear(reads, ref)
    assert sum(len(fs) for para in found for _, fs in para) > 50
    assert loaded._role_w is None  # nothing above needed the JSON
