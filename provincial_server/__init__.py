"""The provincial sync service: the server every bureau's CertDesk syncs with (docs/sync-protocol.md).

It shares only `desktop_app.domain` (the record rules) and `desktop_app.sync.protocol` (the messages)
with the desktop, and never imports the desktop's store, services or UI.
"""
