"""What the quotes panel and the Speakers window call quotes that have no person (no imports: light).

Two different cases, named so a reader tells them apart:
- NO_SPEAKER: a quotation the text does not say anyone said (a slogan, a headline in quotation marks);
- UNNAMED: the text says someone said it but does not name them ("they said", "we think", or "he" with no
  name before it to stand for).
"""

NO_SPEAKER = "No speaker in the text"
UNNAMED = "Speaker not named (he, they…)"
DISMISSED = "Not quotes (dismissed by you)"  # passages the reader marked as no quote (reader/quote_fixes.py)
EXPLAINED = {
    NO_SPEAKER: "Quotations the text does not say anyone said.",
    UNNAMED: "Quotes the text gives to someone it does not name: “they said”, “we think”, or “he” or “she” "
             "with no name before it.",
    DISMISSED: "Passages you marked as no quote: the Speakers window and quote search leave them out. "
               "Select one and press Restore to list it again.",
}
# The names earlier versions stored for the same two cases (findings saved before this one).
OLD_NAMES = ("Unattributed", "Unnamed")
NON_PEOPLE = (NO_SPEAKER, UNNAMED, *OLD_NAMES, DISMISSED)

# Sources that are no persons: a poll and its figures, a document, a medium ("the poll", "Twelve percent", "a
# new report", "the ad", "CNN"). They said it, but a reader looks for them apart from the people quoted.
DOCUMENTS = "Polls, documents and media"
DOCUMENTS_EXPLAINED = "Polls and their figures, reports, ads, films, papers and broadcasters: sources, not people."
_DOCUMENT_WORDS = frozenset("""poll polls polling pollster's survey surveys report reports study studies ad ads
advertisement advertisements commercial commercials film films movie movies documentary video videos footage book
books article articles editorial editorials op-ed letter letters memo memos email emails e-mail tweet tweets post posts
website websites site data analysis analyses figures statistics census records transcript transcripts document
documents filing filings lawsuit indictment complaint constitution index chart charts table tables map maps paper
papers newspaper newspapers magazine magazines broadcast broadcasts episode podcast headline headlines research
estimate estimates projection projections forecast forecasts model models slide slides page pages textbook journal
news times tribune herald gazette press network networks radio television tv cnn msnbc nbc abc cbs pbs npr bbc reuters
bloomberg politico breitbart huffpost axios""".split())


def is_document(group: str) -> bool:
    """Whether a speaker group names a poll or its figures, a document or a medium rather than a person: 'the
    poll', 'Twelve percent', 'A new Quinnipiac survey', 'the ad', 'The New York Times' (not 'Mike Pence')."""
    if group.endswith(")") and " (in " in group:  # the Speakers window's "Some (in War and Peace)": its document
        group = group[:group.rindex(" (in ")]
    written = [w.strip(".,;:()’'\"“”") for w in group.replace("%", " percent ").split()]
    written = [w[:-2] if w.endswith(("’s", "'s")) else w for w in written if w]
    words = [w.lower() for w in written]
    if not words or group in NON_PEOPLE:
        return False
    if words[0] in ("half", "majority") or "percent" in words or "cent" in words:
        return True  # a poll's figure: '58 percent', 'Twelve percent', 'Half of voters' (not '20 people')
    # the head ('The New York Times', 'NBC News', 'A Bloomberg poll'), a word in lower case ('new poll by X'), or a
    # first word before one in lower case ('Analysis by Lily Batchelder'): not a name ('Bill Clinton')
    if words[-1] in _DOCUMENT_WORDS:
        return True
    if words[0] in _DOCUMENT_WORDS and (len(words) == 1 or written[1].islower()):
        return True
    return any(w in _DOCUMENT_WORDS and written[k].islower() for k, w in enumerate(words) if k)


def names_mention(group: str, mention: str) -> bool:
    """Whether a group's name already shows how the text names the speaker, word for word ('Xi' in 'Xi
    Jinping', 'the senator' in 'The senator'), so the panel need not repeat it. A letter is no word: 'I' is
    not in 'Mike Pence'."""
    words, said = group.lower().split(), mention.lower().split()
    return bool(said) and any(words[k:k + len(said)] == said for k in range(len(words) - len(said) + 1))


def group_order(name: str, count: int) -> tuple[bool, bool, bool, int, str]:
    """Where a speaker group is listed (a sort key): people first, most quoted first, then polls, documents and
    media, then the quotes without a person, and last the passages the reader dismissed as no quotes."""
    return name == DISMISSED, name in NON_PEOPLE, is_document(name), -count, name


def explained(name: str) -> str:
    """What a group's tooltip says of it, if it is no person ('' for a person)."""
    return EXPLAINED.get(name) or (DOCUMENTS_EXPLAINED if is_document(name) else "")


def said_by(mention: str | None, person: object, cue: str | None = None) -> str:
    """Who a quote is by, as the quotes panel names them: the person, with the words the text used when they
    differ ("Bill Clinton (“he”, said)"); the mention alone when no person is known ("he", or "no speaker named")."""
    mention = mention or ""
    if isinstance(person, str) and person and person not in NON_PEOPLE and person.casefold() != mention.casefold():
        said = [f"“{mention}”"] if mention else []
        return person + f" ({', '.join([*said, cue] if cue else said)})" if said or cue else person
    return (mention or "no speaker named") + (f" ({cue})" if cue else "")
