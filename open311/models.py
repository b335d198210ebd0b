"""What Open311 GeoReport v2 needs beyond concerns: per-municipality switches, the client apps
that may post (with hashed keys), the extra questions of a service, and which concern came in
through which client with which token."""

import hashlib
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.localized import pick_translation

KEY_PREFIX_LENGTH = 8


def hash_api_key(key: str) -> str:
    # Keys are 256 random bits: a fast hash is enough, nothing to guess from a dictionary.
    return hashlib.sha256(key.encode()).hexdigest()


class Jurisdiction(models.Model):
    """A municipality's Open311 switches; ``jurisdiction_id`` is the municipality's code.
    A municipality without a row takes the defaults (no key needed, no sensitive services)."""

    municipality = models.OneToOneField(
        "councils.Municipality",
        on_delete=models.CASCADE,
        related_name="open311",
        verbose_name=_("municipality"),
    )
    require_api_key = models.BooleanField(
        _("posting needs an API key"),
        default=False,
        help_text=_("Off: anyone may post concerns; clients with a key are still recognised."),
    )
    lists_sensitive_services = models.BooleanField(
        _("list sensitive categories as services"),
        default=False,
        help_text=_(
            "On: residents can send domestic violence, trafficking and other sensitive concerns "
            "from Open311 apps. Their requests never appear in any Open311 list or look-up."
        ),
    )

    class Meta:
        verbose_name = _("Open311 jurisdiction")
        verbose_name_plural = _("Open311 jurisdictions")

    def __str__(self) -> str:
        return str(self.municipality)


class Client(models.Model):
    """An app that posts concerns for residents (a city app, a civic reporting site)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    municipality = models.ForeignKey(
        "councils.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="open311_clients",
        verbose_name=_("municipality"),
        help_text=_("Empty: the client may post to every municipality."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    key_prefix = models.CharField(_("key begins with"), max_length=KEY_PREFIX_LENGTH, blank=True)
    key_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")

    def __str__(self) -> str:
        return self.name

    def issue_key(self) -> str:
        """A new key (the old one stops working); only its hash is kept: show it once."""
        key = secrets.token_urlsafe(32)
        self.key_prefix = key[:KEY_PREFIX_LENGTH]
        self.key_hash = hash_api_key(key)
        return key


class ServiceAttribute(models.Model):
    """An extra question of a category, shown in its Open311 service definition."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        TEXT = "text", _("Long text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        SINGLE = "singlevaluelist", _("One of a list")
        MULTI = "multivaluelist", _("Several of a list")

    class Source(models.TextChoices):
        VALUES = "values", _("The values below")
        SETTLEMENTS = "settlements", _("The municipality's settlements")

    category = models.ForeignKey(
        "concerns.Category",
        on_delete=models.CASCADE,
        related_name="open311_attributes",
        verbose_name=_("category"),
    )
    code = models.SlugField(_("code"), max_length=50)
    datatype = models.CharField(
        _("kind of answer"), max_length=16, choices=Datatype.choices, default=Datatype.STRING
    )
    required = models.BooleanField(_("required"), default=False)
    description = models.CharField(_("question"), max_length=250)
    description_translations = models.JSONField(
        _("question in other languages"), default=dict, blank=True
    )
    source = models.CharField(
        _("values"),
        max_length=12,
        choices=Source.choices,
        default=Source.VALUES,
        help_text=_("For lists only. The settlements' answer is the concern's place."),
    )
    values = models.JSONField(
        _("list values"),
        default=list,
        blank=True,
        help_text=_(
            'For lists: [{"key": "yes", "name": "Yes", "name_translations": {"sq": "Po"}}, …]'
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["category", "position", "id"]
        verbose_name = _("Open311 service question")
        verbose_name_plural = _("Open311 service questions")
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="service_attribute_unique"),
            models.CheckConstraint(
                condition=Q(source="values")
                | Q(datatype__in=["singlevaluelist", "multivaluelist"]),
                name="service_attribute_settlements_are_a_list",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category_id}: {self.code}"

    @property
    def is_list(self) -> bool:
        return self.datatype in (self.Datatype.SINGLE, self.Datatype.MULTI)

    @property
    def display_description(self) -> str:
        return pick_translation(self.description, self.description_translations)

    def clean(self) -> None:
        if self.source == self.Source.SETTLEMENTS and not self.is_list:
            raise ValidationError({"datatype": _("Settlements can only be offered as a list.")})
        if not self.is_list or self.source == self.Source.SETTLEMENTS:
            return
        if not isinstance(self.values, list) or not self.values:
            raise ValidationError({"values": _("A list question needs at least one value.")})
        keys = []
        for value in self.values:
            if not (
                isinstance(value, dict)
                and isinstance(value.get("key"), str)
                and re.fullmatch(r"[A-Za-z0-9_-]{1,50}", value["key"])
                and isinstance(value.get("name"), str)
                and value["name"].strip()
                and isinstance(value.get("name_translations", {}), dict)
            ):
                raise ValidationError(
                    {
                        "values": _(
                            'Each value needs a "key" (letters, digits, - or _) and a "name".'
                        )
                    }
                )
            keys.append(value["key"])
        if len(set(keys)) != len(keys):
            raise ValidationError({"values": _("Two values have the same key.")})


def new_submission_token() -> str:
    return secrets.token_urlsafe(16)


class Submission(models.Model):
    """A concern that came in through Open311: by which client, and the token the spec's
    ``tokens/{token}`` answers with its ``service_request_id``. The token is not a secret (it
    leads to the public reference only), unlike the concern's tracking token."""

    concern = models.OneToOneField(
        "concerns.Concern", on_delete=models.CASCADE, related_name="open311_submission"
    )
    client = models.ForeignKey(
        Client,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("client"),
    )
    token = models.CharField(max_length=40, unique=True, default=new_submission_token)
    answers = models.JSONField(_("answers to the service questions"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Open311 submission")
        verbose_name_plural = _("Open311 submissions")

    def __str__(self) -> str:
        return self.token
