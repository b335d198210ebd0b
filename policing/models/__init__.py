"""The policing app's data, by topic; import from the package."""

from policing.models.actions import ActionEvent, DueDateChange, FollowUpAction
from policing.models.bodies import FocalPoint, FocalPointQuerySet, PartnerBody
from policing.models.progress import (
    ProgressAttachment,
    ProgressUpdate,
    progress_attachment_path,
)
from policing.models.units import Officer, PoliceUnit

__all__ = [
    "ActionEvent",
    "DueDateChange",
    "FocalPoint",
    "FocalPointQuerySet",
    "FollowUpAction",
    "Officer",
    "PartnerBody",
    "PoliceUnit",
    "ProgressAttachment",
    "ProgressUpdate",
    "progress_attachment_path",
]
