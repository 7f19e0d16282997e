"""Claims and quotes across the whole library: reviews with their words, every
document's findings, the claim ledger, speaker pages, and search over them.

A claim review (status, note, source) is stored with the claim's sentence, so
it is found by ``status:disputed``, ``kind:claim`` or its words without the
document open and without a highlight on it. Each analysed document's claims
and quotes are remembered (table ``findings``, replaced on every analysis),
so a claim reviewed in one document is recognised in another (the ledger) and
a person's quotes can be listed across documents (speaker pages). No Qt.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from notes_db.claim_match import Signature, candidates_key, keys_of, score, score_signatures, signature
from notes_db.paths import file_in_folder
from notes_db.people import Group, Person, fold_marks, gender_votes, join, lower_words
from notes_db.records import CLAIM_STATUSES, ClaimReview

if TYPE_CHECKING:
    from notes_db.search import Query
    from notes_db.store import NotesDB


@dataclass
class ReviewedClaim:
    doc_id: int
    doc_title: str
    doc_path: str
    fingerprint: str
    key: str
    text: str
    kind: str
    status: str
    note: str
    source: str
    updated: str
    start: int | None = None
    end: int | None = None
    #: Other documents holding the same claim (filled by :func:`ledger`): (doc_id, title, start, end).
    also_in: list[tuple[int, str, int, int]] = field(default_factory=list)
    #: Group members' reviews of this claim (see notes_db.sync.local.with_group_reviews): (author, status, note).
    group: list[tuple[str, str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"document": self.doc_title, "path": self.doc_path, "key": self.key, "claim": self.text,
                "kind": self.kind, "status": self.status, "note": self.note, "source": self.source,
                "updated": self.updated, "start": self.start, "end": self.end,
                "also_in": [{"document": t, "start": s, "end": e} for _d, t, s, e in self.also_in]}


@dataclass
class Finding:
    """A claim or quote found in a document (not necessarily highlighted)."""

    id: int
    doc_id: int
    doc_title: str
    doc_path: str
    kind: str  # claim | quote
    text: str
    speaker: str
    speaker_group: str
    start: int
    end: int
    opened: str = ""
    key: str = ""
    #: A quote's kind as the document's panel shows it: direct, indirect or position ("" when stored by a
    #: build that did not keep it); a claim's kind (figure, comparison…).
    sort: str = ""

    @property
    def position(self) -> bool:
        """A position ("X supports …"), in the panel's Positions tab, not its Quotes tab."""
        return self.kind == "quote" and self.sort == "position"

    @property
    def words(self) -> str:
        """The quoted words on one line, without the quotation marks around them."""
        return " ".join(self.text.split()).strip(" \"“”‘’'„«»,")

    def said(self, words: str | None = None) -> str:
        """The quote as a list shows it (``words``: its words, shortened): what was said word for word in quotation
        marks; reported speech ("that the plan would fail") and positions marked as such, without them (tryout 13:
        every quote shown as if said in those words)."""
        words = self.words if words is None else words
        if self.sort == "indirect":
            return f"[reported] {words}"
        return f"[position] {words}" if self.position else f"“{words}”"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "speaker": self.speaker, "group": self.speaker_group,
                "document": self.doc_title, "path": self.doc_path, "start": self.start, "end": self.end,
                **({"quote_kind": self.sort} if self.kind == "quote" and self.sort else {})}


@dataclass
class Elsewhere:
    """A claim of the open document already reviewed in another one."""

    claim_key: str  # the key of the claim in the open document
    review: ReviewedClaim  # the review in the other document
    score: float


# -- reviews --------------------------------------------------------------------------------


