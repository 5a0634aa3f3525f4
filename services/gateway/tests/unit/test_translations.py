"""Every text the pages use exists in every language, and no language has texts the others lack."""

import re

from gateway.adapters.translations import all_catalogs
from gateway.domain.case_fieldsets import PARTIES
from gateway.domain.case_form import KINDS
from gateway.domain.case_list import COLUMNS, STATUSES
from gateway.domain.navigation import DEFAULT_CASE_TYPES, SECTIONS
from gateway.domain.project_actions import DSO_ACTIONS, TEAM_ACTIONS
from gateway.domain.project_jobs import FAILURE_CODES, OUTCOMES
from gateway.entrypoints.web.project_addresses import UPLOAD_CODES
from gateway.entrypoints.web.project_page import NOTICES as PROJECT_NOTICES
from gateway.entrypoints.web.rendering import TEMPLATE_DIR

LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_.]*[a-z_])["']""")


def test_all_languages_have_the_same_texts() -> None:
    catalogs = all_catalogs()
    swedish = set(catalogs["sv"])
    for language, texts in catalogs.items():
        assert set(texts) == swedish, f"{language}: {sorted(set(texts) ^ swedish)}"
        assert all(value.strip() for value in texts.values()), f"{language} has an empty text"


def test_every_text_the_templates_and_menus_use_exists() -> None:
    used = {key for path in TEMPLATE_DIR.glob("*.html") for key in LITERAL_KEY.findall(path.read_text())}
    used |= {section.key for section in SECTIONS} | {c.label_key for c in DEFAULT_CASE_TYPES}
    used |= {f"language.{code}" for code in ("sv", "da", "en")}
    # Keys the case pages build from data: a field's kind, a fieldset, a status, a column.
    used |= {f"case.error.{kind}" for kind in KINDS} | {
        "case.error.integer_between",
        "case.error.decimal_between",
    }
    used |= {f"case.section.{key}" for key in ("case", "more", *PARTIES)}
    used |= {f"case_status.{status}" for status in STATUSES} | {
        f"cases.column.{column}" for column in COLUMNS
    }
    used |= {f"role.{role}" for role in ("installer", "team_admin", "dso_admin", "dso_handler")}
    # The project pages': actions, a job's kinds, outcomes and failures, a refused upload, notices.
    used |= {action.label_key for action in (*TEAM_ACTIONS, *DSO_ACTIONS)}
    used |= {f"project.job.outcome.{outcome}" for outcome in OUTCOMES}
    used |= {f"project.job.code.{code}" for code in FAILURE_CODES}
    used |= {"project.job.kind.import", "project.job.kind.bulk_action"}
    used |= {f"project.upload.error.{code}" for code in (*UPLOAD_CODES, "rows", "running", "file", "none")}
    used |= set(PROJECT_NOTICES.values()) | {"projects.notice.deleted"}
    assert len(used) > 20
    missing = used - set(all_catalogs()["sv"])
    assert not missing, sorted(missing)


def test_pages_are_translated_not_copied() -> None:
    catalogs = all_catalogs()
    same = [
        key for key in catalogs["sv"] if catalogs["sv"][key] == catalogs["da"][key] == catalogs["en"][key]
    ]
    # Language names are written in their own language; "Biogas" and "Status" are the same word in all three.
    same_everywhere = {
        "language.sv",
        "language.da",
        "language.en",
        "authorisation.biogas",
        "cases.column.status",
    }
    assert set(same) <= same_everywhere
