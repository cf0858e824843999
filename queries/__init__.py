"""Named questions to ask the diplograph knowledge graph."""
