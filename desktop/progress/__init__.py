"""The plan's progress over its three seasons (issue 17): status, actuals, import.

``page.ProgressPage`` shows red/amber/green by area, objective and KPI for a season and
review, with a sparkline per KPI, late actions, budgets and finances; ``grid.ActualsGrid``
is where measured values are typed; ``importing`` reads them from a spreadsheet;
``chips`` paints the status chips and sparklines (also used by the library).
"""
