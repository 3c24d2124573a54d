#!/usr/bin/env bash
# Lance tous les tests d'Abri (compilation en mode debug). Sur une machine
# Debian/Ubuntu neuve, il suffit de Rust (cargo) : aucune bibliothèque système n'est
# nécessaire pour compiler et tester (SQLite est compilé avec le programme, l'interface
# est testée sans écran).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo est introuvable : installez Rust 1.88 ou plus récent (rustup)." >&2
    exit 1
fi
cargo test --locked "$@"
