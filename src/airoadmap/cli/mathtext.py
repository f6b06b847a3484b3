"""LaTeX maths as readable plain text for the terminal: `\\lVert w \\rVert^2` -> `‖w‖²`.

Briefs write maths between `$...$` (inline) and `$$...$$` (display), as the dashboard's
MathML expects. A terminal shows text, and Rich's Markdown eats LaTeX's backslashes (`\\,`
becomes `,`), so `show` first turns each formula into Unicode text:

- Greek letters and symbols (`\\alpha` -> α, `\\cdot` -> ·, `\\lVert` -> ‖, `\\nabla` -> ∇);
- `^` and `_` as Unicode super- and subscripts where every character has one (`x_i^2` ->
  xᵢ², `X^\\top` -> Xᵀ), else `x_(i ∈ S)` / `e^(-|z|)`;
- `\\frac{a}{b}` as `a/b`, with parentheses where a part or the fraction needs them;
- `\\hat`, `\\bar`, `\\tilde` as combining accents (x̂, x̄); `\\text{...}`, `\\operatorname`,
  `\\mathrm` as their text; `\\log`, `\\min`, `\\sum` as words or signs followed by a space;
- spacing commands as spaces, `\\left`/`\\right`/`\\big` dropped, any other command as its
  name: no backslash command is left.

`math_markdown` applies this to the formulas of a Markdown text, leaving code alone; a
display formula on its own lines becomes a block quote, one line per source line.
"""

from __future__ import annotations

import re

__all__ = ["math_markdown", "to_text"]

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
    "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip
SYMBOLS = {
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
    "equiv": "≡", "propto": "∝", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂",
    "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖",
    "infty": "∞", "partial": "∂", "nabla": "∇", "dots": "…", "ldots": "…", "cdots": "⋯",
    "vdots": "⋮", "ddots": "⋱", "to": "→", "rightarrow": "→", "leftarrow": "←",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "iff": "⇔", "implies": "⇒", "mapsto": "↦",
    "mid": "|", "vert": "|", "lvert": "\x06", "rvert": "\x07", "Vert": "‖", "lVert": "\x0e",
    "rVert": "\x0f", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
    "rceil": "⌉", "top": "⊤", "intercal": "⊤", "perp": "⊥", "ell": "ℓ", "forall": "∀",
    "exists": "∃", "neg": "¬", "lnot": "¬", "land": "∧", "wedge": "∧", "lor": "∨",
    "vee": "∨", "circ": "∘", "ast": "∗", "star": "⋆", "prime": "′", "emptyset": "∅",
    "varnothing": "∅", "ll": "≪", "gg": "≫", "dagger": "†", "hbar": "ℏ", "odot": "⊙",
    "otimes": "⊗", "oplus": "⊕", "colon": ":", "lbrace": "{", "rbrace": "}",
    "quad": "\x05", "qquad": "\x05", "cdotp": "·", "bullet": "•",
}  # fmt: skip
# Relations and binary operators: written with a space on each side.
BINARY = {"cdot", "times", "div", "le", "leq", "ge", "geq", "ne", "neq", "approx", "sim",
          "simeq", "equiv", "propto", "in", "notin", "ni", "subset", "subseteq", "supset",
          "supseteq", "cup", "cap", "setminus", "to", "rightarrow", "leftarrow", "Rightarrow",
          "Leftarrow", "iff", "implies", "mapsto", "mid", "land", "wedge", "lor", "vee",
          "circ", "ll", "gg", "odot", "otimes", "oplus", "perp"}  # fmt: skip
# Written as words or signs followed by a space before a name: `\log x` -> "log x".
OPERATORS = {
    "sum": "Σ", "prod": "∏", "int": "∫", "oint": "∮", "bigcup": "⋃", "bigcap": "⋂",
    **{w: w for w in (
        "log", "ln", "lg", "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin",
        "arccos", "arctan", "min", "max", "arg", "argmin", "argmax", "det", "tr", "lim",
        "sup", "inf", "limsup", "liminf", "deg", "dim", "ker", "Pr", "gcd", "sgn", "mod",
    )},
}  # fmt: skip
TEXT_ARG = {"text", "textrm", "textit", "textbf", "mathrm", "operatorname", "mathit",
            "mathbf", "boldsymbol", "bm", "mathsf", "mathtt", "textsf", "texttt", "mbox",
            "mathcal", "mathscr", "mathfrak", "emph"}  # fmt: skip
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
           "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
           "ddot": "\u0308", "check": "\u030c", "breve": "\u0306", "acute": "\u0301",
           "grave": "\u0300"}  # fmt: skip
