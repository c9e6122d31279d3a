from django import forms

from .models import ReminderSetting


class LanguageSelect(forms.Select):
    """Each language offered in its own name, marked with its `lang` (as the language switcher)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class ReminderSettingForm(forms.ModelForm):
    class Meta:
        model = ReminderSetting
        fields = ["enabled", "language"]
        widgets = {"language": LanguageSelect}
