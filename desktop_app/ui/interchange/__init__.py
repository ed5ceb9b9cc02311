"""Records in and out from the window: JSONL import (progress, cancel, the rejected lines in a
table that can be saved) and export, opened from the 文件 menu (`records_io.RecordsInterchange`)."""
