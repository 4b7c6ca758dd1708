"""Licence text normalisation shared by generate.py and tests/licenses scripts.

This is the reference implementation of the tokeniser in checks/license/normalize.cpp: both must
produce the same tokens, or the embedded fingerprints stop matching. The unit tests check that
the C++ fingerprints of the canonical texts equal the embedded ones.

Steps (SPDX matching guidelines, section by section):
  1. Unicode quotes, dashes, bullets, no-break spaces -> space; the copyright sign -> "(c)".
  2. Per line: strip leading markup (#, *, -, >, ...); remove copyright statements
     ("Copyright (c) 2020 Jane Doe.", "(c) 2020 X" up to the end of the sentence or of the
     line, wherever they are in the line); strip one list marker ("1.", "1.2.", "(a)", "iv)").
  3. Words = runs of [A-Za-z0-9] and non-ASCII bytes, lower-cased (ASCII and Latin-1 letters).
     Single letters are dropped; British spellings and https are mapped to one form.
  4. Token phrases: "all rights reserved" and the old FSF postal addresses are removed; the
     copyright holder of BSD/MIT style licences ("neither the name of X nor", "provided by X as
     is", "in no event shall X be liable", "the name of X may not be used") becomes "var".
  5. Fingerprint: each word's FNV-1a 32-bit hash, the three of a trigram mixed into 30 bits
     (trigram_hash); the top two bits are flags on the middle word: bit 31, it changes meaning (not, shall, affero...); bit 30,
     it is a number or roman numeral (a section reference, tolerated when it moves).
"""

N = 3

UNICODE_SPACE = [
    "\u2018", "\u2019", "\u201a", "\u201b", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb",
    "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u00a0", "\u2022",
    "\u2023", "\u25cf", "\u00b7", "\u2026", "\ufeff", "\u202f", "\u2009", "\u00a7",
]

EQUIVALENT = {
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "licencing": "licensing", "licencor": "licensor", "licencee": "licensee",
    "https": "http", "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments", "analogue": "analog",
    "authorisation": "authorization", "authorised": "authorized", "authorise": "authorize",
    "behaviour": "behavior", "cancelled": "canceled", "catalogue": "catalog",
    "favour": "favor", "favourable": "favorable", "fulfil": "fulfill",
    "judgement": "judgment", "labelled": "labeled", "offence": "offense",
    "organisation": "organization", "organisations": "organizations",
    "practise": "practice", "recognised": "recognized", "utilise": "utilize",
    "utilisation": "utilization", "characterised": "characterized", "modelling": "modeling",
    "sub": "sub",
}

SENSITIVE = {
    "not", "no", "non", "never", "nor", "without", "except", "unless", "only", "shall",
    "must", "may", "can", "cannot", "affero", "lesser", "library", "commercial",
    "noncommercial", "evil", "prohibited", "forbidden", "permitted", "any", "all",
    "none", "neither", "irrevocable", "revocable", "perpetual", "exclusive", "nonexclusive",
}

REMOVED_PHRASES = [
    ["all", "rights", "reserved"],
    ["51", "franklin", "street", "fifth", "floor", "boston", "ma", "02110", "1301", "usa"],
    ["51", "franklin", "st", "fifth", "floor", "boston", "ma", "02110", "1301", "usa"],
    ["59", "temple", "place", "suite", "330", "boston", "ma", "02111", "1307", "usa"],
    ["675", "mass", "ave", "cambridge", "ma", "02139", "usa"],
]

# (start anchor, end anchors): the words between (1 to MAX_VAR words) become "var".
VARIABLE_SLOTS = [
    (["as", "is", "and"], [["disclaims", "all"]]),
    (["neither", "the", "name", "of"], [["nor", "the", "names", "of"]]),
    (["provided", "by"], [["as", "is"]]),
    (["in", "no", "event", "shall"], [["be", "liable"]]),
    (["the", "name", "of"], [["may", "not", "be", "used"], ["shall", "not", "be", "used"]]),
]
MAX_VAR = 12

NUMERAL_WORDS = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"}


def is_numeral(word):
    """True for a number ("12") or a roman numeral of list items ("iv")."""
    return word.isdigit() or word in NUMERAL_WORDS


MARKUP = set(b" \t>#*-+=_|`~")


def _is_word_byte(c):
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122) or c >= 0x80


