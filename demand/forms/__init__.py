"""Forms of the demand side: they parse, the services decide (demand.services). `intake`
holds the support-request and feedback forms, `working` the answers of workers and psychologists."""

from demand.forms.intake import FeedbackForm, OnBehalfForm, SupportRequestForm
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
    "FeedbackForm",
    "NoteForm",
    "NotEligibleForm",
    "OnBehalfForm",
    "ProposeForm",
    "SupportRequestForm",
]
