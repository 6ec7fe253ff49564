"""Every structured form the public, operators and the bureau fill in, and how the bureau handles them.

- ``cases``: what every kind of case shares (bases, numbering, scoping, transitions, the admin case pages,
  private uploads, masking, number checks, working days, whom e-mails go to);
- ``complaints``: 投诉建议 — complaints and feedback, progress look-up, satisfaction surveys, Open311
  (Django app label ``forms``);
- ``applications``: operators' accounts and their recognition and subsidy applications (label ``applications``).
"""