def set_review(
    store: NotesDB, doc_id: int, key: str, status: str | None = None, note: str | None = None,
    source: str | None = None, *, text: str = "", kind: str = "", start: int | None = None, end: int | None = None,
    updated: str | None = None,
) -> ClaimReview:
    """Store a review with its claim's words (kept when none are given), in one transaction.

    ``status``, ``note`` and ``source`` left as None stay as they were (a new
    review starts unchecked, with no note and no source): setting a status
    never wipes the note typed earlier. ``updated``: when it was made (an import keeps its date); now if None.
    """
    from notes_db.records import now as _now

    if status is not None and status not in CLAIM_STATUSES:
        raise ValueError(f"unknown status {status!r}; choose one of {', '.join(CLAIM_STATUSES)}")
    now = updated or _now()
    with store.transaction() as db:
        db.execute(
            'INSERT INTO claim_reviews (doc_id, key, status, note, source, updated, text, kind, start, "end") '
            "VALUES (?, ?, coalesce(?, 'unchecked'), coalesce(?, ''), coalesce(?, ''), ?, ?, ?, ?, ?) "
            "ON CONFLICT(doc_id, key) DO UPDATE SET "
            "status = CASE WHEN ? IS NULL THEN claim_reviews.status ELSE excluded.status END, "
            "note = CASE WHEN ? IS NULL THEN claim_reviews.note ELSE excluded.note END, "
            "source = CASE WHEN ? IS NULL THEN claim_reviews.source ELSE excluded.source END, "
            "updated = excluded.updated, "
            "text = CASE WHEN excluded.text != '' THEN excluded.text ELSE claim_reviews.text END, "
            "kind = CASE WHEN excluded.kind != '' THEN excluded.kind ELSE claim_reviews.kind END, "
            "start = COALESCE(excluded.start, claim_reviews.start), "
            '"end" = COALESCE(excluded."end", claim_reviews."end")',
            [doc_id, key, status, note, source, now, text, kind, start, end, status, note, source],
        )
        row = db.execute("SELECT status, note, source FROM claim_reviews WHERE doc_id = ? AND key = ?",
                         [doc_id, key]).fetchone()
        store.notes_changed = True
    return ClaimReview(key, row[0], row[1] or "", row[2] or "", now)


def _reviewed(row: dict[str, Any]) -> ReviewedClaim:
    return ReviewedClaim(
        doc_id=row["doc_id"], doc_title=row["title"] or "", doc_path=row["path"] or "",
        fingerprint=row["fingerprint"] or "", key=row["key"], text=row["text"] or "", kind=row["kind"] or "",
        status=row["status"] or "unchecked", note=row["note"] or "", source=row["source"] or "",
        updated=row["updated"] or "", start=row["start"], end=row["end"],
    )


#: A review's claim words: its own, else (a review from before it kept them: m008, never analysed since) the claim's
#: as the document's last analysis found it, else its claim highlight's.
_REVIEW_TEXT = ("coalesce(nullif(r.text, ''), (SELECT f.text FROM findings f WHERE f.doc_id = r.doc_id AND f.kind = 'claim' "
                "AND f.key = r.key LIMIT 1), (SELECT h.exact FROM highlights h WHERE h.doc_id = r.doc_id AND "
                "h.claim_key = r.key LIMIT 1), '') AS text")
_REVIEW_SQL = (f'SELECT r.doc_id, r.key, r.status, r.note, r.source, r.updated, {_REVIEW_TEXT}, r.kind, r.start, r."end", '
               "d.title, d.path, d.fingerprint FROM claim_reviews r JOIN documents d ON d.id = r.doc_id")


def reviews(store: NotesDB, *, statuses: Iterable[str] = (), doc_id: int | None = None,
            include_unchecked: bool = False) -> list[ReviewedClaim]:
    """Reviewed claims, newest first (a claim set back to unchecked is not a review)."""
    where: list[str] = []
    params: list[Any] = []
    sts = list(statuses)
    if sts:
        where.append(f"r.status IN ({','.join('?' * len(sts))})")
        params += sts
    elif not include_unchecked:
        where.append("(r.status != 'unchecked' OR r.note != '' OR r.source != '')")
    if doc_id is not None:
        where.append("r.doc_id = ?")
        params.append(doc_id)
    sql = _REVIEW_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.updated DESC"
    return [_reviewed(r) for r in store.read_rows(sql, params)]


def fill_claim_texts(store: NotesDB, doc_id: int, claims: Iterable[tuple[str, str, str, int, int]]) -> int:
    """Reviews made before their words were stored get them from a new analysis
    (key, text, kind, start, end); returns how many were filled."""
    missing = {r["key"] for r in store.read_rows("SELECT key FROM claim_reviews WHERE doc_id = ? AND text = ''", [doc_id])}
    todo = [c for c in claims if c[0] in missing]
    if not todo:
        return 0
    with store.transaction() as db:
        for key, text, kind, start, end in todo:
            db.execute('UPDATE claim_reviews SET text = ?, kind = ?, start = ?, "end" = ? WHERE doc_id = ? AND key = ?',
                       [text, kind, start, end, doc_id, key])
    return len(todo)


# -- findings -------------------------------------------------------------------------------


