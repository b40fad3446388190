# converter: accessible formats from master policy documents.
#   make demo   set everything up and convert the sample policy in source_docs/
#   make test   set everything up and run the tests
#   make bench  time the pipeline against the raw engines (not part of make test)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLE := source_docs/equality-inclusion-scheme.docx

.PHONY: setup system-tools test-tools extras demo test lint bench bench-distributed sample clean

setup: system-tools $(STAMP)

system-tools:
	@sh tools/install_system_tools.sh

# Only for the tests: chromium and chromium-driver for the browser (axe-core) tests, Java for
# EPUBCheck, link-grammar for the Easy Read grammar judge, poppler-utils and pandoc.
test-tools:
	@sh tools/install_test_tools.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $(STAMP)
	@echo "Set up: the command is $(BIN)/converter"

demo: setup
	$(BIN)/converter build $(SAMPLE)
	@echo
	@echo "Done. The outputs of the sample policy are in output/equality-inclusion-scheme/:"
	@echo "  plain-english/report.html   readability report"
	@echo "  easy-read/*.pdf             Easy Read PDF (image-slots.csv lists its picture slots)"
	@echo "  audio/*.mp3                 audio chapters, playlist and full recording"
	@echo "  braille/*.brf, *.pef        braille (UEB grade 2) for a display or embosser"
	@echo "  epub/*.epub                 EPUB 3: text highlighted as the audio reads it"
	@echo "  html/*.html                 accessible web edition"
	@echo "  large-print/*.pdf           large print PDF"
	@echo "Open the catalogue in a browser: output/index.html"

# What only the tests need (the test extra), and the optional extras they exercise: the
# speech-recognition check and the neural voice. `make demo` installs none of these.
EXTRAS := $(VENV)/.extras-stamp
$(EXTRAS): $(STAMP) pyproject.toml
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,verify,neural]'
	@touch $(EXTRAS)

extras: $(EXTRAS)

test: setup test-tools extras
	$(BIN)/python -m pytest

lint: setup extras
	$(BIN)/ruff check converter tests tools

bench: setup extras
	$(BIN)/python tools/bench.py

# Redis on loopback + 2 workers against a local build of the 15,000-word bench document
# (SOURCE=... to choose another).
bench-distributed: setup test-tools
	$(BIN)/python tools/bench_distributed.py $(SOURCE)

sample: setup extras
	$(BIN)/python tools/make_sample_policy.py

clean:
	rm -rf output .pytest_cache
