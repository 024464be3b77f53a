"""The upload policy: a file's type told from its bytes, the names and contents refused, limits."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
import unicodedata
import zipfile

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.errors import CimaiseError

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
SVG = "image/svg+xml"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
TEXT = "text/plain"
CSV = "text/csv"
ZIP = "application/zip"
HTML = "text/html"
XML = "application/xml"
EMPTY = "application/x-empty"
OCTET = "application/octet-stream"
OLE = "application/x-ole-storage"
ELF = "application/x-executable"
PE = "application/x-msdownload"
MACHO = "application/x-mach-binary"
SHELL = "text/x-shellscript"

EXECUTABLE_TYPES = {ELF, PE, MACHO, SHELL}

# Names Windows (or a desktop) runs when opened: refused as a file and inside an archive.
EXECUTABLE_EXTENSIONS = frozenset(
    """.exe .com .bat .cmd .scr .pif .msi .msp .mst .dll .cpl .ocx .sys .drv .js .jse .vbs .vbe
    .wsf .wsh .wsc .ps1 .psm1 .psd1 .hta .jar .lnk .url .reg .inf .scf .msc .application
    .appref-ms .gadget .library-ms .settingcontent-ms .iqy .sh .bash .zsh .csh .ksh .command
    .app .apk .deb .rpm .run .so .dylib .py .pyw .pl .rb .php""".split()
)
# Office formats that carry macros (VBA): refused; the same file saved without macros is fine.
MACRO_EXTENSIONS = frozenset(
    ".docm .dotm .xlsm .xltm .xlam .xlsb .pptm .potm .ppsm .ppam .sldm".split()
)
# Archives that cannot be looked into here: refused inside an archive.
OTHER_ARCHIVE_EXTENSIONS = frozenset(
    ".7z .rar .gz .tgz .bz2 .xz .zst .tar .cab .iso .img .dmg .arj .lzh .ace".split()
)

ALLOWED_DOCUMENT_TYPES = frozenset(
    {PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, TEXT, CSV, ZIP}
)

# The extensions a name may carry for each content type. A name whose extension is known here
# but does not match the sniffed content is refused ("rapport.pdf" that is really a ZIP).
EXTENSIONS = {
    PDF: {".pdf"},
    PNG: {".png"},
    JPEG: {".jpg", ".jpeg", ".jpe", ".jfif"},
    GIF: {".gif"},
    WEBP: {".webp"},
    SVG: {".svg"},
    DOCX: {".docx", ".dotx"},
    XLSX: {".xlsx", ".xltx"},
    PPTX: {".pptx", ".ppsx", ".potx"},
    ODT: {".odt", ".ott"},
    ODS: {".ods", ".ots"},
    ODP: {".odp", ".otp"},
    DOC: {".doc", ".dot"},
    XLS: {".xls", ".xlt"},
    PPT: {".ppt", ".pps"},
    TEXT: {".txt", ".text", ".md", ".log", ".csv", ".tsv"},
    CSV: {".csv", ".tsv", ".txt"},
    ZIP: {".zip"},
}

# The extension a download gets when its name's does not fit its content (see download_name).
CANONICAL_EXTENSIONS = {
    PDF: ".pdf",
    PNG: ".png",
    JPEG: ".jpg",
    GIF: ".gif",
    WEBP: ".webp",
    DOCX: ".docx",
    XLSX: ".xlsx",
    PPTX: ".pptx",
    ODT: ".odt",
    ODS: ".ods",
    ODP: ".odp",
    DOC: ".doc",
    XLS: ".xls",
    PPT: ".ppt",
    TEXT: ".txt",
    CSV: ".csv",
    ZIP: ".zip",
}

# Human names of the types, for messages.
TYPE_LABELS = {
    PDF: "PDF",
    PNG: "PNG",
    JPEG: "JPEG",
    GIF: "GIF",
    WEBP: "WebP",
    DOCX: "Word (.docx)",
    XLSX: "Excel (.xlsx)",
    PPTX: "PowerPoint (.pptx)",
    ODT: gettext_lazy("OpenDocument texte (.odt)"),
    ODS: gettext_lazy("OpenDocument tableur (.ods)"),
    ODP: gettext_lazy("OpenDocument présentation (.odp)"),
    DOC: "Word 97 (.doc)",
    XLS: "Excel 97 (.xls)",
    TEXT: gettext_lazy("texte"),
    CSV: "CSV",
    ZIP: "ZIP",
}

SNIFF_BYTES = 64 * 1024  # how much of the start of a file is read to tell its type
_OLE_BYTES = 512 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACHO_MAGICS = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
_OTHER_ARCHIVE_MAGICS = (
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"MSCF",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",
)
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|script|iframe|meta|title|style|a\s|div|p>)",
    re.IGNORECASE | re.DOTALL,
)
# Markup a browser would run if it ever rendered the file as HTML, looked for anywhere in the
# head of every file (a PDF or a text may carry it after a harmless start).
_HTML_ANYWHERE = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|applet|meta"
    rb"|base|form|svg|math|style|link)(?=[\s/>])",
    re.IGNORECASE,
)
_SVG_TAG = re.compile(rb"<svg[\s>]", re.IGNORECASE)
_SVG_ACTIVE = re.compile(
    rb"<script|<foreignobject|\son[a-z]+\s*=|javascript:|<iframe|<embed|<object",
    re.IGNORECASE,
)


class FileRejected(CimaiseError):
    """A file we refuse to store; the message is written for the person who sent it."""

    message = gettext_lazy("Ce fichier n'est pas accepté.")
    status = 400


# -- sniffing ---------------------------------------------------------------------------------


def _read_start(fileobj, size: int) -> bytes:
    """The first `size` bytes of a file object, leaving its position where it was."""
    try:
        position = fileobj.tell()
    except (AttributeError, OSError, ValueError):
        position = None
    try:
        fileobj.seek(0)
    except (AttributeError, OSError, ValueError):
        pass
    data = fileobj.read(size) or b""
    if position is not None:
        fileobj.seek(position)
    return bytes(data)


def _zip_type(names: list[str], head: bytes) -> str:
    if "mimetype" in names or head[30:38] == b"mimetype":
        declared = head[38:120]
        for mime in (ODT, ODS, ODP):
            if declared.startswith(mime.encode()):
                return mime
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        if "ppt/presentation.xml" in names:
            return PPTX
    return ZIP


def _sniff_zip(head: bytes, fileobj) -> str:
    names: list[str] | None = None
    source = fileobj if fileobj is not None else io.BytesIO(head)
    try:
        with zipfile.ZipFile(source) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        names = None
    finally:
        if fileobj is not None:
            try:
                fileobj.seek(0)
            except (OSError, ValueError):
                pass
    if names is not None:
        return _zip_type(names, head)
    # Only the start of the archive is known (a ranged read): trust the local headers.
    if head[30:38] == b"mimetype":
        return _zip_type([], head)
    kind = filetype.guess(head)
    if kind is not None and kind.mime in (DOCX, XLSX, PPTX):
        return kind.mime
    return ZIP


def _sniff_ole(data: bytes) -> str:
    for matcher_mime in (DOC, XLS):
        kind = filetype.guess(data)
        if kind is not None and kind.mime == matcher_mime:
            return matcher_mime
    # The directory entries are UTF-16 names: "WordDocument", "Workbook", "PowerPoint Document".
    if "WordDocument".encode("utf-16-le") in data:
        return DOC
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return XLS
    if "PowerPoint Document".encode("utf-16-le") in data:
        return PPT
    return OLE


def _looks_like_text(head: bytes, truncated: bool) -> str | None:
    """The text as decoded when `head` looks like text (UTF-8 or latin-1, no NUL), else None."""
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the end of a partial read is fine.
        if truncated and error.start >= len(head) - 3:
            text = head[: error.start].decode("utf-8", errors="strict")
        else:
            text = head.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    controls += sum(1 for ch in text if 0x7F <= ord(ch) < 0xA0)
    if text and controls / len(text) > 0.01:
        return None
    return text


def _looks_like_csv(text: str) -> bool:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(lines) < 2:
        return False
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t")
    except csv.Error:
        return False
    counts = {len(row) for row in csv.reader(lines, dialect)}
    return len(counts) == 1 and counts.pop() > 1


def sniff_mime(fileobj_or_bytes) -> str:
    """The content type of a file told from its bytes (never its name).

    Accepts bytes (possibly only the start of a file, e.g. from a ranged read) or a seekable file
    object (its position is kept).
    """
    if isinstance(fileobj_or_bytes, bytes | bytearray | memoryview):
        fileobj = None
        data = bytes(fileobj_or_bytes)
        head = data[:SNIFF_BYTES]
        truncated = False
    else:
        fileobj = fileobj_or_bytes
        head = _read_start(fileobj, SNIFF_BYTES)
        data = head
        truncated = len(head) == SNIFF_BYTES
    if not head:
        return EMPTY

    # Executables first: whatever else they could pass for, they are refused.
    executable = _executable_type(head)
    if executable is not None:
        return executable

    # The magic number at offset 0 only: a PDF reader would also find it a little further, after
    # bytes a browser may take for HTML ("<!-- %PDF-1.4 -->" then a page).
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(head, fileobj)
    if head.startswith(_OLE_MAGIC):
        if fileobj is not None:
            data = _read_start(fileobj, _OLE_BYTES)
        return _sniff_ole(data)

    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    return _text_type(head, truncated)


def _executable_type(head: bytes) -> str | None:
    """The type of a program or script told from its first bytes, or None."""
    if head.startswith(b"\x7fELF"):
        return ELF
    if head.startswith(b"MZ"):
        return PE
    if head[:4] in _MACHO_MAGICS:
        return MACHO
    if head.startswith(b"#!"):
        return SHELL
    return None


def _text_type(head: bytes, truncated: bool) -> str:
    """The type of a file no magic number names: a markup, CSV or plain text, else raw bytes."""
    text = _looks_like_text(head, truncated)
    if text is None:
        return OCTET
    raw = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(raw):
        return HTML
    start = raw.lstrip()[:512].lower()
    if _SVG_TAG.search(raw[:4096]) and (start.startswith(b"<?xml") or start.startswith(b"<svg")):
        return SVG
    if start.startswith(b"<?xml"):
        return XML
    if _looks_like_csv(text):
        return CSV
    return TEXT


def svg_has_script(data: bytes) -> bool:
    return bool(_SVG_ACTIVE.search(data))


def has_html_markup(head: bytes) -> bool:
    """True when the bytes carry markup a browser would run if it rendered them as a page."""
    return bool(_HTML_ANYWHERE.search(head))


# -- names ------------------------------------------------------------------------------------

_WINDOWS_RESERVED_CHARACTERS = set('<>:"|?*')
_WINDOWS_DEVICE_NAMES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}
NAME_MAX = 200


def safe_filename(name: str, default: str = "") -> str:
    """The name a file is checked, kept and downloaded under, the same whatever the system.

    The last part of the path only, in Unicode NFC, without control, format (bidi overrides,
    zero-width) or separator characters nor those Windows forbids, and without the leading and
    trailing dots and spaces Windows drops: "run.bat." would be saved by Windows as "run.bat", so
    it is "run.bat" here too and its extension is checked as such.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        "_" if ch in _WINDOWS_RESERVED_CHARACTERS else ch
        for ch in name
        if unicodedata.category(ch)[0] != "C" and unicodedata.category(ch) not in ("Zl", "Zp")
    )
    name = " ".join(name.split()).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if stem.upper() in _WINDOWS_DEVICE_NAMES:
        name = f"_{name}"
    if len(name) > NAME_MAX:
        suffix = f".{extension}" if dot and len(extension) <= 16 else ""
        name = name[: NAME_MAX - len(suffix)].rstrip(" .") + suffix
    return name or default


