"""Coding knowledge kept as data: word lists, code tables and constructions (`data/rules/`).

`schema` checks a loaded YAML file against a declared shape and names the file and line of any
bad entry; `words` loads the word lists and code tables; `constructions` loads the construction
rules and applies them (see docs/how-to-add-a-rule.md).
"""
