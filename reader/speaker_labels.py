"""What the quotes panel and the Speakers window call quotes that have no person (no imports: light).

Two different cases, named so a reader tells them apart:
- NO_SPEAKER: a quotation the text does not say anyone said (a slogan, a headline in quotation marks);
- UNNAMED: the text says someone said it but does not name them ("they said", "we think", or "he" with no
  name before it to stand for).
"""

NO_SPEAKER = "No speaker in the text"
UNNAMED = "Speaker not named (he, they…)"
EXPLAINED = {
    NO_SPEAKER: "Quotations the text does not say anyone said.",
    UNNAMED: "Quotes the text gives to someone it does not name: “they said”, “we think”, or “he” or “she” "
             "with no name before it.",
}
# The names earlier versions stored for the same two cases (findings saved before this one).
OLD_NAMES = ("Unattributed", "Unnamed")
NON_PEOPLE = (NO_SPEAKER, UNNAMED, *OLD_NAMES)
