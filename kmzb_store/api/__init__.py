"""The store's HTTP API (FastAPI), see docs/api.md.

``app.py`` wires the application (``create_app``); ``routes/`` holds one APIRouter per
resource; ``schemas.py`` the request and response models; ``deps.py`` the dependencies
(database, bearer token, common parameters); ``errors.py`` the one mapping from the
domain errors (``kmzb_store/errors.py``) to HTTP status codes and the JSON error body;
``middleware.py`` body limits and the access log; ``responses.py`` JSON and streamed pages;
``public_page.py`` the residents' map page at ``/``.
"""
