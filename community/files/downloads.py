"""Download responses for stored files: a presigned redirect or the file streamed, as attachments."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import FileResponse, HttpResponseRedirect

from community.files import storage
from community.files.sniffing import download_name


def download_response(request, name: str, *, filename: str, content_type: str):
    """Let a person download a stored file under its original name, never displayed inline.

    S3: a redirect to a presigned URL valid FILE_URL_EXPIRY seconds whose response carries
    Content-Disposition: attachment. Filesystem: the file streamed by Django. The name is
    download_name's, whatever was stored.
    """
    filename = download_name(filename, content_type)
    store = storage.backend()
    with storage.unavailable():
        url = store.download_url(name, filename=filename, content_type=content_type)
    if url is not None:
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "no-store"
        return response
    with storage.unavailable():
        handle = store.open(name)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    if isinstance(request, ASGIRequest):
        # Under ASGI a synchronous iterator would be read whole into memory before sending.
        response.streaming_content = read_async(handle)
    response["Cache-Control"] = "private, no-store"
    return response


async def read_async(handle, chunk_size: int = 512 * 1024):
    """The content of an open file for an ASGI response, read in a thread chunk by chunk."""
    read = sync_to_async(handle.read, thread_sensitive=False)
    try:
        while chunk := await read(chunk_size):
            yield chunk
    finally:
        await sync_to_async(handle.close, thread_sensitive=False)()
