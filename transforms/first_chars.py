"""Regular expressions that skip, in C, the positions where no match can start.

CPython's `re` scans ahead in C to the next possible start only when a pattern opens
with a literal, a character class, or an alternation of literals. The engine's patterns
mostly open with a word edge (`\\b`), a lookaround, a named group or a class per
alternative (what `hanzi.both_scripts` writes for 领/領), so the engine tries the whole
pattern at every position of the text: the larger part of extraction time.

`compile_scanning` compiles a pattern as `re.compile` does, then gives the engine the set
of characters a match can start with, read from the parsed pattern (a superset: word
edges and lookarounds are passed over, a lookahead's own first characters used when they
are known). The matching code is untouched, so every search, match and finditer gives the
same result. It relies on the compiler of CPython 3.11-3.13 (`re._parser`, `re._compiler`);
anything unexpected leaves the plain `re.compile` pattern.
"""

from __future__ import annotations

import re
from typing import Any

try:  # CPython's regular-expression compiler; the plain pattern is used without it
    import _sre
    from re import _compiler, _parser
    from re import _constants as sre
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None

_ANCHORED = ((sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_BEGINNING_STRING)) if _sre else ()
# Openings the engine enters before it can tell a part fails (see _guard).
_ENTERED = (
    (sre.SUBPATTERN, sre.MAX_REPEAT, sre.MIN_REPEAT, sre.ASSERT, sre.ASSERT_NOT, sre.BRANCH)
    if _sre
    else ()
)
_Items = list[tuple[Any, Any]]  # charset items: (LITERAL, c), (RANGE, (lo, hi)), (CATEGORY, c)
_CASE_FLAGS = re.IGNORECASE | re.LOCALE
# Inline flags under which a class could match more than it does in the whole pattern.
_WIDENING_FLAGS = _CASE_FLAGS | re.UNICODE


