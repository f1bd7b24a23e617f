"""State changes of agendas, opinions and meetings: one keyword-only function per user action
(lock, permission, transition, audit, notify)."""
