"""What the consultation endpoints share: the router and the public queryset."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["意见征集"])
