from ninja import Router

router = Router(tags=["proposals"])

__all__ = ["router"]
