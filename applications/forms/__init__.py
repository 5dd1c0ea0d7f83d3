"""Forms of the psychologist's journeys: applying under a call and asking for extra hours.

The application form is put together from sections (`section.py`), each asked by one
rule of the call; `fields.py` holds the fields that clean to the model's own values.
"""

from applications.forms.application import ApplicationForm
from applications.forms.extra_hours import ExtraHoursForm

__all__ = ["ApplicationForm", "ExtraHoursForm"]
