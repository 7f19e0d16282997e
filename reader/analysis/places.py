"""Names of places that a "he" or "she" never stands for: countries, continents, the American states (and their
abbreviations), and the capitals the news writes for their governments ('Beijing has said', 'Moscow denies').
Each as ``speakers`` keys them (lower case, marks folded, no full stops at either end: 'U.S.' -> 'u.s').

A text may still write one of these words as a person's name ('Rep. Jim Jordan', 'Steve Israel', 'Paris
Hilton'): speakers.People treats the word as a place only when no name of a person in the same text holds it.
"""

from __future__ import annotations

__all__ = ["PLACES"]

_COUNTRIES = """afghanistan; albania; algeria; andorra; angola; antigua and barbuda; argentina; armenia; australia;
austria; azerbaijan; bahamas; bahrain; bangladesh; barbados; belarus; belgium; belize; benin; bhutan; bolivia;
bosnia; bosnia and herzegovina; botswana; brazil; brunei; bulgaria; burkina faso; burundi; cambodia; cameroon;
canada; cape verde; central african republic; chad; chile; china; colombia; comoros; congo; costa rica;
croatia; cuba; cyprus; czech republic; czechia; denmark; djibouti; dominica; dominican republic; east timor;
ecuador; egypt; el salvador; equatorial guinea; eritrea; estonia; eswatini; ethiopia; fiji; finland; france;
gabon; gambia; georgia; germany; ghana; greece; grenada; guatemala; guinea; guinea-bissau; guyana; haiti;
honduras; hungary; iceland; india; indonesia; iran; iraq; ireland; israel; italy; ivory coast; jamaica; japan;
jordan; kazakhstan; kenya; kiribati; kosovo; kuwait; kyrgyzstan; laos; latvia; lebanon; lesotho; liberia;
libya; liechtenstein; lithuania; luxembourg; macedonia; north macedonia; madagascar; malawi; malaysia;
maldives; mali; malta; mauritania; mauritius; mexico; micronesia; moldova; monaco; mongolia; montenegro;
morocco; mozambique; myanmar; burma; namibia; nauru; nepal; netherlands; new zealand; nicaragua; niger;
nigeria; north korea; norway; oman; pakistan; palau; palestine; panama; papua new guinea; paraguay; peru;
philippines; poland; portugal; qatar; romania; russia; rwanda; samoa; san marino; saudi arabia; senegal;
serbia; seychelles; sierra leone; singapore; slovakia; slovenia; somalia; south africa; south korea;
south sudan; spain; sri lanka; sudan; suriname; swaziland; sweden; switzerland; syria; taiwan; tajikistan;
tanzania; thailand; togo; tonga; trinidad; trinidad and tobago; tunisia; turkey; turkmenistan; tuvalu; uganda;
ukraine; united arab emirates; uae; united kingdom; uk; u.k; britain; great britain; england; scotland; wales;
northern ireland; united states; united states of america; usa; u.s; u.s.a; america; uruguay; uzbekistan;
vanuatu; vatican; venezuela; vietnam; yemen; zambia; zimbabwe; hong kong; tibet; crimea; chechnya; kurdistan;
gaza; west bank; prussia; bohemia; moravia; silesia; lithuania; livonia; courland; finland; persia; holland"""

_REGIONS = """africa; asia; europe; antarctica; oceania; eurasia; latin america; south america; north america;
central america; middle east; near east; far east; scandinavia; balkans; caribbean; siberia; caucasus"""

_STATES = """alabama; alaska; arizona; arkansas; california; colorado; connecticut; delaware; florida; hawaii;
idaho; illinois; indiana; iowa; kansas; kentucky; louisiana; maine; maryland; massachusetts; michigan;
minnesota; mississippi; missouri; montana; nebraska; nevada; new hampshire; new jersey; new mexico; new york;
north carolina; north dakota; ohio; oklahoma; oregon; pennsylvania; rhode island; south carolina; south dakota;
tennessee; texas; utah; vermont; virginia; washington; west virginia; wisconsin; wyoming; puerto rico; guam"""

# the states as the news abbreviates them after a town ('Ashton, Md.'; not Del, Miss, Mo, Me, La: names and words)
_STATE_ABBREVIATIONS = """ala; ariz; ark; calif; colo; conn; fla; ga; ill; ind; kan; kans; ky; md; mass; mich; minn; neb; nev;
n.h; n.j; n.m; n.y; n.c; n.d; okla; ore; pa; r.i; s.c; s.d; tenn; tex; vt; va; wash; w.va; wis; wyo; d.c"""

# capitals the news writes for the country's government
_CAPITALS = """moscow; beijing; tehran; pyongyang; damascus; kabul; baghdad; london; paris; berlin; tokyo; brussels;
kiev; kyiv; ankara; riyadh; cairo; islamabad; havana; caracas; ottawa; seoul; jerusalem; tripoli; warsaw; rome;
madrid; vienna; athens; new delhi; delhi; kremlin; petersburg; st petersburg"""

PLACES: frozenset[tuple[str, ...]] = frozenset(
    tuple(name.split()) for block in (_COUNTRIES, _REGIONS, _STATES, _STATE_ABBREVIATIONS, _CAPITALS)
    for name in (n.strip() for n in block.replace("\n", " ").split(";")) if name)
