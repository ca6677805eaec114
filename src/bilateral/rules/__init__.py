"""Coding knowledge kept as data: word lists, code tables, constructions and slots (`data/rules/`).

`schema` checks a loaded YAML file against a declared shape and names the file and line of any
bad entry, and reads the rule files' common parts; `words` loads the word lists and code tables;
`constructions` loads the construction rules and applies them; `slots` loads the slot rules (who
is source and target, and how they pair) and applies them, with the words of their language in
`slot_terms` and the questions those words ask of the parse in `finders` (see
docs/how-to-add-a-rule.md).
"""
