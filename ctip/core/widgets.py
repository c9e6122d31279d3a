"""Select widgets that draw their options in one template.

Django's select includes a template per option, and that template includes another for the
option's attributes: a form with six agency selects and the plan's sub-items renders some 600
templates. These widgets draw the same markup (a test compares it with Django's) from one."""

from django import forms

TEMPLATE = "core/widgets/select.html"


class Select(forms.Select):
    template_name = TEMPLATE


class SelectMultiple(forms.SelectMultiple):
    template_name = TEMPLATE
