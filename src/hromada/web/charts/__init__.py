"""Server-rendered SVG charts: accessible (role="img", title, desc), styled by the
site CSS, no JavaScript; the same markup can be converted to PNG for reports."""
