"""The CRF run in numpy (reader/analysis/crf_numpy.py) labels every word as crfsuite does with the same model,
with the same marginals: short paragraphs tagged together, and a paragraph long enough to run over many rows.
(``benchmarks/crf_same.py`` checks the same over every dev and train article, the corpus and War and Peace.)"""

from __future__ import annotations

import numpy as np
import pytest

from reader.analysis import attribution_crf, crf_numpy, sentences
from reader.analysis.quotes import quote_spans
from tests.conftest import SHARED

TEXT = ("“We will not back down, whatever happens,” the mayor of the city, John Smith, said on Monday, adding "
        "that the plan, which critics call “a disaster”, would go ahead. According to a poll, most voters agree. "
        "PENCE: Well, look, the senator told reporters she plans to vote no.")


def _paragraphs() -> list[str]:
    out = [TEXT, "Smith said: “No.”", "No.", "“Yes,” she said."]
    for path in sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt"))[:8]:
        out += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return out


def _reference(crf: attribution_crf.CrfAttributor, toks: list[tuple[int, int, str]], sid: list[int],
               inq: list[bool]) -> tuple[list[str], np.ndarray]:
    """crfsuite's labels and every label's marginal at every word."""
    crf.tagger.set(attribution_crf.features(toks, sid, inq, crf.share))
    labels = crf.tagger.tag()
    marg = np.array([[crf.tagger.marginal(lab, i) for lab in crf.model.labels] for i in range(len(labels))])
    return labels, marg


@pytest.fixture(scope="module")
def crf() -> attribution_crf.CrfAttributor:
    model = attribution_crf.load()
    if model is None:
        pytest.skip("no CRF model")
    return model


@pytest.mark.parametrize("width", [crf_numpy.NARROW, 64, 96])
def test_numpy_tags_as_crfsuite_paragraphs_together(crf: attribution_crf.CrfAttributor, width: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Paragraphs packed into rows (where they fit, carried over rows otherwise), of several widths."""
    monkeypatch.setattr(crf_numpy, "width", lambda words: width)
    texts = _paragraphs()
    read = [attribution_crf.paragraph_tokens(t, sentences(t), quote_spans(t)) for t in texts]
    got = crf.fast.tag(read)
    assert max(len(r[0]) for r in read) > width  # some paragraphs run over more than one row
    words = tagged = 0
    for (toks, sid, inq), (ids, marg) in zip(read, got, strict=True):
        labels, sure = _reference(crf, toks, sid, inq)
        assert [crf.model.labels[i] for i in ids] == labels
        assert marg is not None and np.abs(marg - sure).max() < 1e-9
        words += len(toks)
        tagged += sum(lab != "O" for lab in labels)
    assert words > 2000 and tagged > 300


@pytest.mark.parametrize("wide", [False, True], ids=["rows", "wide rows"])
def test_numpy_tags_as_crfsuite_one_long_line(crf: attribution_crf.CrfAttributor, wide: bool,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph of thousands of words (a text with no line breaks) runs over many rows, each starting from
    the scores the row before ends with (rows as wide as a long text's, and narrower)."""
    text = " ".join(_paragraphs())
    toks, sid, inq = attribution_crf.paragraph_tokens(text, sentences(text), quote_spans(text))
    assert len(toks) > 10 * crf_numpy.WIDE
    assert crf_numpy.NARROW < crf_numpy.width(len(toks)) < crf_numpy.WIDE == crf_numpy.width(150_000)
    if wide:
        monkeypatch.setattr(crf_numpy, "width", lambda words: crf_numpy.WIDE)
    [(ids, marg)] = crf.fast.tag([(toks, sid, inq)])
    labels, sure = _reference(crf, toks, sid, inq)
    assert [crf.model.labels[i] for i in ids] == labels
    assert marg is not None and np.abs(marg - sure).max() < 1e-9


def test_find_all_is_the_same_one_paragraph_or_many(crf: attribution_crf.CrfAttributor) -> None:
    texts = _paragraphs()[:40]
    items = [(t, sentences(t), quote_spans(t), None) for t in texts]
    many = crf.find_all_many(items)
    assert [crf.find_all(*item) for item in items] == many
    assert sum(len(f) for f in many) > 5


def test_the_model_file_is_read_as_crfsuite_reads_it(crf: attribution_crf.CrfAttributor, tmp_path) -> None:
    info = crf.tagger.info()
    assert sorted(crf.model.labels) == sorted(info.labels)
    names = crf.model.labels
    for (a, b), w in info.transitions.items():  # info() prints 6 decimals
        assert abs(crf.model.trans[names.index(a), names.index(b)] - w) < 1e-6
    some = list(info.state_features.items())[::97]
    for (attr, lab), w in some:
        assert abs(crf.model.weights[crf.model.attrs[attr.encode()], names.index(lab)] - w) < 1e-6
    assert len(crf.model.attrs) == len(info.attributes)
    bad = tmp_path / "model.crfsuite"
    bad.write_bytes(b"not a model" * 10)
    with pytest.raises(ValueError):
        crf_numpy.Model(bad)


def test_clause_words_counted_by_the_tagger_read_as_one_by_one(crf: attribution_crf.CrfAttributor) -> None:
    """The verifier's 'clause=' feature from the tagger's running count of clause words (a look-up per content)
    is the one read word by word."""
    read = [attribution_crf.paragraph_tokens(t, sentences(t), quote_spans(t)) for t in _paragraphs()]
    tagged = crf.fast.tag_codes(read, crf.letters, ("B-Cue", "B-Content", "I-Content"))
    found = 0
    for (toks, sid, inq), (code, marg, clauses) in zip(read, tagged, strict=True):
        if not marg:
            assert clauses == []
            continue
        assert len(clauses) == len(toks) + 1
        counted = attribution_crf.decode(toks, sid, code, marg, inq, crf, crf.join_gap, clauses)
        assert counted == attribution_crf.decode(toks, sid, code, marg, inq, crf, crf.join_gap)
        found += sum(any(f.startswith("clause=N") for f in x.features) for x in counted)
    assert found > 5  # contents without a clause word as well as with
