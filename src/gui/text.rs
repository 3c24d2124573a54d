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
pub const TOO_MANY_ROWS: &str =
    "Plus de 100 000 lignes pour cette sélection : seules les 100 000 premières sont chargées. Choisissez une période plus courte.";
pub const SORT_ASCENDING: &str = "▲";

// Recherche d'une fiche parmi des milliers.
pub const LEASE_PICKER_PLACEHOLDER: &str = "Référence, nom du locataire ou lot…";
pub const CHOOSE_LEASE: &str =
    "Choisissez une location dans la liste (tapez sa référence, le nom du locataire ou le lot).";

/// Libellé d'une location dans la recherche : « Dupont Marie (LOC004), lot A12 ».
pub fn lease_choice(tenant_name: &str, tenant: &str, unit: &str) -> String {
    format!("{tenant_name} ({tenant}), lot {unit}")
}

/// Libellé d'un immeuble dans la recherche : « 1 place Bellecour, 69002 Lyon ».
pub fn building_choice(street: &str, postcode: &str, city: &str) -> String {
    format!("{street}, {postcode} {city}")
}

/// Libellé d'un lot dans la recherche : « Appartement T2, immeuble IMM01 ».
pub fn unit_choice(nature: &str, size: &str, building: &str) -> String {
    let kind = [nature, size]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    format!("{kind}, immeuble {building}")
}

pub const TIERS_PICKER_PLACEHOLDER: &str = "Tous les tiers (référence ou nom…)";

pub const PICKER_CLEAR: &str = "Tous";
/// Aide d'un champ de recherche d'un formulaire (lot, locataire, tiers, location).
pub const SEARCH_FIELD_PLACEHOLDER: &str = "Référence ou nom…";

// Boîtes de dialogue du système (ouvrir, enregistrer sous).
pub const BROWSE: &str = "Parcourir…";
pub const SAVE_AS_TITLE: &str = "Enregistrer sous";
pub const OPEN_DATABASE_TITLE: &str = "Ouvrir une base Abri";
pub const NEW_DATABASE_TITLE: &str = "Créer une base Abri";
pub const NEW_DATABASE: &str = "Nouvelle base…";
pub const PRINT_FOLDER_TITLE: &str = "Dossier des PDF";
pub const DATABASE_FILES: &str = "Base Abri (SQLite)";
pub const PDF_FILES: &str = "Document PDF";
pub const NO_FILE_DIALOG: &str = "Le sélecteur de fichiers du système n'est pas disponible ici (ni portail XDG par D-Bus, ni zenity) : tapez le chemin dans la zone.";

/// La fiche choisie, sous sa zone de recherche.
pub fn picker_chosen(display: &str) -> String {
    format!("Choisi : {display}")
}

/// Compte des fiches trouvées sous une zone de recherche.
pub fn picker_found(found: usize, shown: usize) -> String {
    match found {
        0 => "Aucune fiche ne correspond.".to_string(),
        1 => "1 fiche trouvée.".to_string(),
        n if n > shown => {
            format!("{n} fiches trouvées, les {shown} premières montrées : précisez la recherche.")
        }
        n => format!("{n} fiches trouvées."),
    }
}
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
pub const COL_LEASE_START: &str = "Entrée";
pub const COL_MOVE_OUT: &str = "Sortie";
pub const COL_PAYMENT: &str = "Règlement";

// Sections de la barre latérale et fenêtres.
pub const SECTION_RENTALS: &str = "GESTION LOCATIVE";
pub const SECTION_ACCOUNTING: &str = "COMPTABILITÉ";
pub const SECTION_CATALOGUES: &str = "CATALOGUES";
pub const SITUATION: &str = "Situation des comptes locataires";
pub const SITUATION_SHORT: &str = "Situation locataires";
pub const VOUCHERS: &str = "Écritures comptables";
pub const BALANCE: &str = "Balance";
pub const DATABASE: &str = "Base et bailleur";
pub const CAT_ACCOUNTS: &str = "Catalogue des comptes";
pub const CAT_JOURNALS: &str = "Catalogue des journaux";
pub const CAT_TEMPLATES: &str = "Catalogue des modèles comptables";
pub const CAT_ITEMS: &str = "Catalogue des rubriques";
pub const CAT_INDICES: &str = "Catalogue des indices";
pub const CAT_BANKS: &str = "Catalogue des banques";
pub const CAT_ACCOUNTS_SHORT: &str = "Comptes";
pub const CAT_JOURNALS_SHORT: &str = "Journaux";
pub const CAT_TEMPLATES_SHORT: &str = "Modèles";
pub const CAT_ITEMS_SHORT: &str = "Rubriques";
pub const CAT_INDICES_SHORT: &str = "Indices";
pub const CAT_BANKS_SHORT: &str = "Banques";

// Noms au pluriel des autres listes.
pub const ACCOUNTS_NOUN: &str = "comptes";
pub const JOURNALS_NOUN: &str = "journaux";
pub const TEMPLATE_LINES_NOUN: &str = "lignes de modèles";
pub const ITEMS_NOUN: &str = "rubriques";
pub const INDICES_NOUN: &str = "indices";
pub const BANKS_NOUN: &str = "banques";
pub const VOUCHERS_NOUN: &str = "pièces";
pub const LINES_NOUN: &str = "écritures";
pub const BALANCE_NOUN: &str = "lignes";

/// « 3 lignes sélectionnées ».
pub fn selected_count(n: usize) -> String {
    format!("{n} lignes sélectionnées")
}

pub const SELECT_ALL: &str = "Tout sélectionner";
pub const NEW_RECORD: &str = "+ Nouvelle fiche";
pub const EXPORT_CSV: &str = "Exporter en CSV";
pub const ALL: &str = "Tous";
pub const FROM: &str = "du";
pub const TO: &str = "au";
pub const CHOICE_SEPARATOR: &str = " — ";

pub fn yes_no(flag: bool) -> &'static str {
    if flag {
        YES
    } else {
        NO
    }
}

pub fn csv_failed(reason: &str) -> String {
    format!("impossible de préparer le fichier CSV : {reason}")
}

// Volets de sélection.
pub const PANE_STATE: &str = "État :";
pub const PANE_KIND: &str = "Type :";
pub const PANE_AVAILABILITY: &str = "Disponibilité :";
pub const PANE_UNIT_KIND: &str = "Lot :";
pub const PANE_PERIOD: &str = "Période :";
pub const PANE_LEASE_START: &str = "Entrée";
pub const AVAILABLE: &str = "Disponibles";
pub const UNAVAILABLE: &str = "Indisponibles";
pub const LEASE_RUNNING: &str = "En cours";
pub const LEASE_ENDED: &str = "Sorties";
pub const LEASE_LOCKED: &str = "Verrouillées";

// Zones de saisie.
pub const REQUIRED: &str = "champ obligatoire, à renseigner";
pub const DATE_PLACEHOLDER: &str = "jj/mm/aaaa";
pub const AMOUNT_PLACEHOLDER: &str = "0,00";

pub fn not_a_number(text: &str) -> String {
    format!("« {text} » n'est pas un nombre entier (exemple : 12)")
}

// Formulaires.
pub const NEW_BUTTON: &str = "+ Nouveau";
pub const SAVE_BUTTON: &str = "V Enregistrer";
pub const DELETE_BUTTON: &str = "– Supprimer";
pub const BACK_BUTTON: &str = "← Liste";
pub const ADD_ROW: &str = "+ détail";
pub const REMOVE_ROW: &str = "–";
pub const NO_DETAIL: &str = "Aucune ligne. « + détail » en ajoute une.";
pub const FORM_HAS_ERRORS: &str =
    "La fiche n'est pas enregistrée : corrigez les champs signalés en rouge (rien de ce que vous avez tapé n'est perdu).";
