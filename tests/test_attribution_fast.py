"""The attribution models' fast paths read the same features as training wrote: the CRF is fed its features
as bytes, without the attributes the model does not know, and tags every word as from the written features."""

from __future__ import annotations

import pytest

from reader.analysis import attribution, attribution_crf, role_tables, sentences
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


def test_role_scores_of_many_cues_at_once_are_each_cues_own():
    """``roles_many`` scores the words of many cues of many sentences together (long sentences' windows and
    two-word cues among them): each cue's labels and margins are the ones it gets on its own."""
    model = attribution.load_model()
    assert model is not None
    items = []
    for text in _paragraphs():
        for s in attribution.block_sentences(text, sentences(text), quote_spans(text)):
            for c0 in range(0, len(s.low) - 1, 3):
                items.append((s, c0, c0 + 1 + c0 % 2))
            if len(s.low) > 30:
                items.append((s.window(5, 25), 3, 4))
    together = model.tables.roles_many(model, items)
    alone = [model.roles(s, c0, c1) for s, c0, c1 in items]
    assert together == alone
    assert len(items) > 600 and sum(lab.count("S") for lab, _ in together) > 100
    assert all(lab[c0:c1] == "C" * (c1 - c0) for (_, c0, c1), (lab, _) in zip(items, together, strict=True))


@pytest.mark.parametrize("chunk", [1, 50, 1 << 30])
def test_role_scores_are_the_same_whatever_the_runs_the_cues_are_scored_in(monkeypatch, chunk):
    """``roles_many`` scores the cues a run of about ``role_tables.CHUNK`` words at a time: one cue a run, a few,
    or all in one, each cue's labels and margins are the ones it gets on its own."""
    model = attribution.load_model()
    assert model is not None
    items = [(s, c0, c0 + 1) for text in _paragraphs()[:40]
             for s in attribution.block_sentences(text, sentences(text), quote_spans(text))
             for c0 in range(0, len(s.low) - 1, 4)]
    alone = [model.roles(s, c0, c1) for s, c0, c1 in items]
    monkeypatch.setattr(role_tables, "CHUNK", chunk)
    assert model.tables.roles_many(model, items) == alone
    assert len(items) > 100 and sum(len(s.low) for s, _, _ in items) > 50 * 4


def test_cue_probabilities_are_those_of_the_written_features():
    """``cue_prob`` looks each weight up by the feature's parts: the same sum as over ``cue_features``' strings,
    to the last bit, for every word of the dev paragraphs (cue words or not)."""
    model = attribution.load_model()
    assert model is not None
    checked = 0
    for text in _paragraphs():
        for s in attribution.block_sentences(text, sentences(text), quote_spans(text)):
            for i in range(len(s.low)):
                assert model.cue_prob(s, i) == model.cue_prob_slow(s, i), (s.low[i], i)
                checked += s.low[i] in model.cue_vocab
    assert checked > 50


def test_a_candidate_cue_word_is_found_where_the_words_would_find_it():
    """``has_candidate`` searches for a word of the cue vocabulary (a tree of its letters, whole words only)
    instead of making every word: the same answer as the words made and looked up, for every sentence of the
    dev paragraphs and for the edges a word can have (apostrophes, hyphens, underscores, digits, a mark, the
    sentence's own ends inside its paragraph)."""
    model = attribution.load_model()
    assert model is not None
    assert {"said", "according", ":", "didn’t", "co-sponsored"} <= model.cue_vocab and "sai" not in model.cue_vocab
    cases = ["he 'said' it", "un-said", "said-", "-said", "said’", "’said", "co-sponsored", "co-sponsored-x",
             "said_", "_said", "said2", "says.", "saying", "SAID", "didn't", "didn’t go", "isn’tx", "x:y", "(said)",
             "sai", "", "  ", "told,said", "the cat sat", "Said", "a b c"]
    asked = found = 0
    for text in [*cases, *_paragraphs()]:
        low = text.lower() if len(text.lower()) == len(text) else text
        spans = [(0, len(low)), (1, len(low)), (0, max(0, len(low) - 1)), *sentences(text)]
        for a, b in spans:
            got = model.has_candidate(low, a, b)
            assert got == model.has_candidate_slow(low, a, b), (low[a:b], got)
            asked += 1
            found += got
    assert asked > 300 and 100 < found < asked
    assert attribution.candidate_pattern(frozenset()).search("said") is None
    assert attribution.candidate_pattern(frozenset({"say", "says", ":"})).findall("says say: sayer") == \
        ["says", "say", ":"]



