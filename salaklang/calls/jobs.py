from salaklang.calls.services import send_due_reminders
from salaklang.core import schedule

schedule.every(minutes=30)(send_due_reminders)
