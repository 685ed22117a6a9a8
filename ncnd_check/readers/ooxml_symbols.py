"""w:sym characters: Word stores Symbol-font glyphs by their 8-bit font code.

``<w:sym w:font="Symbol" w:char="F0DA"/>`` is the Symbol font's glyph 0xDA,
which is "∨"; the Unicode character for each code comes from Adobe's Symbol
encoding. Other symbol fonts (Wingdings ...) have no agreed Unicode mapping,
so their private-use code points are kept as they are.
"""

from __future__ import annotations

#: Adobe Symbol encoding, codes 0x20-0x7E and 0xA0-0xFE.
_SYMBOL_LOW = " !∀#∃%&∋()∗+,−./0123456789:;<=>?≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼"
_SYMBOL_HIGH = "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…|—↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪\uf8ff〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭"


def symbol_char(font: str | None, code: str | None) -> str:
    """The character a w:sym shows, or "" for a code that is not a number."""
    try:
        n = int(code or "", 16)
    except ValueError:
        return ""
    if (font or "").strip().lower() == "symbol":
        low = n - 0xF000 if 0xF020 <= n <= 0xF0FE else n
        if 0x20 <= low <= 0x7E:
            return _SYMBOL_LOW[low - 0x20]
        if 0xA0 <= low <= 0xFE:
            return _SYMBOL_HIGH[low - 0xA0]
    try:
        return chr(n)
    except (ValueError, OverflowError):
        return ""