def file_extension(name: str) -> str:
    """The extension of a name as Windows reads it (after safe_filename), in lower case with its
    dot (".pdf"); "" when there is none."""
    name = safe_filename(name)
    if "." not in name:
        return ""
    return "." + name.rsplit(".", 1)[1].lower()


def download_name(filename: str, content_type: str) -> str:
    """The name a file is offered under: safe_filename's, with an extension that fits the type
    the server found in it ("run.bat." holding a PDF, kept before names were checked, is offered
    as "run.bat.pdf", never as "run.bat")."""
    name = safe_filename(filename, default="fichier")
    extension = file_extension(name)
    fitting = EXTENSIONS.get(content_type, set())
    if extension and extension not in fitting and content_type in CANONICAL_EXTENSIONS:
        name = f"{name}{CANONICAL_EXTENSIONS[content_type]}"
    return name


def check_filename(filename: str) -> None:
    """Refuse, from its name alone, a file that would run when opened (FileRejected)."""
    extension = file_extension(filename)
    if extension in EXECUTABLE_EXTENSIONS:
        raise FileRejected(_("Les programmes et scripts exécutables ne sont pas acceptés."))
    if extension in MACRO_EXTENSIONS:
        raise FileRejected(_macro_message())


def _macro_message() -> str:
    return _(
        "Les documents Office contenant des macros (.docm, .xlsm, .pptm…) ne sont pas acceptés : "
        "enregistrez-le sans macros (.docx, .xlsx, .pptx)."
    )


