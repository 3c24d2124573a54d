#!/bin/sh
# Ouvre Abri sur la base de démonstration (créée et remplie au premier lancement dans
# ~/.local/share/abri/demo.sqlite), sur une machine Debian/Ubuntu neuve avec Rust.
# Installe d'abord, avec apt-get, les bibliothèques X11 que la fenêtre charge au
# démarrage. Les arguments sont passés à abri (ex. --db FICHIER).
set -eu
cd "$(dirname "$0")/.."

RUNTIME_PACKAGES="libx11-6 libx11-xcb1 libxcb1 libxcursor1 libxi6 libxrandr2 libxkbcommon0 libxkbcommon-x11-0"
missing=""
for package in $RUNTIME_PACKAGES; do
    if ! dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
if [ -n "$missing" ]; then
    echo "Installation de :$missing"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086 # liste de noms de paquets
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo est introuvable : installez Rust (https://rustup.rs ou le paquet Debian « cargo »)." >&2
    exit 1
fi
cargo build --release --locked
exec target/release/abri "$@"
