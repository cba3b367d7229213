"""The public 政府信息公开 column (信息公开专栏) under ``/xxgk/``, URL namespace ``xxgk``.

Every page reads only ``InformationItem.objects.public()`` of the site's own
government and the governments under it (``scope``); an item that is
withdrawn, unpublished or not proactive is a 404 everywhere at once.

* ``xxgk:home`` — the column home: latest, by department and county, by
  subject, by key area, links to 指南 / 目录 / 年报 / 规范性文件.
* ``xxgk:catalogue`` — the catalogue (目录) with GET filters (``filters``).
* ``xxgk:item`` — the item page with the metadata box (索引号 …),
  ``xxgk:attachment`` its downloads.
* ``xxgk:department`` and its ``-guide`` (指南, 条例 Art. 12), ``-catalogue``
  (目录 by the Art. 20/21 content categories) and ``-reports`` (年报).
* ``xxgk:government`` (a county's entry page), ``xxgk:guides``,
  ``xxgk:reports``, ``xxgk:key-area``, ``xxgk:normative``, ``xxgk:search``.
* ``feeds`` (RSS 2.0 and Atom) and ``sitemaps``.
"""
