from salaklang.complaints.services.handling import escalate_overdue
from salaklang.complaints.services.privacy import anonymise_expired
from salaklang.core import schedule


def escalate() -> int:
    return escalate_overdue()


def retention() -> int:
    return anonymise_expired()


schedule.every(hours=1)(escalate)
schedule.every(hours=24)(retention)