def test_the_candidate_words_read_from_runs_of_letters_answer_as_the_pattern():
    """``has_candidate`` reads a sentence's runs of letters a-z and looks for the words of those runs
    (``_Candidates``): the pattern's answer on words with marks, digits, other letters and underscores around
    them; a vocabulary with a word of no letters a-z is searched for with the pattern."""
    vocab = frozenset({"say", "says", "don’t", "co-sponsored", "o'clock", ":", "à-propos"})
    words = attribution._Candidates.of(vocab)
    assert words is not None
    pattern = attribution.candidate_pattern(vocab)
    cases = ["says", "sayé", "ésay", "say2", "2say", "say_", "_say", "say-so", "say’", "’say", "“say”", "(say)",
             "don’t", "don’tx", "don't", "don", "co-sponsored", "co-sponsoreds", "xco-sponsored", "o'clock",
             "o’clock", "à-propos", "x:y", "nothing", "", "essay says", "sayssay say"]
    for text in cases:
        assert words.in_text(text) == (pattern.search(text) is not None), text
    assert attribution._Candidates.of(frozenset({"said", "42"})) is None


def test_cue_probabilities_of_many_sentences_at_once_are_each_words_own():
    """``CueTables.probs`` scores every candidate cue word of many sentences together (windows of long
    sentences, sentences opening a paragraph, quoted words among them): each word's probability is the one
    ``cue_prob`` gives it, to the last bit, and only the words of the cue vocabulary are scored."""
    model = attribution.load_model()
    assert model is not None
    sents = []
    for text in _paragraphs():
        got = attribution.block_sentences(text, sentences(text), quote_spans(text))
        sents += got
        sents += [s.window(2, 12) for s in got if len(s.low) > 14]
    together = model.cue_tables.probs(sents)
    alone = [[(i, model.cue_prob(s, i)) for i, w in enumerate(s.low) if w in model.cue_vocab] for s in sents]
    assert together == alone
    assert sum(map(len, alone)) > 150
    assert sum(p >= model.cue_threshold for probs in alone for _, p in probs) > 40
    assert any(s.in_quote[i] for s, probs in zip(sents, alone, strict=True) for i, _ in probs)
    assert model.cue_tables.probs([]) == [] and model.cue_tables.probs([*sents[:1], sents[0].window(0, 0)])[1] == []


def test_word_numbers_forgotten_or_never_read_are_read_again(monkeypatch):
    """The tables gather word and shape ids by the words' numbers (``forms``): sentences made before the
    numbers were forgotten, after, or made without them score as the same sentences made now."""
    from reader.analysis import forms

    model = attribution.load_model()
    assert model is not None

    def made() -> list[attribution.Sentence]:
        return [s for text in _paragraphs()[:15]
                for s in attribution.block_sentences(text, sentences(text), quote_spans(text))]

    def scores(sents: list[attribution.Sentence]) -> tuple[object, object]:
        items = [(s, c0, c0 + 1) for s in sents for c0 in range(0, len(s.low), 4)]
        return model.cue_tables.probs(sents), model.tables.roles_many(model, items)

    before = made()
    want = scores(before)
    monkeypatch.setattr(forms.Forms, "MAX", 0)
    forms.FORMS.trim()  # every number forgotten: the next forms are numbered from 0 again
    monkeypatch.undo()
    assert before[0].fgen != forms.FORMS.generation and len(forms.FORMS.low) == 0
    forms.FORMS.numbers(["“", "Said", "said", ",", "told", "The", "according"])  # numbered otherwise now
    after = made()
    plain = [attribution.Sentence(s.toks, s.low, s.shape, s.in_quote, s.para_start) for s in before]
    assert scores(after) == want and scores(before) == want and scores(plain) == want
    assert sum(map(len, want[0])) > 50


