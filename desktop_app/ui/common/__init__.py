"""What every feature of the UI shares: the background-work helper, the lazy paged table model,
record-table set-up and status badges."""
