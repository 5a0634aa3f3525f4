"""The utilities a team or resource is authorised for ("Behörighet")."""

import enum


class Authorisation(enum.StrEnum):
    ELECTRICITY = "electricity"
    DISTRICT_HEATING = "district_heating"  # Fjärrvärme/Fjärrkyla
    BIOGAS = "biogas"
