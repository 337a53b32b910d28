"""What ``--explain`` prints: the exact formulas, the units and sizes used, and references.

Each explanation is written from the numbers of the run it explains, and
works its first row through by hand, so that a reader can check the result
with a calculator (or Rayson's online one).  The formulas are those of the
modules that compute them (``analysis.frequency``, ``analysis.dispersion``,
``analysis.keyness``, ``analysis.collocation``); this module only says them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

#: The works the statistics come from, by key.
REFERENCES = {
    "gries2008": (
        "Gries, Stefan Th. 2008. Dispersions and adjusted frequencies in corpora. "
        "International Journal of Corpus Linguistics 13(4): 403-437."
    ),
    "lijffijt2012": (
        "Lijffijt, Jefrey and Stefan Th. Gries. 2012. Correction to Stefan Th. Gries' "
        "'Dispersions and adjusted frequencies in corpora'. International Journal of Corpus "
        "Linguistics 17(1): 147-149."
    ),
    "rayson2000": (
        "Rayson, Paul and Roger Garside. 2000. Comparing corpora using frequency profiling. "
        "In Proceedings of the Workshop on Comparing Corpora, ACL 2000, Hong Kong, 1-6. "
        "Calculator: https://ucrel.lancs.ac.uk/llwizard.html"
    ),
    "hardie2014": (
        "Hardie, Andrew. 2014. Log Ratio - an informal introduction. ESRC Centre for Corpus "
        "Approaches to Social Science (CASS), Lancaster University, blog post."
    ),
    "gabrielatos2012": (
        "Gabrielatos, Costas and Anna Marchi. 2012. Keyness: appropriate metrics and practical "
        "issues. CADS International Conference 2012, University of Bologna."
    ),
    "rychly2008": (
        "Rychlý, Pavel. 2008. A lexicographer-friendly association score. In Proceedings of "
        "Recent Advances in Slavonic Natural Language Processing, RASLAN 2008, 6-9."
    ),
    "evert2008": (
        "Evert, Stefan. 2008. Corpora and collocations. In Anke Lüdeling and Merja Kytö (eds.), "
        "Corpus Linguistics. An International Handbook, article 58. Berlin: Mouton de Gruyter."
    ),
    "church1990": (
        "Church, Kenneth Ward and Patrick Hanks. 1990. Word association norms, mutual "
        "information, and lexicography. Computational Linguistics 16(1): 22-29."
    ),
    "dunning1993": (
        "Dunning, Ted. 1993. Accurate methods for the statistics of surprise and coincidence. "
        "Computational Linguistics 19(1): 61-74."
    ),
}


class Explanation(NamedTuple):
    """An explanation: a title, sections of lines, and the same as data for JSON."""

    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    data: dict[str, Any]

    def text(self) -> str:
        """The explanation as plain text: the title, then each section under its heading."""
        parts = [self.title]
        for heading, lines in self.sections:
            parts.append("")
            parts.append(f"{heading}:")
            parts += [f"  {line}" for line in lines]
        return "\n".join(parts) + "\n"

    def rows(self) -> list[dict[str, str]]:
        """One row a line, for CSV: the section and the line."""
        return [
            {"section": heading, "line": line} for heading, lines in self.sections for line in lines
        ]


def _n(value: float) -> str:
    """A number for a person: thousands separated, at most 6 significant decimals."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.6g}"


def _x_ln(x: float, expected: float) -> str:
    return "0" if x == 0 else f"{_n(x)}·ln({_n(x)}/{_n(expected)})"


def _references(keys: Sequence[str]) -> tuple[str, ...]:
    return tuple(REFERENCES[key] for key in keys)


# --- freq -----------------------------------------------------------------------------------


