"""Store the framework versions shipped with Hromada (a shipped version never changes)."""

import hashlib
from typing import Any

import yaml
from django.db import migrations

from hromada.frameworks import SHIPPED, shipped_text


def load(apps: Any, schema_editor: Any) -> None:
    FrameworkVersion = apps.get_model("surveys", "FrameworkVersion")
    for name in SHIPPED:
        text = shipped_text(name)
        data = yaml.safe_load(text)
        FrameworkVersion.objects.get_or_create(
            code=data["framework"],
            version=str(data["version"]),
            defaults={
                "name_uk": data["title"]["uk"],
                "name_en": data["title"]["en"],
                "text": text,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "shipped": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
