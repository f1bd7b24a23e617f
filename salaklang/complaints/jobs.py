from salaklang.complaints.services import anonymise_expired, escalate_overdue
from salaklang.core import schedule


def escalate() -> int:
    return escalate_overdue()


def retention() -> int:
    return anonymise_expired()


schedule.every(hours=1)(escalate)
schedule.every(hours=24)(retention)
