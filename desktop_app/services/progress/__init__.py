"""Supervisors' progress (issue 13): the unit × kind figures, the enterprises' call list, the daily trend.

No Qt: the CLI, the progress view and the workbook all read these. `conditions.py` defines each
figure once as SQL over a certificate row; `tables.py` counts them in one pass; `trend.py` keeps the
daily snapshots and the pace.
"""
