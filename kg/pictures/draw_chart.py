"""A bar chart drawn by matplotlib as SVG, the same bytes for the same answer.

Each bar carries an id in the SVG (``bar:N``, in the answer's order) and its label and value
as its title, so that what the chart says can be read back from the file.
"""

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402

from kg.pictures.chart import Chart  # noqa: E402
from kg.pictures.draw_timeline import METADATA  # noqa: E402

RC = {
    "svg.hashsalt": "nkdefectors-chart",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "path.simplify": False,
}
BAR_COLOUR = "#1f5fa8"


def draw_chart(chart: Chart, fmt: str = "svg") -> bytes:
    with plt.rc_context(RC):
        labels = [label for label, _ in chart.bars]
        values = [value for _, value in chart.bars]
        width = max(4.0, 1.3 * len(labels) + 1.5)
        figure, axes = plt.subplots(figsize=(min(width, 12.0), 3.2))
        bars = axes.bar(range(len(values)), values, color=BAR_COLOUR, width=0.6)
        for number, (bar, label, value) in enumerate(zip(bars, labels, values, strict=True)):
            bar.set_gid(f"bar:{number}")
            shown = f"{value:g}"
            axes.annotate(
                shown,
                (bar.get_x() + bar.get_width() / 2, value),
                ha="center",
                va="bottom",
                fontsize=8,
                xytext=(0, 2),
                textcoords="offset points",
            )
            bar.set_label(f"{label}: {shown}")
        # A label's parts (a state, a date) on lines of their own, so that neighbours do not touch.
        ticks = [label.replace(" · ", "\n") for label in labels]
        axes.set_xticks(range(len(labels)), ticks, rotation=0 if len(labels) < 8 else 30)
        axes.set_ylabel(chart.value_name)
        axes.set_title(chart.title, fontsize=10, loc="left")
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_ylim(0, max(values) * 1.15 if max(values) > 0 else 1)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, metadata=METADATA[fmt])
        plt.close(figure)
    return buffer.getvalue()
