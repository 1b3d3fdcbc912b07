"""Gold-data label mappings used by kg.evaluate."""
