"""Data texts of the directory that people read, in every language (django-modeltranslation).

A theme's name, and an existing service's name and what it does, get a column per language
(name_nl_be, name_fr_be, name_en …); `theme.name` reads the active language's and falls
back to Dutch (settings.MODELTRANSLATION_*).
"""

from modeltranslation.translator import TranslationOptions, register

from portal.models import ExistingService, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(ExistingService)
class ExistingServiceTranslation(TranslationOptions):
    fields = ("name", "description")
