"""What a URL may carry: the <id:…> converter every app's urls.py uses for row ids.

Django's <int:…> takes any number of digits; past the database's largest integer the query
itself fails (SQLite raises OverflowError on a foreign key lookup), a 500. An id that cannot
exist is no match, so a 404, before any view runs. Registered once, in CommunityConfig.ready().
"""

# The largest value of a BigAutoField, on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1


class DatabaseId:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond the database's integer range")  # the URL does not match
        return number

    def to_url(self, value) -> str:
        return str(value)
