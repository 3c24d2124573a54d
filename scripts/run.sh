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

. scripts/packages.sh
PACKAGES="$RUNTIME_PACKAGES"
# Compilateur C pour SQLite, compilé avec l'application.
if ! command -v cc >/dev/null 2>&1; then
    PACKAGES="$PACKAGES build-essential"
fi

install_missing_packages $PACKAGES

if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo est introuvable : installez Rust (https://rustup.rs), puis relancez ce script." >&2
    exit 1
fi

cargo build --release --locked --bin abri
exec target/release/abri "$@"
