"""Models of proactive disclosure (主动公开). Names for the modules built on them:

``InformationItem`` — one piece of government information (政府信息) in the
catalogue (目录, 条例 Art. 12). Public fields are those of regulations.md §5.

* ``InformationItem.objects.public()`` — what the portal, feeds, API and search
  may show: state ``published`` and disclosure attribute 主动公开. A withdrawn
  (撤回) item has state ``withdrawn`` and is never public; it keeps its 索引号.
* ``.in_government(gov, tree=False)``, ``.in_catalogue_of(department)`` (owned
  or co-published), ``.with_validity()`` (规范性文件 and 规章),
  ``.expiring_within(months=6, today=None)``, ``.late()``.
* ``item.get_public_url()`` → ``/xxgk/<索引号>/`` (the portal engineer routes
  it with ``<path:index_number>``); ``item.published_on`` (Beijing date);
  ``item.keyword_list()``; ``item.versions`` (``ItemVersion`` rows, revision
  1 = first publication, then corrections (更正) and validity changes, each
  with its reason); ``item.attachments`` (``ItemAttachment``, ordered);
  ``item.interpretations`` (政策解读 items explaining it) and
  ``item.interprets`` (the policies an interpretation explains);
  ``item.replaced_by`` / ``item.replaces`` (validity links).
* Choices: ``ItemState``, ``ItemType``, ``DisclosureAttribute``,
  ``ExemptionReason``, ``Validity``, ``InterpretationForm``.

Reference data (rows, admin-editable): ``SubjectCategory`` (主题分类, the 22
gov.cn categories), ``Genre`` (体裁), ``ContentCategory`` (条例 Art. 20/21
content categories) with ``CategoryRequirement``, ``KeyArea`` (重点领域, by
``slug``), ``DisclosureSettings.for_government(gov)``.

State changes happen only through ``gongkai.disclosure.actions``.

The write API's ``ApiToken`` and ``ApiIdempotencyKey`` live in
``gongkai.disclosure.api_tokens`` and are imported here so they belong to
this app (and its migrations).
"""

from ..api_tokens import ApiIdempotencyKey, ApiToken
from .attachments import ItemAttachment
from .history import ItemVersion, VersionKind
from .items import (
    EDITABLE_STATES,
    VALIDITY_TYPES,
    DisclosureAttribute,
    ExemptionReason,
    InformationItem,
    InformationItemQuerySet,
    InterpretationForm,
    ItemState,
    ItemType,
    Validity,
    add_months,
)
from .reference import (
    DEFAULT_INDEX_PATTERN,
    INDEX_PLACEHOLDERS,
    CategoryRequirement,
    ContentCategory,
    DisclosureSettings,
    Genre,
    KeyArea,
    SubjectCategory,
    validate_index_pattern,
)

__all__ = [
    "DEFAULT_INDEX_PATTERN",
    "EDITABLE_STATES",
    "INDEX_PLACEHOLDERS",
    "VALIDITY_TYPES",
    "ApiIdempotencyKey",
    "ApiToken",
    "CategoryRequirement",
    "ContentCategory",
    "DisclosureAttribute",
    "DisclosureSettings",
    "ExemptionReason",
    "Genre",
    "InformationItem",
    "InformationItemQuerySet",
    "InterpretationForm",
    "ItemAttachment",
    "ItemState",
    "ItemType",
    "ItemVersion",
    "KeyArea",
    "SubjectCategory",
    "Validity",
    "VersionKind",
    "add_months",
    "validate_index_pattern",
]
