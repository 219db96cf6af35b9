"""Retrieval: lexical BM25 (incremental), optional dense, rank fusion, evidence priors."""
