"""The websocket a member's browser keeps open to receive their notifications live."""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from community import selectors
from notifications.rendering import title_of
from notifications.services import user_group

# Close code of refused sockets (before the handshake completes, servers answer 403) and of
# sockets the server ends because the person is no longer a current member: the client stops
# reconnecting when it sees it.
REFUSED = 4403


@database_sync_to_async
def _load_listener(user):
    """The person behind a socket, read again with their membership (one query); None when they
    may not listen (anonymous, account gone, not a current member)."""
    if user is None or not user.is_authenticated:
        return None
    person = get_user_model().objects.select_related("membership").filter(pk=user.pk).first()
    if person is None or not selectors.is_current(person):
        return None
    return person


def reader_language(scope) -> str:
    """The language the reader's pages are in: their language cookie, else their browser's."""
    wanted = [scope.get("cookies", {}).get(settings.LANGUAGE_COOKIE_NAME, "")]
    headers = dict(scope.get("headers", []))
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    wanted += [code for code, _quality in parse_accept_lang_header(accept) if code != "*"]
    for code in wanted:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    group_name = None
    # The person and their membership as last read from the database (None once refused or ended).
    listener = None

    async def connect(self):
        self.listener = await _load_listener(self.scope.get("user"))
        if self.listener is None:
            await self.close(code=REFUSED)
            return
        # A member only ever joins their own group.
        self.group_name = user_group(self.listener.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, _code):
        if self.group_name:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def _end(self):
        """Close the socket for good; messages already queued for it are dropped."""
        if self.group_name:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)
            self.group_name = None
        self.listener = None
        await self.close(code=REFUSED)

    async def _may_forward(self) -> bool:
        """The guard in front of every push.

        It applies the one membership rule to the rows read at connect (or at the last
        `membership.changed`) with today's date, so it costs no query: a membership that lapses
        with the calendar is caught here even if the nightly command has not run. Decisions
        recorded in the database (suspension, refusal, closed account, the nightly lapse) reach
        the socket as `membership.changed`, which reads the rows again; and notify() itself skips
        whoever is no longer a current member, so re-reading the database here for every push
        would buy nothing but one query per notification per open tab.
        """
        if self.listener is None:
            return False  # already ended: a message that was queued before the close
        if selectors.is_current(self.listener):
            return True
        await self._end()
        return False

    @classmethod
    async def decode_json(cls, text_data):
        try:
            return json.loads(text_data)
        except ValueError:
            return None

    async def receive_json(self, content, **kwargs):
        # The client only listens; a ping keeps intermediaries from closing the socket, and
        # joins the member's group again: channel layers forget a membership after
        # `group_expiry` (a day by default), and a tab left open longer would hear nothing.
        if isinstance(content, dict) and content.get("type") == "ping":
            if self.group_name:
                await self.channel_layer.group_add(self.group_name, self.channel_name)
            await self.send_json({"type": "pong"})

    async def membership_changed(self, _event):
        """Sent after commit by end_live_sessions(): read the membership again, close unless the
        person is still a current member."""
        if self.listener is None:
            return
        self.listener = await _load_listener(self.listener)
        if self.listener is None:
            await self._end()

    async def notification_message(self, event):
        if not await self._may_forward():
            return
        notification = dict(event["notification"])
        render = event.get("render")
        if render:
            with translation.override(reader_language(self.scope)):
                notification["title"] = title_of(render["kind"], render["params"], render["stored"])
        await self.send_json(
            {
                "type": "notification",
                "notification": notification,
                "unread_count": event["unread_count"],
            }
        )

    async def unread_count(self, event):
        if not await self._may_forward():
            return
        await self.send_json({"type": "unread_count", "unread_count": event["unread_count"]})
