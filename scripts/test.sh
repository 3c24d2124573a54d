#!/usr/bin/env bash
# Lance tous les tests d'Abri (compilation en mode debug). Sur une machine
# Debian/Ubuntu neuve, il suffit de Rust (cargo) : aucune bibliothèque système n'est
# nécessaire pour compiler et tester (SQLite est compilé avec le programme, l'interface
# est testée sans écran). Seul outil installé s'il manque : xmllint (paquet
# libxml2-utils), qui valide les fichiers de prélèvements SEPA contre les schémas XSD.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo est introuvable : installez Rust 1.88 ou plus récent (rustup)." >&2
    exit 1
fi

# Les tests des fichiers SEPA (tests/sepa_file.rs) échouent sans xmllint.
if ! command -v xmllint >/dev/null 2>&1; then
    . scripts/packages.sh
    if ! install_missing_packages libxml2-utils || ! command -v xmllint >/dev/null 2>&1; then
        echo "xmllint est introuvable et n'a pas pu être installé : installez le paquet Debian" >&2
        echo "libxml2-utils (sudo apt-get install libxml2-utils), puis relancez ce script." >&2
        exit 1
    fi
fi

cargo test --locked "$@"
