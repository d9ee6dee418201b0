"""Vendor-side tools (licence issuing). Never shipped in the installer: the build
excludes ``licensing.vendor``, and nothing in the app imports it."""
