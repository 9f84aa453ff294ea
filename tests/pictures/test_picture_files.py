"""The pictures in docs/images are what ``kg draw`` makes of the project's ontology and of the
article's graph today: drawn again, they are the same bytes. The timeline is the article's
own (``--source``), so that another source added to data/ leaves it as it is.

When this fails, redraw them:
    kg draw model --out docs/images/model.svg
    kg draw timeline --source kei-peninsula-2024-09-03 --out docs/images/timeline.svg
"""

from pathlib import Path

import pytest

IMAGES = Path(__file__).resolve().parent.parent.parent / "docs" / "images"
ARTICLE = "kei-peninsula-2024-09-03"


@pytest.mark.parametrize(
    ("file_name", "args"),
    [
        ("model.svg", ("model",)),
        ("timeline.svg", ("timeline", "--source", ARTICLE)),
    ],
)
def test_the_documentation_pictures_are_current(kg, tmp_path, file_name, args):
    out = tmp_path / file_name
    result = kg("draw", *args, "--out", out, data=None, env={"KG_DATA": ""})
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (IMAGES / file_name).read_bytes(), (
        f"docs/images/{file_name} is out of date: kg draw {' '.join(args)} --out "
        f"docs/images/{file_name}"
    )
