"""The quality cycle's pages, one module per step: gesprekskader.py (the Gesprekskader),
jaarplan.py (Plan, and an activity's progress: Do), dialogues.py (Check: sessions, findings,
next steps), actions.py (Act: follow-up actions, and the overviews per waarborg); common.py
holds what they share.

Thin: the read-only pages fetch their object through get_for() (404 out of reach) and render
what pdca.selectors and pdca.overviews read; every page that changes state is a declaration on
samen.views' ActionView or ConfirmView (its rule, its object, its form, its service call, its
messages), so a DomainError from a service is shown as the form's error or a message the same
way everywhere.
"""
