"""Ukrainian → Latin by the national standard (Cabinet of Ministers resolution 55).

The table is the resolution's; its rules are three: ``зг`` is written ``zgh`` (to tell
it from ``ж``), Є Ї Й Ю Я take a ``Y`` form at the start of a word and an ``i`` form
elsewhere, and the soft sign and the apostrophe are not written.
"""

from __future__ import annotations

_LETTERS: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
    "є": "ie", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
}  # fmt: skip
_WORD_START: dict[str, str] = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_APOSTROPHES = frozenset("'’ʼ`")


def transliterate(text: str) -> str:
    """Return ``text`` in Latin letters; other characters pass unchanged."""
    out: list[str] = []
    at_word_start = True
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in _APOSTROPHES:
            continue
        if lower in _LETTERS:
            latin = _latin(lower, previous, at_word_start)
            out.append(_match_case(latin, char))
            at_word_start = False
            previous = lower
        else:
            out.append(char)
            at_word_start = True
            previous = ""
    return "".join(out)


def _latin(letter: str, previous: str, at_word_start: bool) -> str:
    if letter == "г" and previous == "з":
        return "gh"
    if at_word_start and letter in _WORD_START:
        return _WORD_START[letter]
    return _LETTERS[letter]


def _match_case(latin: str, original: str) -> str:
    if not latin or original.islower():
        return latin
    return latin[0].upper() + latin[1:]
