"""The workstation's settings: its issuing unit and the operator's name (`dialog.SettingsDialog`),
and the status-bar label that shows them (`workstation_label.WorkstationLabel`)."""
