"""Exports for wikis and analysts: static images, a self-contained HTML map, data files."""
