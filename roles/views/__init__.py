"""Split by area: people.py (people, roles, invitations, import) and network.py
(overlegstructuur, professionalisation, expertise)."""
