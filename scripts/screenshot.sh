#!/bin/sh
# Captures d'écran des fenêtres de l'application sur la base de démonstration, sans
# écran : l'application tourne dans un serveur X virtuel (Xvfb), une fois par fenêtre
# (variable ABRI_FENETRE, et ABRI_OUVRIR / ABRI_ONGLET pour une fiche ouverte sur un
# onglet), et chaque image va dans le dossier de sortie (docs/screenshots par défaut),
# sous le nom fenetre-<fenêtre>.png.
#
#   scripts/screenshot.sh                       (compilation de mise au point)
#   PROFILE=release scripts/screenshot.sh
#   OUTPUT=/tmp/captures WAIT=10 DISPLAY_NUMBER=98 scripts/screenshot.sh
#   ONLY="immeubles locations" scripts/screenshot.sh    (quelques fenêtres seulement)
#
# Installe avec apt-get ce qui manque (Xvfb, xwd, netpbm, bibliothèques X11 que
# l'application charge au démarrage).
set -eu

cd "$(dirname "$0")/.."

PROFILE="${PROFILE:-debug}"
WAIT="${WAIT:-6}"
DISPLAY_NUMBER="${DISPLAY_NUMBER:-99}"
OUTPUT="${OUTPUT:-docs/screenshots}"
ONLY="${ONLY:-}"

. scripts/packages.sh
# Outils de la capture.
TOOL_PACKAGES="xvfb x11-apps netpbm"

install_missing_packages $RUNTIME_PACKAGES $TOOL_PACKAGES

if [ "$PROFILE" = "release" ]; then
    cargo build --release --bin abri
else
    cargo build --bin abri
fi
ABRI="${CARGO_TARGET_DIR:-target}/$PROFILE/abri"

WORK="$(mktemp -d)"
XVFB_PID=""
APP_PID=""
cleanup() {
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; fi
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# La démonstration complète : fiches, un an d'avis et de règlements.
"$ABRI" --db "$WORK/demo.sqlite" demo
BASE="$WORK/demo.sqlite"

# Prélèvements : une copie avec le fichier de décembre 2026 remis à la banque (pour
# l'import de son retour), une autre où ses retours (fixtures/sepa/) sont importés.
SEPA_FIXTURES="fixtures/sepa"
cp "$WORK/demo.sqlite" "$WORK/prelevements.sqlite"
echo "prélèvements de décembre 2026 (date de prélèvement : dans 3 jours)"
"$ABRI" --db "$WORK/prelevements.sqlite" prelevement fichier --du 01/12/2026 --au 31/12/2026 \
    --date-prelevement "$(date -d '+3 days' +%d/%m/%Y)" -o "$WORK/decembre.xml" >/dev/null
cp "$WORK/prelevements.sqlite" "$WORK/retours.sqlite"
for retour in demo-camt.054.001.08.xml demo-pain.002.001.10.xml; do
    "$ABRI" --db "$WORK/retours.sqlite" prelevement retour "$SEPA_FIXTURES/$retour" >/dev/null
done

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

mkdir -p "$OUTPUT"

# capture NOM FENÊTRE [FICHE [ONGLET [ACTION]]]
capture() {
    name="$1"
    window="$2"
    record="${3:-}"
    tab="${4:-}"
    action="${5:-}"
    if [ -n "$ONLY" ]; then
        case " $ONLY " in
            *" $name "*) ;;
            *) return 0 ;;
        esac
    fi
    ABRI_FENETRE="$window" ABRI_OUVRIR="$record" ABRI_ONGLET="$tab" ABRI_ACTION="$action" \
        DISPLAY=":$DISPLAY_NUMBER" "$ABRI" --db "$BASE" >"$WORK/abri.log" 2>&1 &
    APP_PID=$!
    sleep "$WAIT"
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        echo "l'application s'est arrêtée avant la capture de « $name » :" >&2
        cat "$WORK/abri.log" >&2
        exit 1
    fi
    xwd -display ":$DISPLAY_NUMBER" -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$OUTPUT/fenetre-$name.png"
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    echo "capture écrite dans $OUTPUT/fenetre-$name.png"
}

