"""Public directory of governments and departments (Art. 20(2): 机构职能、办公地址、办公时间、联系方式)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from .models import Department, Government

router = Router(tags=["机构"])


class GovernmentOut(Schema):
    code: str
    name: str
    full_name: str
    level: str
    parent_code: str | None


class DepartmentOut(Schema):
    id: int
    government_code: str
    name: str
    short_name: str
    uscc: str
    kind: str
    address: str
    postcode: str
    phone: str
    office_hours: str
    website: str


def _government_out(gov: Government) -> GovernmentOut:
    return GovernmentOut(
        code=gov.code,
        name=gov.name,
        full_name=gov.full_name,
        level=gov.level,
        parent_code=gov.parent.code if gov.parent_id else None,
    )


@router.get(
    "/governments",
    operation_id="listGovernments",
    response=list[GovernmentOut],
    summary="政府（行政区划）列表",
)
def list_governments(request):
    return [_government_out(g) for g in Government.objects.select_related("parent")]


@router.get(
    "/governments/{code}/departments",
    operation_id="listDepartments",
    response=list[DepartmentOut],
    summary="某级政府的部门目录",
)
def list_departments(request, code: str):
    gov = get_object_or_404(Government, code=code)
    departments = Department.objects.filter(government=gov, active=True).select_related(
        "government"
    )
    return [
        DepartmentOut(
            id=d.id,
            government_code=d.government.code,
            name=d.name,
            short_name=d.short_name,
            uscc=d.uscc,
            kind=d.kind,
            address=d.address,
            postcode=d.postcode,
            phone=d.phone,
            office_hours=d.office_hours,
            website=d.website,
        )
        for d in departments
    ]