pub const CONFIRM_DISCARD: &str = "Des modifications ne sont pas enregistrées. Les abandonner ?";
pub const DISCARD_YES: &str = "Abandonner les modifications";
pub const DELETE_YES: &str = "Supprimer";
pub const CANCEL: &str = "Annuler";
pub const CLOSE: &str = "Fermer";
pub const SAVE_YES: &str = "Enregistrer";
pub const NOTHING_CHANGED: &str = "Rien à enregistrer : la fiche n'a pas été modifiée.";
pub const RESTORE_ROW: &str = "↺";
pub const ROW_WILL_BE_DELETED: &str =
    "Ligne supprimée au prochain « V Enregistrer » (« ↺ » la garde).";
pub const ROW_REFUSED: &str =
    "Rien n'a été enregistré : une ligne de détail est refusée (voir le message sous la ligne).";
pub const AUDIT_FORM: &str = "saisie par formulaire";
pub const AUDIT_DELETE: &str = "suppression par formulaire";

pub fn tab_with_error(title: &str) -> String {
    format!("{title} •")
}

pub fn confirm_delete(title: &str) -> String {
    format!("Supprimer « {title} » ? Cette action ne peut pas être annulée.")
}

pub fn record_saved(reference: &str) -> String {
    format!("Fiche « {reference} » enregistrée.")
}

pub fn record_updated(reference: &str) -> String {
    format!("Modifications de « {reference} » enregistrées.")
}

pub const UNSAVED_CHANGES: &str =
    "• modifications non enregistrées (V Enregistrer, ou Échap pour les abandonner)";

pub fn delete_refused(reason: &str) -> String {
    format!("Suppression refusée : {reason}")
}

pub fn record_deleted(reference: &str) -> String {
    format!("Fiche « {reference} » supprimée.")
}

pub fn confirm_unit_move(unit: &str, from: &str, to: &str) -> String {
    format!(
        "Le lot « {unit} » passe de l'immeuble « {from} » à l'immeuble « {to} » : ses locations le suivent, son analytique, s'il est vide, devient celui du nouvel immeuble, et ses tantièmes sur les clés de répartition de « {from} » sont retirés. Enregistrer ce changement ?"
    )
}

// Enregistrement de fichiers.
pub const PATH_PLACEHOLDER: &str = "Chemin du fichier";
pub const SAVE_FILE: &str = "Enregistrer";
pub const NO_PATH: &str = "indiquez le chemin du fichier";

pub fn file_written(path: &Path) -> String {
    format!("Fichier enregistré : {}", path.display())
}

pub fn no_such_folder(path: &Path) -> String {
    format!(
        "le dossier « {} » n'existe pas : corrigez le chemin",
        path.display()
    )
}

pub fn cannot_write(path: &Path, reason: &str) -> String {
    format!("impossible d'écrire « {} » : {reason}", path.display())
}

// Traitements.
pub const RUN: &str = "Lancer";
pub const APPLY: &str = "Appliquer";
pub const PLANNING: &str = "Simulation en cours : rien n'est encore écrit…";
pub const APPLYING: &str = "Application en cours…";
/// `apply` : le libellé du bouton qui applique le plan.
pub fn report_planned(apply: &str) -> String {
    format!("Compte rendu de la simulation : rien n'a été écrit. « {apply} » enregistre ce qui est prévu.")
}
pub const REPORT_DONE: &str = "Compte rendu";
pub const REPORT_EMPTY: &str = "Aucune ligne dans le compte rendu.";
pub const REPORT_OK_MARK: &str = "✓";
pub const REPORT_SKIP_MARK: &str = "✗";
pub const SAVE_REPORT: &str = "Enregistrer le compte rendu";
pub const BACK_TO_OPTIONS: &str = "Modifier les options";
pub const BUSY: &str = "un traitement est en cours : attendez qu'il se termine";

pub fn progress(done: usize, total: usize, label: &str) -> String {
    if total == 0 {
        label.to_string()
    } else {
        format!("{done} / {total} {label}")
    }
}

pub fn treatment_crashed(detail: &str) -> String {
    format!("le traitement s'est arrêté sur une erreur interne, rien n'a été enregistré : {detail}")
}

// Immeubles.
pub const NEW_BUILDING: &str = "Nouvel immeuble";
pub const TAB_BUILDING: &str = "Immeuble";
pub const TAB_UNITS: &str = "Lots";
pub const UNITS_AFTER_SAVE: &str =
    "Les lots de l'immeuble s'affichent une fois la fiche enregistrée.";
pub const COL_FLOOR_DOOR: &str = "Étage / porte";
pub const TAB_KEYS: &str = "Clés de répartition";

// Clés de répartition (onglet de la fiche immeuble).
pub const KEYS_TITLE: &str = "Clés de répartition de l'immeuble";
pub const KEYS_AFTER_SAVE: &str =
    "Les clés de répartition se créent une fois la fiche de l'immeuble enregistrée, et leurs tantièmes une fois ses lots créés (fenêtre Lots).";
pub const NO_KEY: &str =
    "Aucune clé. « + Nouvelle clé » en crée une (par exemple TANT, charges générales).";
pub const NEW_KEY: &str = "+ Nouvelle clé";
pub const OPEN_KEY: &str = "Tantièmes…";
pub const CLOSE_KEY: &str = "Fermer la clé";
pub const KEYS_HINT: &str =
    "L'ordre 0 désigne la clé proposée à la saisie des charges. La somme des tantièmes des lots doit égaler le total de la clé ; un lot sans tantièmes (ou à 0) ne reçoit rien de cette clé. Tout s'enregistre avec la fiche (« V Enregistrer »).";
pub const COL_KEY_CODE: &str = "Code";
pub const COL_KEY_LABEL: &str = "Libellé";
pub const COL_KEY_ORDER: &str = "Ordre";
pub const COL_KEY_TOTAL: &str = "Total";
pub const COL_KEY_SUM: &str = "Somme des lots";
pub const COL_KEY_CHECK: &str = "Contrôle";
pub const COL_SHARES: &str = "Tantièmes";
pub const KEY_BALANCED: &str = "✓ somme = total";
pub const KEY_UNREADABLE: &str = "?";
pub const KEY_NOT_A_NUMBER: &str = "tantièmes illisibles";
pub const F_KEY_CODE: &str = "Code de la clé";
pub const F_KEY_LABEL: &str = "Libellé";
pub const F_KEY_ORDER: &str = "Ordre (0 = par défaut)";
pub const F_KEY_TOTAL: &str = "Total des tantièmes";
pub const NEW_KEY_TITLE: &str = "Nouvelle clé";
pub const SHARES_SUM: &str = "Somme des tantièmes des lots";
pub const NO_UNIT_FOR_SHARES: &str =
    "Aucun lot dans l'immeuble : créez ses lots (fenêtre Lots) pour leur donner des tantièmes.";
pub const KEY_WILL_BE_DELETED: &str =
    "Clé supprimée au prochain « V Enregistrer » (« ↺ » la garde).";
pub const PANEL_HAS_ERRORS: &str =
    "La fiche n'est pas enregistrée : corrigez les clés de répartition signalées en rouge (rien de ce que vous avez tapé n'est perdu).";
pub const PANEL_REFUSED: &str =
    "Rien n'a été enregistré : une clé de répartition est refusée (voir le message dans la clé).";

pub fn key_title(code: &str, label: &str) -> String {
    if label.trim().is_empty() {
        format!("Clé {code}")
    } else {
        format!("Clé {code} — {label}")
    }
}

pub fn keys_balanced(total: i64) -> String {
    format!("✓ La somme des tantièmes des lots égale le total de la clé ({total}).")
}

pub fn warning(message: &str) -> String {
    format!("⚠ {message}")
}

pub fn building_title(reference: &str) -> String {
    format!("Immeuble {reference}")
}

pub fn units_of_building(n: usize) -> String {
    format!("{n} lot(s) dans l'immeuble")
}

pub fn keys_of_building(n: usize) -> String {
    format!("{n} clé(s) de répartition")
}

pub fn floor_door(floor: &str, door: &str) -> String {
    match (floor.is_empty(), door.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!("étage {floor}"),
        (true, false) => format!("porte {door}"),
        (false, false) => format!("étage {floor}, porte {door}"),
    }
}

