"""Word 97–2003 ``.doc`` and WPS ``.wps`` files (OLE2 compound files) -> DOCX -> text.

Their binary format is read by LibreOffice, when it is installed: the file is converted to
DOCX (not to text: the text export loses ``≥``) in a private temporary folder and profile,
under a time limit, and the DOCX is read as any other.  Without LibreOffice the file is an
``unsupported_format`` whose message says what to do.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ExtractError
from . import Loaded

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_TIMEOUT = 120.0  # seconds; --timeout still bounds the whole file
NO_LIBREOFFICE = (
    "a Word 97-2003 (.doc) or WPS (.wps) file: install LibreOffice (e.g. apt-get install "
    "libreoffice-writer-nogui) to read it, or save it as DOCX"
)


def soffice() -> str | None:
    """LibreOffice's command, if it is installed."""
    for name in ("soffice", "libreoffice", "lowriter"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(data: bytes, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """The DOCX LibreOffice makes of an OLE2 word-processing file."""
    command = soffice()
    if command is None:
        raise ExtractError("unsupported_format", NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="mch-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "input.doc"
        source.write_bytes(data)
        args = [
            command,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",  # parallel workers: no shared profile lock
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise ExtractError("timeout", f"LibreOffice took longer than {timeout:g} s to convert the file") from exc
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)  # --timeout or Ctrl-C: no LibreOffice left behind
            proc.wait()
            raise
        out = folder / "out" / "input.docx"
        if proc.returncode != 0 or not out.exists():
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
            raise ExtractError(
                "unsupported_format",
                "LibreOffice could not convert this .doc/.wps file" + (f" ({detail[0][:200]})" if detail else ""),
            )
        return out.read_bytes()


def load_doc(data: bytes) -> Loaded:
    from .docx import load_docx

    loaded = load_docx(convert_to_docx(data))
    loaded.format = "doc"
    return loaded
