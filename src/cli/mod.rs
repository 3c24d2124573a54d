//! Ligne de commande : chaque sous-commande est un appel mince à la bibliothèque. Un
//! fichier par groupe de commandes ; `run` n'est que la table d'aiguillage.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

mod bench;
mod caf;
mod demo;
mod direct_debit;
mod documents;
mod french;
mod landlords;
mod ledger;
mod move_out;
mod payments;
mod records;
mod revision;
mod settlement;
mod statements;

pub use french::{command, parse, usage_error, Parsed};

use crate::model::DocumentKind;
use crate::store::{Store, StoreError};

/// Abri — gestion locative adaptée. Sans sous-commande, ouvre l'application.
#[derive(Debug, Parser)]
#[command(name = "abri", version, about, long_about = None)]
pub struct Cli {
    /// Fichier de la base (par défaut : la base de démonstration dans le dossier de
    /// données de l'utilisateur, créée au premier lancement).
    #[arg(long, global = true, value_name = "FICHIER")]
    pub db: Option<PathBuf>,
    /// Code du bailleur (par défaut : le premier de la base).
    #[arg(long, global = true, value_name = "CODE")]
    pub bailleur: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bailleurs : création (base neuve, sans la démonstration), liste.
    Bailleur {
        #[command(subcommand)]
        action: landlords::BailleurAction,
    },
    /// Crée (ou recrée) le bailleur de démonstration « DEMO », ses fiches et un an
    /// d'avis et de règlements.
    Demo {
        /// Sans l'historique : seulement les fiches et les pièces de janvier-février 2026.
        #[arg(long)]
        sans_historique: bool,
    },
    /// Importe une liste CSV (`;`, UTF-8 ou Windows-1252, virgule décimale, dates
    /// jj/mm/aaaa) : tout ou rien.
    Import {
        /// Dans l'ordre d'import : tiers | immeubles | lots | locataires | locations |
        /// periodes | rubriques-location | pieces | indices
        #[arg(value_name = "LISTE")]
        liste: String,
        /// Fichier CSV à importer.
        #[arg(value_name = "FICHIER.csv")]
        fichier: PathBuf,
    },
    /// Affiche une liste de fiches (tableau, ou CSV réimportable avec --csv).
    Liste {
        /// immeubles | lots | locataires | tiers | locations | rubriques-location | periodes | pieces | indices
        /// | depots-a-restituer
        #[arg(value_name = "LISTE")]
        liste: String,
        /// Sortie CSV (`;`, UTF-8 avec BOM) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
    /// Contrôle les invariants de la base ; code de sortie non nul s'il y a un problème.
    Verifier,
    /// Situation des comptes sur une période, ou situation d'un locataire (--locataire).
    Situation(statements::SituationArgs),
    /// Crée (ou recrée) un grand bailleur reproductible « GRAND » pour les mesures :
    /// N locations et M mois d'avis et de règlements faits par les traitements.
    Generer(demo::GenerateArgs),
    /// Mesures de performance (base de mesure créée à part, jamais --db).
    Bench(bench::BenchArgs),
    /// Verrouillage des saisies : sans option, affiche les réglages.
    Verrouillage(ledger::LockArgs),
    /// Pièces comptables.
    Piece {
        #[command(subcommand)]
        action: ledger::PieceAction,
    },
    /// Exports comptables.
    Export {
        #[command(subcommand)]
        format: ledger::ExportFormat,
    },
    /// Avis d'échéance et documents des locataires : génération, liste, impression.
    Avis {
        #[command(subcommand)]
        action: documents::AvisAction,
    },
    /// Quittances (avis réglés) et reçus (avis réglés en partie), en PDF.
    Quittance {
        #[command(flatten)]
        selection: documents::Selection,
        /// Date à laquelle les règlements sont comptés (par défaut aujourd'hui).
        #[arg(long, value_name = "DATE")]
        au: Option<String>,
        #[command(flatten)]
        sortie: documents::Sortie,
        /// Coche l'indicateur « quittance imprimée ».
        #[arg(long)]
        marquer: bool,
    },
    /// Dépôt de garantie : appel (document, pièce, échéancier).
    DepotGarantie {
        #[command(subcommand)]
        action: documents::DepotAction,
    },
    /// Facture hors loyer (pièce Loc_FACT DV).
    Facture(documents::OneOffArgs),
    /// Avoir hors loyer (pièce Loc_AVOIR DV).
    Avoir(documents::OneOffArgs),
    /// Règlements des locataires : saisie, import d'un lot.
    Reglement {
        #[command(subcommand)]
        action: payments::ReglementAction,
    },
    /// Remises en banque : bordereau de remise.
    Remise {
        #[command(subcommand)]
        action: payments::RemiseAction,
    },
    /// Prélèvements bancaires SEPA : liste des prélèvements d'une période.
    Prelevement {
        #[command(subcommand)]
        action: direct_debit::PrelevementAction,
    },
    /// Impayés par locataire avec leur ancienneté (0-30, 31-60, 61-90, plus de 90 jours).
    Impayes {
        /// Date de la liste (jj/mm/aaaa ; par défaut aujourd'hui).
        #[arg(long, value_name = "DATE")]
        au: Option<String>,
        /// Sortie CSV (`;`, UTF-8 avec BOM, virgule décimale) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
    /// Balance comptable (6 colonnes) sur une période.
    Balance(statements::BalanceArgs),
    /// Révision des loyers (IRL ou ICC) et conditions de révision des lots et locations.
    Revision {
        #[command(subcommand)]
        action: revision::RevisionAction,
    },
    /// Locations : sortie du locataire, mutation vers un autre lot (S14).
    Location {
        #[command(subcommand)]
        action: move_out::LocationAction,
    },
    /// Locataires : fusion de deux fiches d'un même locataire.
    Locataire {
        #[command(subcommand)]
        action: move_out::LocataireAction,
    },
    /// Solde de tout compte d'un départ définitif : retenue sur le dépôt et virement des
    /// dépôts détenus (--date-valeur, --retenue, --motif), puis sa fin (--fin
    /// reglement|remboursement|perte), ou son annulation (--annuler).
    SoldeToutCompte(settlement::SettlementArgs),
    /// Fichiers CAF (aides au logement) : paiements, régularisations, révision, synthèse.
    Caf {
        #[command(subcommand)]
        action: caf::CafAction,
    },
}

/// Une erreur de commande, déjà formulée pour l'utilisateur.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(pub String);

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError(e.to_string())
    }
}

