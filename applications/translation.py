"""Call texts that people read, in every language (django-modeltranslation).

`call.name` and `call.description` read the active language's column and fall back to
Dutch; the rules of a call are not texts and have no translations.
"""

from modeltranslation.translator import TranslationOptions, register

from applications.models import Call


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("name", "description")