def test_verifier_features_are_the_written_ones():
    """The verifier's features of an attribution, as the shipped model was trained on them (they must not
    change): with a known name as its source, and with none."""
    text = "Smith said the plan will work, “in time.”"
    s = attribution.Sentence.make(text, 0, len(text), quote_spans(text), True)
    assert attribution.verify_features(s, 1, 2, (2, 10), (0, 1), 0.93, frozenset({"smith"})) == [
        "b", "p9", "cue=said", "cue|p9", "cs=R", "clen=R8", "cgap=R0", "cq=Rq1", "cprev=Rsaid", "cfirst=the",
        "cfsh=a", "cend=RM", "cue|cs=saidR", "cue|cq=saidq1", "cue|cprev=said|said", "pb|cs=p9R", "cueq=False",
        "sq=2", "para0=True", "cp1=smith", "cn1=the", "clause=VRq1", "cue|clause=saidV", "clause|len=V8",
        "src=name", "src|p9=name", "src|cue=name|said", "sside=L1", "sside|kind=Lname", "slen=1", "shead=smith",
        "sfirst=smith", "sprev=<s>", "snext=said", "scap=1", "sfsh=Aa", "src|cs=nameRL", "sknown=K",
        "sknown|kind=Kname", "sknown|p9=K"]
    assert attribution.verify_features(s, 1, 2, (2, 6), None, 0.04)[-6:] == [
        "clause=VRq0", "cue|clause=saidV", "clause|len=V5", "src=none", "src=none|p0l", "src=none|said"]


def test_verifier_probabilities_are_those_of_the_written_features():
    """The linear models' findings are scored from the verifier's feature keys, each weight looked up once per
    key (``verify_prob_keys``): the same features, in the same order, and the same probability to the last bit
    as ``verify_prob`` over the features' names, for every cue of 30 dev articles."""
    model = attribution.load_model()
    assert model is not None and model.verify_w
    checked = kept = 0
    dev = sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt"))[:30]
    for text in [p for path in dev for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]:
        for s in attribution.block_sentences(text, sentences(text), quote_spans(text)):
            items = attribution.cue_items(s, model)
            roles = model.tables.roles_many(model, [(w, c0, c1) for w, c0, c1, _ in items])
            for (w, c0, c1, p), r in zip(items, roles, strict=True):
                ref = attribution.decode(w, c0, c1, *r, p=p, heads=model.source_heads)
                got = attribution._decided(model, (w, c0, c1, p), r, 0.0)
                assert (got is None) == (ref is None)
                if got is None or ref is None:
                    continue
                assert got.features == ref.features
                assert got.score == model.verify_prob(ref.features)
                assert (got.content, got.source, got.cue, got.cue_text) == (ref.content, ref.source, ref.cue,
                                                                              ref.cue_text)
                checked += 1
                kept += got.score >= model.verify_threshold
    assert checked > 300 and 0 < kept < checked


def test_runs_of_labels_bridge_short_gaps():
    from reader.analysis.attribution import _runs

    assert _runs("OTTOTOOOTSTT", "T", gap=2) == [(1, 5), (8, 12)]
    assert _runs("OTTOTOOOTSTT", "T", gap=3) == [(1, 12)]
    assert _runs("SSOS|S", "S", gap=0) == [(0, 2), (3, 4), (5, 6)]
    assert _runs("", "S", gap=1) == [] and _runs("OOO", "T", gap=2) == []


def test_the_combination_of_the_two_models_looks_only_near_each_finding():
    """``_Again`` and ``_extend_by`` (by bisection: a one-line text holds thousands of findings) decide as
    the pairwise tests do, on random findings; the CRF decoder's nearest cue and source too."""
    import random

    from reader.analysis.attribution import _Again, _extend_by, _same
    from reader.analysis.attribution_base import Found
    from reader.analysis.attribution_crf import _nearest, _nearest_start

    rnd = random.Random(7)

    def found() -> Found:
        a = rnd.randint(0, 900)
        c = rnd.randint(0, 900)
        return Found((a, a + rnd.choice([0, 1, 5, 40, 300, 700])), None, (c, c + rnd.randint(0, 12)), "said",
                     score=rnd.random())

    for _ in range(300):
        out = [found() for _ in range(rnd.randint(0, 30))]
        crf = [found() for _ in range(rnd.randint(0, 30))]
        again = _Again(out)
        assert [again(f) for f in crf] == [any(_same(f, g) for g in out) for f in crf]
        slow = [Found(g.content, None, g.cue, "") for g in out]
        for f in slow:
            for g in crf:
                if g.content[0] <= f.content[0] < g.content[1] and g.content[1] > f.content[1] and g.score >= 0.5 \
                        and g.content[1] - g.content[0] <= 600:
                    f.content = g.content
                    break
        _extend_by(out, crf)
        assert [f.content for f in out] == [f.content for f in slow]
    for _ in range(2000):
        pos, runs = 0, []
        for _ in range(rnd.randint(0, 8)):
            pos += rnd.randint(0, 4)
            n = rnd.randint(1, 4)
            runs.append([pos, pos + n])
            pos += n
        a = rnd.randint(0, 40)
        b = a + rnd.randint(2, 8)
        near = min(runs, key=lambda r: a - r[1] if r[1] <= a else (r[0] - b if r[0] >= b else 0)) if runs else None
        assert _nearest(runs, [r[1] for r in runs], a, b) is near
        at = rnd.randint(0, 40)
        assert _nearest_start(runs, [r[0] for r in runs], at) is (min(runs, key=lambda r: abs(r[0] - at)) if runs else None)


