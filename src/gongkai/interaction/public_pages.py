"""What of the message boards the public sees, for the whole-page cache
(``gongkai.core.pagecache``): a published message and its files, and the boards'
reference data. Handling a message nobody sees yet bumps nothing."""

from gongkai.core.pagecache import watch

from .models import Channel, InteractionRules, Message, MessageFile, MessageType, RefusalReason


def _published(message) -> bool:
    return message.published_at is not None


def register() -> None:
    watch(Message, when=_published)
    watch(MessageFile, when=lambda attached: _published(attached.message))
    for model in (Channel, MessageType, RefusalReason, InteractionRules):
        watch(model)