// Champs communs.
pub const F_REFERENCE: &str = "Référence";
pub const F_MANAGEMENT_START: &str = "Début de gestion";
pub const F_MANAGEMENT_END: &str = "Fin de gestion";
pub const F_ANALYTIC: &str = "Analytique";
pub const F_STREET: &str = "Rue";
pub const F_POSTCODE: &str = "Code postal";
pub const F_CITY: &str = "Ville";
pub const F_SYNDIC: &str = "Syndic";
pub const F_REAL_RIGHTS: &str = "Titulaire des droits réels";
pub const F_NAME: &str = "Nom";
pub const F_PHONE: &str = "Téléphone";
pub const F_EMAIL: &str = "Courriel";
pub const F_START: &str = "Début";
pub const F_END: &str = "Fin";
pub const F_MONTHS: &str = "Durée (mois)";
pub const F_MONTHS_SHORT: &str = "Mois";
pub const F_REF_SHORT: &str = "Réf.";

// Lots.
pub const NEW_UNIT: &str = "Nouveau lot";
pub const TAB_UNIT: &str = "Lot";
pub const TAB_LOCATION: &str = "Localisation et accès";
pub const TAB_OCCUPANCY: &str = "Occupation";
pub const F_BUILDING: &str = "Immeuble";
pub const F_NATURE: &str = "Nature";
pub const F_USAGE: &str = "Usage";
pub const F_FORM: &str = "Forme";
pub const F_UNIT_ANALYTIC: &str = "Analytique (vide = immeuble)";
pub const F_UNIT_KIND: &str = "Type de lot";
pub const F_SIZE: &str = "Typologie";
pub const F_AREA: &str = "Surface habitable (m²)";
pub const F_FOYER: &str = "Foyer";
pub const F_ACCESS_BUILDING: &str = "Bâtiment";
pub const F_STAIRCASE: &str = "Escalier";
pub const F_FLOOR: &str = "Étage";
pub const F_DOOR: &str = "Porte";
pub const F_AVAILABLE: &str = "Disponible";
pub const F_UNAVAILABLE_REASON: &str = "Motif d'indisponibilité";
pub const F_REFERENCE_RENT: &str = "Loyer de référence";
pub const F_REFERENCE_CHARGES: &str = "Charges de référence";
pub const F_RPLS: &str = "Identifiant RPLS";
pub const F_DGFIP: &str = "Invariant DGFiP";

pub fn unit_title(reference: &str) -> String {
    format!("Lot {reference}")
}

// Locataires.
pub const NEW_TENANT: &str = "Nouveau locataire";
pub const TAB_TENANT: &str = "Locataire";
pub const TAB_ADMINISTRATIVE: &str = "Administratif";
pub const TAB_CONTACTS: &str = "Contacts";
pub const F_PROFESSIONAL: &str = "Professionnel";
pub const F_CIVILITY: &str = "Civilité";
pub const F_SURNAME: &str = "Nom";
pub const F_FIRST_NAME: &str = "Prénom";
pub const F_FOLLOWUP_START: &str = "Début de suivi";
pub const F_STATE: &str = "État";
pub const F_ALT_STREET: &str = "Adresse d'envoi : rue";
pub const F_ALT_POSTCODE: &str = "Adresse d'envoi : code postal";
pub const F_ALT_CITY: &str = "Adresse d'envoi : ville";
pub const F_NUR: &str = "NUR";
pub const F_BIRTH_DATE: &str = "Date de naissance";
pub const F_CLAIMANT_NUMBERS: &str = "Numéros allocataires";
pub const F_PHONE1: &str = "Téléphone 1";
pub const F_PHONE2: &str = "Téléphone 2";
pub const F_GDPR: &str = "Consentement RGPD";
pub const F_GDPR_DATE: &str = "Date du consentement";
pub const CLAIMS_TABLE: &str = "Allocations logement";
pub const F_CLAIMANT: &str = "Allocataire";
pub const F_CLAIM_START: &str = "Début";
pub const F_PAYER_BODY: &str = "Organisme payeur";
pub const F_PAYER_SHORT: &str = "Organisme";
pub const F_PAYER_NUMBER: &str = "N° organisme";
pub const F_CLAIMANT_NO: &str = "N° allocataire";

pub fn tenant_title(reference: &str, name: &str) -> String {
    format!("Locataire {reference} — {name}")
}

// Tiers.
pub const NEW_THIRD_PARTY: &str = "Nouveau tiers";
pub const TAB_THIRD_PARTY: &str = "Tiers";
pub const TAB_ACCOUNTING: &str = "Comptabilité";
pub const F_PARTY_KIND: &str = "Type de tiers";
pub const F_EXPORT_ACCOUNT: &str = "Compte d'exportation (vide = référence)";

pub fn party_title(reference: &str, name: &str) -> String {
    format!("Tiers {reference} — {name}")
}

// Locations.
pub const NEW_LEASE: &str = "Nouvelle location";
pub const TAB_PERIODS: &str = "Périodes";
pub const TAB_ITEMS: &str = "Rubriques";
pub const TAB_PAYMENT: &str = "Règlement";
pub const TAB_REVISION: &str = "Révision";
pub const TAB_NOTICES: &str = "Avis";
pub const TAB_SITUATION: &str = "Situation";
pub const TAB_NOTES: &str = "Notes";
pub const PERIODS_TABLE: &str = "Périodes de location";
pub const BILLING_TABLE: &str = "Rubriques de facturation (FAC)";
pub const OTHER_TABLE: &str = "Rubriques d'échéance et d'information (ECH, INF)";
pub const F_LEASE_REFERENCE: &str = "Référence de la location";
pub const F_UNIT: &str = "Lot";
pub const F_TENANT: &str = "Locataire";
pub const F_CONTRACT: &str = "Type de contrat";
pub const F_FREQUENCY: &str = "Périodicité";
pub const F_TERM: &str = "Terme";
pub const F_DUE_DAY: &str = "Jour d'échéance (décalage)";
pub const F_PAYMENT_MODE: &str = "Mode de règlement";
pub const F_SIGNATURE: &str = "Début (signature)";
pub const F_LEASE_END: &str = "Fin (dernière période)";
pub const F_MOVE_OUT: &str = "Date de sortie";
pub const F_MOVE_OUT_REASON: &str = "Motif de sortie";
pub const F_KEYS_RETURNED: &str = "Remise des clés";
pub const F_EXIT_INVENTORY: &str = "État des lieux de sortie";
pub const F_LOCKED: &str = "Verrouillée";
pub const F_DURABLE: &str = "Contrat durable";
pub const F_AUTO_SETTLEMENT: &str = "Régularisation automatique";
pub const F_THIRD_PARTY_PAYER: &str = "Tiers payeur";
pub const F_NOTICE_DATE: &str = "Préavis";
pub const F_ITEM: &str = "Rubrique";
pub const F_PURPOSE: &str = "Objet";
pub const F_GESTION: &str = "Gest.";
pub const F_ITEM_TYPE: &str = "Type";
pub const F_ACTIVE: &str = "Act.";
pub const F_FREE_REFERENCE: &str = "Référence";
pub const F_INITIAL: &str = "Initial";
pub const F_REVISED: &str = "Révisé";
pub const F_PRORATA: &str = "Pr.";
pub const F_CEILING: &str = "Plafond";
pub const F_TO_INCREASE: &str = "Aug.";
pub const F_REVISION_DATE: &str = "Révision";
pub const F_DIRECT_DEBIT: &str = "Prélèvement automatique";
pub const F_ACCOUNT_HOLDER: &str = "Titulaire du compte";
pub const F_BANK: &str = "Banque";
pub const F_BIC: &str = "BIC (catalogue des banques)";
pub const F_IBAN: &str = "IBAN";
pub const F_MANDATE_REF: &str = "RUM (référence du mandat)";
pub const F_MANDATE_DATE: &str = "Date du mandat";
pub const F_DEBIT_DAY: &str = "Jour de prélèvement";
pub const F_FIXED_AMOUNT: &str = "Prélèvement périodique (forfait)";
pub const F_ALT_AMOUNT: &str = "Prélèvement alternatif";
pub const REVISION_AFTER_SAVE: &str =
    "Les rubriques révisées s'affichent une fois la location enregistrée.";
