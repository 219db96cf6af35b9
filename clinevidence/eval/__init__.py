"""Evaluation on BEIR-format data: retrieval metrics and answer metrics."""
