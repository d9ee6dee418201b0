"""Packaging details pyproject.toml cannot express: ship ``resources/`` inside the wheel.

The source tree keeps ``resources/`` at the top level (as the project layout
asks), but an installed package needs it beside the code, under an importable
name that cannot clash with other distributions: ``rooting_future_resources``.
``engine.paths.resources_root`` finds it there when the source folder is absent.
Everything else lives in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = "rooting_future_resources"

setup(
    packages=[
        *find_packages(include=["engine*", "desktop*", "licensing*"]),
        RESOURCES,
        *(f"{RESOURCES}.{name}" for name in find_namespace_packages(where="resources")),
    ],
    package_dir={RESOURCES: "resources"},
    # setuptools would stage wheels in build/, mixing its output into our packaging scripts.
    options={"build": {"build_base": ".setuptools-build"}},
    package_data={
        "engine.storage": ["migrations/*.py", "migrations/versions/*.py", "migrations/*.mako"],
        RESOURCES: ["**/*.json", "**/*.ttf", "**/*.woff2", "**/LICENSE*", "**/*.svg",
                    "**/*.html", "**/*.css", "**/*.qm"],
    },
)
