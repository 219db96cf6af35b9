"""Integrations with the tools clinicians already use: OpenAI-compatible clients, MCP hosts, API keys."""