/// Lit un fichier donné sur la ligne de commande, avec la raison d'un échec en français.
/// Le codage du texte est l'affaire du lecteur (`csv_lists::decode_text`).
fn read_input(path: &Path) -> Result<Vec<u8>, CliError> {
    use std::io::ErrorKind;
    std::fs::read(path).map_err(|e| {
        let shown = path.display();
        CliError(match e.kind() {
            ErrorKind::NotFound => format!("le fichier « {shown} » n'existe pas"),
            ErrorKind::PermissionDenied => {
                format!("le fichier « {shown} » ne peut pas être lu : accès refusé")
            }
            ErrorKind::IsADirectory => format!("« {shown} » est un dossier, pas un fichier"),
            _ => format!("le fichier « {shown} » ne peut pas être lu (erreur du système : {e})"),
        })
    })
}

/// Utilisateur inscrit au journal d'audit pour la ligne de commande.
fn cli_user() -> String {
    std::env::var("USER")
        .map(|u| format!("cli:{u}"))
        .unwrap_or_else(|_| "cli".to_string())
}

impl Command {
    /// Commandes qui peuvent créer le fichier de la base : celles qui créent un
    /// bailleur. Les autres refusent une base absente au lieu de laisser un fichier vide.
    fn creates_database(&self) -> bool {
        matches!(
            self,
            Command::Demo { .. }
                | Command::Generer(_)
                | Command::Bailleur {
                    action: landlords::BailleurAction::Creer(_)
                }
        )
    }
}

