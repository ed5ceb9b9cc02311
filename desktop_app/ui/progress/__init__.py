"""The supervisors' progress window: the unit × kind table, the trend chart, the pace, the workbook."""
