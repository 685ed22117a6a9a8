"""The approved-wording library and a draft's alignment with it.

``library`` loads and validates a ``reference_texts/`` folder; ``matching``
aligns a draft's paragraphs with the library's and writes the redlines;
``ownership`` says whose wording a library is, so another authority's draft
is not measured against it.
"""
