from salaklang.agendas.services import send_opinion_reminders
from salaklang.core import schedule

schedule.every(minutes=60)(send_opinion_reminders)
