"""Staff pages of proactive disclosure in the workbench (``/workbench/disclosure/``)."""
