"""WeasyPrint behind one function; `pdf` imports this module only when a PDF must be drawn.

The fetcher serves the files gathered into the job from memory and refuses everything
else, so a PDF never reads the network, the disk or a half-written `site/` folder.
Every PDF is tagged PDF/UA-1 (`pdf_tags` mends what WeasyPrint leaves open), so a screen
reader gets the sheet's headings, lists, log table and picture descriptions in order.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from fai_site.handouts.pdf_job import HandoutPdfError, PdfJob, RenderedPdf, site_path
from fai_site.handouts.pdf_tags import finish_tags

# Tagged, with the document's language, title and PDF/UA-1 identification in its metadata.
PDF_VARIANT = "pdf/ua-1"


class JobFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type information
    """Answers only with the job's own files; any other URL is an error that stops the render."""

    def __init__(self, job: PdfJob) -> None:
        super().__init__(fail_on_errors=True)
        self.job = job

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = site_path(url, self.job.site_url)
        if path is None or path not in self.job.resources:
            raise ValueError(f"refused {url}: a handout PDF may use only the site files gathered for it")
        media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, self.job.resources[path], {"Content-Type": media_type})


def render_pdf(job: PdfJob) -> RenderedPdf:
    """The PDF and its page count; its dates come from the wrapper's `dcterms` tags, so equal inputs give equal
    bytes."""
    try:
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=JobFetcher(job)).render()
    except FatalURLFetchingError as error:
        raise HandoutPdfError(f"{job.path}: {error} ({error.__cause__})") from None
    except Exception as error:  # WeasyPrint's own layout faults (assertions in its grid code): name the sheet
        raise HandoutPdfError(
            f"{job.path}: WeasyPrint could not lay out this sheet ({type(error).__name__}: {error or 'no message'}); "
            "a box that cannot be split across pages is the usual cause: keep it whole with break-inside: avoid"
        ) from error
    return RenderedPdf(finish_tags(document.write_pdf(pdf_variant=PDF_VARIANT)), len(document.pages))