# -- archives ---------------------------------------------------------------------------------

ARCHIVE_TYPES = frozenset({ZIP, DOCX, XLSX, PPTX, ODT, ODS, ODP})
ARCHIVE_MAX_MEMBERS = 10_000
ARCHIVE_MAX_DEPTH = 2  # a ZIP holding a .docx holding a chart's .xlsx is looked into; deeper is not
# What nested archives may be unpacked to look into them, each and in all (zip bombs).
_NESTED_MAX_SIZE = 100 * 1024 * 1024
_NESTED_TOTAL_SIZE = 400 * 1024 * 1024


def _executable_start(start: bytes) -> bool:
    return _executable_type(start) is not None


def _is_macro_part(path: str, names: set[str]) -> bool:
    """A member that holds macros: VBA in OOXML, Excel 4 macro sheets, OpenDocument Basic."""
    if path.rsplit("/", 1)[-1] == "vbaproject.bin":
        return True
    if "[content_types].xml" in names and "/macrosheets/" in f"/{path}":
        return True
    return "mimetype" in names and path.startswith(("basic/", "scripts/"))


def _archive_problem(archive: zipfile.ZipFile, depth: int, budget: list[int]) -> str | None:
    """Why an archive (ZIP, or an Office/OpenDocument file, which are ZIPs) is refused, or None.

    Every member is looked at: its name, its first bytes, and the members of a nested ZIP.
    """
    members = archive.infolist()
    if len(members) > ARCHIVE_MAX_MEMBERS:
        return _("L'archive contient trop de fichiers pour être vérifiée.")
    names = {member.filename.lower() for member in members}
    for member in members:
        if member.is_dir():
            continue
        problem = _member_problem(archive, member, names, depth, budget)
        if problem:
            return problem
    return None