# Fenêtres listes (ABRI_OUVRIR vide : la liste).
capture immeubles immeubles
capture lots lots
capture locataires locataires
capture tiers tiers
capture locations locations
capture avis avis
capture reglements reglements
capture reglements-saisie reglements "" "" saisie
capture impayes impayes
capture situation situation LOC005
capture ecritures ecritures
capture balance balance
capture comptes comptes
capture journaux journaux
capture modeles modeles
capture rubriques rubriques
capture indices indices
capture banques banques
capture base base
# Fiches ouvertes sur un onglet (formulaires).
capture fiche-immeuble immeubles IMM01 1
capture fiche-lot lots IMM01-02
capture fiche-locataire locataires LOC002 1
capture fiche-tiers tiers CAF75
capture fiche-location locations BAIL002
capture fiche-location-rubriques locations BAIL002 2
capture fiche-location-reglement locations BAIL002 3
capture fiche-location-situation locations BAIL005 6
capture fiche-location-avis locations BAIL002 5
capture fiche-piece ecritures 2026000004
capture fiche-avis avis A2026000041
# Clés de répartition de l'immeuble (tantièmes de la clé ouverte), notes de la location.
capture immeubles-cles immeubles IMM01 2
capture locations-notes locations BAIL002 7
# Fiche enregistrée en cours de modification, suppression refusée (le lot a une location).
capture fiche-immeuble-modification immeubles IMM01 "" "saisir:rue=14 rue des Lilas;saisir:ville=Paris 20e"
capture suppression-refusee lots IMM01-01 "" supprimer
# Appel du dépôt de garantie (options, puis simulation), facture hors loyer (simulation).
capture depot-garantie locations BAIL004 5 depot
capture depot-garantie-simulation locations BAIL004 5 "depot:400,00:01/12/2026"
# Recherche de la location en tapant (nom du locataire, référence ou lot).
capture recherche-location locations "" "" "depot;chercher:ma"
# Champs de recherche (lot, locataire, tiers) : les fiches proposées sous la zone.
capture situation-recherche situation "" "" "chercher:mar"
capture ecritures-recherche-tiers ecritures "" "" "chercher:caf"
capture fiche-piece-recherche ecritures "" "" "vierge;saisir:tiers=dup"
capture reglements-recherche reglements "" "" "saisie;saisir:locataire=mo"
capture fiche-location-recherche locations BAIL002 "" "saisir:lot=imm01"
capture facture-hors-loyer locations BAIL004 5 "facture:35,00:01/12/2026:Remplacement de la serrure"
# Formulaire refusé (champs obligatoires) et boîtes de traitement.
capture fiche-immeuble-erreurs immeubles "" "" nouveau
capture generation-avis locations "" "" generer:01/01/2027
capture impression-avis avis "" "" imprimer
capture verification-base base "" "" verifier
# Barre de menus : le menu Fichier, et le menu Gestion locative (fenêtres et traitements).
capture menu-fichier immeubles "" "" menu:0
capture menu-gestion-locative locations "" "" menu:1
capture copie-base immeubles "" "" copie
# Prélèvements : la période, la liste de décembre 2026, la boîte du fichier SEPA et son
# plan ; l'import du retour camt.054 (simulation) ; la liste des rejets.
capture prelevements-periode prelevements "" "" periode
capture prelevements prelevements "" "" liste:01/12/2026:31/12/2026
capture fichier-sepa prelevements "" "" "liste:01/12/2026:31/12/2026;sepa"
capture fichier-sepa-simulation prelevements "" "" "liste:01/12/2026:31/12/2026;sepa:simuler"
BASE="$WORK/prelevements.sqlite"
capture import-prelevements reglements "" "" "retour:$SEPA_FIXTURES/demo-camt.054.001.08.xml"
BASE="$WORK/retours.sqlite"
capture rejets-prelevements rejets-prelevements
BASE="$WORK/demo.sqlite"
# Mutation de BAIL002 (options, puis simulation) ; fusion refusée (deux personnes).
capture mutation locations BAIL002 "" mutation
capture mutation-simulation locations BAIL002 "" "mutation:IMM02-10:01/01/2027:600,00"
capture fusion-locataires locataires "" "" "fusion:LOC001:LOC002"
