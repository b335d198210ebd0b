"""Public texts in several languages: one mechanism for every app.

A municipality publishes in each of its official languages (``Municipality.official_languages``,
an ordered list of codes, the first one the default). Every text staff write for the public —
public response, rejection reason, public update, minutes, priorities — is stored as
``{language code: text}`` and shown in the reader's language, else in the first official language
that has text, marked "(in Albanian)".

API (the names other apps use)
------------------------------
publictexts.fields
    MultilingualTextField(verbose_name=None, *, max_length: int | None = None, blank=True, **kw)
        JSONField subclass storing {"sq": "…", "sr-latn": "…"}; default {}; max_length is per
        language; full_clean() checks keys are known codes and values strings.
    validate_multilingual_text(value, *, max_length=None) -> None   (raises ValidationError)
publictexts.forms
    MultilingualTextFormField(*, label=…, max_length=None, required=True,
                              languages=None, required_languages=FIRST, single_line=False, **kw)
        .set_languages(codes, *, required_languages=None)
        .for_municipality(municipality, *, required_languages=None)
        cleaned value: {code: text} with empty languages left out, official order.
        required_languages: FIRST (default) = the first official language when required=True,
        nothing when required=False; or an explicit list of codes.
    MultilingualTextWidget(attrs=None, *, languages=(), single_line=False)
        inputs named "<field>_<code>" (public_response_sq, public_response_sr-latn), each with
        its own <label>, lang and dir; templates/partials/form_field.html renders the field as a
        <fieldset> whose <legend> is the field's label.
publictexts.text
    PublicText(text: str, language: str, is_fallback: bool)
        .language_name, .direction ("ltr"/"rtl"), .marker ("(in Albanian)" or ""), str() = text
    pick(value, *, language: str | None = None, official: Iterable[str] = ()) -> PublicText | None
        reader's language (default: the active one; "sr" and "sr-latn" stand in for each other),
        else the first official language with text, else any; None when nothing is written.
    as_plain_text(value, *, language=None, official=()) -> str        (emails: marker line + text)
    as_multilingual(text: str | None, language: str) -> dict           (data migrations)
    has_text(value) -> bool
    texts_of(value) -> dict[str, str]                                   (non-empty, normalized)
publictexts.languages
    language_name(code) -> str (translated), direction(code) -> "ltr" | "rtl", is_rtl(code),
    known_language_codes() -> list[str], language_choices(), normalize_code(code),
    validate_language_code(code), validate_language_list(codes), default_official_languages()
    KNOWN_LANGUAGES: the data list (code, translated name, rtl) beyond settings.LANGUAGES.
templatetags (``{% load publictexts %}``)
    {% public_text value municipality %}                 <div lang dir> with paragraphs
    {% public_text value municipality inline=True %}     <span lang dir>, line breaks as <br>
    {% public_text value municipality text=True %}       plain text (email .txt templates)
    {% public_text value municipality language=code %}   another reader language
    {% pick_public_text value municipality as chosen %}  the PublicText or None
    {% if value|has_public_text %}
    The second argument: a Municipality, a list of codes, or None (default official languages).
    publictexts.templatetags.publictexts.render_public_text(chosen, *, inline=False) -> str (HTML)

Example: converting a TextField (done by the app that owns it)
--------------------------------------------------------------
    # models.py
    public_response = MultilingualTextField(_("public response"), max_length=4000)
    # migration: AddField public_response_texts, RunPython, RemoveField, RenameField:
    def forwards(apps, schema_editor):
        Concern = apps.get_model("concerns", "Concern")
        for concern in Concern.objects.select_related("municipality").iterator():
            official = concern.municipality.official_languages
            concern.public_response_texts = as_multilingual(concern.public_response, official[0])
            concern.save(update_fields=["public_response_texts"])
    # a CheckConstraint "~Q(rejection_reason='')" becomes "~Q(rejection_reason={})".
    # forms.py: field = MultilingualTextFormField(label=_("Public response"), max_length=4000)
    #           and in __init__: self.fields["public_response"].for_municipality(municipality)
    # tracking.html: {% load publictexts %}
    #   {% if concern.public_response|has_public_text %}
    #   {% public_text concern.public_response concern.municipality %}{% endif %}
    # status_changed.txt (rendered under translation.override(concern.language)):
    #   {% public_text concern.public_response concern.municipality text=True %}
"""