def compile_scanning(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, with a first-character scan when one can be read."""
    if _sre is None or flags & _CASE_FLAGS:
        return re.compile(pattern, flags)
    try:
        return _compile(pattern, flags)
    except Exception:  # a compiler this module does not know: the plain pattern is right
        return re.compile(pattern, flags)


def opens_beyond_ascii(pattern: str) -> bool:
    """True when every match of `pattern` starts with a non-ASCII character (it never
    matches in an ASCII text) and the pattern has no capturing group."""
    if _sre is None:
        return False
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # a part that only parses within its whole pattern (a back-reference)
        return False
    first = _first(parsed.data)
    if first is None or first[1] or parsed.state.groups > 1:
        return False
    return all(
        (op is sre.LITERAL and av > 127) or (op is sre.RANGE and av[0] > 127) for op, av in first[0]
    )


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    """What `re._compiler.compile` does (the pattern is parsed once), with guarded
    alternatives and an info block holding the first characters when it names none."""
    parsed = _parser.parse(pattern, flags)
    flags |= parsed.state.flags
    if not flags & _CASE_FLAGS:
        _guard(parsed.data, parsed.state)
    code = _compiler._code(parsed, flags)
    info = _first_chars_info(parsed, flags, code)
    if info is not None:
        code = info + code[1 + code[1] :]  # the rest of the code jumps by relative offsets
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    return _sre.compile(
        pattern, flags, code, parsed.state.groups - 1, parsed.state.groupdict, tuple(indexgroup)
    )


def _first_chars_info(parsed: Any, flags: int, code: list[int]) -> list[int] | None:
    """An info block naming the characters a match starts with, or None when the compiler's
    own block has a prefix already, the pattern can match "" or is anchored at the start,
    or the characters cannot be told."""
    if flags & _CASE_FLAGS or code[0] != sre.INFO or code[2] != 0 or code[3] == 0:
        return None
    if parsed.data and parsed.data[0] in _ANCHORED:
        return None  # tried at the start only: nothing to skip
    first = _first(parsed.data)
    if first is None or first[1]:
        return None
    charset, hascased = _compiler._optimize_charset(first[0])
    if hascased:
        return None
    info = [sre.INFO, 0, sre.SRE_INFO_CHARSET, code[3], code[4]]
    _compiler._compile_charset(charset, flags, info)
    info[1] = len(info) - 1
    return info


def _guard(data: list[tuple[Any, Any]], state: Any) -> None:
    """Put a lookahead for its first characters before each part the engine would enter
    blind, in place: an alternative that opens with a group, a repeat or a lookaround, and
    what follows a repeat when it opens so.

    The engine skips an alternative at once when it opens with a literal or a class; one
    that opens with a named group is entered, its marks saved and restored, at every
    position where the alternation is tried ("(?P<iso>…)|(?P<my>…)|…" in dates). After
    "\\s+" it enters what follows at every blank ("\\s+(?:(?:also|all)\\s+)*(?:joined|…)").
    The lookahead only restates what the part needs, so the matches are the same.
    """
    for i in range(len(data) - 1, -1, -1):  # backwards: insertions keep the indices ahead
        op, av = data[i]
        if op is sre.BRANCH:
            av[1][:] = _by_first_literal(av[1], state)
            for alternative in av[1]:
                _guard(alternative.data, state)
                _guard_at(alternative.data, 0, state)
        elif op is sre.SUBPATTERN and not av[1] & _WIDENING_FLAGS:
            _guard(av[3].data, state)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _guard(av[2].data, state)
            _guard_at(data, i + 1, state)
        elif op is sre.ATOMIC_GROUP:
            _guard(av.data, state)
        elif op is sre.ASSERT and av[0] > 0:  # lookaheads; lookbehinds keep their width as is
            _guard(av[1].data, state)


def _by_first_literal(alternatives: list[Any], state: Any) -> list[Any]:
    """The alternatives with those opening with the same literal joined under it, as a trie:
    "million|billion|bn|…" tries "b" once. An alternative joins the last one opening with its
    literal when none between them can open with that character, so the order of the
    alternatives a position can try is kept."""
    groups: list[tuple[int | None, list[Any]]] = []
    for alternative in alternatives:
        data = alternative.data
        char = data[0][1] if data and data[0][0] is sre.LITERAL else None
        if char is not None:
            last = next((k for k in range(len(groups) - 1, -1, -1) if groups[k][0] == char), None)
            if last is not None and all(_cannot_open(g, char) for g in groups[last + 1 :]):
                groups[last][1].append(alternative)
                continue
        groups.append((char, [alternative]))
    out = []
    for char, members in groups:
        if len(members) == 1:
            out.append(members[0])
            continue
        rests = [_parser.SubPattern(state, m.data[1:]) for m in members]
        branch = _parser.SubPattern(state, [(sre.BRANCH, (None, rests))])
        out.append(
            _parser.SubPattern(state, [(sre.LITERAL, char), (sre.SUBPATTERN, (None, 0, 0, branch))])
        )
    return out


def _cannot_open(group: tuple[int | None, list[Any]], char: int) -> bool:
    """True when no alternative of the group can match at a `char` (nor match "")."""
    if group[0] is not None:
        return group[0] != char
    first = _first(group[1][0].data)
    return (
        first is not None
        and not first[1]
        and all(
            (op is sre.LITERAL and av != char) or (op is sre.RANGE and not av[0] <= char <= av[1])
            for op, av in first[0]
        )
    )


def _guard_at(data: list[tuple[Any, Any]], i: int, state: Any) -> None:
    """A lookahead before `data[i]` for the first characters of `data[i:]`, when that part
    opens with something the engine enters and its first characters can be told."""
    if i >= len(data) or data[i][0] not in _ENTERED:
        return
    first = _first(data[i:])
    if first is not None and first[0] and not first[1]:
        data.insert(i, (sre.ASSERT, (1, _parser.SubPattern(state, [(sre.IN, first[0])]))))


def _first(data: list[tuple[Any, Any]]) -> tuple[_Items, bool] | None:
    """(characters a match of the sequence can start with, whether it can match ""), or None
    when they cannot be told (an open class, a back-reference, case-insensitive parts)."""
    items: _Items = []
    for op, av in data:
        if op in (sre.AT, sre.ASSERT_NOT) or (op is sre.ASSERT and av[0] < 0):
            continue  # zero-width: passing over it only widens the set
        if op is sre.ASSERT:  # a lookahead: what follows starts with its first characters
            ahead = _first(av[1].data)
            if ahead is not None and not ahead[1]:
                return items + ahead[0], False
            continue
        found = _first_of(op, av)
        if found is None:
            return None
        items += found[0]
        if not found[1]:
            return items, False
    return items, True


def _first_of(op: Any, av: Any) -> tuple[_Items, bool] | None:
    """`_first` of one element of a sequence."""
    if op is sre.LITERAL:
        return [(op, av)], False
    if op is sre.IN:
        if any(not _positive(item_op, item) for item_op, item in av):
            return None  # a negated class starts almost anywhere
        return list(av), False
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & _WIDENING_FLAGS else _first(sub.data)
    if op is sre.ATOMIC_GROUP:
        return _first(av.data)
    if op is sre.BRANCH:
        return _union([_first(alternative.data) for alternative in av[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        found = _first(sub.data)
        return None if found is None else (found[0], found[1] or low == 0)
    if op is sre.GROUPREF_EXISTS:
        _group, yes, no = av
        return _union([_first(yes.data), _first(no.data) if no is not None else ([], True)])
    return None  # ANY, NOT_LITERAL, GROUPREF, …: no useful set


def _positive(op: Any, av: Any) -> bool:
    """True for a class item that names characters: a literal, a range, a positive category
    (\\d, \\w, \\s; their ASCII forms are subsets, so the whole pattern's flags cover them)."""
    if op is sre.CATEGORY:
        return av in (sre.CATEGORY_DIGIT, sre.CATEGORY_WORD, sre.CATEGORY_SPACE)
    return op in (sre.LITERAL, sre.RANGE)


def _union(found: list[tuple[_Items, bool] | None]) -> tuple[_Items, bool] | None:
    if any(f is None for f in found):
        return None
    return [item for f in found for item in f[0]], any(f[1] for f in found)
