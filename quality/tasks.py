"""Thin Celery wrappers around the kwaliteitscyclus (quality.cycle)."""

from celery import shared_task

from . import cycle


@shared_task
def generate_cycle_moments():
    """Beat's daily run: this schooljaar's moments from the cycle (new schools, new rows), and
    from 1 June next schooljaar's. Creates nothing twice (cycle.generate_schooljaar)."""
    return cycle.generate_due()
