"""What the quality cycle's pages share."""

from operator import attrgetter

from samen.schooljaar import Schooljaar


def year_label(obj):
    """An object's schooljaar as the lists show it ("2025-2026")."""
    return str(Schooljaar(obj.schooljaar))


class OnRecord:
    """A step on a part of a record — an item of a Gesprekskader, a goal or activity of a
    jaarplan, a finding or next step of a dialogue session — or on the record itself.

    The record is the object the rule is checked on (`check_on`; without it, the object): the
    page goes back to the record's page, and there again after the step, because that is where
    the part is shown.
    """

    def get_record(self):
        return attrgetter(self.check_on)(self.object) if self.check_on else self.object

    def get_back_url(self):
        return self.get_record().get_absolute_url()

    def get_back_label(self):
        return str(self.get_record())

    def get_success_url(self, result):
        return self.get_back_url()
