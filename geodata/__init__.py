"""The geodata layer: district polygons, the Lachin corridor, the gazetteer and their checks."""
