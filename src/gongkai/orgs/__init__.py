"""Organisations: governments (行政区划), departments, staff memberships and roles."""
