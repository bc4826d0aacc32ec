"""Tags, categories and slugs longer than a file name may be are published under shortened names,
with a warning, instead of stopping the build."""

from __future__ import annotations

from mkdocs_blog_plugin.safepaths import MAX_SEGMENT_BYTES


def test_long_names_are_shortened(build_site):
    tag = "x" * 300
    cjk = "漢" * 96
    site = build_site(
        {
            "index.md": "# Home\n",
            "blog/posts/p.md": f"---\ndate: 2024-01-05\ntags: [{tag}, {cjk}]\ncategories: [{cjk}]\n"
                               f"slug: {'y' * 300}\n---\n# P\n\nText.\n",
        },
        expect_warnings=[
            f"the tag '{tag}': a part of its path is longer than",
            f"the tag '{cjk}': a part of its path is longer than",
            f"the category '{cjk}': a part of its path is longer than",
            "blog/posts/p.md: a part of its URL is longer than file systems allow",
        ],
    )
    written = [p for p in site.site_dir.rglob("*")]
    assert all(len(p.name.encode()) <= MAX_SEGMENT_BYTES + 5 for p in written)
    assert any(p.name.startswith("y" * 100) for p in written)
    assert any(p.name.startswith("漢" * 20) for p in written)


def test_a_long_slug_behind_a_refused_permalink_is_shortened_too(build_site):
    """A permalink onto the 404 page sends the post to its default URL, whose slug is then as
    long as the front matter made it: shortened there too."""
    slug = "字" * 100  # 300 bytes
    site = build_site(
        {
            "index.md": "# Home\n",
            "blog/posts/p.md": f"---\ndate: 2024-01-05\nslug: {slug}\npermalink: 404.html\n---\n# P\n\nText.\n",
        },
        expect_warnings=[
            "blog/posts/p.md: its permalink '404.html' is where the site's 404 page is written",
            "blog/posts/p.md: a part of its URL is longer than file systems allow",
        ],
    )
    written = [p for p in site.site_dir.rglob("*")]
    assert all(len(p.name.encode()) <= MAX_SEGMENT_BYTES + 5 for p in written)
    assert any(p.name.startswith("字" * 20) for p in written)
