"""The syntax layer: what every stage asks of a clause, answered in one place.

`clause.Clause` gathers, for one verb, its voice, subject and passive agent, objects, particles,
prepositional objects by preposition, negation and the speaker of reported speech; `dates` finds
the date a clause governs. The event coder and the ledger extractor both read clauses from here.
"""

from bilateral.syntax.clause import (
    Clause,
    accompanying,
    claim_about_another,
    clause_of,
    clause_verb,
    embedded_acts,
    infinitive_complement,
    is_company,
    is_gerund_clause,
    is_negated,
    is_passive,
    judged_clause,
    misparsed_subject,
    names_one_another,
    objects,
    particles,
    pobjs,
    prep_objects,
    prep_words,
    reported_clauses,
    speaker_of,
    stacked_particles,
    stance_object,
    subject,
)
from bilateral.syntax.dates import governed_dates

__all__ = [
    "Clause", "accompanying", "claim_about_another", "clause_of", "clause_verb", "embedded_acts", "governed_dates", "infinitive_complement", "is_company", "is_gerund_clause", "is_negated", "is_passive", "judged_clause", "misparsed_subject", "names_one_another",
    "objects", "particles", "pobjs", "prep_objects", "prep_words", "reported_clauses", "speaker_of", "stacked_particles",
    "stance_object", "subject",
]
