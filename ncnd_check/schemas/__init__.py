"""JSON Schemas shipped with the package (report-v1.json: the JSON report)."""
