"""Sign-in, the first admin account, the idle lock, password changes, and who is signed in (issue 14)."""
