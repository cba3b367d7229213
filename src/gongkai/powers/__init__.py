"""权责清单 (power and responsibility list): each government's administrative powers
(行政权力), their responsibility items (责任事项) and accountability circumstances
(追责情形), the list's versions and adjustments, and the working-day rules of
行政执法公示 (``rules``).

The kernel never imports this package; it registers its pages, API, figures and
demo with the kernel in ``apps.PowersConfig.ready``.
"""
