"""Staff accounts: the user model, login with lockout and an optional TOTP second factor."""
