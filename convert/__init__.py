"""convert: news articles in any encoding to DOCX, PDF, EPUB and JSON."""

__version__ = "0.2.0"
