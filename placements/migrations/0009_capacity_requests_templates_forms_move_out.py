"""Capacity and requests move to the matching app, the form templates to formtemplates and the
placement forms to placementforms — each job in a room of its own (docs/architecture.md).

Without touching a row: the tables are renamed to their new app here, and the new apps'
initial migrations take the models over in their state (and move their content types, so the
notifications and PDFs that point at a form, and the admin's log, keep their targets).
"""

from django.db import migrations

MOVED = {
    "capacity": "matching_capacity",
    "capacityplace": "matching_capacityplace",
    "capacitymentor": "matching_capacitymentor",
    "placementrequest": "matching_placementrequest",
    "formtemplate": "formtemplates_formtemplate",
    "placementform": "placementforms_placementform",
}


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0008_placement_forms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=table)
                for model, table in MOVED.items()
            ],
            state_operations=[
                migrations.DeleteModel(name="CapacityMentor"),
                migrations.DeleteModel(name="CapacityPlace"),
                migrations.DeleteModel(name="Capacity"),
                migrations.DeleteModel(name="PlacementRequest"),
                migrations.DeleteModel(name="PlacementForm"),
                migrations.DeleteModel(name="FormTemplate"),
            ],
        ),
    ]
