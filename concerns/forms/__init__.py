"""Forms of the concerns app, by topic; import them from the package."""

from concerns.forms.inbox import (
    InboxFilterForm,
)
from concerns.forms.intake import (
    CategoryChoiceField,
    ConcernForm,
    MultipleFileField,
    MultipleFileInput,
    SettlementChoiceField,
    StaffConcernForm,
)
from concerns.forms.tracking import (
    TrackForm,
)
from concerns.forms.workflow import (
    DuplicateForm,
    NoteForm,
    OptionalNoteForm,
    PublicUpdateForm,
    ReasonForm,
    ReclassifyForm,
    RejectForm,
    ResolveForm,
    TriageForm,
)

__all__ = [
    "CategoryChoiceField",
    "ConcernForm",
    "DuplicateForm",
    "InboxFilterForm",
    "MultipleFileField",
    "MultipleFileInput",
    "NoteForm",
    "OptionalNoteForm",
    "PublicUpdateForm",
    "ReasonForm",
    "ReclassifyForm",
    "RejectForm",
    "ResolveForm",
    "SettlementChoiceField",
    "StaffConcernForm",
    "TrackForm",
    "TriageForm",
]
