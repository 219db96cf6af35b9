"""Answering: question analysis, evidence selection, verdict, cited statements, support check."""
