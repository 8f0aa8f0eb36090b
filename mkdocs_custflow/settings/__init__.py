"""Options and settings: one description of every option, read the same by every face."""
