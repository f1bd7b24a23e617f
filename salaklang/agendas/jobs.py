from salaklang.agendas.services.opinions import send_opinion_reminders
from salaklang.core import schedule

schedule.every(minutes=60)(send_opinion_reminders)
