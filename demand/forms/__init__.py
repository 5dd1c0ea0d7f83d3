"""Forms of the demand side: they parse, the services decide (demand.services). `intake`
holds the support-request form, `working` the answers of workers and psychologists."""

from demand.forms.intake import OnBehalfForm, SupportRequestForm
from demand.forms.working import (
    AnswerOtherwiseForm,
    DeclineForm,
    NoteForm,
    NotEligibleForm,
    ProposeForm,
)

__all__ = [
    "AnswerOtherwiseForm",
    "DeclineForm",
    "NoteForm",
    "NotEligibleForm",
    "OnBehalfForm",
    "ProposeForm",
    "SupportRequestForm",
]
