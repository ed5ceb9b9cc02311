"""The services as the UI and the CLI call them: reached from the workspace context
(`ctx.edits`, `ctx.issuance`, …), each binding the context's actor, clock and rules to the
use-case functions of the modules beside this package. Writes return what changed (`op_changes`).
"""
