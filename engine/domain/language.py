"""The two languages of the interface and of the plans: Italian first."""

from enum import StrEnum


class Language(StrEnum):
    IT = "it"
    EN = "en"


DEFAULT_LANGUAGE = Language.IT