def _lower_word(w):
    out = bytearray()
    i = 0
    while i < len(w):
        c = w[i]
        if 65 <= c <= 90:
            out.append(c + 32)
        elif c == 0xC3 and i + 1 < len(w) and 0x80 <= w[i + 1] <= 0x9E and w[i + 1] != 0x97:
            out.append(c)
            out.append(w[i + 1] + 0x20)
            i += 1
        else:
            out.append(c)
        i += 1
    return bytes(out)


def _is_roman(s):
    return 1 <= len(s) <= 6 and all(ch in b"ivxlcIVXLC" for ch in s)


def _strip_list_marker(line):
    """Removes one list marker at the start of `line` (already stripped of markup)."""
    pos = 0
    paren = False
    if pos < len(line) and line[pos] == 0x28:  # (
        paren = True
        pos += 1
    start = pos
    # digits with dots: 1, 1.2, 1.2.
    if pos < len(line) and 48 <= line[pos] <= 57:
        while pos < len(line) and (48 <= line[pos] <= 57 or line[pos] == 0x2E):
            if pos - start > 12:
                return line
            pos += 1
        body = line[start:pos]
        if paren:
            if pos < len(line) and line[pos] == 0x29:
                pos += 1
            else:
                return line
        elif body.endswith(b"."):
            pass
        elif pos < len(line) and line[pos] == 0x29:
            pos += 1
        elif b"." in body:
            pass
        else:
            return line
    else:
        while pos < len(line) and (65 <= line[pos] <= 90 or 97 <= line[pos] <= 122):
            pos += 1
            if pos - start > 6:
                return line
        body = line[start:pos]
        if not body:
            return line
        if not (len(body) == 1 or _is_roman(body)):
            return line
        if pos < len(line) and (line[pos] == 0x29 or (not paren and line[pos] == 0x2E)):
            pos += 1
        else:
            return line
    if pos < len(line) and line[pos] not in b" \t":
        return line
    return line[pos:]


def _lstrip_markup(line):
    i = 0
    while i < len(line) and line[i] in MARKUP:
        i += 1
    return line[i:]


def _words(line):
    out = []
    i = 0
    n = len(line)
    while i < n:
        if _is_word_byte(line[i]):
            j = i
            while j < n and _is_word_byte(line[j]):
                j += 1
            out.append(_lower_word(line[i:j]))
            i = j
        else:
            i += 1
    return out


_GRANT_STARTS = (b"You", b"YOU", b"Any", b"ANY", b"This", b"THIS", b"Permission", b"PERMISSION",
                 b"Redistribution", b"Redistributions", b"Everyone", b"everyone", b"Anyone",
                 b"anyone", b"Use", b"Licensed", b"Released", b"Subject", b"Unless", b"Feel",
                 b"Provided")


def _starts_grant(rest):
    """True when `rest` starts with a word that begins a licence's first sentence ("You
    may...", "Permission is..."), never a holder's name."""
    return any(rest.startswith(w) and len(rest) > len(w) and not _is_word_byte(rest[len(w)])
               for w in _GRANT_STARTS)


def _copyright_end(line, pos):
    """If a copyright statement starts at `pos` ("Copyright (c) 2020 ...", "Copyright 2020",
    "Copyright <year>", "(c) 2020 ..."), returns where it ends: at a sentence end (". " or "> "
    before an upper-case letter), before a word that starts a licence (_starts_grant) or at the
    end of the line; else returns -1."""
    if pos > 0 and _is_word_byte(line[pos - 1]):
        return -1
    if line[pos:pos + 3].lower() == b"(c)":
        rest = pos + 3
        while rest < len(line) and line[rest] in b" \t":
            rest += 1
        if rest == pos + 3 or rest >= len(line) or not 48 <= line[rest] <= 57:
            return -1
    elif line[pos:pos + 9].lower() == b"copyright":
        rest = pos + 9
        while rest < len(line) and line[rest] in b" \t:":
            rest += 1
        if rest >= len(line):
            return -1
        if not (line[rest:rest + 3].lower() == b"(c)" or 48 <= line[rest] <= 57
                or line[rest] in b"<[{"):
            return -1
    else:
        return -1
    i = rest
    while i < len(line):
        if line[i] in b" \t" and _starts_grant(line[i + 1:]):
            return i
        if line[i] in b".>":
            j = i + 1
            if j < len(line) and line[j] in b" \t":
                while j < len(line) and line[j] in b" \t":
                    j += 1
                if j < len(line) and 65 <= line[j] <= 90:
                    return i + 1
        i += 1
    return len(line)


