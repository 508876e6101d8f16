"""The identity domain: landlords, places, households, people, memberships, credentials.

Pure Python: no database, web or broker imports; only the kernel's pure types.
"""
