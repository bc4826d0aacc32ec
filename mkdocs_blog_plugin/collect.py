"""Collecting the blog (on_files): posts read, listings planned, every page given its place.

1. ``catalog``: the post files become entries (slug and draft decided);
2. ``authors``: ``.authors.yml``, and every post's authors checked against it;
3. ``views``: the listings (index, tags, categories, archive, authors) and their pagination;
4. ``entries.derive``: previous/next and what each post shows about itself; then the blog
   features: ``related`` posts, ``series`` (and their listing pages), ``covers``;
5. ``placement``: listing files, post URLs, asset copies and redirects, each kept off every other
   output of the build (``placement.outputs``) and inside the site.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from . import authors, catalog, category_tree, covers, entries, jekyll_site, placement, related, reuse, series, views
from .safepaths import UnsafePath
from .slugs import category_slugifier
from .state import BlogBuild


def collect(build: BlogBuild, files: Files) -> Files:
    o = build.options
    config = build.config
    build.files = files
    jekyll_site.exclude_includes(files, config, o.jekyll.includes_dir)
    if o.authors.enabled:
        build.authors = authors.read(config.docs_dir, o.authors.file, build.warn)

    everything = catalog.read(files, o, serving=build.serving, warn=build.warn,
                              meta_file=build.companions.meta_file, memo=reuse.posts(build),
                              text_of=lambda file, read: reuse.file_text(build, file, read))
    build.entries = {e.src_uri: e for e in everything}
    build.posts = catalog.shown(everything, o, serving=build.serving)
    authors.check([e.post for e in everything], build.authors, o.authors.file)

    nesting = o.views.categories_nesting_separator
    if o.custom_category_slugify:
        category_slug = o.term_slugify
    else:
        category_slug = category_slugifier(
            (level for e in everything for c in e.categories for level in category_tree.levels(c, nesting)),
            o.category_separator,
        )
    by_id = build.authors.values()
    try:
        build.views = views.build(
            build.posts, o.views, {a.id: a.slug for a in by_id}, {a.id: a.name for a in by_id}, category_slug,
            authors_file=o.authors.file,
        )
    except UnsafePath as e:
        raise PluginError(f"blog-plugin: {e}") from None
    for message in build.views.warnings:
        build.log.warning(message)
    entries.derive(build.posts, build.views, build.authors, date_format=o.posts.date_format,
                   locale=build.labels.language, show_authors=o.authors.enabled,
                   nav_scope=o.features.post_nav_scope)
    _features(build)
    authors.link_views(build.authors, build.views.authors, files)

    # With Material's tags plugin, a real file at the tags overview's place is its tags index.
    kept = ("tags",) if build.companions.material_tags else ()
    build.listings = placement.add_listing_files(files, config, o, build.views, build.title, pages_kept=kept)
    build.index_page = build.views.index.pages[0].page
    taken = placement.outputs(files, config, o, build.views, build.site, build.entries)
    # '{categories}' in post URLs: a nested category gives the slugs of its levels (garden/vegetables).
    path_slug = ((lambda name: "/".join(category_slug(level) for level in category_tree.levels(name, nesting)))
                 if nesting else category_slug)
    placement.place_posts(files, config, o, everything, path_slug, build.warn, taken)
    placement.copy_assets(files, config, o, taken, build.warn)
    placement.add_redirects(files, config, o, build.posts, build.site, build.warn, taken,
                            redirect_maps=build.companions.redirect_maps)
    return files


def _features(build: BlogBuild) -> None:
    """Related posts, series and cover images: each computed once, from the posts shown."""
    o = build.options
    candidates = [e for e in build.posts if not e.draft]
    for entry, found in zip(candidates, reuse.related(build, candidates, o.features.related_posts, related.compute)):
        entry.related = found
    found = series.group(build.posts, build.warn)
    if found:
        warnings: list[str] = []
        build.views.series, overview = series.views(
            found, o.blog_dir, o.features.series_url_format, o.term_slugify, build.labels.series, warnings)
        if overview is not None:
            build.views.overviews["series"] = overview
        for message in warnings:
            build.log.warning(message)
    covers.attach(build.posts, build.files, build.warn)