pub const REVISION_HINT: &str =
    "Les montants révisés sont mis à jour par le traitement de révision des loyers (IRL), jamais à la main.";
pub const F_NOTES: &str = "Notes de suivi";
pub const NOTES_HINT: &str =
    "Notes libres sur la location (suivi, incidents, démarches), enregistrées avec la fiche par « V ».";
pub const SITUATION_AFTER_SAVE: &str =
    "La situation du locataire s'affiche une fois la location enregistrée.";
pub const SITUATION_AT: &str = "Situation au";
pub const OPEN_SITUATION: &str = "Situation détaillée…";
pub const COMPUTING: &str = "Calcul de la situation…";

pub fn lease_title(reference: &str, tenant: &str) -> String {
    format!("Location {reference} — {tenant}")
}

// Situation des comptes locataires.
pub const TENANT_PICKER_PLACEHOLDER: &str = "Référence ou nom du locataire…";
pub const CHOOSE_TENANT_HINT: &str =
    "Choisissez un locataire pour afficher ses écritures, toutes locations confondues.";
pub const DEPOSIT_ACCOUNTS: &str = "Comptes de dépôts";
pub const PERIOD_REVERSED: &str =
    "la fin de la période est antérieure à son début : inversez les dates";
pub const COL_GESTION: &str = "Gest.";
pub const COL_ACCOUNT: &str = "Compte";
pub const COL_ACCOUNT_LABEL: &str = "Intitulé";
pub const COL_BALANCE_DEBIT: &str = "Solde débiteur";
pub const COL_BALANCE_CREDIT: &str = "Solde créditeur";
pub const COL_DEFERRED: &str = "Différé";
pub const COL_DUE: &str = "À payer";
pub const COL_DATE: &str = "Date";
pub const COL_JOURNAL: &str = "Journal";
pub const COL_VOUCHER: &str = "Pièce";
pub const COL_LABEL: &str = "Libellé";
pub const COL_DEBIT: &str = "Débit";
pub const COL_CREDIT: &str = "Crédit";
pub const COL_RUNNING: &str = "Solde";
pub const BALANCE_TOTAL: &str = "Total";
pub const NEW_BALANCE: &str = "Nouveau solde";

pub fn debit_side(amount: &str) -> String {
    format!("{amount} D")
}

pub fn credit_side(amount: &str) -> String {
    format!("{amount} C")
}

// Écritures comptables.
pub const NEW_VOUCHER: &str = "Nouvelle pièce";
pub const TAB_VOUCHER: &str = "Pièce";
pub const ENTRIES_TABLE: &str = "Écritures";
pub const NEW_VOUCHER_STATE: &str = "Nouvelle pièce";
pub const F_VOUCHER_NUMBER: &str = "Numéro de pièce";
pub const F_LOCK_STATE: &str = "Verrouillage";
pub const F_TEMPLATE: &str = "Modèle";
pub const F_JOURNAL: &str = "Journal";
pub const F_VALUE_DATE: &str = "Date de valeur";
pub const F_BATCH: &str = "N° de saisie (remise)";
pub const F_TIERS: &str = "Tiers";
pub const F_LEASE: &str = "Location";
pub const F_VOUCHER_AMOUNT: &str = "Montant de la pièce";
pub const F_VOUCHER_LABEL: &str = "Libellé";
pub const F_VOUCHER_REFERENCE: &str = "Référence (n° de chèque…)";
pub const F_PAYMENT_DATE: &str = "Date du règlement";
pub const F_ACCOUNT: &str = "Compte";
pub const F_ENTRY_LABEL: &str = "Libellé de l'écriture";
pub const GENERATE_ENTRIES: &str = "Générer écritures";
pub const CHECK_ENTRIES: &str = "Valider écritures";
pub const ALLOW_EDIT: &str = "Autoriser édition";
pub const EDIT_ALLOWED: &str = "Édition autorisée pour une modification.";
pub const VOUCHER_EDITABLE: &str = "Pièce modifiable.";
pub const VOUCHER_READ_ONLY: &str =
    "Cette pièce ne peut pas être modifiée (voir son état de verrouillage).";
pub const TEMPLATE_REQUIRED: &str = "choisissez le modèle dont les écritures seront générées";
pub const AUDIT_VOUCHER: &str = "saisie de pièce";
pub const AUDIT_DELETE_VOUCHER: &str = "suppression de pièce";
pub const AUDIT_ALLOW_EDIT: &str = "autorisation d'édition";
pub const COL_TEMPLATE: &str = "Modèle";
pub const COL_TIERS: &str = "Tiers";
pub const COL_AMOUNT: &str = "Montant";

pub fn voucher_title(number: &str) -> String {
    format!("Pièce {number}")
}

pub fn document_unknown(number: &str) -> String {
    format!("Le document {number} n'existe plus (supprimé entre-temps ?).")
}

pub fn voucher_unknown(number: &str) -> String {
    format!("pièce {number} introuvable")
}

pub fn voucher_locked(reason: &str) -> String {
    format!("Pièce verrouillée : {reason}.")
}

pub fn voucher_from_treatment(origin: &str) -> String {
    format!("Pièce produite par un traitement ({origin}) : jamais modifiable ; supprimez le document qui l'a produite pour la régénérer.")
}

pub fn voucher_balanced(total: &str) -> String {
    format!("Pièce équilibrée et valide : {total} € au débit et au crédit.")
}

pub fn voucher_saved(number: &str) -> String {
    format!("Pièce {number} enregistrée.")
}

// Balance.
pub const BALANCE_BY_ACCOUNT: &str = "Générale (par compte)";
pub const BALANCE_BY_PARTY: &str = "Auxiliaire (par compte et tiers)";
pub const PRESENTATION: &str = "Présentation :";

// Catalogues.
pub const COL_COLLECTIVE: &str = "Collectif";
pub const COL_SIDE: &str = "Sens";
pub const COL_RECOVERABLE: &str = "Récup.";
pub const COL_ANALYTIC_REQUIRED: &str = "Analyt.";
pub const COL_START_SHORT: &str = "Début";
pub const COL_COUNTER_ACCOUNT: &str = "Contrepartie";
pub const COL_LOCKED_UNTIL: &str = "Verrouillé au";
pub const COL_JOURNAL_KIND: &str = "Type";
pub const COL_ORDER: &str = "Ordre";
pub const COL_ACCOUNT_CODE: &str = "Code compte";
pub const COL_TIERS_CODE: &str = "Code tiers";
pub const COL_PURPOSE: &str = "Objet";
pub const COL_PRORATA: &str = "Prorata";
pub const COL_SETTLEMENT: &str = "Régul.";
pub const COL_SERIES: &str = "Série";
pub const COL_YEAR: &str = "Année";
pub const COL_QUARTER: &str = "Trimestre";
pub const COL_INDEX_VALUE: &str = "Valeur";
pub const COL_BIC: &str = "BIC";

pub fn quarter(q: u8) -> String {
    format!("T{q}")
}

// Base et bailleur.
pub const DATABASE_OPEN: &str = "Base ouverte";
pub const OPEN_DATABASE: &str = "Ouvrir";
pub const OPEN_DATABASE_HINT: &str =
    "Indiquez le chemin d'un fichier .sqlite : une base inexistante est créée avec le bailleur de démonstration.";
pub const LANDLORD: &str = "Bailleur";
pub const VERIFY_TITLE: &str = "Vérifier la base";
pub const VERIFY_STEM: &str = "verification-base";
pub const VERIFY_HINT: &str =
    "Contrôle les invariants de la base (pièces équilibrées, numérotation, chaînage d'audit…), comme « abri verifier ».";