def record_findings(
    store: NotesDB, doc_id: int,
    claims: Iterable[tuple[str, str, str, int, int]],
    quotes: Iterable[QuoteRow],
) -> None:
    """Replace a document's remembered claims (key, text, kind, start, end) and
    quotes (text, speaker, group, cue, start, end[, kind]), in one transaction. A quote's kind (direct,
    indirect, position) goes in the column ``claim_kind`` holds a claim's in: the library counts quotes
    and positions apart, as the document's panel does. A quote's speaker is also stored folded
    (:func:`folded_speaker`), for :func:`speaker_quotes` to find a name's quotes by index."""
    with store.transaction() as db:
        db.execute("DELETE FROM findings WHERE doc_id = ?", [doc_id])
        db.conn.executemany(
            'INSERT INTO findings (doc_id, kind, key, text, claim_kind, start, "end") VALUES (?, \'claim\', ?, ?, ?, ?, ?)',
            [(doc_id, key, text, kind, s, e) for key, text, kind, s, e in claims],
        )
        db.conn.executemany(_QUOTE_INSERT, [_quote_values(doc_id, q) for q in quotes])


_QUOTE_INSERT = ("INSERT INTO findings (doc_id, kind, text, speaker, speaker_group, cue, start, \"end\", claim_kind, "
                 "speaker_folded) VALUES (?, 'quote', ?, ?, ?, ?, ?, ?, ?, ?)")
QuoteRow = tuple[str, str, str, str, int, int] | tuple[str, str, str, str, int, int, str]


def _quote_values(doc_id: int, q: QuoteRow) -> tuple[Any, ...]:
    return (doc_id, *q[:6], q[6] if len(q) > 6 else "", folded_speaker(q[1]))


def replace_quote(store: NotesDB, doc_id: int, start: int, end: int, kind: str, quote: QuoteRow | None) -> None:
    """The library's row of one remembered quote (its place and kind) made ``quote`` (text, speaker, group, cue,
    start, end[, kind]), or gone when None: a correction of one quote changes one row, not the document's every
    finding (:func:`record_findings`). In one transaction (the caller's, if one is open)."""
    with store.transaction() as db:
        db.execute('DELETE FROM findings WHERE doc_id = ? AND kind = \'quote\' AND start = ? AND "end" = ? '
                   "AND claim_kind = ?", [doc_id, start, end, kind])
        if quote is not None:
            db.execute(_QUOTE_INSERT, _quote_values(doc_id, quote))


_FINDING_SQL = ('SELECT f.id, f.doc_id, f.kind, f.key, f.text, f.speaker, f.speaker_group, f.start, f."end", '
                "f.claim_kind, d.title, d.path, d.opened FROM findings f JOIN documents d ON d.id = f.doc_id")


def _finding(r: dict[str, Any]) -> Finding:
    return Finding(r["id"], r["doc_id"], r["title"] or "", r["path"] or "", r["kind"], r["text"], r["speaker"] or "",
                   r["speaker_group"] or "", r["start"], r["end"], r["opened"] or "", r["key"] or "",
                   r.get("claim_kind") or "")


#: Words an attribution puts around what was said, besides the speaker and the cue ("As X stressed, …",
#: "…, the mayor said in a statement", "according to X").
_ATTRIBUTION_WORDS = frozenset("""
    a an the as according to in on at of by with and also later earlier then again that this he she they it
    his her their its him them reporters interview statement speech told said says say stressed added wrote
    tweeted asked noted argued explained insisted claimed announced declared
    """.split())
_WORD = re.compile(r"[\w’'-]+")
#: A count or amount (not a year): "Twenty-nine", "29", "$5 million", "53 million". One outside the quoted
#: words is the reporter's figure, not the speaker's.
_COUNT = re.compile(
    r"(?i)\b(?!(?:1[5-9]|20)\d\d\b)\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|billion|trillion|dozens?)\b")
#: The least part of a claim the quoted words must be when more than the attribution lies around them
#: (who the speaker is, when and where they said it: "…,” said Victor Cha, who served as Asia director …").
QUOTED_PART = 0.25


