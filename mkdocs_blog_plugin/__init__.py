"""mkdocs-blog-plugin: a blog for any MkDocs theme."""
