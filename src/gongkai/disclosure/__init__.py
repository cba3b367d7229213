"""主动公开 (proactive disclosure): the government information catalogue."""