IGNORED = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
           "biggl", "biggr", "Biggl", "Biggr", "middle", "displaystyle", "textstyle",
           "scriptstyle", "limits", "nolimits", "nonumber", "notag", "label"}  # fmt: skip
SPACES = {",": " ", ":": " ", ">": " ", ";": " ", " ": " ", "!": ""}
ESCAPED = {"{": "{", "}": "}", "|": "‖", "_": "_", "%": "%", "&": "&", "#": "#", "$": "$"}
DOUBLE_STRUCK = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}

SUPER = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW⊤′'",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵀ′′",
        strict=True,
    )
)
SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True))

_SOFT = "\x01"  # after an operator word: a space if a name follows
_FRAC_OPEN, _FRAC_CLOSE = "\x02", "\x03"
_NEWLINE = "\x04"  # a line break of a display formula
_QUAD = "\x05"  # \quad, \qquad: a wide space
_BAR_OPEN, _BAR_CLOSE = "\x06", "\x07"  # \lvert, \rvert
_NORM_OPEN, _NORM_CLOSE = "\x0e", "\x0f"  # \lVert, \rVert
_BARS = str.maketrans({_BAR_OPEN: "|", _BAR_CLOSE: "|", _NORM_OPEN: "‖", _NORM_CLOSE: "‖"})
_SENTINELS = _SOFT + _FRAC_OPEN + _FRAC_CLOSE
_WORD = re.compile(r"[\w'.′]+")
_OPEN, _CLOSE = "([{⟨⌊⌈" + _BAR_OPEN + _NORM_OPEN, ")]}⟩⌋⌉" + _BAR_CLOSE + _NORM_CLOSE
_PREFIX = "∂∇¬√"  # signs written against what follows: ∂L, ∇f
# Next to these, a fraction needs no parentheses: "a/b = c", "(a/b)", "x + a/b".
_SEP_AFTER = set("=,;)]}⟩<>≤≥≈≠+-−|‖:…→" + _NEWLINE + _QUAD + _CLOSE)
_SEP_BEFORE = set("=,;([{⟨<>≤≥≈≠+-−|‖:→" + _NEWLINE + _QUAD + _OPEN + _SOFT)


def to_text(latex: str, *, display: bool = False) -> str:
    """One LaTeX formula as plain Unicode text (display: source lines stay lines)."""
    parser = _Parser(latex, display)
    text = _tidy(_resolve_fractions(parser.parse())).translate(_BARS)
    wide = "    " if display else "  "
    lines = [re.sub(f" *{_QUAD} *", wide, line).strip() for line in text.split(_NEWLINE)]
    return "\n".join(line for line in lines if line)


