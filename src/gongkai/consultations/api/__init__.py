from ninja import Router

router = Router(tags=["consultations"])

__all__ = ["router"]
