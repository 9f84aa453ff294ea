"""The timeline drawn by matplotlib, as SVG or PNG, byte for byte the same for the same graph.

Every mark carries an id in the SVG (``event:NAME``, ``posting:NAME``, ``gap:NAME``,
``lane:NAME``, ``year:YYYY``, ``undated:NAME``, ``approximate:NAME``) so that what the picture
says can be read back from the file: which lane a mark is in and which days it spans.
"""

import io
from datetime import datetime, timedelta

import matplotlib

matplotlib.use("Agg")

from matplotlib import dates as mdates  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402

from kg.pictures.read import local_name  # noqa: E402
from kg.pictures.timeline import NO_PERSON, Timeline  # noqa: E402

# What makes the output the same bytes on every run: a fixed salt for the SVG's ids, no
# creation date, the font matplotlib ships, text kept as text.
RC = {
    "svg.hashsalt": "nkdefectors-timeline",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "path.simplify": False,
}
METADATA = {"svg": {"Date": None, "Creator": None}, "png": {"Software": None}}
KIND_COLOURS = {
    "defection": "#c0392b",
    "disclosure": "#2e86c1",
    "return": "#7d3c98",
    "execution": "#17202a",
    "imprisonment": "#566573",
    "arrest": "#566573",
    "punishment of relatives": "#566573",
    "resettlement": "#229954",
    "election": "#d68910",
    "appointment": "#b9770e",
    "summit": "#1abc9c",
    "establishment of diplomatic relations": "#148f77",
    "observation": "#909497",
}
OTHER_COLOUR = "#5d6d7e"
POSTING_COLOUR = "#d5dbdb"
GAP_COLOUR = "#e74c3c"
# In rows of the plot: a lane holds a posting bar, its events' tracks and a gap bracket.
LANE_HEIGHT = 1.0
TRACK_HEIGHT = 0.45
MARK_HEIGHT = 0.3
ROW_INCHES = 0.5
POINT_WIDTH = timedelta(days=60)
FIGURE_INCHES = 14
AXIS_INCHES = 11.2
# The width of a character of the marks' labels (6.5 pt DejaVu Sans, rounded up).
CHAR_INCHES = 0.055


def lane_id(iri: str) -> str:
    return local_name(iri) if iri != NO_PERSON else "no-person"


def colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, OTHER_COLOUR)


def year_range(timeline: Timeline) -> tuple[int, int]:
    starts = [e.when.start for e in timeline.events]
    ends = [e.when.end for e in timeline.events]
    for posting in timeline.postings:
        starts.append((posting.begins or posting.ends).start)
        ends.append((posting.ends or posting.begins).end)
    if not starts:
        return 2000, 2001
    # A year more on the right leaves room for the labels of the last marks.
    return min(starts).year, max(ends).year + (1 if max(ends).month == 1 else 2)


def months(start: datetime, end: datetime) -> str:
    count = (end.year - start.year) * 12 + end.month - start.month
    return f"{count} month{'s' if count != 1 else ''}" if count else "under a month"


def draw_timeline(timeline: Timeline, fmt: str) -> bytes:
    """The picture of ``timeline`` as ``fmt`` ("svg" or "png") bytes."""
    with plt.rc_context(RC):
        return _draw(timeline, fmt)


def tracks(timeline: Timeline, days_per_char: float) -> dict[str, int]:
    """Each event's track within its lane: events whose marks or labels would overlap go on
    tracks of their own, so that nothing hides another."""
    ends: dict[str, list[datetime]] = {}
    track = {}
    for event in timeline.events:
        lane = ends.setdefault(event.lane, [])
        # A point is drawn wider than its day: keep it clear of its neighbours.
        end = event.when.end if not event.when.is_point else event.when.start + POINT_WIDTH
        end += timedelta(days=days_per_char * (len(event.kind) + 2))
        for index, last in enumerate(lane):
            if last <= event.when.start:
                lane[index] = end
                track[event.iri] = index
                break
        else:
            track[event.iri] = len(lane)
            lane.append(end)
    return track


