"""django-recurrence's widget, wired to what Wagtail's admin already loads.

The package's own widget asks for Django admin's copy of jQuery (`admin/js/vendor/jquery/…` and
`admin/js/jquery.init.js`): this site does not install django.contrib.admin, so those files do
not exist (a 404 in development, a missing manifest entry — a server error — with the
production storage). Wagtail's admin loads jQuery on every screen; a small script hands it to the
widget under the name it expects (`django.jQuery`). The French labels come from the package's
JavaScript catalogue, added to every admin screen by events/wagtail_hooks.py before the form's
scripts run.
"""

from django import forms
from recurrence.forms import RecurrenceWidget


class AdminRecurrenceWidget(RecurrenceWidget):
    @property
    def media(self):
        return forms.Media(
            js=[
                "events/admin/recurrence-jquery.js",
                "recurrence/js/recurrence.js",
                "recurrence/js/recurrence-widget.js",
                "recurrence/js/recurrence-widget.init.js",
            ],
            css={"all": ["recurrence/css/recurrence.css", "events/admin/recurrence.css"]},
        )
