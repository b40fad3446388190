#!/bin/sh
# Install the system tools the pipeline needs: espeak-ng speaks, ffmpeg masters audio,
# liblouis writes braille. (The tools only the tests use are in install_test_tools.sh.)
# Idempotent: does nothing when they are all present. Uses apt-get as root or with sudo;
# otherwise says what to run.
set -e
missing=""
command -v espeak-ng >/dev/null 2>&1 || missing="$missing espeak-ng"
command -v ffmpeg >/dev/null 2>&1 || missing="$missing ffmpeg"
# liblouis translates braille: the pipeline runs its lou_translate command with the UEB
# tables of liblouis-data (python3-louis, the binding, serves the system Python only).
command -v lou_translate >/dev/null 2>&1 || missing="$missing liblouis-bin"
lou_checktable en-ueb-g2.ctb >/dev/null 2>&1 || missing="$missing liblouis-data"
/usr/bin/python3 -c "import louis" >/dev/null 2>&1 || missing="$missing python3-louis"
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install:$missing (with your system's package manager), then run make again." >&2
    exit 1
fi
if [ "$(id -u)" = "0" ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    echo "Missing system tools:$missing" >&2
    echo "Run: sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "Installing$missing ..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
