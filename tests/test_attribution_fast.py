"""The attribution models' fast paths read the same features as training wrote: the CRF is fed its features
as bytes, without the attributes the model does not know, and tags every word as from the written features."""

from __future__ import annotations

import pytest

from reader.analysis import attribution, attribution_crf, sentences
from reader.analysis.quotes import quote_spans
from tests.conftest import SHARED

TEXT = ("“We will not back down, whatever happens,” the mayor of the city, John Smith, said on Monday, adding "
        "that the plan, which critics call “a disaster”, would go ahead. According to a poll, most voters agree. "
        "PENCE: Well, look, the senator told reporters she plans to vote no.")


def test_crf_features_are_the_written_ones():
    """The features of a short paragraph, as the shipped model was trained on them (they must not change)."""
    text = "Smith said: “No.”"
    toks, sid, inq = attribution_crf.paragraph_tokens(text, sentences(text), quote_spans(text))
    rows = attribution_crf.features(toks, sid, inq, {"said": 0.9, "~said": 0.8})
    assert [w for _, _, w in toks] == ["Smith", "said", ":", "“", "No", ".", "”"]
    assert rows[1] == ["b", "w=said", "st=said", "s3=aid", "sh=a", "lex", "cs=9", "css=8", "p1=smith", "n1=:",
                       "p2=<s>", "n2=“", "ps1=smith", "ns1=:", "psh=Aa", "nsh=:", "p1w=smith|said", "wn1=said|:",
                       "q=0", "first=0", "sent0=1", "dl=x", "dr=x"]
    assert rows[4][-5:] == ["q=1", "first=0", "sent0=1", "dl=3", "dr=x"]
    assert rows[0][5:9] == ["p1=<s>", "n1=said", "p2=<s>", "n2=:"] and rows[6][6] == "n1=</s>"


def _paragraphs() -> list[str]:
    dev = sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt"))[:6]
    out = [TEXT]
    for path in dev:
        out += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    return out


def test_the_tagger_reads_the_written_features():
    crf = attribution_crf.load()
    if crf is None:
        pytest.skip("no CRF model")
    assert crf.keep is not None and b"w=said" in crf.keep and b"w=xyzzy" not in crf.keep
    checked = 0
    for text in _paragraphs():
        toks, sid, inq = attribution_crf.paragraph_tokens(text, sentences(text), quote_spans(text))
        crf.tagger.set(attribution_crf.features(toks, sid, inq, crf.share))
        labels = crf.tagger.tag()
        marg = [crf.tagger.marginal(lab, i) for i, lab in enumerate(labels)]
        assert crf.tag(text, sentences(text), quote_spans(text))[3] == labels
        assert [crf.tagger.marginal(lab, i) for i, lab in enumerate(labels)] == marg
        checked += len(labels)
    assert checked > 1000


def test_role_scores_are_the_same_from_the_grouped_sums():
    """``roles`` sums the features grouped by what they depend on; every word gets the label its features give."""
    model = attribution.load_model()
    assert model is not None
    checked = 0
    for text in _paragraphs()[:20]:
        for s in attribution.block_sentences(text, sentences(text), quote_spans(text)):
            for c0 in range(0, len(s.low), 3):
                labels, _ = model.roles(s, c0, c0 + 1)
                for j, z in enumerate(model.roles_slow(s, c0, c0 + 1)):
                    if z:
                        z = [a + b for a, b in zip(z, model.role_bias, strict=True)]
                        if sorted(z)[-1] - sorted(z)[-2] < 1e-6:
                            continue  # a tie: the order of the additions decides
                        assert labels[j] == model.role_classes[max(range(len(z)), key=z.__getitem__)]
                        checked += 1
    assert checked > 2000