def _member_problem(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    names: set[str],
    depth: int,
    budget: list[int],
) -> str | None:
    """Why one file in an archive is refused, or None."""
    path = member.filename.replace("\\", "/").lower()
    extension = file_extension(member.filename)
    if extension in MACRO_EXTENSIONS or _is_macro_part(path, names):
        return _macro_message()
    if extension in EXECUTABLE_EXTENSIONS:
        return _("L'archive contient un programme ou un script exécutable : elle est refusée.")
    if member.flag_bits & 0x1:
        return _encrypted_message()
    with archive.open(member) as handle:
        start = handle.read(8)
    if _executable_start(start):
        return _("L'archive contient un programme ou un script exécutable : elle est refusée.")
    if extension in OTHER_ARCHIVE_EXTENSIONS or start.startswith(_OTHER_ARCHIVE_MAGICS):
        return _(
            "L'archive en contient une autre d'un format qui ne peut pas être vérifié "
            "(%(name)s) : envoyez une archive ZIP simple."
        ) % {"name": safe_filename(member.filename)}
    if start.startswith((b"PK\x03\x04", b"PK\x05\x06")) or extension == ".zip":
        return _nested_archive_problem(archive, member, depth, budget)
    return None


def _nested_archive_problem(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, depth: int, budget: list[int]
) -> str | None:
    """Why a ZIP inside an archive is refused, or None: its own files are looked at in turn."""
    budget[0] -= member.file_size
    if depth >= ARCHIVE_MAX_DEPTH or member.file_size > _NESTED_MAX_SIZE or budget[0] < 0:
        return _("L'archive contient des archives trop imbriquées pour être vérifiées.")
    # Unpacked once to a temporary file: zipfile seeking inside a compressed member would
    # decompress it again for each of its own members.
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as copy:
        with archive.open(member) as handle:
            shutil.copyfileobj(handle, copy, 1024 * 1024)
        try:
            with zipfile.ZipFile(copy) as nested:
                return _archive_problem(nested, depth + 1, budget)
        except (zipfile.BadZipFile, EOFError):
            return _("L'archive contient une archive illisible.")


def _encrypted_message() -> str:
    return _(
        "Les archives protégées par un mot de passe ne sont pas acceptées : "
        "leur contenu ne peut pas être vérifié."
    )


