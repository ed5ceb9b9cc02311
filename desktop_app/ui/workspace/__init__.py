"""The counter / phone-inquiry workspace: search box, filter bar, results and the detail pane."""
