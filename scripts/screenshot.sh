#!/bin/sh
# Capture d'écran de la fenêtre « Immeubles » sur la base de démonstration, sans écran :
# l'application tourne dans un serveur X virtuel (Xvfb) et l'image va dans
# docs/screenshots/immeubles.png.
#
#   scripts/screenshot.sh              (compilation de mise au point, par défaut)
#   PROFILE=release scripts/screenshot.sh
#   WAIT=10 DISPLAY_NUMBER=98 scripts/screenshot.sh
#
# Installe avec apt-get ce qui manque (Xvfb, xwd, netpbm, bibliothèques X11 que
# l'application charge au démarrage).
set -eu

cd "$(dirname "$0")/.."

PROFILE="${PROFILE:-debug}"
WAIT="${WAIT:-6}"
DISPLAY_NUMBER="${DISPLAY_NUMBER:-99}"
OUTPUT="docs/screenshots/immeubles.png"

. scripts/packages.sh
# Outils de la capture.
TOOL_PACKAGES="xvfb x11-apps netpbm"

install_missing_packages $RUNTIME_PACKAGES $TOOL_PACKAGES

if [ "$PROFILE" = "release" ]; then
    cargo build --release --bin abri
else
    cargo build --bin abri
fi
ABRI="target/$PROFILE/abri"

WORK="$(mktemp -d)"
XVFB_PID=""
APP_PID=""
cleanup() {
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; fi
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$ABRI" --db "$WORK/demo.sqlite" demo

Xvfb ":$DISPLAY_NUMBER" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
tries=0
until [ -S "/tmp/.X11-unix/X$DISPLAY_NUMBER" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 50 ] || ! kill -0 "$XVFB_PID" 2>/dev/null; then
        echo "Xvfb n'a pas démarré sur :$DISPLAY_NUMBER (écran déjà pris ? essayez DISPLAY_NUMBER=98)" >&2
        cat "$WORK/xvfb.log" >&2
        exit 1
    fi
    sleep 0.1
done

DISPLAY=":$DISPLAY_NUMBER" "$ABRI" --db "$WORK/demo.sqlite" >"$WORK/abri.log" 2>&1 &
APP_PID=$!
sleep "$WAIT"
if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "l'application s'est arrêtée avant la capture :" >&2
    cat "$WORK/abri.log" >&2
    exit 1
fi

mkdir -p "$(dirname "$OUTPUT")"
xwd -display ":$DISPLAY_NUMBER" -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$OUTPUT"
echo "capture écrite dans $OUTPUT"
