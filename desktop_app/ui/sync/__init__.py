"""Sync in the window: the 同步 action and status, the outbox view and the conflict inbox."""
