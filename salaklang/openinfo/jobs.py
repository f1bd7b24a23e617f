from salaklang.core import schedule
from salaklang.openinfo.services import send_due_reminders

schedule.every(minutes=60)(send_due_reminders)
