from documents.tests.support import sheet  # noqa: F401 (fixture)