def check_archive(fileobj) -> None:
    """Refuse an archive holding programs, macros, protected or uninspectable content.

    Decided once for every upload path: no setting lets such files in (see the README).
    """
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            problem = _archive_problem(archive, 0, [_NESTED_TOTAL_SIZE])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        problem = _("L'archive est illisible ou endommagée.")
    except RuntimeError:  # zipfile's "File is encrypted, password required for extraction"
        problem = _encrypted_message()
    finally:
        fileobj.seek(0)
    if problem:
        raise FileRejected(problem)


# -- validation -------------------------------------------------------------------------------


def allowed_labels(allowed) -> str:
    labels = sorted({str(TYPE_LABELS.get(mime, mime)) for mime in allowed})
    return ", ".join(labels)


def check_size(size: int, max_size: int | None = None) -> None:
    """Refuse an empty file or one over the limit (FileRejected)."""
    max_size = settings.MAX_UPLOAD_SIZE if max_size is None else max_size
    if not size or size <= 0:
        raise FileRejected(_("Le fichier est vide."))
    if size > max_size:
        raise FileRejected(
            _("Le fichier est trop volumineux (%(size)s) : la limite est de %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_size)}
        )


def check_content(
    data,
    *,
    filename: str,
    size: int,
    allowed: set[str] | frozenset[str] | None = None,
    max_size: int | None = None,
) -> str:
    """The sniffed type of a file about to be stored, or FileRejected with the reason.

    `data` is the whole file: a seekable file object (its position is kept) or bytes. The same
    checks run on every upload path (documents, direct uploads, forum attachments, CVs).
    """
    allowed = ALLOWED_DOCUMENT_TYPES if allowed is None else allowed
    check_size(size, max_size)
    check_filename(filename)
    if isinstance(data, bytes | bytearray | memoryview):
        fileobj = io.BytesIO(bytes(data))
    else:
        fileobj = data
    mime = sniff_mime(fileobj)
    _check_active_content(mime, fileobj)
    if mime not in allowed:
        raise FileRejected(
            _("Ce type de fichier n'est pas accepté. Types acceptés : %(types)s.")
            % {"types": allowed_labels(allowed)}
        )
    _check_extension(mime, filename)
    if mime in ARCHIVE_TYPES:
        position = fileobj.tell()
        try:
            check_archive(fileobj)
        finally:
            fileobj.seek(position)
    return mime


def _check_active_content(mime: str, fileobj) -> None:
    """Refuse an empty file, a program, or what a browser would run (HTML, SVG with script)."""
    head = _read_start(fileobj, SNIFF_BYTES)
    if mime == EMPTY:
        raise FileRejected(_("Le fichier est vide."))
    if mime in EXECUTABLE_TYPES:
        raise FileRejected(_("Les programmes et scripts exécutables ne sont pas acceptés."))
    if mime == SVG:
        if svg_has_script(_read_start(fileobj, 4 * 1024 * 1024)):
            raise FileRejected(_("Les images SVG contenant du script ne sont pas acceptées."))
    elif mime == HTML or has_html_markup(head):
        raise FileRejected(
            _("Les pages HTML ne sont pas acceptées : envoyez plutôt un PDF ou un texte.")
        )


def _check_extension(mime: str, filename: str) -> None:
    """Refuse a name whose extension is not one of the sniffed type's."""
    extension = file_extension(filename)
    known_extensions = set().union(*EXTENSIONS.values())
    if extension and extension not in EXTENSIONS.get(mime, set()):
        if extension in known_extensions or mime != TEXT:
            raise FileRejected(
                _("Le contenu du fichier (%(type)s) ne correspond pas à son extension « %(ext)s ».")
                % {"type": TYPE_LABELS.get(mime, mime), "ext": extension}
            )
        raise FileRejected(
            _("L'extension « %(ext)s » n'est pas acceptée pour un fichier texte.")
            % {"ext": extension}
        )


def validate_upload(
    uploaded_file,
    *,
    allowed: set[str] | frozenset[str] | None = None,
    max_size: int | None = None,
) -> str:
    """Check an uploaded file (Django UploadedFile or File) and return its sniffed type.

    Its name is replaced by safe_filename's, so that the app storing it keeps the name that was
    checked ("run.bat." is refused as "run.bat", "rapport.pdf " is kept as "rapport.pdf").
    """
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
        uploaded_file.seek(0)
    name = getattr(uploaded_file, "name", "") or ""
    mime = check_content(
        uploaded_file, filename=name, size=size, allowed=allowed, max_size=max_size
    )
    if name:
        uploaded_file.name = safe_filename(name, default="fichier")
    return mime