ONE_THREAD = r"""
import os
os.environ.pop("OPENBLAS_NUM_THREADS", None)
from reader.analysis import attribution, load_model, parallel
load_model()
model = attribution.load_model()
assert model is not None
model.roles(attribution.block_sentences("Smith said no.", [(0, 14)], [])[0], 1, 2)  # numpy in use
print(parallel._threads())
"""


def test_the_models_loaded_leave_one_thread_so_a_long_text_forks():
    """numpy's BLAS would start a thread of its own on import, and a process running two threads is never
    forked (``parallel.can_fork``): the analysis keeps it to one."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    r = subprocess.run([sys.executable, "-c", ONE_THREAD], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["1"]



def test_a_quote_s_source_confidence_is_the_one_its_features_give(monkeypatch):
    """A linear models' finding keeps the verifier's names (``VerifierNames``): its quote's source confidence is
    'lin' without a look through them. One that took the CRF's reading (``reading_choice``, on news) has the
    CRF's features and their 'sconf=': the same confidences as when every finding's features are looked
    through (dev articles, as analysed)."""
    from reader.analysis import analyse
    from reader.loaders import load

    docs = [load(p) for p in sorted((SHARED / "data" / "attribution" / "dev").glob("*.txt"))[:20]]
    if not docs:
        pytest.skip("the shared data are not beside the project")

    def confidences() -> list[list[tuple[int, int, str]]]:
        return [[(q.start, q.end, q.extra["source_conf"]) for q in analyse(d).quotes if "source_conf" in q.extra]
                for d in docs]

    fast = confidences()
    real = attribution._found
    monkeypatch.setattr(attribution, "_found", lambda *a: real(*a[:-1], list(a[-1])))  # plain lists: looked through
    assert confidences() == fast
    kinds = {c[:6] for quotes in fast for _, _, c in quotes}
    assert kinds == {"lin", "sconf="} and sum(map(len, fast)) > 200


def test_the_words_are_those_of_the_pattern_as_written():
    """``TOKEN`` (its repetitions possessive) finds the words the plain pattern finds: initials, figures,
    words with apostrophes and hyphens, marks, on the dev paragraphs and on their edge cases."""
    from reader.analysis.attribution_base import TOKEN, TOKEN_PLAIN, tokenize

    assert TOKEN.pattern != TOKEN_PLAIN.pattern
    tricky = ["U.S. U.S.A U.S.-led a.b.c. A. 3.5% 1,000,000. 2.x 10%% 1., don't rock-’n’-roll’ -x- x--y it’s’ "
              "e.g. i.e., ___ a_b 5th 3.14.15 (x) “q” «r» 1.2.3.4.5% A.B", "", "  ", "x"]
    words = 0
    for text in [*tricky, *_paragraphs()]:
        plain = [(m.start(), m.end(), m[0]) for m in TOKEN_PLAIN.finditer(text)]
        assert tokenize(text) == plain
        words += len(plain)
    assert words > 2000


def test_a_word_stands_alone_where_the_pattern_would_find_it():
    """``stands_alone`` (a name looked for as a word of its own, ``analysis._attributed_inside``) answers as
    the pattern with the lookarounds it stands for, on names and texts of letters, marks, digits, ’ ' - and _."""
    import random
    import re

    chars = [*"ab A_-'’ .,é9²\u0301", "Ⅻ", "ǅ"]
    rnd = random.Random(7)
    answers = []
    for _ in range(20_000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 10)))
        name = "".join(rnd.choice(chars) for _ in range(rnd.randint(1, 3)))
        want = re.search(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text) is not None
        assert attribution.stands_alone(text, name) is want, (text, name)
        answers.append(want)
    assert answers.count(True) > 200 and answers.count(False) > 200
    assert attribution.stands_alone("said Mr. Pierre.", "Pierre") and not attribution.stands_alone("Pierre’s", "Pierre")
