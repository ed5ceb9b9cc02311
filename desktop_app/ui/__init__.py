"""The PySide6 desktop UI, one sub-package per feature: `common` (background work, the paged table
model, badges), `workspace`, `records`, `certificates`, `worklist`; `app` starts it and
`main_window` (with `main_actions`) holds the features together. A new feature gets its own
sub-package and its entries in `main_actions`."""
