"""RSS 2.0 and Atom 1.0 feeds of the public site: the one base every module's feeds use.

Django's syndication framework writes what it is given: an item's guid (RSS) and id
(Atom) as ``item_guid`` returns it, a site-relative path unless made absolute, and
dates in the zone they come in: UTC from the database, written ``+0000``, so a reader
shows 00:30 for an item published at 08:30 in Beijing. With ``PortalFeed``:

* every guid and id is an absolute URL built from the request, as the links are
  (the item's link when a feed has no ``item_guid``), so readers can tell entries apart
  across sites and never resolve a path against the wrong host;
* every date (pubDate, lastBuildDate, published, updated) is written in the site's
  time zone, Asia/Shanghai: ``Tue, 03 Mar 2026 08:30:00 +0800``,
  ``2026-03-03T08:30:00+08:00``, the same instant as stored.

A module's feed derives from ``PortalFeed`` (RSS) and gets its Atom twin from
``atom(FeedClass)``.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

__all__ = ["AtomFeed", "PortalFeed", "RssFeed", "atom", "local_time"]


def local_time(value):
    """An instant in the site's time zone (naive values are taken as local time already)."""
    if not isinstance(value, datetime):
        return value  # None, or a date
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value)


class _LocalTimes:
    """A feed generator writing its dates in the site's time zone."""

    def add_item(self, *args, pubdate=None, updateddate=None, **kwargs):
        super().add_item(
            *args, pubdate=local_time(pubdate), updateddate=local_time(updateddate), **kwargs
        )

    def latest_post_date(self):
        return local_time(super().latest_post_date())


class RssFeed(_LocalTimes, Rss201rev2Feed):
    pass


class AtomFeed(_LocalTimes, Atom1Feed):
    pass


class PortalFeed(Feed):
    """A feed of the public site: absolute guids and ids, dates in Beijing time."""

    feed_type = RssFeed

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        domain, secure = get_current_site(request).domain, request.is_secure()
        for item in feed.items:
            item["unique_id"] = add_domain(domain, item["unique_id"] or item["link"], secure)
        return feed


def atom(feed_class: type[PortalFeed]) -> type[PortalFeed]:
    """The same feed as Atom 1.0."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": AtomFeed})
