"""What every kind of case shares (complaints, operators' applications, and the kinds to come).

- ``base``: the abstract case and history models, receipt numbers, query codes;
- ``scoping``: which cases a member of staff may see and handle;
- ``transitions``: each kind's transitions declared once as data, and the one ``perform()``;
- ``admin``: the case list, case page and permission helper every kind's admin builds on.
"""
