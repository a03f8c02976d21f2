"""The loader's stages, under `boardmap.load` (the entry points): one YAML file into a
`MapFile` (`file`), many files into one map with the whole map's problems (`merge`,
`references`), the map on a date (`dates`), and YAML text (`text`). Each stage records where
the items it makes were declared in the map's side table (`boardmap.origins`).
"""
