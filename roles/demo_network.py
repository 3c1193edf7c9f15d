"""Demo rows for this app's capabilities, called by samen.demo for each demo partnership."""


def extend(context):
    """`context` is a samen.demo.DemoContext (partnership, slug, schools, persons, partners)."""