def explain_freq(
    *,
    terms: Sequence[str],
    regex: bool,
    grouping: str,
    groups: Sequence[Mapping[str, Any]],
    example: Mapping[str, Any] | None,
) -> Explanation:
    """``freq --explain``.

    ``groups`` are (label, speeches, size) of every group; ``example`` is the
    first row with a hit, with ``parts``: (label, count, size) of each of its
    speeches.
    """
    reading = "a regular expression (regex module syntax)" if regex else "a plain string"
    counted = (
        f"Each TERM ({', '.join(terms)}) is read as {reading}, folded to Simplified as grep "
        "folds it, and its hits in the remarks (not the dateline) are counted as grep counts "
        "them: left to right, non-overlapping."
    )
    formulas = (
        "count = the hits of the term in the group's speeches",
        "size = the characters of the group's remarks (the records' length field: every "
        "character, punctuation included)",
        "per_10k = count × 10,000 / size",
        "speeches = the speeches in the group; range = those with at least one hit",
        "DP = ½ · Σ |v_i/f − s_i| over the group's speeches i (Gries 2008), where v_i is the "
        "hits in speech i, f = count, and s_i = size_i / size; none when f = 0, 0 for a group "
        "of one speech",
    )
    sizes = tuple(
        f"{group['label']}: {_n(group['speeches'])} speech{'es' if group['speeches'] != 1 else ''}"
        f", {_n(group['size'])} characters"
        for group in groups
    )
    sections: list[tuple[str, tuple[str, ...]]] = [
        ("What is counted", (counted,)),
        ("Formulas", formulas),
        ("Sizes" if grouping == "all" else f"Sizes (grouped by {grouping})", sizes),
    ]
    data: dict[str, Any] = {
        "command": "freq",
        "terms": list(terms),
        "regex": regex,
        "by": grouping,
        "counted": counted,
        "formulas": list(formulas),
        "groups": [dict(group) for group in groups],
        "example": None,
        "references": list(_references(["gries2008"])),
    }
    if example is not None:
        lines = _freq_example(example)
        sections.append(("The first row with a hit, by hand", lines))
        data["example"] = {**example, "parts": [list(part) for part in example["parts"]]}
    sections.append(("References", _references(["gries2008"])))
    return Explanation("How freq counts", tuple(sections), data)


def _freq_example(row: Mapping[str, Any]) -> tuple[str, ...]:
    count, size = row["count"], row["size"]
    parts = row["parts"]
    lines = [
        f"{row['term']} in {row['label']}: count = {_n(count)}, size = {_n(size)}",
        f"per_10k = {_n(count)} × 10,000 / {_n(size)} = {row['per_10k']:.6g}",
    ]
    if len(parts) < 2:
        lines.append("DP = 0 (one speech)")
        return tuple(lines)
    with_hits = [part for part in parts if part[1]]
    without = sum(part[2] for part in parts if not part[1])
    terms = [f"|{_n(v)}/{_n(count)} − {_n(s)}/{_n(size)}|" for _, v, s in with_hits]
    lines.append(
        "DP = ½ · ("
        + " + ".join(terms)
        + f" + {_n(without)}/{_n(size)})"
        + (
            f"  [the last term: the {len(parts) - len(with_hits)} speeches without a hit, "
            "each |0 − s_i| = s_i]"
            if without
            else ""
        )
    )
    lines.append(f"   = {row['dp']:.6g}")
    lines.append("speeches with a hit: " + ", ".join(f"{label} ({v})" for label, v, _ in with_hits))
    return tuple(lines)


# --- keywords -------------------------------------------------------------------------------


