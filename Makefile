# SV2 Desk: `make run` starts the app, `make test` runs every test, `make bench` prints budgets.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEBIAN_TEST_PACKAGES := xvfb poppler-utils xauth libxkbcommon-x11-0 libxcb-cursor0 \
	libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
	libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1 libdbus-1-3

.PHONY: run test soak bench screenshots install install-test debian-packages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian packages the tests and screenshots need (Xvfb, pdftoppm, Qt's X11 libraries).
debian-packages:
	@missing=""; for p in $(DEBIAN_TEST_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: install
	$(VENV)/bin/sv2desk

test: install-test debian-packages
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Long runs: the model-based test of the policy kernel with many more sequences (say how
# many with SOAK_SEQUENCES); it prints how many sequences and service calls it tried.
# Then kill -9 loops over commits, backups, key rotation, erasure and restore (SOAK_ROUNDS
# of each), printing how many kills each survived.
SOAK_SEQUENCES ?= 3000
SOAK_ROUNDS ?= 40
soak: install-test
	SV2DESK_MODEL_SEQUENCES=$(SOAK_SEQUENCES) QT_QPA_PLATFORM=offscreen \
		$(PY) -m pytest -q -s tests/test_policy_model.py
	$(PY) tools/soak.py --rounds $(SOAK_ROUNDS)

bench: install-test
	$(PY) -m benchmarks.run

screenshots: install-test debian-packages
	QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1280x900x24' $(PY) tools/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
