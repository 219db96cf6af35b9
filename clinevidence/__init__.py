"""ClinEvidence: evidence-grounded clinical question answering over your own library."""

__version__ = "0.1.0"
