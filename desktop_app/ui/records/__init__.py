"""Correcting records: the edit dialog (person form, certificate dates, photo) and a record's history."""
