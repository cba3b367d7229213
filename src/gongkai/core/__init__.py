"""Shared pieces with no domain of their own: validators, middleware, base errors."""
