#!/bin/sh
# Lance Abri sur une machine Debian ou Ubuntu : installe ce qui manque pour compiler et
# pour afficher la fenêtre, compile la version optimisée, puis démarre l'application.
#
#   scripts/run.sh                      la base de démonstration (créée au premier lancement
#                                       dans ~/.local/share/abri/demo.sqlite)
#   scripts/run.sh --db ma-base.sqlite  une autre base
#   scripts/run.sh --help               les sous-commandes de la ligne de commande
set -eu

cd "$(dirname "$0")/.."

# Bibliothèques ouvertes par l'application à l'exécution (winit, softbuffer, xkbcommon).
PACKAGES="libx11-6 libx11-xcb1 libxcb1 libxcursor1 libxi6 libxkbcommon0 libxkbcommon-x11-0"
# Compilateur C pour SQLite, compilé avec l'application.
if ! command -v cc >/dev/null 2>&1; then
    PACKAGES="$PACKAGES build-essential"
fi

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
if [ -n "$missing" ]; then
    echo "Installation de :$missing"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086 # la liste est faite de noms de paquets
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo est introuvable : installez Rust (https://rustup.rs), puis relancez ce script." >&2
    exit 1
fi

cargo build --release --locked --bin abri
exec target/release/abri "$@"