pub const VERIFY_BUTTON: &str = "Vérifier la base…";
pub const VERIFY_OPTIONS: &str =
    "Le contrôle lit toute la base sans rien modifier. Il tourne en tâche de fond : la fenêtre reste utilisable.";
pub const VERIFY_RUNNING: &str = "contrôle des invariants";
pub const SAVE_BEFORE_SWITCH: &str = "enregistrez ou abandonnez d'abord les modifications en cours";

pub fn verify_summary(problems: usize) -> String {
    if problems == 0 {
        "Base vérifiée : aucun problème.".to_string()
    } else {
        format!("{problems} problème(s) dans la base.")
    }
}

pub fn cannot_read_data(reason: &str) -> String {
    format!("impossible de lire les fiches du bailleur : {reason}")
}

// Fermeture de l'application.
pub const QUIT_UNSAVED: &str =
    "Des fiches ont des modifications non enregistrées. Quitter quand même ?";
pub const QUIT_WHILE_BUSY: &str = "Un traitement est en cours : attendez sa fin avant de quitter.";
pub const QUIT_YES: &str = "Quitter sans enregistrer";
pub const SHORTCUTS_HINT: &str = "Ctrl+N · Ctrl+S · Suppr · Échap · ↑ ↓ Entrée";

// Avis.
pub const NOTICES: &str = "Avis";
pub const DOCUMENTS_NOUN: &str = "documents";
pub const COL_NUMBER: &str = "Numéro";
pub const COL_DOCUMENT_KIND: &str = "Document";
/// En-tête court de la colonne du type de document (liste des avis).
pub const COL_DOCUMENT_TYPE: &str = "Type";
pub const COL_LEASE: &str = "Location";
pub const COL_PERIOD: &str = "Période";
pub const COL_DUE_DATE: &str = "Échéance";
pub const COL_NOTICE_PRINTED: &str = "Avis imp.";
pub const COL_NOTICE_PRINTED_SHORT: &str = "Avis";
pub const COL_RECEIPT_PRINTED_SHORT: &str = "Quitt.";
pub const COL_RECEIPT_PRINTED: &str = "Quitt. imp.";
pub const PANE_DOCUMENT: &str = "Document :";
pub const PANE_PRINTING: &str = "Impression :";
pub const NOTICE_NOT_PRINTED: &str = "Avis non imprimés";
pub const NOTICE_PRINTED: &str = "Avis imprimés";
pub const RECEIPT_NOT_PRINTED: &str = "Quittances non imprimées";
pub const RECEIPT_PRINTED: &str = "Quittances imprimées";
pub const MARK_PRINTED: &str = "Cocher « imprimé »";
pub const UNMARK_PRINTED: &str = "Décocher « imprimé »";
pub const PRINT_BUTTON: &str = "Imprimer (PDF)…";
pub const SELECT_FIRST: &str =
    "Sélectionnez d'abord un ou plusieurs documents dans la liste (clic, Ctrl+clic, Maj+clic).";
pub const DELETE_ONE_KIND: &str = "Pour supprimer plusieurs documents, choisissez d'abord une seule nature de documents dans le volet « Document ».";
pub const NOTHING_TO_PRINT: &str = "Aucun document affiché : rien à imprimer.";
pub const AUDIT_PRINTED: &str = "indicateurs d'impression";
pub const AUDIT_DELETE_DOCUMENTS: &str = "suppression de documents";
pub const PRINT_TITLE: &str = "Impression des documents";
pub const PRINT_STEM: &str = "avis";
pub const PRINT_DOCUMENTS: &str = "Les documents (avis, appels, factures)";
pub const PRINT_RECEIPTS: &str = "Les quittances et reçus";
pub const PRINT_ONE_FILE: &str = "Un seul fichier PDF";
pub const PRINT_PER_TENANT: &str = "Un fichier par locataire (dossier)";
pub const PRINT_WHAT_LABEL: &str = "Imprimer";
pub const PRINT_AT: &str = "Réglés au";
pub const PRINT_OUTPUT_LABEL: &str = "Sortie";
pub const PRINT_PATH: &str = "Fichier ou dossier";
pub const PRINT_MARK: &str = "Cocher l'indicateur « imprimé » des documents imprimés";
pub const PRINT_COLLECTING: &str = "documents lus";
pub const PRINT_RENDERING: &str = "documents mis en page";
pub const OPEN_PDF: &str = "Ouvrir le PDF";
pub const PREVIOUS_BALANCE: &str = "Solde antérieur";
pub const RECIPIENT: &str = "Destinataire";
pub const STATEMENT_LINES: &str = "Relevé depuis l'avis précédent";
pub const PERIOD_LINES: &str = "Lignes de la période";

/// Nature d'un document, en court pour la liste.
pub fn kind_short(kind: crate::model::DocumentKind) -> &'static str {
    use crate::model::DocumentKind as K;
    match kind {
        K::Notice => "Avis",
        K::DepositCall => "Appel DG",
        K::Invoice => "Facture",
        K::CreditNote => "Avoir",
        K::Settlement => "Solde TC",
    }
}

pub fn flags_changed(n: usize) -> String {
    format!("{n} document(s) mis à jour.")
}

pub fn documents_deleted(n: usize) -> String {
    format!("{n} document(s) supprimé(s) avec leur pièce comptable.")
}

pub fn confirm_delete_documents(n: usize) -> String {
    format!(
        "Supprimer {n} document(s) et leur pièce comptable ? Ils pourront être régénérés ensuite."
    )
}

pub fn print_scope(n: usize) -> String {
    format!("{n} document(s) : la sélection de la liste, ou tout ce qui est affiché.")
}

pub fn printed_summary(documents: usize, files: usize) -> String {
    format!("{documents} document(s) imprimé(s) dans {files} fichier(s) :")
}

pub fn document_title(kind: &str, number: &str) -> String {
    format!("{kind} {number}")
}

pub fn cannot_open_file(path: &Path, reason: &str) -> String {
    format!(
        "impossible d'ouvrir « {} » avec le programme du système : {reason}",
        path.display()
    )
}

// Génération des avis (fenêtre Locations).
pub const GENERATE_NOTICES: &str = "Générer les avis…";
pub const GEN_TITLE: &str = "Génération des avis d'échéance";
pub const GEN_STEM: &str = "generation-avis";
pub const GEN_PERIOD: &str = "Période (mois)";
pub const GEN_PERIOD_HINT: &str = "n'importe quel jour du mois : ramené au 1er";
pub const GEN_VALUE_DATE: &str = "Date de valeur";
pub const GEN_SCOPE: &str = "Locations";
pub const GEN_MESSAGE: &str = "Message sur les avis";
pub const GEN_HINT: &str = "« Lancer » simule la génération (rien n'est écrit) et montre le compte rendu ; « Appliquer » enregistre ensuite les avis et leurs pièces.";
pub const GEN_RUNNING: &str = "génération des avis";
pub const SCOPE_ALL: &str = "Toutes les locations";
pub const SCOPE_SELECTION: &str = "Les locations sélectionnées";
pub const SCOPE_CURRENT: &str = "La location ouverte";
pub const NOTICES_AFTER_SAVE: &str =
    "Les avis de la location s'affichent une fois la location enregistrée.";
pub const NO_NOTICE_YET: &str = "Aucun document pour cette location.";

pub fn leases_count(n: usize) -> String {
    format!("{n} location(s)")
}

pub fn field_error(field: &str, message: &str) -> String {
    format!("{field} : {message}")
}

pub fn notice_generated(lease: &str, tenant: &str, amount: &str, due: &str) -> String {
    format!("{lease} — {tenant} : avis de {amount} €, total à payer {due} €")
}

pub fn notice_skipped(lease: &str, tenant: &str, reason: &str) -> String {
    format!("{lease} — {tenant} : pas d'avis, {reason}")
}

pub fn notices_planned(generated: usize, leases: usize) -> String {
    format!("{generated} avis à générer sur {leases} location(s).")
}

