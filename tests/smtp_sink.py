"""A minimal SMTP server for tests (smtpd left the standard library): enough SMTP for Django's
backend (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeping each message it accepts.

    sink = SmtpSink(port); sink.start(); ...; sink.stop()   # the port can be started again
An address in `refuse` is answered 550 at RCPT.
"""

import email
import email.policy
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.recipients = []
        self.reply("220 sink ESMTP")
        while line := self.rfile.readline().decode(errors="replace").strip():
            verb = line.split(" ", 1)[0].upper()
            if verb == "QUIT":
                self.reply("221 bye")
                return
            self.answer(verb, line)

    def answer(self, verb: str, line: str) -> None:
        sink = self.server.sink
        if verb in ("EHLO", "HELO"):
            self.reply("250 sink")
        elif verb in ("MAIL", "RSET", "NOOP"):
            if verb != "NOOP":
                self.recipients = []
            self.reply("250 OK")
        elif verb == "RCPT":
            address = line.split(":", 1)[1].strip().strip("<>")
            if address in sink.refuse:
                self.reply("550 no such user")
                return
            self.recipients.append(address)
            self.reply("250 OK")
        elif verb == "DATA":
            self.reply("354 end with <CRLF>.<CRLF>")
            data = []
            while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
            sink.received(self.recipients, b"".join(data))
            self.reply("250 queued")
        else:
            self.reply("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SmtpSink:
    def __init__(self, port: int, refuse=()):
        self.port = port
        self.refuse = set(refuse)
        self.messages: list[tuple[list[str], email.message.Message]] = []
        self._lock = threading.Lock()
        self._server = None

    def received(self, recipients, data: bytes) -> None:
        with self._lock:
            self.messages.append(
                (recipients, email.message_from_bytes(data, policy=email.policy.default))
            )

    def start(self) -> "SmtpSink":
        self._server = _Server(("127.0.0.1", self.port), _Handler)
        self._server.sink = self
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
