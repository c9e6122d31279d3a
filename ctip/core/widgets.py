"""Select widgets that draw their options in Python, in the markup of Django's own.

Django's select includes a template per option, and that template includes another for the
option's attributes: a form with six agency selects and the plan's sub-items renders some 600
templates. These widgets draw the same markup (a test compares it with Django's, escaping,
groups and attributes included): the options are joined here and the select's own template
holds only the element, so an agency select of 50 options costs a few tenths of a millisecond."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

TEMPLATE = "core/widgets/select.html"


def _attrs(attrs: dict) -> str:
    """Django's attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def options_html(optgroups) -> str:
    """The options of Django's select_option.html, in its groups, as Django's templates draw them."""
    out = []
    for group_name, group_choices, _index in optgroups:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            value = conditional_escape(str(option["value"]))
            label = conditional_escape(option["label"])
            out.append(f'\n  <option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n')
        if group_name:
            out.append("\n  </optgroup>")
    return mark_safe("".join(out))  # every part escaped above


class _Options:
    template_name = TEMPLATE

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        context["widget"]["options_html"] = options_html(context["widget"]["optgroups"])
        return context


class Select(_Options, forms.Select):
    pass


class SelectMultiple(_Options, forms.SelectMultiple):
    pass
