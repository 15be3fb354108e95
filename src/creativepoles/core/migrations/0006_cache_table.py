"""The shared cache's table (the default CACHE_URL), created by `poles migrate` on every install.

A migration rather than a `createcachetable` step: every way of setting up (make, CI, a production
`poles migrate`, pytest-django's test databases) runs migrations, and the table exists even while
CACHE_URL points at Redis, so switching back needs no extra command.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "poles_cache"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0005_auditentry_actor_name"),
    ]

    operations = [migrations.RunPython(create_table, drop_table)]
