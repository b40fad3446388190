#!/bin/sh
# Install the system tools only the tests use: Debian's chromium and chromium-driver, so the
# browser tests can render our web pages headless and run axe-core on them (axe-core itself
# is vendored in tests/vendor/axe-core), Java for EPUBCheck (the EPUB tests), and link-grammar
# with its Python binding and English dictionary, which ../shared/tools/grammar_judge.py uses
# to judge Easy Read sentences; poppler-utils and pandoc. Called by `make test`, not by `make demo`.
# Idempotent: does nothing when they are present. apt-get as root or with sudo; otherwise
# says what to run (the browser tests then skip with that reason).
set -e
missing=""
# poppler-utils inspects PDFs; pandoc is the peer our Word reader is compared with.
command -v pdffonts >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v pandoc >/dev/null 2>&1 || missing="$missing pandoc"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"  # distributed tests
/usr/bin/python3 -c "import linkgrammar" >/dev/null 2>&1 ||
    missing="$missing link-grammar python3-link-grammar link-grammar-dictionaries-en"
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Browser, EPUBCheck and grammar tests will skip: install$missing with your package manager to run them." >&2
    exit 0
fi
if [ "$(id -u)" = "0" ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    echo "Browser, EPUBCheck and grammar tests will skip. To run them: sudo apt-get install -y$missing" >&2
    exit 0
fi
echo "Installing$missing (for the browser, EPUBCheck and grammar tests) ..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
