"""政务服务 (government services): the service catalogue with its guides (办事指南),
online cases (办件) on the licensing law's working-day clocks, electronic
supervision (电子监察) and ratings (好差评).

A service item implements a power of the powers list (``powers.Power``: 行政许可,
行政确认, 行政给付…). The statutory time limits are in ``gongkai.services.rules``.
"""
