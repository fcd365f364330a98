"""Reference data shipped with fundwire (entity aliases, extra FX rates, the sample inbox)."""
