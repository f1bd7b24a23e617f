"""State changes of complaints: one keyword-only function per action (permission, transition, audit, notify).

Contract used by the web forms, Open311 and the REST API:

``complaint_submit(*, province, category, subject, description, channel, actor=None, user=None, district=None,
district_name="", subdistrict="", address="", latitude=None, longitude=None, share_point=False, anonymous=False,
contact_name="", contact_email="", contact_phone="", consent_sensitive=False, external_ref="", received_at=None,
attachments=()) -> Complaint``

* ``province`` and ``category`` are model instances (``category.code`` is the Open311 service code); ``channel``
  is a ``Complaint.Channel`` value. ``user`` is the complainant's account when signed in; ``actor`` is whoever
  entered it (the citizen, a centre officer for phone/walk-in/letter/LINE/Facebook/1111/1567, or None for an
  API client). Staff channels require ``actor`` to be a complaint officer of that province.
* Raises ``django.core.exceptions.ValidationError`` (with a field dict) for bad input: coordinates outside
  Thailand, a sensitive category without consent, a district of another province, empty subject, ...
* Cheap: four INSERTs in one transaction (route lookup cached per process, holidays cached); the
  citizen's receipt and the agency's notifications are sent by a task queued after the commit.
* Routing: the category's route in the province (``CategoryRoute``) assigns the agency at once (status
  ``assigned``); without a route the complaint waits for the centre (status ``received``).
"""
