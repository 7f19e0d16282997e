from reader.anchoring import CONTEXT, Anchor, make_anchor, reanchor

TEXT = "The cat sat on the mat. The dog sat on the log. The cat sat on the mat again."


def test_anchor_keeps_quote_and_context_and_trims_whitespace():
    i = TEXT.index("dog")
    a = make_anchor(TEXT, i - 1, i + 3)
    assert a.exact == "dog"
    assert a.prefix == TEXT[max(0, a.start - CONTEXT):a.start]
    assert a.suffix == TEXT[a.end:a.end + CONTEXT]


def test_unchanged_text_keeps_position():
    a = make_anchor(TEXT, 4, 7)
    assert reanchor(TEXT, a) == (4, 7)


def test_inserted_text_moves_the_anchor():
    a = make_anchor(TEXT, TEXT.index("dog"), TEXT.index("dog") + 3)
    new = "PREFACE. " + TEXT
    s, e = reanchor(new, a)
    assert new[s:e] == "dog"


def test_repeated_passage_is_chosen_by_context():
    second = TEXT.rindex("The cat sat on the mat")
    a = make_anchor(TEXT, second, second + len("The cat sat on the mat"))
    new = "Intro. " + TEXT
    s, _e = reanchor(new, a)
    assert s == new.rindex("The cat sat on the mat")


def test_reflowed_whitespace_still_found():
    a = make_anchor(TEXT, TEXT.index("sat on the log"), TEXT.index("sat on the log") + 14)
    new = TEXT.replace("sat on the log", "sat on\nthe  log")
    s, e = reanchor(new, a)
    assert new[s:e] == "sat on\nthe  log"


def test_vanished_passage_is_an_orphan_not_a_lookalike():
    a = make_anchor(TEXT, TEXT.index("dog"), TEXT.index("dog") + 3)
    assert reanchor(TEXT.replace("dog", "fox"), a) is None


def test_ambiguous_repeat_without_context_is_an_orphan():
    a = Anchor(500, 503, "cat", "completely different prefix!!", "zzz unrelated suffix")
    assert reanchor(TEXT, a) is None
