from django.db import migrations

TOPICS = [
    ("identification", "Qurbanların ilkin müəyyən edilməsi", "Identification of victims",
     "Выявление жертв"),
    ("labour-exploitation", "Əmək istismarı", "Labour exploitation", "Трудовая эксплуатация"),
    ("child-trafficking", "Uşaq alveri", "Child trafficking", "Торговля детьми"),
    ("victim-assistance", "Qurbanlara yardım və yönləndirmə", "Victim assistance and referral",
     "Помощь жертвам и перенаправление"),
    ("online-recruitment", "İnternet vasitəsilə cəlb etmə", "Online recruitment",
     "Вербовка через интернет"),
    ("migrant-rights", "Miqrantların hüquqları", "Migrants' rights", "Права мигрантов"),
    ("investigation", "İstintaq və təqib", "Investigation and prosecution",
     "Расследование и уголовное преследование"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("records", "Topic")
    for key, az, en, ru in TOPICS:
        Topic.objects.get_or_create(key=key, defaults={"name_az": az, "name_en": en, "name_ru": ru})


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
