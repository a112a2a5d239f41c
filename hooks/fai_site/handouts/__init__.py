"""The handouts: the printed sheet (`sheet`) from its own templates (`templating`, `templates/`),
its paper sizes and page budget (`paper`), its QR code (`qr_code`), and its PDFs, planned and
cached (`pdf`, `pdf_job`) and drawn by WeasyPrint (`pdf_renderer`)."""