pub fn notices_created(generated: usize, leases: usize) -> String {
    format!("{generated} avis enregistré(s) sur {leases} location(s).")
}

// Règlements.
pub const PAYMENTS: &str = "Règlements";
pub const PAYMENTS_TABLE: &str = "Saisie rapide des règlements";
pub const PAYMENTS_TITLE: &str = "Enregistrement des règlements";
pub const PAYMENTS_STEM: &str = "reglements";
pub const PAYMENTS_SAVING: &str = "règlements enregistrés";
pub const F_AUTO_BATCH: &str = "Numéro de saisie automatique";
pub const F_UPDATE_LEASE_MODE: &str = "Mettre à jour le mode de règlement des locations";
pub const F_BATCH_SHORT: &str = "Remise";
pub const F_VALUE_DATE_SHORT: &str = "Valeur";
pub const F_MODE_SHORT: &str = "Mode";
pub const F_PAYMENT_DATE_SHORT: &str = "Date règl.";
pub const F_DRAWN_BANK: &str = "Banque";
pub const NO_PAYMENT: &str = "Aucun règlement saisi : « + détail » ajoute une ligne.";
pub const PREVIEW: &str = "Ventiler";
pub const PREVIEW_HINT: &str = "« Ventiler » montre la ventilation automatique de chaque règlement sur les comptes du locataire, sans rien enregistrer ; « V » enregistre après confirmation.";
pub const ALLOCATION: &str = "Ventilation automatique";
pub const SLIP: &str = "Bordereau de remise en banque :";
pub const SLIP_BUTTON: &str = "Imprimer le bordereau (PDF)";

pub fn planned_payment(
    line: usize,
    tenant: &str,
    name: &str,
    amount: &str,
    mode: &str,
    batch: &str,
) -> String {
    let batch = if batch.is_empty() {
        String::new()
    } else {
        format!(", remise {batch}")
    };
    format!("Ligne {line} : {tenant} {name} — {amount} € ({mode}{batch})")
}

pub fn debit_of(amount: &str) -> String {
    format!("débit {amount}")
}

pub fn credit_of(amount: &str) -> String {
    format!("crédit {amount}")
}

pub fn payments_planned(n: usize, total: &str) -> String {
    format!("{n} règlement(s) à enregistrer, total {total} €.")
}

pub fn payments_saved(n: usize) -> String {
    format!("{n} règlement(s) enregistré(s).")
}

pub fn payment_line(number: &str, tenant: &str, name: &str, amount: &str) -> String {
    format!("pièce {number} : {tenant} {name}, {amount} €")
}

// Liste des règlements enregistrés, impayés, colonnes ajoutées aux locations, documents
// de la location (onglet Avis).
pub const PAYMENTS_NOUN: &str = "règlements";
pub const ENTER_PAYMENTS: &str = "Saisir des règlements";
pub const PAYMENTS_LIST_HINT: &str =
    "Double-clic ou Entrée sur un règlement : sa pièce s'ouvre dans la fenêtre Écritures.";
pub const COL_VALUE_DATE: &str = "Valeur";
pub const COL_TENANT_NAME: &str = "Nom";
pub const COL_MODE: &str = "Mode";
pub const COL_BATCH: &str = "Remise";
pub const COL_BANK: &str = "Banque";
pub const COL_PAYMENT_REFERENCE: &str = "Réf.";
pub const COL_ALLOCATION: &str = "Ventilation";
pub const PANE_JOURNAL: &str = "Journal :";
pub const PANE_MODE: &str = "Mode :";
pub const PANE_BATCH: &str = "Remise :";
pub const PANE_TENANT: &str = "Locataire :";
pub const BATCH_PLACEHOLDER: &str = "numéro de remise";

pub fn payments_total(count: usize, total: &str) -> String {
    format!("{count} règlement(s) — total {total} €")
}

/// Ventilation d'un règlement : « compte montant » de chaque compte crédité.
pub fn allocation_part(account: &str, amount: &str) -> String {
    format!("{account} {amount}")
}

pub const UNPAID: &str = "Impayés";
pub const UNPAID_TITLE: &str = "Impayés avec ancienneté";
pub const UNPAID_NOUN: &str = "locataires débiteurs";
pub const UNPAID_AT: &str = "Situation au";
pub const COL_UNITS: &str = "Lot(s)";
pub const COL_UNPAID_BALANCE: &str = "Solde dû";
pub const COL_OLDEST_DEBIT: &str = "Impayé depuis";
pub const UNPAID_TOTAL: &str = "Total";

pub const COL_LEASE_TENANT_NAME: &str = "Nom";
pub const COL_UNIT_ADDRESS: &str = "Adresse";

/// Adresse d'un lot dans la liste des locations : « rue, ville ».
pub fn unit_address(street: &str, city: &str) -> String {
    format!("{street}, {city}")
}

pub const VIEW_DOCUMENT: &str = "Voir le PDF";
pub const PRINT_DOCUMENT: &str = "Imprimer (PDF)";
pub const CHOOSE_DOCUMENT: &str = "Cliquez d'abord sur un document de la liste.";

pub fn document_stem(number: &str) -> String {
    format!("document-{number}")
}

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

// Appels du dépôt de garantie, factures et avoirs hors loyer (fenêtre Locations).
pub const CALL_DEPOSIT: &str = "Appeler le dépôt de garantie…";
pub const MISC_INVOICE: &str = "Facture hors loyer…";
pub const MISC_CREDIT_NOTE: &str = "Avoir hors loyer…";
pub const DEPOSIT_TITLE: &str = "Appel du dépôt de garantie";
pub const INVOICE_TITLE: &str = "Facture hors loyer";
pub const CREDIT_NOTE_TITLE: &str = "Avoir hors loyer";
pub const DEPOSIT_STEM: &str = "appel-depot-garantie";
pub const INVOICE_STEM: &str = "facture-hors-loyer";
pub const CREDIT_NOTE_STEM: &str = "avoir-hors-loyer";
pub const SIMULATION: &str = "Simulation";

// Solde de tout compte (fenêtre Locations, S14).
pub const SETTLEMENT_BUTTON: &str = "Solde de tout compte…";
pub const SETTLEMENT_TITLE: &str = "Solde de tout compte";
pub const SETTLEMENT_STEM: &str = "solde-de-tout-compte";
pub const SETTLEMENT_RUNNING: &str = "enregistrement du solde de tout compte";
pub const SETTLE_ACTION: &str = "Action";
pub const SETTLE_ESTABLISH: &str = "Établir le solde (retenue, dépôts)";
pub const SETTLE_REFUND: &str = "Terminer : rembourser le locataire";
pub const SETTLE_PAID: &str = "Terminer : règlement du locataire";
pub const SETTLE_WRITE_OFF: &str = "Terminer : perte ou profit exceptionnel";
pub const SETTLE_UNDO: &str = "Annuler le solde";
pub const SETTLE_WITHHOLDING: &str = "Retenue sur le dépôt";
pub const SETTLE_REASON: &str = "Motif de la retenue";
pub const SETTLE_VALUE_DATE_HINT: &str =
    "pas avant la dernière pièce du locataire ; le dernier avis doit être généré";

pub fn settlement_lease(lease: &str) -> String {
    format!("Location {lease}")
}

pub fn settlement_undo_preview(lease: &str, numbers: &str) -> String {
    format!("Annulation du solde de tout compte de la location {lease}\npièce(s) supprimée(s) par le grand livre : {numbers}")
}

pub fn settlement_undone(lease: &str, numbers: &str) -> String {
    format!("Solde de tout compte de la location {lease} annulé\npièce(s) supprimée(s) : {numbers}")
}
/// Menu Locations : traitement des fichiers CAF (S13).
pub const PROCESS_CAF_FILE: &str = "Traiter un fichier CAF…";
pub const ONE_OFF_RUNNING: &str = "enregistrement du document";
pub const F_DOCUMENT_REFERENCE: &str = "Référence (imprimée)";
pub const F_AMOUNT: &str = "Montant";
pub const F_SETTLEMENT: &str = "Règlement";
pub const BY_INSTALMENTS: &str = "Par échéances (sinon immédiat)";
pub const F_INSTALMENT: &str = "Montant de l'échéance";
pub const F_FIRST_INSTALMENT: &str = "Premier avis de l'échéancier";
pub const FIRST_INSTALMENT_HINT: &str =
    "l'échéance est rappelée sur chaque avis à partir de ce mois";