def explain_keywords(
    *,
    units: str,
    size_unit: str,
    study: str,
    reference: str,
    study_size: int,
    ref_size: int,
    filters: str,
    example: Mapping[str, Any] | None,
) -> Explanation:
    """``keywords --explain``; ``example`` is the first keyword row, if any."""
    c, d = study_size, ref_size
    formulas = (
        "for a unit with a tokens in the study corpus and b in the reference:",
        "E1 = c·(a + b) / (c + d),  E2 = d·(a + b) / (c + d)",
        "LL = 2·(a·ln(a/E1) + b·ln(b/E2)), with 0·ln 0 = 0 (Rayson & Garside 2000, "
        "the two-term form of Rayson's calculator)",
        "p = P(χ² with 1 degree of freedom ≥ LL) = erfc(√(LL/2)); LL ≥ 3.84, 6.63, 10.83, 15.13 "
        "for p < 0.05, 0.01, 0.001, 0.0001",
        "log_ratio = log2((a/c) / (b/d)) (Hardie 2014); a count of 0 is taken as 0.5, and a "
        "unit in neither corpus gets 0",
        "pct_diff = 100·(a/c − b/d) / (b/d) (Gabrielatos & Marchi 2012); none when b = 0",
        "a unit is over-used in the study corpus when a/c > b/d, under-used when a/c < b/d",
    )
    sizes = (
        f"study corpus: {study}",
        f"reference corpus: {reference}",
        f"c = {_n(c)} {size_unit} in the study corpus",
        f"d = {_n(d)} {size_unit} in the reference corpus",
    )
    keys = ["rayson2000", "hardie2014", "gabrielatos2012"]
    sections: list[tuple[str, tuple[str, ...]]] = [
        ("Units", (units,)),
        ("Corpora and sizes", sizes),
        ("Formulas", formulas),
        ("Rows shown", (filters,)),
    ]
    data: dict[str, Any] = {
        "command": "keywords",
        "units": units,
        "study": study,
        "reference": reference,
        "study_size": c,
        "ref_size": d,
        "size_unit": size_unit,
        "formulas": list(formulas),
        "shown": filters,
        "example": None if example is None else dict(example),
        "references": list(_references(keys)),
    }
    if example is not None:
        sections.append(("The first row, by hand", _keyword_example(example)))
    sections.append(("References", _references(keys)))
    return Explanation("How keywords computes keyness", tuple(sections), data)


def _keyword_example(row: Mapping[str, Any]) -> tuple[str, ...]:
    a, b, c, d = row["study_count"], row["ref_count"], row["study_size"], row["ref_size"]
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    ratio_a, ratio_b = a or 0.5, b or 0.5
    lines = [
        f"{row['ngram']}: a = {_n(a)}, b = {_n(b)}, c = {_n(c)}, d = {_n(d)}",
        f"E1 = {_n(c)}·{_n(a + b)}/{_n(c + d)} = {_n(e1)};  "
        f"E2 = {_n(d)}·{_n(a + b)}/{_n(c + d)} = {_n(e2)}",
        f"LL = 2·({_x_ln(a, e1)} + {_x_ln(b, e2)}) = {_n(row['ll'])}",
        f"p = erfc(√({_n(row['ll'])}/2)) = {row['p']:.6g}",
        f"log_ratio = log2(({_n(ratio_a)}/{_n(c)}) / ({_n(ratio_b)}/{_n(d)})) = "
        f"{_n(row['log_ratio'])}",
    ]
    if row["pct_diff"] is None:
        lines.append("pct_diff: none, since b = 0")
    else:
        lines.append(
            f"pct_diff = 100·({_n(a)}/{_n(c)} − {_n(b)}/{_n(d)}) / ({_n(b)}/{_n(d)}) = "
            f"{_n(row['pct_diff'])}"
        )
    return tuple(lines)


# --- collocates -----------------------------------------------------------------------------


