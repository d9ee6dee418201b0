"""Who makes the app and how to reach them, from one file: ``resources/config/vendor.json``.

The licence dialog, the evaluation banner and the messages that ask the user to
write to us all read the address here, so a new address is one edit in one
file and no sentence in the code names it.
"""

from __future__ import annotations

import json
from functools import cache
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, field_validator

from engine.paths import resource_path

VENDOR_FILE = ("config", "vendor.json")


class Vendor(BaseModel):
    """The vendor's name and published contacts."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str
    email: str
    website: str

    @field_validator("email")
    @classmethod
    def _one_address(cls, value: str) -> str:
        local, at, domain = value.strip().partition("@")
        if not (local and at and "." in domain) or " " in value.strip():
            raise ValueError(f"not an e-mail address: {value!r}")
        return value.strip()

    @field_validator("website")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
            raise ValueError(f"not a web address: {value!r}")
        return value.strip()

    @property
    def website_label(self) -> str:
        """The site as people write it ("www.rootingfuture.it"), without the scheme."""
        return urlsplit(self.website).netloc


@cache
def vendor() -> Vendor:
    """The contacts from the shipped file (read once; a broken file is a packaging bug)."""
    path = resource_path(*VENDOR_FILE)
    return Vendor.model_validate(json.loads(path.read_text("utf-8")))
