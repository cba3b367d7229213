"""The one access policy: who may see and do what.

Every view, API endpoint, admin page and command asks this module; nothing else
decides access. See ``policy.py`` for the table of actions.

    from gongkai import access
    access.require(request.user, "clock.extend", clock)
    clocks = access.scope(request.user, "clock.view", Clock.objects.all())
"""

from .policy import RULES, Rule, Scope, can, may_ever, memberships_of, require, scope

__all__ = [
    "RULES",
    "Rule",
    "Scope",
    "can",
    "may_ever",
    "memberships_of",
    "require",
    "scope",
]
