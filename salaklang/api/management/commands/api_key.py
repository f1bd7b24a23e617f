"""Issue, list and revoke API keys for machine clients (Open311 apps, a hotline system, a LINE bot).

    manage.py api_key issue --user pn.damrongdhama --name "1567 hotline system"   # prints the key once
    manage.py api_key list
    manage.py api_key revoke slk_AbCdEfGh

The key acts as its user (its roles decide what it may do); only a SHA-256 of it is stored.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.api.models import ApiKey


class Command(BaseCommand):
    help = "Issue, list or revoke API keys (the key is printed once, when issued)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue")
        issue.add_argument("--user", required=True, help="username the key acts as")
        issue.add_argument("--name", required=True, help="what the key is for")
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix", help="the first 12 characters of the key (shown by list)")

    def handle(self, *args, action: str, **options):
        if action == "issue":
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"No active user {options['user']!r}.")
            key, raw = ApiKey.issue(user=user, name=options["name"])
            self.stdout.write(raw)
            self.stderr.write(f"Issued {key}. Keep it secret: it is not shown again.")
        elif action == "list":
            for key in ApiKey.objects.select_related("user").order_by("created_at"):
                state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
                self.stdout.write(f"{key.prefix}\t{key.user.username}\t{key.name}\t{state}")
        else:
            updated = ApiKey.objects.filter(prefix=options["prefix"], revoked_at__isnull=True).update(
                revoked_at=timezone.now())
            if not updated:
                raise CommandError("No active key with that prefix.")
            self.stdout.write(f"Revoked {updated} key(s).")
