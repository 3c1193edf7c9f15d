"""Thin Celery wrappers around the kwaliteitscyclus (cycle.generation)."""

from celery import shared_task

from . import generation


@shared_task
def generate_cycle_moments():
    """Beat's daily run: this schooljaar's moments from the cycle (new schools, new rows), and
    from 1 June next schooljaar's. Creates nothing twice (generation.generate_schooljaar)."""
    return generation.generate_due()
