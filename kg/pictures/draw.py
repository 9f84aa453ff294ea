"""``kg draw``: a picture of the graph written to a file, its format read from the file name.

The file is written whole or not at all (a temporary file renamed into place), so a failed
drawing never leaves half a picture where the last good one was.
"""

import os
import tempfile
from pathlib import Path

from kg.errors import UsageError
from kg.graph.store import open_store
from kg.pictures.draw_graph import draw_model, draw_network
from kg.pictures.draw_timeline import draw_timeline
from kg.pictures.model import model
from kg.pictures.network import network
from kg.pictures.read import expand
from kg.pictures.timeline import timeline

PICTURES = ("timeline", "network", "model")
FORMATS = {".svg": "svg", ".png": "png"}


def picture_format(out: Path) -> str:
    """``svg`` or ``png`` from the file's suffix; a usage error naming ``--out`` otherwise."""
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(f"--out: {out} must end in .svg or .png")
    return fmt


def drawing(
    picture: str, fmt: str, data_dir: Path, focus: str | None = None, source: str | None = None
) -> bytes:
    """The bytes of ``picture`` ("timeline", "network" or "model") in ``fmt``."""
    if picture == "model":
        if focus or source:
            raise UsageError(
                "--focus and --source do not apply to the model, which is the ontology's"
            )
        return draw_model(model(), fmt)
    store = open_store(data_dir)
    focus = expand(focus) if focus else None
    if picture == "network":
        if source:
            raise UsageError("--source applies to the timeline only")
        return draw_network(network(store, focus), fmt)
    return draw_timeline(timeline(store, source=source, person=focus), fmt)


def write_picture(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` through a temporary file in the same folder."""
    if not out.parent.is_dir():
        raise UsageError(f"--out: folder {out.parent} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        # mkstemp makes the file private; a picture is as readable as any file written here.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