def _without_copyright(line):
    """`line` with its copyright statements replaced by spaces (offsets kept)."""
    out = bytearray(line)
    i = 0
    while i < len(out):
        end = _copyright_end(bytes(out), i)
        if end < 0:
            i += 1
            continue
        for k in range(i, end):
            out[k] = 0x20
        i = end
    return bytes(out)


def _blank_tabbed_list_markers(line):
    """`line` with the list markers followed by a tab inside it replaced by spaces (the items of
    a list joined into one line keep their markers; only a tab marks one)."""
    out = bytearray(line)
    i = 1
    while i < len(out):
        if out[i - 1] not in b" \t":
            i += 1
            continue
        rest = bytes(out[i:])
        n = len(rest) - len(_strip_list_marker(rest))
        if n == 0 or i + n >= len(out) or out[i + n] != 0x09:
            i += 1
            continue
        out[i:i + n] = b" " * n
        i += n + 1
    return bytes(out)


def tokens(text):
    """Normalised word tokens of `text` (bytes or str), each bytes."""
    return tokens_para(text)[0]


def tokens_para(text):
    """Normalised tokens and, for each, the number of its paragraph (blank-line separated)."""
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogateescape")
    for u in UNICODE_SPACE:
        text = text.replace(u.encode("utf-8"), b" ")
    text = text.replace("\u00a9".encode("utf-8"), b"(c)")
    out = []
    para = []
    p = 0
    for raw in text.split(b"\n"):
        line = _lstrip_markup(raw.rstrip(b"\r"))
        if not line.strip():
            if out and para[-1] == p:
                p += 1
            continue
        line = _strip_list_marker(_without_copyright(line))
        if b"\t" in line:
            line = _blank_tabbed_list_markers(line)
        for w in _words(line):
            if len(w) == 1 and not (48 <= w[0] <= 57):
                continue
            s = w.decode("utf-8", "surrogateescape")
            s = EQUIVALENT.get(s, s)
            out.append(s.encode("utf-8", "surrogateescape"))
            para.append(p)
    toks, src = phrases(out)
    return toks, [para[i] for i in src]


def _at(toks, i, phrase):
    return toks[i:i + len(phrase)] == phrase


def phrases(toks):
    """Applies the phrase rules; returns the tokens and the index of each one's source token."""
    rem = [[w.encode() for w in p] for p in REMOVED_PHRASES]
    slots = [([w.encode() for w in a], [[w.encode() for w in e] for e in ends])
             for a, ends in VARIABLE_SLOTS]
    out = []
    src = []
    i = 0
    n = len(toks)
    while i < n:
        hit = False
        for p in rem:
            if _at(toks, i, p):
                i += len(p)
                hit = True
                break
        if hit:
            continue
        for anchor, ends in slots:
            if not _at(toks, i, anchor):
                continue
            k = i + len(anchor)
            found = None
            for j in range(k + 1, min(n, k + MAX_VAR) + 1):
                for e in ends:
                    if _at(toks, j, e):
                        found = (j, e)
                        break
                if found:
                    break
            # A holder's name, not a clause: no meaning-bearing word in the slot.
            if found and any(w.decode() in SENSITIVE for w in toks[k:found[0]]):
                found = None
            if found:
                out.extend(anchor)
                out.append(b"var")
                src.extend(range(i, i + len(anchor) + 1))
                i = found[0]
                hit = True
                break
        if hit:
            continue
        out.append(toks[i])
        src.append(i)
        i += 1
    return out, src


def fnv1a(data):
    h = 0x811C9DC5
    for c in data:
        h ^= c
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def _mix32(h):
    """Murmur3's finaliser."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h


def trigram_hash(a, b, c):
    """30-bit hash of a trigram from its words' FNV-1a hashes (normalize.cpp: trigram_hash)."""
    h = _mix32(a ^ 0x9E3779B9)
    h = _mix32((h * 31 + b + 0x7F4A7C15) & 0xFFFFFFFF)
    h = _mix32((h * 31 + c + 0x2545F491) & 0xFFFFFFFF)
    return h & 0x3FFFFFFF


def fingerprint(toks):
    """Trigram hashes of a token list (see the module comment)."""
    out = []
    words = [fnv1a(t) for t in toks]
    for i in range(len(toks) - N + 1):
        h = trigram_hash(words[i], words[i + 1], words[i + 2])
        middle = toks[i + 1].decode("utf-8", "surrogateescape")
        if middle in SENSITIVE:
            h |= 0x80000000
        if is_numeral(middle):
            h |= 0x40000000
        out.append(h)
    return out
