"""PDFs made with reportlab, in memory: letters, the recovery sheet, reports."""
