"""Forms of the demand side's answers; they parse, the services decide (demand.services)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat u niet in op dit voorstel?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het netwerk leest deze reden. Geen namen van cliënten."),
        error_messages={"required": _("Geef kort de reden.")},
    )


def _text(label, help_text="", required=True, message=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message or _("Vul dit veld in.")},
    )


class NoteForm(forms.Form):
    note = _text(_("Notitie"), _("Alleen voor het netwerk. Geen namen van cliënten."))


class AnswerOtherwiseForm(forms.Form):
    note = _text(
        _("Hoe werd de vraag beantwoord?"), _("Bijvoorbeeld: doorverwezen naar welke partner.")
    )


class NotEligibleForm(forms.Form):
    reason = _text(_("Waarom komt de vraag niet in aanmerking?"))


class ProposeForm(forms.Form):
    psychologists = forms.TypedMultipleChoiceField(
        label=_("Voor te stellen psychologen"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één psycholoog.")},
    )
    note = _text(
        _("Toelichting voor de psycholoog (optioneel)"),
        _("De psycholoog leest dit in de e-mail. Geen namen van cliënten."),
        required=False,
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["psychologists"].choices = [
            (row["psychologist"].pk, row["psychologist"].name)
            for row in candidates
            if not row["already_proposed"]
        ]