/// Exécute une sous-commande ; renvoie le texte à afficher.
///
/// Une base absente n'est créée que par `bailleur creer`, `demo` et `generer` ; si la
/// commande échoue, le fichier qu'elle vient de créer est retiré : aucun échec ne laisse
/// de base vide derrière lui.
pub fn run(db: &Path, landlord: Option<&str>, command: &Command) -> Result<String, CliError> {
    // la mesure crée sa propre base, jamais --db
    if let Command::Bench(args) = command {
        return bench::run(args);
    }
    if db.exists() {
        let mut store = Store::open(db)?;
        return dispatch(&mut store, db, landlord, command);
    }
    if !command.creates_database() {
        return Err(CliError(format!(
            "la base « {} » n'existe pas : vérifiez le chemin, ou créez-la avec « abri --db {} bailleur creer --code CODE --nom NOM » (ou « abri --db {} demo »)",
            db.display(),
            db.display(),
            db.display()
        )));
    }
    let result = Store::open(db)
        .map_err(CliError::from)
        .and_then(|mut store| dispatch(&mut store, db, landlord, command));
    if result.is_err() {
        remove_new_database(db);
    }
    result
}

/// Retire une base que la commande vient de créer et n'a pas menée à bien (le fichier
/// et ses journaux SQLite), une fois la connexion fermée.
fn remove_new_database(db: &Path) {
    let mut files = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        files.push(PathBuf::from(name));
    }
    for file in files {
        // Un fichier déjà absent n'est pas une erreur ; l'échec de la commande, lui,
        // est rendu tel quel.
        let _ = std::fs::remove_file(file);
    }
}

/// La table d'aiguillage, sur une base ouverte.
fn dispatch(
    store: &mut Store,
    db: &Path,
    landlord: Option<&str>,
    command: &Command,
) -> Result<String, CliError> {
    match command {
        Command::Bailleur { action } => landlords::bailleur(store, action),
        Command::Demo { sans_historique } => demo::demo(store, db, *sans_historique),
        Command::Generer(args) => demo::generer(store, db, args),
        // -- révision des loyers (S12) : le catalogue des indices, partagé
        Command::Import { liste, fichier } if liste.trim() == "indices" => {
            revision::import_indices(store, landlord, fichier)
        }
        Command::Liste { liste, csv } if liste.trim() == "indices" => {
            revision::liste_indices(store, landlord, *csv)
        }
        Command::Revision { action } => revision::revision(store, landlord, action),
        // -- fin révision des loyers
        Command::Import { liste, fichier } => records::import(store, landlord, liste, fichier),
        Command::Liste { liste, csv } if liste.trim() == "depots-a-restituer" => {
            settlement::depots_a_restituer(store, landlord, *csv)
        }
        Command::Liste { liste, csv } => records::liste(store, landlord, liste, *csv),
        Command::Balance(args) => statements::balance(store, landlord, args),
        Command::Situation(args) => statements::situation(store, landlord, args),
        Command::Piece { action } => ledger::piece(store, landlord, action),
        Command::Verrouillage(args) => ledger::lock_settings(store, landlord, args),
        Command::Export { format } => ledger::export(store, landlord, format),
        Command::Verifier => ledger::verify(store, db),
        Command::Avis { action } => documents::avis(store, landlord, action),
        Command::Quittance {
            selection,
            au,
            sortie,
            marquer,
        } => documents::quittance(store, landlord, selection, au.as_deref(), sortie, *marquer),
        Command::DepotGarantie {
            action: documents::DepotAction::Appeler(args),
        } => documents::one_off(store, landlord, DocumentKind::DepositCall, args),
        Command::Facture(args) => documents::one_off(store, landlord, DocumentKind::Invoice, args),
        Command::Avoir(args) => documents::one_off(store, landlord, DocumentKind::CreditNote, args),
        Command::Reglement { action } => payments::reglement(store, landlord, action),
        Command::Remise { action } => payments::remise(store, landlord, action),
        Command::Prelevement { action } => direct_debit::prelevement(store, landlord, action),
        Command::Impayes { au, csv } => payments::impayes(store, landlord, au.as_deref(), *csv),
        Command::Location { action } => move_out::location(store, landlord, action),
        Command::Locataire { action } => move_out::locataire(store, landlord, action),
        Command::SoldeToutCompte(args) => settlement::solde_tout_compte(store, landlord, args),
        Command::Caf { action } => caf::caf(store, landlord, action),
        Command::Bench(_) => Err(CliError("mesure déjà traitée".to_string())),
    }
}

/// Met une liste CSV en colonnes alignées pour le terminal.
fn as_table(csv_text: &str) -> String {
    let text = csv_text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, s)| format!("{s:<width$}", width = widths.get(c).copied().unwrap_or(0)))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&format!("{} ligne(s)\n", rows.len().saturating_sub(1)));
    out
}