class _Parser:
    """A recursive reader of the LaTeX that formulas of briefs use."""

    def __init__(self, src: str, display: bool) -> None:
        self.src = src
        self.pos = 0
        self.display = display

    def parse(self, closing: str | None = None) -> str:
        out: list[str] = []
        src = self.src
        while self.pos < len(src):
            c = src[self.pos]
            if c == "}" and closing == "}":
                self.pos += 1
                return "".join(out)
            if c == "]" and closing == "]":
                self.pos += 1
                return "".join(out)
            if c == "{":
                self.pos += 1
                out.append(self.parse("}"))
            elif c == "}":  # unbalanced: drop it
                self.pos += 1
            elif c == "\\":
                out.append(self.command())
            elif c in "^_":
                self.pos += 1
                script = _script(self.argument(), SUPER if c == "^" else SUB, c)
                if out and out[-1].endswith(_SOFT):  # \sum_i: the script hugs the sign
                    out[-1] = out[-1][:-1] + script + _SOFT
                else:
                    out.append(script)
            elif c == "\n":
                self.pos += 1
                out.append(_NEWLINE if self.display else " ")
            elif c.isspace() or c in "&~":  # & aligns in environments, ~ is a space
                self.pos += 1
                out.append(" ")
            else:
                self.pos += 1
                out.append(c)
        return "".join(out)

    def argument(self) -> str:
        """One argument: a {group}, a command, or a single character (after spaces)."""
        src = self.src
        while self.pos < len(src) and src[self.pos] in " \t\n":
            self.pos += 1
        if self.pos >= len(src):
            return ""
        c = src[self.pos]
        if c == "{":
            self.pos += 1
            return self.parse("}")
        if c == "\\":
            return self.command()
        self.pos += 1
        return c

    def raw_group(self) -> str:
        """The text of a {group} as written (for \\begin{name}, \\text{...})."""
        src = self.src
        while self.pos < len(src) and src[self.pos] == " ":
            self.pos += 1
        if self.pos >= len(src) or src[self.pos] != "{":
            return self.argument()
        depth, start = 0, self.pos
        while self.pos < len(src):
            ch = src[self.pos]
            depth += ch == "{"
            depth -= ch == "}"
            self.pos += 1
            if depth == 0:
                break
        return src[start + 1 : self.pos - 1]

    def command(self) -> str:
        src = self.src
        self.pos += 1  # the backslash
        if self.pos >= len(src):
            return ""
        c = src[self.pos]
        if not c.isalpha():
            self.pos += 1
            if c == "\\":
                return _NEWLINE if self.display else "; "
            if c in SPACES:
                return SPACES[c]
            return ESCAPED.get(c, c)
        match = re.match(r"[A-Za-z]+", src[self.pos :])
        assert match is not None
        name = match.group()
        self.pos += len(name)
        return self.named(name)

    def named(self, name: str) -> str:
        if name in GREEK:
            return GREEK[name]
        if name in SYMBOLS:
            return f" {SYMBOLS[name]} " if name in BINARY else SYMBOLS[name]
        if name in OPERATORS:
            return OPERATORS[name] + _SOFT
        if name in IGNORED:
            if name == "left" and self.src.startswith(".", self.pos):
                self.pos += 1
            if name == "right" and self.src.startswith(".", self.pos):
                self.pos += 1
            return ""
        if name in ("frac", "tfrac", "dfrac", "cfrac"):
            return _fraction(self.argument(), self.argument())
        if name == "sqrt":
            index = ""
            if self.src.startswith("[", self.pos):
                self.pos += 1
                index = _script(self.parse("]"), SUPER, "^")
            body = _tidy(self.argument())
            return f"{index}√{body}" if _atomic(body) else f"{index}√({body})"
        if name in TEXT_ARG:
            inner = self.raw_group() if name.startswith("text") or name == "mbox" else None
            return inner if inner is not None else self.argument()
        if name == "mathbb":
            body = self.argument()
            return "".join(DOUBLE_STRUCK.get(ch, ch) for ch in body)
        if name in ACCENTS:
            body = _tidy(self.argument())
            return "".join(ch + ACCENTS[name] if ch.isalnum() else ch for ch in body)
        if name in ("begin", "end"):
            self.raw_group()
            return ""
        if name == "binom":
            top, bottom = _tidy(self.argument()), _tidy(self.argument())
            return f"C({top}, {bottom})"
        return name  # an unknown command: its name, never a backslash


def _script(text: str, table: dict[str, str], mark: str) -> str:
    """A super- or subscript: Unicode characters when all exist, else ^x / _(...)."""
    body = _tidy(text)
    letters = sum(ch.isalpha() for ch in body)
    if body and letters <= 1 and all(ch in table for ch in body):  # "max": λ_max, not λₘₐₓ
        return "".join(table[ch] for ch in body)
    if _WORD.fullmatch(body):
        return mark + body
    return f"{mark}({body})"


def _fraction(numerator: str, denominator: str) -> str:
    top, bottom = _tidy(numerator), _tidy(denominator)
    if not _atomic(top):
        top = f"({top})"
    if not (_atomic(bottom) and _single(bottom)):
        bottom = f"({bottom})"
    return f"{_FRAC_OPEN}{top}/{bottom}{_FRAC_CLOSE}"


def _atomic(part: str) -> bool:
    """No space or operator outside brackets: `max(a, b)`, `|x|`, `xᵢ²` are one piece."""
    depth = 0
    bars = 0
    for ch in part.strip(_SENTINELS):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
        elif ch in "|‖":
            bars ^= 1
        elif depth == 0 and not bars and (ch.isspace() or ch in "+-−=<>≤≥,/·×"):
            return False
    return True


def _single(part: str) -> bool:
    """One symbol (with its scripts, a ∂ or ∇ in front), a call like `max(...)` or a group."""
    core = part.strip(_SENTINELS).lstrip("∂∇")
    if core[:1] in _OPEN or core[:1] in "|‖":
        return True
    if re.fullmatch(r"[A-Za-z]+\(.*\)", core):
        return True
    letters = [ch for ch in core if ch not in SUPER.values() and ch not in SUB.values()]
    letters = [ch for ch in letters if ch not in "'′"]
    return len(letters) <= 1


