"""Bad URL, date and number options stop the build when the configuration is read, naming the
option, before any page is written."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

POST = "---\ndate: 2024-01-05\ntags: [a]\n---\n# Hello\n\nText.\n"


@pytest.mark.parametrize(
    "plugin, option",
    [
        ({"tags_url_format": ""}, "tags_url_format"),
        ({"pagination_url_format": "more"}, "pagination_url_format"),
        ({"pagination_per_page": 0}, "pagination_per_page"),
        ({"archive_url_date_format": "'../../../pwn'yyyy"}, "archive_url_date_format"),
        ({"post_url_format": "{slug.upper}"}, "post_url_format"),
    ],
)
def test_build_stops_naming_the_option(build_site, tmp_path, caplog, plugin, option):
    with pytest.raises(Abort):
        build_site({"index.md": "# Home\n", "blog/posts/a.md": POST}, plugin=plugin)
    assert any(f"blog-plugin: option '{option}'" in r.getMessage() for r in caplog.records)
    assert not list(tmp_path.glob("**/index.html"))  # stopped before writing anything
    assert not list(tmp_path.glob("**/pwn*"))
