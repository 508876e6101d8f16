"""Root fields, one module per service; :mod:`gateway.schema` merges them into ``Query``."""
