"""The managers behind ``engine.service.Service``, one per kind of work (as Anki splits its
collection into decks, models, tags...).

``Service`` builds them once over one store and answers every public method by handing it
to the manager that owns it; a caller may use either (``service.list_plans(...)`` is
``service.plans.list_plans(...)``). What each holds:

- ``plans`` (``PlanManager``): the library, saving and reading versions, trash, plan files,
  the licence's club limit;
- ``edits`` (``EditManager``): changes a user asks for (an objective, the texts rebuilt
  from the numbers, public-source facts, the financial scenario), each a new version;
- ``monitoring`` (``MonitoringManager``): actuals, action states, status at a review,
  sheet imports, roll forward;
- ``runs`` (``RunManager``): writing plans (generate, resume, regenerate), the examples
  the agents see, and the run history with tokens and cost;
- ``plan_notes`` (``NoteManager``): the user's notes on a plan;
- ``exports`` (``ExportManager``): rendered files, the export cache and its pre-render;
- ``settings`` (``SettingsManager``): the app settings, the writer they ask for, the
  models a provider offers, the AI cache.

Managers hold no state beyond the store, the licence's limits (``plans.max_clubs``,
``exports.watermark``) and the export cache; SQL lives in ``engine.storage`` (one module
per table group).
"""