def _resolve_fractions(text: str) -> str:
    """Put parentheses around a fraction only where it meets something it could bind with."""
    inner = re.compile(f"{_FRAC_OPEN}([^{_FRAC_OPEN}{_FRAC_CLOSE}]*){_FRAC_CLOSE}")
    while True:
        match = inner.search(text)
        if match is None:
            return text
        before = text[: match.start()].rstrip(" ")
        after = text[match.end() :].lstrip(" " + _SOFT)
        prev = before[-1:] if before else ""
        nxt = after[:1] if after else ""
        alone_before = prev in ("", _FRAC_OPEN) or prev in _SEP_BEFORE
        alone_after = nxt in ("", _FRAC_CLOSE) or nxt in _SEP_AFTER
        body = match.group(1)
        if not (alone_before and alone_after):
            body = f"({body})"
        text = text[: match.start()] + body + text[match.end() :]


def _tidy(text: str) -> str:
    """Resolve operator spaces, collapse runs of spaces, hug brackets."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch != _SOFT:
            out.append(ch)
            continue
        rest = text[i + 1 :].lstrip(" " + _SENTINELS)
        if rest and (rest[0].isalnum() or rest[0] in "∂∇√‖|Σ∏∫"):
            out.append(" ")
    text = re.sub(r" {2,}", " ", "".join(out))
    text = re.sub(f"([{re.escape(_OPEN + _PREFIX)}]) +", r"\1", text)
    return re.sub(f" +([{re.escape(_CLOSE)}])", r"\1", text)


# -- formulas inside Markdown ------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~$!])")
_FENCE = re.compile(r"^\s*(```|~~~)")


def math_markdown(markdown: str) -> str:
    """`markdown` with each `$...$` / `$$...$$` formula as text (code spans and blocks kept)."""
    lines = markdown.split("\n")
    chunks: list[tuple[bool, str]] = []  # (is code block, text)
    in_fence = False
    for line in lines:
        fence = bool(_FENCE.match(line))
        code = in_fence or fence
        if chunks and chunks[-1][0] == code:
            chunks[-1] = (code, chunks[-1][1] + "\n" + line)
        else:
            chunks.append((code, line))
        if fence:
            in_fence = not in_fence
    return "\n".join(text if code else _prose(text) for code, text in chunks)


def _prose(text: str) -> str:
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:  # a Markdown escape such as \$
            out.append(text[i : i + 2])
            i += 2
            continue
        if c == "`":  # a code span: copied as it is
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            end = text.find("`" * run, i + run)
            if end < 0:
                out.append(text[i : i + run])
                i += run
                continue
            out.append(text[i : end + run])
            i = end + run
            continue
        if c == "$":
            found = _formula(text, i)
            if found is not None:
                end, content, display = found
                out.append(_render(text, i, end, content, display))
                i = end
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _formula(text: str, start: int) -> tuple[int, str, bool] | None:
    """(end, content, display) of the formula opening at `start`, as the dashboard reads it."""
    if text.startswith("$$", start):
        close = text.find("$$", start + 2)
        content = text[start + 2 : close]
        if close < 0 or not content.strip() or "\n\n" in content or "`" in content:
            return None
        return close + 2, content.strip(), True
    begin = start + 1
    if begin >= len(text) or text[begin].isspace() or text[begin] == "$":
        return None
    end = begin
    while True:
        end = text.find("$", end)
        if end < 0:
            return None
        if text[end - 1] == "\\":
            end += 1
            continue
        break
    content = text[begin:end]
    if text[end - 1].isspace() or (end + 1 < len(text) and text[end + 1].isdigit()):
        return None
    if "\n\n" in content or "`" in content:
        return None
    return end + 1, content, False


def _render(text: str, start: int, end: int, content: str, display: bool) -> str:
    """The Markdown for one formula: escaped inline text, or a block quote for a display
    formula that stands on its own lines."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if display and not before.strip() and not after.strip():
        rows = to_text(content, display=True).split("\n")
        rows = [_escape(row, line_start=True) for row in rows]
        quoted = "  \n".join(f"{before}> {row}" for row in rows)
        return f"\n{quoted}\n"  # after `before`, a blank line; the source line's end, another
    return _escape(to_text(content), line_start=not before.strip())


def _escape(text: str, *, line_start: bool) -> str:
    """Text that Markdown shows as it is (a leading "- " or "1." would start a list)."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if line_start and re.match(r"[-+]|\d+[.)]", text):
        text = "\\" + text if text[0] in "-+" else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text