pub const F_DOCUMENT_MESSAGE: &str = "Message sur le document";
pub const VALUE_DATE_DEPOSIT_HINT: &str = "par défaut : début de la location";
pub const VALUE_DATE_TODAY_HINT: &str = "par défaut : date du jour";
pub const REFERENCE_REQUIRED: &str =
    "la référence est obligatoire pour une facture ou un avoir : elle figure sur le document";
pub const DEBIT_SIDE: &str = "Débit";
pub const CREDIT_SIDE: &str = "Crédit";

/// « LOC004 — M. NGUYEN Thanh ».
pub fn tenant_of_lease(tenant: &str, name: &str) -> String {
    if name.is_empty() {
        tenant.to_string()
    } else {
        format!("{tenant} — {name}")
    }
}

pub fn previous_deposits(amount: &str) -> String {
    format!("dépôts déjà appelés au locataire : {amount} € (l'appel ne demande que le complément)")
}

pub fn previous_deposits_line(amount: &str) -> String {
    format!("Dépôts déjà appelés au locataire sur ses locations : {amount} €.")
}

pub fn one_off_hint(template: &str) -> String {
    format!("« Simulation » montre le document et les écritures de la pièce {template} sans rien écrire ; « Appliquer » les enregistre ensuite. Le document paraît dans la fenêtre Avis, d'où il s'imprime ; il se supprime tant qu'aucun avis ne l'a suivi.")
}

pub fn planned_voucher(template: &str, journal: &str, date: &str) -> String {
    format!("Pièce {template} du {date}, journal {journal} :")
}

pub fn planned_entry(
    side: &str,
    account: &str,
    label: &str,
    tiers: Option<&str>,
    analytic: &str,
    amount: &str,
) -> String {
    let mut out = format!("      {side} {account}");
    if !label.is_empty() {
        out.push_str(&format!(" {label}"));
    }
    if let Some(tiers) = tiers {
        out.push_str(&format!(", tiers {tiers}"));
    }
    if !analytic.is_empty() {
        out.push_str(&format!(", analytique {analytic}"));
    }
    out.push_str(&format!(" : {amount} €"));
    out
}

pub fn planned_instalments(item: &str, amount: &str, first: &str) -> String {
    format!("Échéancier : rubrique « {item} » de {amount} € sur chaque avis à partir du {first}.")
}

pub fn document_message(message: &str) -> String {
    format!("Message imprimé : {message}")
}

pub fn one_off_planned(kind: &str, amount: &str, lease: &str, date: &str) -> String {
    format!("{kind} de {amount} € pour la location {lease}, au {date} : à enregistrer.")
}

pub fn one_off_created(kind: &str, number: &str, amount: &str, lease: &str) -> String {
    format!("{kind} {number} de {amount} € enregistré pour la location {lease}, avec sa pièce comptable : il figure dans la fenêtre Avis.")
}
pub const TREATMENTS: &str = "Traitements :";
pub const NOTHING_PLANNED: &str = "aucune simulation à appliquer : lancez d'abord « Simulation »";

// Fenêtres lisibles (issue 19) : titres de groupes de colonnes de la balance.
pub const BALANCE_GROUP_OPENING: &str = "Solde antérieur";
pub const BALANCE_GROUP_PERIOD: &str = "Période";
pub const BALANCE_GROUP_CLOSING: &str = "Nouveau solde";

// Référence tapée qui ne désigne aucune fiche (issue 19).
pub fn reference_not_found(label: &str, typed: &str) -> String {
    format!("{} « {typed} » introuvable", label.to_lowercase())
}

// Impression sur l'imprimante du système (issue 19).
pub const PRINT_TO_PRINTER: &str = "Imprimer…";
pub const PREVIEW_TITLE: &str = "Aperçu avant impression";
pub const PREVIEW_BACK: &str = "Retour";
pub const SEND_TO_PRINTER: &str = "Envoyer à l'imprimante";
pub const PREVIEW_UNAVAILABLE: &str =
    "aperçu indisponible : le premier document n'est pas dans la liste affichée";
pub fn preview_scope(files: usize) -> String {
    let files = if files > 1 {
        format!("{files} fichiers PDF")
    } else {
        "le fichier PDF".to_string()
    };
    format!("Première page : le premier document, lu des mêmes données que le PDF. « Envoyer à l'imprimante » imprime {files} sur l'imprimante par défaut du système.")
}
pub fn sent_to_printer(files: usize) -> String {
    if files > 1 {
        format!("{files} fichiers PDF envoyés à l'imprimante")
    } else {
        "PDF envoyé à l'imprimante".to_string()
    }
}

// Barre de menus (issue 19) : menu Fichier, un menu par groupe de fenêtres.
pub const MENU_FILE: &str = "Fichier";
pub const MENU_RENTALS: &str = "Gestion locative";
pub const MENU_ACCOUNTING: &str = "Comptabilité";
pub const MENU_CATALOGUES: &str = "Catalogues";
pub const MENU_OPEN_DATABASE: &str = "Ouvrir une base…";
pub const MENU_BACKUP: &str = "Sauvegarder une copie…";
pub const MENU_QUIT: &str = "Quitter";
pub const BACKUP_TITLE: &str = "Sauvegarder une copie de la base";
pub const BACKUP_HINT: &str = "La copie contient toute la base (tous les bailleurs), telle qu'elle est à cet instant. Gardez-la hors de cet ordinateur (clé USB, autre disque) ; elle s'ouvre par Fichier → Ouvrir une base…";
pub fn backup_written(path: &Path) -> String {
    format!("Copie de la base enregistrée : {}", path.display())
}

// Révision des loyers (issue 23) : fiche de la location, boîte « Réviser les loyers… ».
pub const REVISION_NO_TERMS: &str =
    "Aucune condition de révision : indiquez l'indice de référence ci-dessous.";
pub const REVISION_NO_INDEX: &str = "indice de référence non indiqué";
pub fn revision_terms_line(index: &str, last: &str, next: &str, auto: bool) -> String {
    let last = if last.is_empty() {
        "jamais".to_string()
    } else {
        last.to_string()
    };
    let auto = if auto { "automatique" } else { "manuelle" };
    format!("Indice de référence : {index} — dernière révision : {last} — prochaine révision : {next} (révision {auto})")
}
pub fn revision_expected(old: &str, new: &str, index: &str, value: &str) -> String {
    format!("Loyer attendu à la prochaine révision : {old} € → {new} € ({index} = {value})")
}
pub fn revision_unknown(reason: &str) -> String {
    format!("Loyer attendu à la prochaine révision : inconnu ({reason})")
}
pub const REVISE_RENTS: &str = "Réviser les loyers…";
pub const REVISION_TITLE: &str = "Révision des loyers";
pub const REVISION_STEM: &str = "revision-loyers";
pub const REVISION_DATE: &str = "Date de révision";
pub const REVISION_UNITS: &str = "Lots (vide : tous)";
pub const REVISION_UNITS_HINT: &str = "Références séparées par des virgules ou des espaces.";
pub const REVISION_LAST_KNOWN: &str =
    "Indice du trimestre absent : employer le dernier indice connu";
