"""The user's tables as parsed text: the universe (model portfolio) and the tilt table.

Pure: text in, frozen values out; the data wing reads and writes the files.
"""
