"""Use cases of team applications: submitting one."""

from datetime import UTC, datetime

from contracts.events.identity import TeamApplicationSubmittedV1
from identity.adapters.personal_numbers import PersonalNumberCipher
from identity.adapters.uow import IdentityUnitOfWork
from identity.domain.application_form import ApplicationForm, check_application
from identity.domain.team_application import TeamApplication


async def submit_team_application(
    form: ApplicationForm,
    uow: IdentityUnitOfWork,
    cipher: PersonalNumberCipher,
    *,
    max_certificate_bytes: int,
) -> TeamApplication:
    """Record a signed application with its certificate and tell the applicant and the DSO.

    All or nothing: certificate, application and event commit together, or InvalidApplication
    names every wrong field and nothing is stored.
    """
    async with uow:
        dso = await uow.dsos.get(form.dso_id.strip()) if form.dso_id.strip() else None
        checked = check_application(
            form, dso, max_certificate_bytes=max_certificate_bytes, now=datetime.now(UTC)
        )
        dso, application = checked.dso, checked.application
        if checked.personal_number is not None:
            application.personal_number_encrypted = cipher.encrypt(
                checked.personal_number, context=application.id
            )
        uow.certificates.add(checked.certificate)
        await uow.flush()
        uow.applications.add(application)
        uow.emit(
            TeamApplicationSubmittedV1(
                application_id=application.id,
                dso_id=dso.id,
                dso_name=dso.name,
                company_name=application.company_name,
                organisation_number=application.organisation_number,
                contact_name=application.contact_name,
                contact_email=application.contact_email,
                language=application.language,
                dso_contact_email=dso.applications_email,
            ),
            key=str(application.id),
            tenant=dso.id,
        )
        await uow.commit()
    return application
