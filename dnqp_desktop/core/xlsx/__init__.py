"""Excel in and out: templates, import with a preview and row-level problems, export of lists.

One module per job: ``cells`` (reading values as clerks type them), ``headers`` (which column is
which), ``kinds`` (what each kind's workbook holds), ``lookups`` (units and people by name),
``reader`` (opening and refusing files), ``plan`` (the preview), ``commit`` (all-or-nothing write),
``templates`` and ``export``. No Qt here: the window and the CLI both call these.
"""