def _draw(timeline: Timeline, fmt: str) -> bytes:
    drawn = {e.lane for e in timeline.events} | {p.lane for p in timeline.postings}
    lanes = [lane for lane in timeline.lanes if lane.iri in drawn]
    first, last = year_range(timeline)
    # Label widths in days: a character of the labels' size against the axis' days per inch.
    days_per_char = (datetime(last, 1, 1) - datetime(first, 1, 1)).days / AXIS_INCHES * CHAR_INCHES
    track = tracks(timeline, days_per_char)
    depth = {lane.iri: 1 for lane in lanes}
    for event in timeline.events:
        depth[event.lane] = max(depth[event.lane], track[event.iri] + 1)
    # Each lane: a row for postings, one per track of events, a row for the gap brackets.
    top, row = {}, 0.0
    for lane in lanes:
        top[lane.iri] = row
        row += LANE_HEIGHT + TRACK_HEIGHT * (depth[lane.iri] - 1)
    total_rows = max(row, 1.0)
    undated_lines = len(timeline.undated) + (1 if timeline.undated else 0)
    height = 1.6 + ROW_INCHES * total_rows + 0.19 * undated_lines
    plot_share = ROW_INCHES * total_rows / height
    figure = plt.figure(figsize=(FIGURE_INCHES, height))
    axes = figure.add_axes(
        (0.16, 1 - plot_share - 0.9 / height, AXIS_INCHES / FIGURE_INCHES, plot_share)
    )
    left, right = mdates.date2num(datetime(first, 1, 1)), mdates.date2num(datetime(last, 1, 1))
    axes.set_xlim(left, right)
    axes.set_ylim(total_rows, 0)

    for index, lane in enumerate(lanes):
        band = Rectangle(
            (left, top[lane.iri]),
            right - left,
            LANE_HEIGHT + TRACK_HEIGHT * (depth[lane.iri] - 1),
            facecolor="#f4f6f6" if index % 2 == 0 else "white",
            edgecolor="none",
            zorder=0,
        )
        band.set_gid(f"lane:{lane_id(lane.iri)}")
        axes.add_patch(band)
    axes.set_yticks([top[lane.iri] + 0.45 for lane in lanes], [lane.label for lane in lanes])
    for year in range(first, last + 1):
        line = axes.axvline(mdates.date2num(datetime(year, 1, 1)), color="#d0d3d4", lw=0.6)
        line.set_gid(f"year:{year}")
        line.set_zorder(1)
    # A label every year up to twenty years, every fifth year beyond (the lines stay yearly).
    axes.xaxis.set_major_locator(mdates.YearLocator(1 if last - first <= 20 else 5))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.tick_params(axis="x", labelsize=8)
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)

    for posting in timeline.postings:
        y = top[posting.lane] + 0.15
        start = posting.begins.start if posting.begins else None
        end = posting.ends.end if posting.ends else None
        bar_start = mdates.date2num(start) if start else None
        bar_end = mdates.date2num(end) if end else None
        if bar_start is None:
            # No start given: a dashed stub of a year into the past says "held before this".
            bar_start = bar_end - 365
            style = {"linestyle": "--", "facecolor": "none", "edgecolor": "#909497"}
        elif bar_end is None:
            bar_end = bar_start + 365
            style = {"linestyle": "--", "facecolor": "none", "edgecolor": "#909497"}
        else:
            style = {"facecolor": POSTING_COLOUR, "edgecolor": "#909497"}
        bar = Rectangle((bar_start, y - 0.06), bar_end - bar_start, 0.12, lw=0.6, zorder=2, **style)
        bar.set_gid(f"posting:{posting.name}")
        axes.add_patch(bar)

    for gap in timeline.gaps:
        y = top[gap.lane] + LANE_HEIGHT + TRACK_HEIGHT * (depth[gap.lane] - 1) - 0.17
        arrow = axes.annotate(
            "",
            xy=(mdates.date2num(gap.end), y),
            xytext=(mdates.date2num(gap.start), y),
            arrowprops={
                "arrowstyle": "|-|",
                "color": GAP_COLOUR,
                "lw": 1.0,
                "shrinkA": 0,
                "shrinkB": 0,
            },
            zorder=3,
        )
        arrow.arrow_patch.set_gid(f"gap:{gap.name}")
        text = axes.text(
            mdates.date2num(gap.start) - 20,
            y,
            f"{months(gap.start, gap.end)} before made public",
            color=GAP_COLOUR,
            fontsize=7,
            va="center",
            ha="right",
        )
        text.set_gid(f"gap-label:{gap.name}")

    for event in timeline.events:
        y = top[event.lane] + 0.45 + TRACK_HEIGHT * track[event.iri]
        start = mdates.date2num(event.when.start)
        if event.when.is_point:
            (mark,) = axes.plot(
                [start], [y], marker="D", markersize=7, color=colour(event.kind), zorder=5
            )
        else:
            mark = Rectangle(
                (start, y - MARK_HEIGHT / 2),
                mdates.date2num(event.when.end) - start,
                MARK_HEIGHT,
                facecolor=colour(event.kind),
                edgecolor="black" if event.when.approximation else colour(event.kind),
                hatch="////" if event.when.approximation else None,
                alpha=0.85,
                lw=0.6,
                zorder=4,
            )
            axes.add_patch(mark)
        mark.set_gid(f"event:{event.name}")
        end = start + 25 if event.when.is_point else mdates.date2num(event.when.end) + 12
        label = axes.text(end, y, event.kind, fontsize=6.5, va="center", color="#424949")
        label.set_gid(f"label:{event.name}")
        if event.when.approximation:
            note = axes.text(
                start - 15, y, f"≈ {event.when.approximation}", fontsize=7, ha="right", va="center"
            )
            note.set_gid(f"approximate:{event.name}")

    kinds = sorted({event.kind for event in timeline.events})
    handles = [Patch(facecolor=colour(kind), label=kind) for kind in kinds]
    handles.append(Patch(facecolor=POSTING_COLOUR, edgecolor="#909497", label="posting"))
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="////", label="approximate"))
    axes.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=min(len(handles), 8),
        fontsize=7,
        frameon=False,
    )
    figure.text(0.01, 1 - 0.25 / height, title(timeline), fontsize=11, weight="bold")

    if timeline.undated:
        y = 0.12 / height + 0.19 * (undated_lines - 1) / height
        figure.text(0.01, y, "Undated events (not placed in time):", fontsize=8, weight="bold")
        lane_labels = {lane.iri: lane.label for lane in timeline.lanes}
        for item in timeline.undated:
            y -= 0.19 / height
            when = f" ({item.approximate_time})" if item.approximate_time else ""
            line = figure.text(
                0.02,
                y,
                f"• {item.label}{when} — {item.kind}, {lane_labels.get(item.lane, item.lane)}",
                fontsize=8,
            )
            line.set_gid(f"undated:{local_name(item.iri)}")

    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, metadata=METADATA[fmt], dpi=110)
    plt.close(figure)
    return buffer.getvalue()


def title(timeline: Timeline) -> str:
    shown = len(timeline.events)
    if timeline.sampled:
        what = f"a sample of {shown} of {timeline.total} dated events"
    else:
        what = f"{shown} dated event{'s' if shown != 1 else ''}"
    filters = ", ".join(f"{key} {value}" for key, value in sorted(timeline.filters.items()))
    return f"Timeline: {what}" + (f" ({filters})" if filters else "")
