# À inclure (`. scripts/packages.sh`) : paquets Debian dont Abri a besoin, et leur
# installation avec apt-get quand ils manquent.

# Bibliothèques ouvertes par l'application à l'exécution (winit, softbuffer, xkbcommon).
RUNTIME_PACKAGES="libx11-6 libx11-xcb1 libxcb1 libxcursor1 libxi6 libxkbcommon0 libxkbcommon-x11-0"

# Installe ceux des paquets donnés qui ne sont pas encore installés (sudo si besoin).
install_missing_packages() {
    missing=""
    for package in "$@"; do
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
}
