//! Tous les textes visibles de l'application graphique, en un seul endroit pour relire
//! la formulation d'un coup d'œil.

use std::path::Path;

/// Nom de l'application.
pub const APP_NAME: &str = "Abri";

/// Titre de la fenêtre : « Abri — <nom du bailleur> ».
pub fn window_title(landlord_name: &str) -> String {
    format!("{APP_NAME} — {landlord_name}")
}

// Fenêtres (barre latérale et titres).
pub const BUILDINGS: &str = "Immeubles";
pub const UNITS: &str = "Lots";
pub const TENANTS: &str = "Locataires";
pub const THIRD_PARTIES: &str = "Tiers";
pub const LEASES: &str = "Locations";

/// Noms au pluriel pour le compte des lignes (« 3 / 5 immeubles »).
pub const BUILDINGS_NOUN: &str = "immeubles";
pub const UNITS_NOUN: &str = "lots";
pub const TENANTS_NOUN: &str = "locataires";
pub const THIRD_PARTIES_NOUN: &str = "tiers";
pub const LEASES_NOUN: &str = "locations";

/// Compte des lignes affichées : « n / total immeubles ».
pub fn row_count(shown: usize, total: usize, noun: &str) -> String {
    format!("{shown} / {total} {noun}")
}

// Listes.
pub const FILTER_PLACEHOLDER: &str = "Filtrer la liste (tout ou partie d'un mot)";
pub const NO_ROW: &str = "Aucune fiche dans cette liste.";
pub const NO_MATCH: &str = "Aucune ligne ne correspond au filtre.";
pub const SORT_ASCENDING: &str = "▲";
pub const SORT_DESCENDING: &str = "▼";
pub const YES: &str = "Oui";
pub const NO: &str = "Non";

/// Montant en euros (« 1 234,56 € »).
pub fn euros(amount: &str) -> String {
    format!("{amount} €")
}

/// Surface en mètres carrés (« 45,20 m² »).
pub fn square_metres(area: &str) -> String {
    format!("{area} m²")
}

// Colonnes : immeubles.
pub const COL_REFERENCE: &str = "Référence";
pub const COL_ADDRESS: &str = "Adresse";
pub const COL_POSTCODE: &str = "Code postal";
pub const COL_CITY: &str = "Ville";
pub const COL_START: &str = "Début de gestion";
pub const COL_ANALYTIC: &str = "Analytique";

// Colonnes : lots.
pub const COL_BUILDING: &str = "Immeuble";
pub const COL_NATURE: &str = "Nature";
pub const COL_SIZE: &str = "Typologie";
pub const COL_AREA: &str = "Surface";
pub const COL_REFERENCE_RENT: &str = "Loyer de référence";
pub const COL_AVAILABLE: &str = "Disponible";

// Colonnes : locataires.
pub const COL_NAME: &str = "Nom";
pub const COL_STATE: &str = "État";
pub const COL_FOLLOWUP: &str = "Début de suivi";
pub const COL_PHONE: &str = "Téléphone";
pub const COL_EMAIL: &str = "Courriel";

// Colonnes : tiers.
pub const COL_KIND: &str = "Type";

// Colonnes : locations.
pub const COL_UNIT: &str = "Lot";
pub const COL_TENANT: &str = "Locataire";
pub const COL_CONTRACT: &str = "Type de contrat";
pub const COL_LEASE_START: &str = "Entrée";
pub const COL_MOVE_OUT: &str = "Sortie";
pub const COL_PAYMENT: &str = "Règlement";

// Barre d'état.
pub fn status_landlord(name: &str, code: &str) -> String {
    format!("Bailleur : {name} ({code})")
}

pub fn status_database(path: &Path) -> String {
    format!("Base : {}", path.display())
}

pub fn status_date(date: &str) -> String {
    format!("Date : {date}")
}

pub fn status_selected(reference: &str) -> String {
    format!("Fiche sélectionnée : {reference}")
}

// Erreurs au démarrage.
pub fn cannot_open(path: &Path, reason: &str) -> String {
    format!(
        "impossible d'ouvrir la base « {} » : {reason}",
        path.display()
    )
}

pub fn cannot_create_demo(reason: &str) -> String {
    format!("impossible de créer les données de démonstration : {reason}")
}

pub fn cannot_open_session(reason: &str) -> String {
    format!("impossible d'ouvrir le bailleur : {reason}")
}

pub fn cannot_read(what: &str, reason: &str) -> String {
    format!("impossible de lire la liste « {what} » : {reason}")
}

pub const NO_DISPLAY: &str = "aucun affichage graphique (la variable DISPLAY est vide) : lancez Abri depuis une session graphique, ou utilisez ses sous-commandes (abri --help)";

pub fn gui_crashed(detail: &str) -> String {
    format!("l'affichage graphique s'est arrêté (serveur X injoignable ou bibliothèques X11 manquantes ? scripts/run.sh les installe) : {detail}")
}

pub fn gui_failed(reason: &str) -> String {
    format!("l'affichage graphique n'a pas pu démarrer : {reason}")
}

pub const EXECUTOR_FAILED: &str = "impossible de démarrer les tâches de fond";
pub const WINDOW_FAILED: &str =
    "impossible de créer la fenêtre (bibliothèques X11 manquantes ? scripts/run.sh les installe)";
pub const GRAPHICS_FAILED: &str = "impossible d'initialiser le rendu graphique";
