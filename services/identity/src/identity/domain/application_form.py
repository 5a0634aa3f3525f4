"""The team application form ("Registrera nytt team") as filled in, and the rules that make it an
application: every field is checked and every wrong field reported at once, so the applicant fixes
all in one go.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from email_validator import EmailNotValidError, validate_email

from identity.domain.authorisation import Authorisation
from identity.domain.certificate import Certificate
from identity.domain.dso import Dso
from identity.domain.organisation_number import InvalidOrganisationNumber, normalise_organisation_number
from identity.domain.personal_number import InvalidPersonalNumber, normalise_personal_number
from identity.domain.phone_number import InvalidPhoneNumber, normalise_phone_number
from identity.domain.signing import sign_application
from identity.domain.team_application import Address, Language, TeamApplication
from servicekit.files import sniff_content_type

LANGUAGES = ("sv", "da", "en")
_POSTCODE = {"SE": re.compile(r"(\d{3}) ?(\d{2})"), "DK": re.compile(r"(\d{4})")}


@dataclass(frozen=True, slots=True)
class CertificateUpload:
    file_name: str
    content: bytes
    exceeds_limit: bool = False  # reading stopped at the size limit: `content` is incomplete


@dataclass(frozen=True, slots=True)
class ApplicationForm:
    """What the applicant sent, as text; nothing checked yet."""

    dso_id: str = ""
    company_name: str = ""
    organisation_number: str = ""
    sole_trader: bool = False
    personal_number: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    authorisations: tuple[str, ...] = ()
    certificate: CertificateUpload | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_mobile: str = ""
    language: str = "sv"
    gdpr_consent: bool = False


@dataclass(frozen=True, slots=True)
class CheckedApplication:
    """A signed application, its certificate and (sole traders) the personal number still to encrypt."""

    dso: Dso
    application: TeamApplication
    certificate: Certificate
    personal_number: str | None


class InvalidApplication(ValueError):
    """Every wrong field with what is wrong with it, in the form's order."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


def check_application(
    form: ApplicationForm, dso: Dso | None, *, max_certificate_bytes: int, now: datetime
) -> CheckedApplication:
    """The application the applicant signs now, or InvalidApplication naming every wrong field."""
    errors: dict[str, str] = {}
    if dso is None:
        errors["dso_id"] = "no grid company with this id is served here"
    company_name = _text(form.company_name, "company_name", 200, errors)
    organisation_number = _text(form.organisation_number, "organisation_number", 40, errors)
    if organisation_number and dso is not None:
        try:
            organisation_number = normalise_organisation_number(organisation_number, dso.country)
        except InvalidOrganisationNumber as error:
            errors["organisation_number"] = str(error)
    personal_number = _personal_number(form, dso, errors)
    address = Address(
        street=_text(form.street, "street", 200, errors),
        postcode=_postcode(form.postcode, dso, errors),
        city=_text(form.city, "city", 100, errors),
    )
    authorisations = _authorisations(form.authorisations, errors)
    certificate = _certificate(form.certificate, max_certificate_bytes, now, errors)
    contact_name = _text(form.contact_name, "contact_name", 100, errors)
    contact_email = _email(form.contact_email, errors)
    contact_mobile = _mobile(form.contact_mobile, dso, errors)
    language = form.language.strip()
    if language not in LANGUAGES:
        errors["language"] = "must be one of " + ", ".join(LANGUAGES)
    if not form.gdpr_consent:
        errors["gdpr_consent"] = "consent to the processing of personal data is required to apply"
    if errors or dso is None or certificate is None:
        raise InvalidApplication(errors)

    application = TeamApplication(
        dso_id=dso.id,
        company_name=company_name,
        organisation_number=organisation_number,
        contact_name=contact_name,
        contact_email=contact_email,
        language=cast(Language, language),
        submitted_at=now,
        sole_trader=form.sole_trader,
        address=address,
        authorisations=authorisations,
        contact_mobile=contact_mobile,
        certificate_id=certificate.id,
        gdpr_consent_at=now,
    )
    application.signature = sign_application(
        application, certificate, personal_number_given=personal_number is not None, at=now
    )
    return CheckedApplication(dso, application, certificate, personal_number)


def _text(value: str, field: str, max_length: int, errors: dict[str, str]) -> str:
    text = value.strip()
    if not text:
        errors[field] = "is required"
    elif len(text) > max_length:
        errors[field] = f"must be at most {max_length} characters"
    elif any(unicodedata.category(ch) == "Cc" for ch in text):
        errors[field] = "must not contain control characters"
    return text


def _personal_number(form: ApplicationForm, dso: Dso | None, errors: dict[str, str]) -> str | None:
    # Only a sole trader's number is needed; anyone else's is not kept at all (data minimisation).
    if not form.sole_trader:
        return None
    if not form.personal_number.strip():
        errors["personal_number"] = "is required for a sole trader"
        return None
    if dso is None:
        return None
    try:
        return normalise_personal_number(form.personal_number, dso.country)
    except InvalidPersonalNumber as error:
        errors["personal_number"] = str(error)
        return None


def _postcode(value: str, dso: Dso | None, errors: dict[str, str]) -> str:
    text = _text(value, "postcode", 10, errors)
    if not text or dso is None or "postcode" in errors:
        return text
    match = _POSTCODE[dso.country].fullmatch(text)
    if match is None:
        errors["postcode"] = "five digits, e.g. 252 25" if dso.country == "SE" else "four digits, e.g. 2100"
        return text
    return " ".join(match.groups())


def _authorisations(values: tuple[str, ...], errors: dict[str, str]) -> frozenset[Authorisation]:
    chosen = {value.strip() for value in values if value.strip()}
    known = {a.value for a in Authorisation}
    if not chosen:
        errors["authorisations"] = "choose at least one of " + ", ".join(sorted(known))
    elif unknown := chosen - known:
        errors["authorisations"] = f"unknown: {', '.join(sorted(unknown))}; choose from {', '.join(known)}"
    return frozenset(Authorisation(value) for value in chosen & known)


def _certificate(
    upload: CertificateUpload | None, max_bytes: int, now: datetime, errors: dict[str, str]
) -> Certificate | None:
    if upload is None or (not upload.content and not upload.exceeds_limit):
        errors["certificate"] = "attach the authorisation certificate (PDF, PNG or JPEG)"
        return None
    if upload.exceeds_limit or len(upload.content) > max_bytes:
        errors["certificate"] = f"must be at most {max_bytes // (1024 * 1024)} MB"
        return None
    content_type = sniff_content_type(upload.content)
    if content_type is None:
        errors["certificate"] = "must be a PDF, PNG or JPEG file"
        return None
    return Certificate.of(upload.file_name, upload.content, content_type, now)


def _email(value: str, errors: dict[str, str]) -> str:
    text = _text(value, "contact_email", 320, errors)
    if not text or "contact_email" in errors:
        return text
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        errors["contact_email"] = f"not a valid e-mail address: {error}"
        return text


def _mobile(value: str, dso: Dso | None, errors: dict[str, str]) -> str:
    text = _text(value, "contact_mobile", 30, errors)
    if not text or dso is None or "contact_mobile" in errors:
        return text
    try:
        return normalise_phone_number(text, dso.country)
    except InvalidPhoneNumber as error:
        errors["contact_mobile"] = str(error)
        return text