def speaker_of(store: NotesDB, doc_id: int, start: int | None, end: int | None, text: str = "") -> str:
    """The person the panel shows as saying the passage (the quote's group: "Bill de Blasio", not
    "Mayor Bill de Blasio"), only when the passage lies inside that person's attribution: the quoted
    words and around them only the speaker, the cue and the words that join them ("As X stressed, …",
    "“…,” the mayor said."); or the quoted words are at least QUOTED_PART of it and no count lies outside
    them (what is said of the speaker, or when: "“…,” said O'Neill, on his first full day on the job").
    A reporter's sentence that merely ends on a quote ("Twenty-nine people were injured tonight … by an
    explosion that Mayor Bill de Blasio described as “an intentional act.”") is no one's quote: "".
    ``text``: the passage (``end - start`` characters of the document); without it, the passage must lie
    inside one quote's words."""
    if start is None or end is None or end <= start:
        return ""
    rows = [r for r in store.read_rows(
        'SELECT speaker, speaker_group, cue, start, "end" FROM findings WHERE doc_id = ? AND kind = \'quote\' '
        "AND start < ? AND \"end\" > ? AND (speaker_group != '' OR speaker != '') ORDER BY start",
        [doc_id, end, start],
    ) if r["speaker_group"] not in NON_PEOPLE]
    if len(text) != end - start:
        inside = [r for r in rows if r["start"] <= start and r["end"] >= end]
        inside.sort(key=lambda r: r["end"] - r["start"])
        return str(inside[0]["speaker_group"] or inside[0]["speaker"]) if inside else ""
    by_person: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_person.setdefault(str(r["speaker_group"] or r["speaker"]), []).append(r)
    best, quoted_most = "", 0
    for person, quotes in by_person.items():
        quoted = [False] * len(text)
        allowed = set(_ATTRIBUTION_WORDS) | {w.lower() for w in _WORD.findall(person)}
        for q in quotes:
            for i in range(max(0, q["start"] - start), min(len(text), q["end"] - start)):
                quoted[i] = True
            allowed |= {w.lower() for w in _WORD.findall(f"{q['speaker']} {q['cue']}")}
        outside = "".join(" " if c else ch for c, ch in zip(quoted, text, strict=True))
        held = sum(quoted)
        if not all(w.lower() in allowed for w in _WORD.findall(outside)) and (
                held < QUOTED_PART * len(text) or _COUNT.search(outside)):
            continue  # the reporter's words, or figures, around a quote: not the speaker's claim
        if held > quoted_most:
            best, quoted_most = person, held
    return best


def document_author(store: NotesDB, doc_id: int) -> str:
    rows = store.read_rows("SELECT author FROM documents WHERE id = ?", [doc_id])
    return str(rows[0]["author"] or "") if rows else ""


def analysed(store: NotesDB, doc_id: int) -> bool:
    return bool(store.read_rows("SELECT 1 AS x FROM findings WHERE doc_id = ? LIMIT 1", [doc_id]))


# -- the ledger -----------------------------------------------------------------------------


