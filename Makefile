# KMZB for QGIS — every task a developer or CI runs. `make test` and `make demo` set up a
# fresh Debian 12 machine by themselves; a second run skips what is already in place.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      ?= .venv
PY        := $(VENV)/bin/python
SYS_PY    := /usr/bin/python3
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VERSION   := $(shell sed -n "s/^version=//p" metadata.txt)
PROFILE   ?= default
PROFILES_PATH ?= $(HOME)/.local/share/QGIS/QGIS3/profiles
DEB_PACKAGES := qgis python3-qgis qgis-providers python3-requests python3-shapely python3-scipy python3-matplotlib \
	python3-venv postgresql postgresql-15-postgis-3 xvfb xauth pyqt5-dev-tools \
	qttools5-dev-tools qttranslations5-l10n gdal-bin python3-gdal imagemagick librsvg2-bin \
	nodejs chromium wrk
STAMP     := $(VENV)/.stamps
# the public map's files (kmzb_store/web/static/build, not in git): Leaflet from npm, the
# category icons, Poland's voivodeships from QGIS's world map as the basemap
WEB       := kmzb_store/web
WEB_OUT   := $(WEB)/static/build
WEB_BUILT := $(WEB_OUT)/.built
WORLD_MAP := /usr/share/qgis/resources/data/world_map.gpkg
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup test lint qt6-check typecheck unit plugin-tests store-tests package bench deploy \
	translations demo screenshots clean web

help:  ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

# --- setup ---------------------------------------------------------------------------
$(STAMP)/deb:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@mkdir -p $(STAMP) && touch $@

$(STAMP)/venv: $(STAMP)/deb requirements-dev.txt pyproject.toml
	@[ -x $(PY) ] || $(SYS_PY) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	@mkdir -p $(STAMP) && touch $@

setup: $(STAMP)/venv $(WEB_BUILT)  ## install Debian packages, the venv and the public map's files

$(WEB_BUILT): $(STAMP)/deb $(WEB)/package.json $(WEB)/package-lock.json $(wildcard resources/icons/*.svg)
	@command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends npm
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(WEB_OUT) && mkdir -p $(WEB_OUT)/icons
	cp -r $(WEB)/node_modules/leaflet/dist/leaflet.js $(WEB)/node_modules/leaflet/dist/leaflet.css \
	  $(WEB)/node_modules/leaflet/dist/images $(WEB_OUT)/
	cp $(WEB)/node_modules/leaflet.markercluster/dist/{leaflet.markercluster.js,MarkerCluster.css,MarkerCluster.Default.css} $(WEB_OUT)/
	for f in resources/icons/*.svg; do sed -E "s/param\([a-z-]+\) //g" $$f > $(WEB_OUT)/icons/$${f##*/}; done
	ogr2ogr -f GeoJSON $(WEB_OUT)/voivodeships.geojson $(WORLD_MAP) states_provinces \
	  -where "admin='Poland'" -select name,gn_name -lco COORDINATE_PRECISION=4
	ogr2ogr -f GeoJSON $(WEB_OUT)/countries.geojson $(WORLD_MAP) countries \
	  -spat 10 46 30 58 -clipsrc 10 46 30 58 -select NAME -lco COORDINATE_PRECISION=3
	touch $@

web: $(WEB_BUILT)  ## the public map's files (npm ci, basemap from QGIS's world map)

# --- tests ---------------------------------------------------------------------------
test: setup lint qt6-check typecheck translations-check unit plugin-tests store-tests  ## everything CI runs

lint: setup  ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

qt6-check: setup  ## QGIS 4 / Qt6: flake8-qgis (QGS1xx, QGS4xx), enums resolved against PyQt6
	$(VENV)/bin/flake8 kmzb_qgis_plugin
	$(PY) scripts/check_qt6.py

typecheck: setup  ## mypy over the plugin's core/ and processing/ with qgis-stubs (pyproject.toml)
	$(VENV)/bin/mypy

unit: setup  ## core tests, no QGIS needed
	$(PY) -m pytest -p no:pytest_qgis tests/core

plugin-tests: setup  ## plugin inside a real QgsApplication (offscreen), against the real store
	$(PY) -m pytest tests/plugin

store-tests: setup  ## store tests on SQLite, then on a throwaway PostgreSQL + PostGIS
	KMZB_TEST_DB=sqlite $(PY) -m pytest -p no:pytest_qgis tests/store
	scripts/with_postgres.sh $(PY) -m pytest -p no:pytest_qgis tests/store

translations-check: setup
	$(PY) scripts/i18n.py check

# --- delivery ------------------------------------------------------------------------
translations: setup  ## refresh i18n/*.ts from the sources and compile .qm
	$(PY) scripts/i18n.py update

package: setup  ## dist/kmzb_qgis_plugin-<version>.zip for "Install from ZIP"
	$(PY) scripts/i18n.py compile
	$(PY) scripts/package.py

deploy:  ## link the plugin into a QGIS profile (PROFILE=name, PROFILES_PATH=dir)
	mkdir -p $(PROFILES_PATH)/$(PROFILE)/python/plugins
	ln -sfn $(CURDIR)/kmzb_qgis_plugin $(PROFILES_PATH)/$(PROFILE)/python/plugins/kmzb_qgis_plugin
	@echo "Linked into $(PROFILES_PATH)/$(PROFILE)/python/plugins"

bench: setup  ## benchmark scripts, each beside its reference
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

demo: setup  ## the main job: store with demo data, users, QGIS with the plugin
	$(PY) scripts/demo.py

screenshots: setup  ## regenerate docs/img/*.png: the real QGIS under Xvfb (Polish UI), the public map in chromium
	$(PY) scripts/i18n.py compile
	$(PY) scripts/screenshots.py
	$(PY) scripts/public_map_screenshots.py

clean:
	rm -rf dist build .pytest_cache .ruff_cache .mypy_cache
