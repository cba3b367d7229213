"""The public, read-only catalogue API: ``/api/v1/documents``.

Only what ``InformationItem.objects.public()`` holds is ever shown (published,
主动公开). Query parameters are checked by ``params`` and refused with HTTP 400
and a Chinese sentence naming the parameter; see ``listing`` for the cursor
pagination (keyset, signed, stable under inserts).

Routes are declared most specific first: index numbers contain ``/``, so
``/documents/{path:index_number}`` must come after every fixed path.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from ninja import Router, Status

from gongkai.api.errors import Problem, bad_parameter, not_found, problem
from gongkai.api.openapi import query_parameters
from gongkai.api.params import BadParameter
from gongkai.files.downloads import file_response

from ..models import Genre, InformationItem, ItemState, KeyArea, SubjectCategory
from . import listing, params, serialize
from .schemas import DocumentDetail, DocumentPage, KeyAreaOut, NamedRef

router = Router(tags=["政府信息公开目录"])

MAX_INDEX_NUMBER_CHARS = 80


def _list_description() -> str:
    lines = [
        "公开的政府信息（已发布、主动公开），默认按发布时间从新到旧排列，使用游标翻页。",
        "",
        "查询参数（未列出的参数、无效的取值均返回 HTTP 400 和中文说明）：",
    ]
    lines += [f"- `{name}`：{text}" for name, (text, _) in params.PARAMETERS.items()]
    return "\n".join(lines)


@router.get(
    "/documents/subjects",
    operation_id="listSubjects",
    response=list[NamedRef],
    summary="主题分类（gov.cn 22 类）",
    url_name="disclosure_subjects",
)
def list_subjects(request):
    return [{"id": s.pk, "name": s.name} for s in SubjectCategory.objects.filter(active=True)]


@router.get(
    "/documents/genres",
    operation_id="listGenres",
    response=list[NamedRef],
    summary="体裁",
    url_name="disclosure_genres",
)
def list_genres(request):
    return [{"id": g.pk, "name": g.name} for g in Genre.objects.filter(active=True)]


@router.get(
    "/documents/key-areas",
    operation_id="listKeyAreas",
    response=list[KeyAreaOut],
    summary="重点领域及其牵头部门",
    url_name="disclosure_key_areas",
)
def list_key_areas(request):
    areas = KeyArea.objects.filter(active=True).select_related("responsible_department")
    return [
        {
            "slug": a.slug,
            "name": a.name,
            "description": a.description,
            "responsible_department": {
                "id": a.responsible_department.pk,
                "name": a.responsible_department.name,
            }
            if a.responsible_department
            else None,
        }
        for a in areas
    ]


@router.get(
    "/documents",
    operation_id="listDocuments",
    response={200: DocumentPage, 400: Problem},
    summary="公开的政府信息列表（筛选、全文检索、游标翻页）",
    description=_list_description(),
    url_name="disclosure_documents",
    openapi_extra=query_parameters(params.DocumentListParameters),
)
def list_documents(request):
    try:
        query = params.parse(request.GET)
        resolved = listing.resolve(query)
        page = (listing.search_page if query.q else listing.catalogue_page)(query, resolved)
    except BadParameter as error:
        return bad_parameter(request, error)
    next_url = None
    if page.next_cursor:
        following = request.GET.copy()
        following.setlist("cursor", [page.next_cursor])
        next_url = request.build_absolute_uri(f"{request.path}?{following.urlencode()}")
    return Status(
        200,
        {
            "items": [serialize.summary(item, request) for item in page.items],
            "limit": query.limit,
            "next": next_url,
        },
    )


def _attachment_model():
    try:
        return InformationItem._meta.get_field("attachments").related_model
    except FieldDoesNotExist:  # attachments have not landed in the models yet
        return None


@router.get(
    "/documents/attachments/{attachment_id}",
    operation_id="downloadDocumentAttachment",
    response={404: Problem},
    summary="下载公开信息的附件",
    url_name="disclosure_attachment",
)
def download_attachment(request, attachment_id: str):
    model = _attachment_model()
    if model is None or not attachment_id.isascii() or not attachment_id.isdigit():
        return not_found(request, "未找到该附件。")
    attachment = (
        model.objects.select_related("file")
        .filter(pk=int(attachment_id[:12]), item__in=InformationItem.objects.public())
        .first()
    )
    if attachment is None:
        return not_found(request, "未找到该附件，或其所属信息已不再公开。")
    name = getattr(attachment, "title", "") or attachment.file.original_name
    if not name.lower().endswith(attachment.file.extension):
        name += attachment.file.extension
    response = file_response(attachment.file, filename=name)
    # Public, but a withdrawal must take effect at once: caches revalidate (ETag).
    response["Cache-Control"] = "public, no-cache"
    return response


@router.get(
    "/documents/{path:index_number}",
    operation_id="getDocument",
    response={200: DocumentDetail, 404: Problem, 410: Problem},
    summary="按索引号查看一条公开信息（含附件、政策解读、版本记录）",
    description="索引号中含有“/”，可直接写在路径中，例如 /api/v1/documents/11620500MB1234567X/2016-00013。",
    url_name="disclosure_document",
)
def get_document(request, index_number: str):
    index_number = index_number.strip("/")
    if not index_number or len(index_number) > MAX_INDEX_NUMBER_CHARS or "\x00" in index_number:
        return not_found(request, "未找到该索引号的公开信息。")
    item = serialize.detail_queryset().filter(index_number=index_number).first()
    if item is None:
        withdrawn = (
            InformationItem.objects.filter(index_number=index_number, state=ItemState.WITHDRAWN)
            .values_list("withdrawn_at", flat=True)
            .first()
        )
        if withdrawn is not None:
            when = timezone.localtime(withdrawn)
            return problem(
                request,
                410,
                "gone",
                f"索引号为“{index_number}”的信息已于{when:%Y年%m月%d日}撤回，不再公开。",
            )
        return not_found(request, f"未找到索引号为“{index_number}”的公开信息。")
    return Status(200, serialize.detail(item, request))
