"""Text hygiene at the edge: what a text field from outside may hold.

One definition for every way text comes in (HTML forms through
``gongkai.core.middleware.InputHygieneMiddleware``, JSON through
``gongkai.api.helpers.json_object`` and the API's ``CleanStr`` fields):

* a lone surrogate (``"\\ud800"``, possible in JSON, never valid UTF-8) cannot
  be stored or shown: refused (``UnsafeText``);
* NUL and the other C0 control characters except tab, line feed and carriage
  return (and DEL) are invisible and break storage and logs: refused in JSON,
  removed from form data (a form cannot say which field held them);
* bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a
  text display differently from what it is (an address read backwards): removed;
* identifiers (phone numbers, ID numbers, codes, tracking numbers, query
  passwords, postcodes, e-mail addresses) are NFKC-normalised, so full-width
  digits and letters typed on a Chinese keyboard (``１３８…``, ``ＹＳＱ``) become
  ASCII, any other decimal digit becomes its ASCII digit, and the ends are
  stripped. Free text (descriptions, messages, names, addresses) keeps its
  characters: NFKC would turn Chinese punctuation (，！？（）：；) into ASCII.
"""

from __future__ import annotations

import re
import unicodedata

SURROGATES = re.compile("[\ud800-\udfff]")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

SURROGATE_MESSAGE = "含有无效的字符（不成对的代理项），请删除后重新提交。"
CONTROL_MESSAGE = "含有不可见的控制字符（如空字符），请删除后重新提交。"

# Form and JSON field names whose values are identifiers (see the module docstring).
IDENTIFIER_FIELDS = frozenset(
    {
        "phone",
        "writer_phone",
        "contact_phone",
        "mobile",
        "id_number",
        "postcode",
        "tracking_number",
        "query_code",
        "code",
        "email",
        "password",
    }
)
PHONE_FIELDS = frozenset({"phone", "writer_phone", "contact_phone", "mobile"})


class UnsafeText(ValueError):
    """Text that cannot be cleaned; ``message`` says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _digits_to_ascii(value: str) -> str:
    if value.isascii():
        return value
    return "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in value
    )


def fold_identifier(value: str) -> str:
    """NFKC, every decimal digit as its ASCII digit, the ends stripped."""
    return _digits_to_ascii(unicodedata.normalize("NFKC", value)).strip()


def fold_phone(value: str) -> str:
    """A phone number as ASCII: ``fold_identifier``, then any other character as ``?``
    (so the number is refused as malformed, and compared as bytes safely)."""
    folded = fold_identifier(value)
    if folded.isascii():
        return folded
    return "".join(ch if ch.isascii() else "?" for ch in folded)


def check_text(value: str) -> None:
    """Raise ``UnsafeText`` if ``value`` holds a lone surrogate or a control character."""
    if SURROGATES.search(value):
        raise UnsafeText(SURROGATE_MESSAGE)
    if CONTROLS.search(value):
        raise UnsafeText(CONTROL_MESSAGE)


def clean_text(value: str, *, identifier: bool = False, phone: bool = False) -> str:
    """``value`` without bidi controls (an identifier or phone also folded), or ``UnsafeText``."""
    check_text(value)
    return _tidy(value, identifier=identifier, phone=phone)


def scrub_text(value: str, *, identifier: bool = False, phone: bool = False) -> str:
    """Like ``clean_text`` but never refuses: surrogates become U+FFFD, controls are removed
    (for form data, where a refusal cannot name the field)."""
    if SURROGATES.search(value):
        value = value.encode("utf-8", "replace").decode("utf-8", "replace")
    return _tidy(CONTROLS.sub("", value), identifier=identifier, phone=phone)


def _tidy(value: str, *, identifier: bool, phone: bool) -> str:
    value = BIDI_CONTROLS.sub("", value)
    if phone:
        return fold_phone(value)
    if identifier:
        return fold_identifier(value)
    return value


def clean_field(name: str, value: str) -> str:
    """``clean_text`` with the rule for the field ``name`` (identifier, phone or free text)."""
    return clean_text(value, identifier=name in IDENTIFIER_FIELDS, phone=name in PHONE_FIELDS)


def scrub_field(name: str, value: str) -> str:
    return scrub_text(value, identifier=name in IDENTIFIER_FIELDS, phone=name in PHONE_FIELDS)
