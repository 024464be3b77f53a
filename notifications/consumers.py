"""The websocket a member's browser keeps open to receive their notifications live."""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from community import roles
from notifications.services import user_group

# Close code sent to refused sockets (before the handshake completes, servers answer 403).
REFUSED = 4403


@database_sync_to_async
def _may_listen(user) -> bool:
    return roles.can_reach(user, roles.MEMBER)


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    group_name = None

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not await _may_listen(user):
            await self.close(code=REFUSED)
            return
        # A member only ever joins their own group.
        self.group_name = user_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if self.group_name:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    @classmethod
    async def decode_json(cls, text_data):
        try:
            return json.loads(text_data)
        except ValueError:
            return None

    async def receive_json(self, content, **kwargs):
        # The client only listens; a ping keeps intermediaries from closing the socket.
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def notification_message(self, event):
        await self.send_json(
            {
                "type": "notification",
                "notification": event["notification"],
                "unread_count": event["unread_count"],
            }
        )

    async def unread_count(self, event):
        await self.send_json({"type": "unread_count", "unread_count": event["unread_count"]})
