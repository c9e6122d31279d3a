"""API tokens expire, say how they were issued and whether after a second factor.

Tokens issued before this version are marked `legacy` without a second factor: those of roles
that see personal data stop working and must be issued again; the others expire in
CTIP_TOKEN_DAYS days.
"""

import ctip.accounts.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="name",
            field=models.CharField(blank=True, max_length=100, verbose_name="what it is for"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(
                default=ctip.accounts.models.default_token_expiry, verbose_name="expires"
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="via",
            field=models.CharField(
                choices=[
                    ("account", "the owner's account page"),
                    ("command", "an operator's command"),
                    ("legacy", "before tokens expired"),
                ],
                default="legacy",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="via",
            field=models.CharField(
                choices=[
                    ("account", "the owner's account page"),
                    ("command", "an operator's command"),
                    ("legacy", "before tokens expired"),
                ],
                default="account",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="second_factor",
            field=models.BooleanField(default=False),
        ),
    ]