def explain_collocates(
    *,
    pattern: str,
    units: str,
    window: tuple[int, int],
    node_count: int,
    window_tokens: int,
    size: int,
    filters: str,
    example: Mapping[str, Any] | None,
) -> Explanation:
    """``collocates --explain``; ``example`` is the first collocate row, if any."""
    left, right = window
    span = window_tokens / node_count if node_count else 0.0
    node = (
        f"the hits of {pattern} in the remarks of the selection, as grep finds them: "
        f"f_x = {_n(node_count)}",
    )
    windows = (
        f"{left} characters before each hit and {right} after it, every character counted "
        "(punctuation too), cut short at the edges of the hit's sentence (a sentence ends after "
        "。！？ or ；, with any closing quotation marks)",
        "a token counts when it lies wholly inside the left or the right part of one hit's "
        "window; a token overlapping any hit never counts; each token counts once, even in two "
        "windows",
    )
    sizes = (
        f"N = {_n(size)} unit tokens in the selection",
        f"R1 = {_n(window_tokens)} unit tokens in windows",
        f"k = R1 / f_x = {_n(span)} tokens in one hit's window, on average",
    )
    formulas = (
        "f_xy = tokens of the collocate y in windows (co_count); f_y = its tokens in the "
        "selection (collocate_count); f_x = node_count",
        "O11 = f_xy, O12 = R1 − O11, O21 = f_y − O11, O22 = N − R1 − O21; "
        "E_ij = row total × column total / N, so E11 = R1·f_y / N (Evert 2008)",
        "log_dice = 14 + log2(2·f_xy / (f_x + f_y)) (Rychlý 2008); at most 14",
        "mi = log2(O11 / E11) (pointwise mutual information; Church & Hanks 1990)",
        "t_score = (O11 − E11) / √O11",
        "ll = 2·Σ O_ij·ln(O_ij / E_ij) over the four cells, 0·ln 0 = 0 (Dunning 1993); unsigned",
    )
    keys = ["rychly2008", "evert2008", "church1990", "dunning1993"]
    sections: list[tuple[str, tuple[str, ...]]] = [
        ("Node", node),
        ("Units", (units,)),
        ("Window", windows),
        ("Sizes", sizes),
        ("Formulas", formulas),
        ("Rows shown", (filters,)),
    ]
    data: dict[str, Any] = {
        "command": "collocates",
        "pattern": pattern,
        "units": units,
        "window": [left, right],
        "node_count": node_count,
        "window_tokens": window_tokens,
        "size": size,
        "formulas": list(formulas),
        "shown": filters,
        "example": None if example is None else dict(example),
        "references": list(_references(keys)),
    }
    if example is not None:
        sections.append(
            ("The first row, by hand", _collocate_example(example, window_tokens, size))
        )
    sections.append(("References", _references(keys)))
    return Explanation("How collocates measures association", tuple(sections), data)


def _collocate_example(row: Mapping[str, Any], r1: int, size: int) -> tuple[str, ...]:
    f_xy, f_x, f_y = row["co_count"], row["node_count"], row["collocate_count"]
    o11, o12, o21 = f_xy, r1 - f_xy, f_y - f_xy
    o22 = size - r1 - o21
    r2, c2 = size - r1, size - f_y
    e = (r1 * f_y / size, r1 * c2 / size, r2 * f_y / size, r2 * c2 / size)
    cells = " + ".join(_x_ln(o, x) for o, x in zip((o11, o12, o21, o22), e, strict=True))
    return (
        f"{row['collocate']}: f_xy = {_n(f_xy)}, f_x = {_n(f_x)}, f_y = {_n(f_y)}",
        f"O11 = {_n(o11)}, O12 = {_n(o12)}, O21 = {_n(o21)}, O22 = {_n(o22)}",
        f"E11 = {_n(r1)}·{_n(f_y)}/{_n(size)} = {_n(e[0])}",
        f"log_dice = 14 + log2(2·{_n(f_xy)}/({_n(f_x)} + {_n(f_y)})) = {_n(row['log_dice'])}",
        f"mi = log2({_n(o11)}/{_n(e[0])}) = {_n(row['mi'])}",
        f"t_score = ({_n(o11)} − {_n(e[0])})/√{_n(o11)} = {_n(row['t_score'])}",
        f"ll = 2·({cells}) = {_n(row['ll'])}",
    )
