"""New-format certificates in the GUI: true-scale preview, printing at 100 % with per-printer
calibration, batch generation, QR verification, and the windows' management."""
