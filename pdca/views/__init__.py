"""The quality cycle's pages, one module per step: gesprekskader.py (the Gesprekskader),
jaarplan.py (Plan, and an activity's progress: Do), dialogues.py (Check: sessions, findings,
next steps), actions.py (Act: follow-up actions, and the overviews per waarborg); common.py
holds what they share.

Thin: permission (get_for / require: 404 out of reach) → form → service → render. A
DomainError from a service is shown as the form's error or a message.
"""
