"""政府公报 (government gazette) and, later, the other publications of a government.

A gazette issue is compiled from items already published in the catalogue
(``gongkai.disclosure``): it references them, never copies their text. See
``docs/publications.md``.
"""