def _index(items: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    idx: dict[str, list[Any]] = {}
    for text, item in items:
        for k in candidates_key(text):
            idx.setdefault(k, []).append(item)
    return idx


class _ClaimIndex:
    """The library's claims under the keys a matching claim shares (``claim_match.candidates_key``),
    one entry per distinct text: a sentence that many documents hold (a wire story) is compared
    once, and each text's signature is worked out once, not once per comparison."""

    def __init__(self, claims: list[Finding]) -> None:
        self.claims = claims
        self.of_text: dict[str, list[int]] = {}  # text -> its claims (positions in ``claims``)
        for n, c in enumerate(claims):
            self.of_text.setdefault(c.text, []).append(n)
        self.sigs: dict[str, Signature] = {}
        self.by_key: dict[str, list[str]] = {}
        for text in self.of_text:
            sig = self.sigs[text] = signature(text)
            for k in keys_of(sig):
                self.by_key.setdefault(k, []).append(text)

    def same_claim(self, text: str, doc_id: int) -> list[Finding]:
        """The claims of other documents that say what ``text`` says, the first of each document;
        in the order of the keys they share with it (its figures, then its longest terms), then of
        the notes file."""
        sig = signature(text)
        rank: dict[str, int] = {}  # each candidate text: the first of this text's keys it shares
        for i, k in enumerate(keys_of(sig)):
            for t in self.by_key.get(k, ()):
                rank.setdefault(t, i)
        hits = sorted((i, n) for t, i in rank.items() if score_signatures(sig, self.sigs[t]) >= 0.5
                      for n in self.of_text[t])
        out: list[Finding] = []
        seen = {doc_id}
        for _i, n in hits:
            c = self.claims[n]
            if c.doc_id not in seen:
                seen.add(c.doc_id)
                out.append(c)
        return out


def ledger(store: NotesDB, *, statuses: Iterable[str] = ()) -> list[ReviewedClaim]:
    """Every reviewed claim with the other documents it appears in (same claim in other words)."""
    revs = [r for r in reviews(store, statuses=statuses) if r.text]
    if not revs:
        return revs
    index = _ClaimIndex([_finding(r) for r in store.read_rows(_FINDING_SQL + " WHERE f.kind = 'claim'")])
    for r in revs:
        r.also_in.extend((c.doc_id, c.doc_title, c.start, c.end) for c in index.same_claim(r.text, r.doc_id))
    return revs


def reviewed_elsewhere(store: NotesDB, doc_id: int, claims: Iterable[tuple[str, str]]) -> list[Elsewhere]:
    """For the open document's claims (key, text): the best review of the same
    claim in another document, if any."""
    revs = [r for r in reviews(store) if r.text and r.doc_id != doc_id]
    if not revs:
        return []
    idx = _index((r.text, r) for r in revs)
    out: list[Elsewhere] = []
    for key, text in claims:
        best: Elsewhere | None = None
        for k in candidates_key(text):
            for r in idx.get(k, []):
                s = score(text, r.text)
                if s >= 0.5 and (best is None or s > best.score):
                    best = Elsewhere(key, r, s)
        if best is not None:
            out.append(best)
    return out


# -- speakers -------------------------------------------------------------------------------


# The analysis's names for quotes that have no person (reader/speaker_labels.py NON_PEOPLE; notes_db does not
# import the app): a quotation the text gives nobody, one given to someone it does not name, and the names
# earlier versions stored for these.
NON_PEOPLE = ("No speaker in the text", "Speaker not named (he, they…)", "Unattributed", "Unnamed",
              "Not quotes (dismissed by you)")


def _people(store: NotesDB) -> list[Person]:
    """Everyone quoted in the library, each document's speaker groups joined under one person
    (notes_db/people.py: "Obama" in one article and "Barack Obama" in another)."""
    rows = store.stream_rows(
        "SELECT doc_id, speaker_group, speaker, COUNT(*), SUM(claim_kind = 'position') FROM findings "
        f"WHERE kind = 'quote' AND speaker_group NOT IN ('', {', '.join('?' * len(NON_PEOPLE))}) "
        "AND lower(speaker_group) NOT IN ('he', 'she', 'they', 'we', 'i', 'it', 'you', 'one', 'someone') "
        "GROUP BY doc_id, speaker_group COLLATE NOCASE, speaker",
        list(NON_PEOPLE),
    )
    groups: dict[tuple[int, str], Group] = {}
    votes: dict[str, tuple[int, int]] = {}  # each speaker as written, once
    for doc_id, group, speaker, n, positions in rows:
        key = (doc_id, group.lower())
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(doc_id, group, 0)
        g.quotes += n
        g.positions += positions or 0
        vote = votes.get(speaker or "")
        if vote is None:
            vote = votes[speaker or ""] = gender_votes(speaker or "")
        man, woman = vote
        g.male += man * n
        g.female += woman * n
    if not groups:
        return []
    docs = store.read_rows("SELECT id, title, path FROM documents")
    titles = {r["id"]: r["title"] or "" for r in docs}
    copies = Counter(titles.values())  # copies of one title: told apart by folder and file, as the Library does
    files = {r["id"]: file_in_folder(r["path"]) for r in docs if r["path"] and copies[titles[r["id"]]] > 1}
    return join(groups.values(), titles, _lower_words(store), files)


# notes file -> (its findings' count and newest id, the words they write in lower case): read again only when an
# analysis is stored (record_findings replaces a document's findings with new rows), not at each person clicked
_LOWER_WORDS: dict[str, tuple[tuple[int, int], set[str]]] = {}


def _lower_words(store: NotesDB) -> set[str]:
    """The words the library's quotes and claims write in lower case (notes_db/people.py lower_words)."""
    (row,) = store.read_rows("SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS top FROM findings")
    stamp = (row["n"], row["top"])
    cached = _LOWER_WORDS.get(str(store.path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    words = lower_words(text or "" for (text,) in store.stream_rows("SELECT text FROM findings"))
    _LOWER_WORDS[str(store.path)] = (stamp, words)
    return words


def counted(quotes: int, positions: int) -> str:
    """'1073 quotes and 169 positions': what a person is quoted as saying, counted as a document's panel counts
    its Quotes and Positions tabs (the CLI and the Speakers window say the same)."""
    parts = [f"{quotes} quote{'s' if quotes != 1 else ''}"] if quotes or not positions else []
    if positions:
        parts.append(f"{positions} position{'s' if positions != 1 else ''}")
    return " and ".join(parts)


def speakers(store: NotesDB) -> list[tuple[str, int, int]]:
    """(person, quotes, documents) for everyone quoted in the library, most quoted first."""
    return [(p.name, p.quotes, p.documents) for p in _people(store)]


def people(store: NotesDB) -> list[Person]:
    """Everyone quoted in the library, most quoted first, with the document groups under each (for
    :func:`speaker_quotes`: a window that lists them asks for one person's quotes without joining the
    library's groups again, half a second with 5,000 people)."""
    return _people(store)


_IN_DOCUMENT = re.compile(r" \(in .*\)$")  # "The countess (in War and Peace)": the document it stays in (a copy's
# file may hold brackets: "(in Title — Downloads/paper (1).pdf)")


def _name_words(name: str) -> list[str]:
    """A name's words as the Speakers window's filter compares them: case, accents and apostrophes folded."""
    from notes_db.folding import fold

    return re.findall(r"\w+", fold(fold_marks(name)))


def known_spelling(store: NotesDB, name: str, here: list[str]) -> str:
    """The spelling of the speaker ``name`` names as the Speakers window's filter matches a whole name (case,
    accents and apostrophes folded: "xi jinping" is "Xi Jinping"): one of ``here`` (the document's speakers, most
    quoted first), else the library's most quoted spelling; ``name`` itself when no speaker has that name (a
    correction typed in other capitals is not a new person, whose quote the Speakers window then loses)."""
    words = _name_words(name)
    if not words:
        return name
    for known in here:
        if known not in NON_PEOPLE and _name_words(known) == words:
            return known
    rows = store.stream_rows(
        "SELECT speaker_group FROM findings WHERE kind = 'quote' AND speaker_group != '' "
        "GROUP BY speaker_group ORDER BY COUNT(*) DESC, speaker_group")
    for (known,) in rows:
        if known not in NON_PEOPLE and _name_words(known) == words:
            return str(known)
    return name


def find_people(store: NotesDB, name: str) -> list[Person]:
    """The people ``name`` names, as the Speakers window's filter finds them (case, accents and apostrophes
    do not matter: "natasha" is Natásha): the one whose whole name it is ("Pierre", not "Pierre well";
    "The countess" in two documents is two), else those whose name holds its every word as a whole word
    ("xi" is Xi Jinping; "he" is not every name with an h and an e in it), most quoted first."""
    words = _name_words(name)
    if not words:
        return []
    everyone = _people(store)
    whole = [p for p in everyone if _name_words(p.name) == words]
    if not whole:
        whole = [p for p in everyone if _name_words(_IN_DOCUMENT.sub("", p.name)) == words]
    if whole:
        return whole
    return [p for p in everyone if set(words) <= set(_name_words(_IN_DOCUMENT.sub("", p.name)))]


def speaker_quotes(store: NotesDB, name: str, person: Person | None = None) -> list[Finding]:
    """Every quote by one person: those under their name in the speakers list (so the list's count and this
    agree); a name no quote is grouped under finds the quotes whose speaker, as written, holds its words as
    whole words ('Xi'), case and accents folded. ``person``: that name's entry of :func:`people`, when the
    caller has it."""
    if person is None:
        wanted_name = fold_marks(name).lower()
        person = next((p for p in _people(store) if fold_marks(p.name).lower() == wanted_name), None)
    rows = []
    if person is not None:
        wanted = {(g.doc_id, g.name.lower()) for g in person.groups}
        names = sorted({g.name for g in person.groups})
        rows = [r for r in store.read_rows(
            _FINDING_SQL + f" WHERE f.kind = 'quote' AND f.speaker_group COLLATE NOCASE IN "
            f"({', '.join('?' * len(names))}) ORDER BY d.opened DESC, f.doc_id, f.start",
            names,
        ) if (r["doc_id"], r["speaker_group"].lower()) in wanted]
    if not rows:
        return quotes_written(store, name)
    return [_finding(r) for r in rows]


def folded_speaker(name: str) -> str:
    """A speaker as written, folded as :func:`_name_words` folds it (case, accents, apostrophes), its words
    joined by single spaces, with a space at both ends: "General Secretary Xí Jinping" -> " general secretary
    xi jinping ", so a name's words one after another are a whole-word substring (" xi jinping "); "" when it
    has no words. Stored in ``findings.speaker_folded`` by :func:`record_findings` (and migration 16)."""
    words = _name_words(name)
    return f" {' '.join(words)} " if words else ""


def quotes_written(store: NotesDB, name: str) -> list[Finding]:
    """The quotes whose speaker, as written, holds ``name``'s words one after another as whole words ('Xi' is
    in 'General Secretary Xi Jinping', 'he' not in 'Hecht'), case, accents and apostrophes folded. The
    full-text index over the folded speakers (``findings_speakers``) finds the rows that hold the words as a
    phrase, and the folded column tells which hold them as written; a name with a character that is not a
    letter or digit (which the index may cut otherwise than ``\\w`` does) is looked for in the column alone.
    What :func:`speaker_quotes` lists for a name no one in :func:`people` bears (a caller that has looked for
    them already, as ``reader speakers NAME`` has, asks this at once: the library's people are not joined again)."""
    words = _name_words(name)
    if not words:
        return []
    where = "f.kind = 'quote' AND f.speaker != '' AND instr(f.speaker_folded, ?) > 0"
    params: list[Any] = [f" {' '.join(words)} "]
    if all(w.isalnum() for w in words):
        where = "f.id IN (SELECT rowid FROM findings_speakers WHERE findings_speakers MATCH ?) AND " + where
        params.insert(0, '"' + " ".join(words) + '"')
    return [_finding(r) for r in store.read_rows(
        _FINDING_SQL + f" WHERE {where} ORDER BY d.opened DESC, f.doc_id, f.start", params)]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


#: Quotes shorter than this many words are not compared ("Yes, yes!" / "Oh, yes," / "Yes, ill." said nearly the same).
SIMILAR_MIN_WORDS = 4


def similar_quote_groups(quotes: list[Finding], threshold: float = 0.6) -> list[list[Finding]]:
    """Quotes of one person in different documents that say nearly the same in
    different words (a misquote signal): groups of two or more. The same words twice are not a pair (two copies
    of a text quote the same words: nothing to check). Two quotes of one document are not
    compared (a novel's hero says "Really?" many times); difflib's cheap upper bounds of the ratio come
    first, so that a person quoted 1,246 times costs no quadratic run of full comparisons."""
    groups: list[list[Finding]] = []
    if len({q.doc_id for q in quotes}) < 2:
        return groups
    placed: set[int] = set()
    words = {q.id: _words(q.text) for q in quotes}
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for i, a in enumerate(quotes):
        wa = words[a.id]
        if a.id in placed or len(wa) < SIMILAR_MIN_WORDS:
            continue
        group = [a]
        matcher.set_seq2(wa)  # what SequenceMatcher learns of a sequence, learnt once for all the others
        for b in quotes[i + 1:]:
            wb = words[b.id]
            if b.id in placed or b.doc_id == a.doc_id or len(wb) < SIMILAR_MIN_WORDS or wb == wa \
                    or min(len(wa), len(wb)) / max(len(wa), len(wb)) < 0.5:  # (the same words: not other words,
                continue  # the one quote in two copies of a text, tryout 13)
            matcher.set_seq1(wb)
            if matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold:
                group.append(b)
        if len(group) > 1:
            placed.update(q.id for q in group)
            groups.append(group)
    return groups


# -- search ---------------------------------------------------------------------------------


def _has(t: Any, hay: str) -> bool:
    """Whether the query's word or phrase ``t`` is in ``hay`` (folded)."""
    from notes_db.folding import fold as _fold

    ws = [re.escape(_fold(w)) for w in t.text.split()]
    if not ws:
        return True
    body = r"\W+".join(ws)
    return re.search(r"\b" + body + (r"" if t.prefix else r"\b"), hay) is not None


def _matches(q: Query, haystack: str) -> bool:
    from notes_db.folding import fold as _fold

    hay = _fold(haystack)

    def holds(alt: Any) -> bool:  # a word, or a Not of one (notes_db.search.Not: not imported, search imports this)
        return not _has(alt.alt, hay) if hasattr(alt, "alt") else _has(alt, hay)

    return (all(any(_has(t, hay) for t in g) for g in q.groups) and not any(_has(t, hay) for t in q.excluded)
            and all(any(holds(a) for a in g) for g in _word_either(q)))


def _word_either(q: Query) -> list[list[Any]]:
    """The OR-groups of words only, some negated ("million OR NOT chinese"): a claim's or a quote's words
    answer them as a highlight's do (an OR-group with a field in it is left to the highlights' search)."""
    return [g for g in q.either if all(hasattr(getattr(a, "alt", a), "text") for a in g)]  # Terms, or Nots of them


def _doc_ok(q: Query, title: str, path: str) -> bool:
    return all(d.lower() in title.lower() or d.lower() in path.lower() for d in q.docs)


def _holds(name: str, value: str, kind: str, title: str, path: str, status: str = "", speaker: str = "",
           date: str = "") -> bool:
    """Whether ``field:value`` holds for this claim or quote (a field it does not have, as a claim's speaker or any
    one's tag, colour, style or author, never holds: ``-speaker:x`` keeps every claim, ``speaker:x`` finds none)."""
    v = value.lower()
    return ((name == "kind" and v == kind) or (name == "status" and bool(status) and v == status.lower())
            or (name == "doc" and (v in title.lower() or v in path.lower()))
            or (name == "speaker" and bool(speaker) and v in speaker.lower())
            or (bool(date) and ((name == "before" and date < value) or (name == "after" and date >= value))))


def _excluded(q: Query, kind: str, title: str, path: str, status: str = "", speaker: str = "", date: str = "") -> bool:
    """A ``-field:value`` of the query holds for this claim or quote (fields it does not have never hold)."""
    return any(_holds(name, value, kind, title, path, status, speaker, date)
               for name, value in getattr(q, "excluded_fields", ()))


def _either_holds(q: Query, haystack: str, kind: str, title: str, path: str, status: str = "", speaker: str = "",
                  date: str = "") -> bool:
    """Every OR-group of the query that names a field ("tag:x OR NOT speaker:y") holds for this claim or quote: one of
    its words is in ``haystack``, or one of its fields holds, or a negated one does not (the word-only groups are
    :func:`_matches`')."""
    from notes_db.folding import fold as _fold

    words_only, hay = _word_either(q), _fold(haystack)

    def holds(alt: Any) -> bool:
        inner = getattr(alt, "alt", alt)
        yes = (_has(inner, hay) if hasattr(inner, "text")
               else _holds(inner[0], inner[1], kind, title, path, status, speaker, date))
        return not yes if hasattr(alt, "alt") else yes

    return all(any(holds(a) for a in g) for g in q.either if g not in words_only)


def search_reviews(store: NotesDB, q: Query, skip: set[tuple[int, str]], limit: int = 50) -> list[ReviewedClaim]:
    """Reviewed claims a query finds, with or without a highlight on them
    (``skip``: (doc_id, claim key) already shown as highlights)."""
    kinds = {k.lower() for k in q.kinds}
    if q.tags or q.colors or getattr(q, "styles", None) or getattr(q, "speakers", None) or (kinds and "claim" not in kinds):
        return []
    # (what only says what must not hold lists them too, as it lists the highlights: 'NOT speaker:"song tao"' finds
    # every claim reviewed, none of which has that speaker; tryout s14 found the highlights only)
    if not (q.groups or q.statuses or "claim" in kinds or q.either or q.excluded or q.excluded_fields):
        return []
    out = []
    for r in reviews(store, statuses=[s.lower() for s in q.statuses]):
        if (r.doc_id, r.key) in skip or not _doc_ok(q, r.doc_title, r.doc_path):
            continue
        if (q.before and not r.updated < q.before) or (q.after and not r.updated >= q.after):
            continue
        if _excluded(q, "claim", r.doc_title, r.doc_path, status=r.status, date=r.updated):
            continue
        said = f"{r.text}\n{r.note}\n{r.source}"
        if (q.groups or q.excluded or q.either) and not _matches(q, said):
            continue
        if not _either_holds(q, said, "claim", r.doc_title, r.doc_path, status=r.status, date=r.updated):
            continue
        out.append(r)
        if len(out) >= limit:
            break
    return out


def search_quotes(store: NotesDB, q: Query, skip: set[tuple[int, int, int]], limit: int = 50) -> list[Finding]:
    """Quotes a ``speaker:`` (or ``kind:quote``) query finds, highlighted or not
    (``skip``: (doc_id, start, end) already shown as highlights)."""
    names = list(getattr(q, "speakers", []) or [])
    kinds = {k.lower() for k in q.kinds}
    if q.tags or q.colors or getattr(q, "styles", None) or q.statuses or (kinds and "quote" not in kinds):
        return []
    if not names and not ("quote" in kinds and (q.groups or _word_either(q))):
        return []
    where, params = ["f.kind = 'quote'"], []
    for n in names:
        where.append("(f.speaker_group LIKE ? OR f.speaker LIKE ?)")
        params += [f"%{n}%", f"%{n}%"]
    rows = store.read_rows(_FINDING_SQL + " WHERE " + " AND ".join(where) + " ORDER BY d.opened DESC, f.start", params)
    out = []
    for r in rows:
        f = _finding(r)
        if (f.doc_id, f.start, f.end) in skip or not _doc_ok(q, f.doc_title, f.doc_path):
            continue
        if _excluded(q, "quote", f.doc_title, f.doc_path, speaker=f"{f.speaker}\n{f.speaker_group}"):
            continue
        if (q.groups or q.excluded or q.either) and not _matches(q, f"{f.text}\n{f.speaker}"):
            continue
        out.append(f)
        if len(out) >= limit:
            break
    return out