pub const REVISION_HINT_DIALOG: &str = "« Simulation » calcule le compte rendu sans rien écrire ; « Appliquer » révise ensuite les loyers. La révision ne s'annule pas.";
pub const REVISION_RUNNING: &str = "révision des loyers";
pub fn revision_summary(revised: usize, lines: usize, planned: bool) -> String {
    if planned {
        format!("{revised} lot(s) ou location(s) à réviser sur {lines} ; rien n'est encore écrit.")
    } else {
        format!("{revised} lot(s) ou location(s) révisé(e)s sur {lines}.")
    }
}
pub const COL_PUBLISHED: &str = "Publication";
pub const INDEX_SAVE: &str = "Enregistrer l'indice";
pub const INDEX_ENTRY_HINT: &str = "Valeur telle que l'INSEE la publie (IRL : 144,51 ; ICC : en points). Un trimestre présent se corrige, sauf s'il a servi à une révision ; la moyenne de l'ICC sur 4 trimestres est calculée par la révision.";
pub const TERMS_QUARTER: &str = "Trimestre de référence";
pub const TERMS_VALUE: &str = "Valeur";
pub const TERMS_LAST_REVISION: &str = "Dernière révision";
pub const TERMS_AUTO: &str = "Révision automatique";
pub const TERMS_SAVE: &str = "Enregistrer les conditions";
pub const TERMS_SAVED: &str = "Conditions de révision enregistrées.";
pub const TERMS_DPE: &str = "Classe énergétique (DPE)";
pub const TERMS_UNIT_HINT: &str = "Enregistrées avec la fiche (« V »). Logement classé F ou G : loyer gelé, la révision l'écarte (loi Climat et résilience).";
pub const TAB_UNIT_REVISION: &str = "Révision";
// Prélèvements bancaires (S15, manuel : « Les prélèvements bancaires »).
pub const DEBITS: &str = "Prélèvements";
pub const DEBIT_REJECTS: &str = "Rejets de prélèvements";
pub const MENU_GENERATE_DEBITS: &str = "Générer les prélèvements…";
pub const MENU_IMPORT_DEBITS: &str = "Importer fichier prélèvements";
pub const DEBITS_NOUN: &str = "prélèvements";
pub const DEBIT_REJECTS_NOUN: &str = "rejets";
pub const DEBITS_PERIOD_TITLE: &str = "Prélèvements — période des règlements";
pub const DEBITS_FROM: &str = "Début de la période";
pub const DEBITS_TO: &str = "Fin de la période";
pub const DEBITS_PERIOD_HINT: &str = "La liste retient les locations en prélèvement automatique, avec IBAN, BIC et R.U.M., dont la date de prélèvement tombe dans la période ; un prélèvement par locataire.";
pub const DEBITS_TO_BEFORE_FROM: &str =
    "la fin de la période est antérieure à son début : inversez les dates";
pub const DEBITS_CHANGE_PERIOD: &str = "Changer la période…";
pub const DEBITS_NO_LIST: &str = "Aucune liste : choisissez la période des prélèvements.";
pub const DEBITS_SKIPPED: &str = "Locations écartées";
pub const GENERATE_SEPA: &str = "Générer fichier SEPA";
pub const SEPA_TITLE: &str = "Fichier de prélèvements SEPA";
pub const SEPA_STEM: &str = "fichier-prelevements";
pub const SEPA_COLLECTION_DATE: &str = "Date de prélèvement";
pub const SEPA_VERSION: &str = "Version du message";
pub const SEPA_FILE: &str = "Fichier à écrire";
pub const SEPA_SAVE_TITLE: &str = "Enregistrer le fichier de prélèvements";
pub const SEPA_HINT: &str = "Le fichier pain.008 est écrit d'un coup et enregistré avec ses prélèvements : la même période ne peut pas partir deux fois. Aucune écriture comptable.";
pub const SEPA_RUNNING: &str = "Fichier de prélèvements";
pub const SEPA_NO_FILE: &str = "indiquez le fichier à écrire";
pub fn sepa_planned(n: usize, total: &str) -> String {
    format!("{n} prélèvement(s) à mettre dans le fichier, total {total} €")
}
pub fn sepa_written(n: usize, total: &str, path: &Path) -> String {
    format!(
        "Fichier écrit : {} — {n} prélèvement(s), total {total} €",
        path.display()
    )
}
pub const SEPA_NOTHING: &str = "Aucun prélèvement nouveau : aucun fichier à écrire";
pub const RETURN_TITLE: &str = "Importer un fichier de prélèvements";
pub const RETURN_STEM: &str = "retour-prelevements";
pub const RETURN_FILE: &str = "Fichier reçu de la banque";
pub const RETURN_OPEN_TITLE: &str = "Fichier de la banque (camt.054, pain.002)";
pub const RETURN_HINT: &str = "camt.054 : les prélèvements crédités deviennent des règlements (mode prélèvement). pain.002 : les rejets contre-passent le règlement. Un même fichier ne s'importe qu'une fois.";
pub const RETURN_RUNNING: &str = "Retour de la banque";
pub const RETURN_NO_FILE: &str = "indiquez le fichier reçu de la banque";
pub const RETURN_NOTHING: &str = "Rien à enregistrer";
pub fn return_planned(credited: usize, rejected: usize) -> String {
    format!("{credited} prélèvement(s) crédité(s), {rejected} rejet(s) à enregistrer")
}
pub fn return_saved(numbers: &[String]) -> String {
    if numbers.is_empty() {
        "Retour enregistré : aucune pièce passée".to_string()
    } else {
        format!(
            "Retour enregistré : {} pièce(s) passée(s) ({})",
            numbers.len(),
            numbers.join(", ")
        )
    }
}
pub const COL_IBAN: &str = "IBAN";
pub const COL_RUM: &str = "RUM";
pub const COL_RULE: &str = "Règle";
pub const COL_REJECTED_ON: &str = "Rejeté le";
pub const COL_REASON: &str = "Motif";
pub const COL_REVERSAL: &str = "Contre-passation";
pub const OK: &str = "OK";
pub fn debits_period(from: &str, to: &str) -> String {
    format!("du {from} au {to}")
}
pub fn skipped_title(n: usize) -> String {
    format!("{DEBITS_SKIPPED} : {n}")
}
pub fn debit_skipped(tenant: &str, name: &str, lease: &str, reason: &str) -> String {
    format!("{tenant} {name} ({lease}) : {reason}")
}

// == Mutation et fusion de locataires (issue 24, menus Locations et Locataires) ==
pub const TRANSFER_MENU: &str = "Mutation…";
pub const TRANSFER_TITLE: &str = "Mutation";
pub const TRANSFER_STEM: &str = "mutation";
pub const TRANSFER_RUNNING: &str = "mutation";
pub const TRANSFER_LEASE: &str = "Location quittée";
pub const TRANSFER_UNIT: &str = "Nouveau lot";
pub const TRANSFER_START: &str = "Début de la nouvelle location";
pub const TRANSFER_REFERENCE: &str = "Référence (vide : la suivante)";
pub const TRANSFER_DEPOSIT: &str = "Dépôt de garantie demandé";
pub const TRANSFER_COPY_ITEMS: &str = "Reprendre les rubriques";
pub const TRANSFER_COPY_PAYMENT: &str = "Reprendre le règlement (mode, prélèvement, IBAN, mandat)";
pub const TRANSFER_REQUIRED: &str = "à renseigner";
pub const TRANSFER_HINT: &str = "L'ancienne location sort la veille du début (motif mutation) ; les comptes du locataire continuent. Le dépôt demandé n'appelle que le complément du dépôt déjà détenu. « Simulation » n'écrit rien.";
pub const MERGE_MENU: &str = "Fusionner locataire…";
pub const MERGE_TITLE: &str = "Fusion de locataires";
pub const MERGE_STEM: &str = "fusion-locataires";
pub const MERGE_RUNNING: &str = "fusion des locataires";
pub const MERGE_KEPT: &str = "Fiche gardée";
pub const MERGE_ABSORBED: &str = "Fiche absorbée";
pub const MERGE_HINT: &str = "Nom et prénom doivent être les mêmes (casse et accents indifférents). Les locations, documents et pièces de la fiche absorbée passent à la fiche gardée ; la fiche absorbée est désactivée. « Simulation » n'écrit rien.";
// == fin mutation et fusion ==
