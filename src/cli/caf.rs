//! Sous-commandes des fichiers CAF (S13) : `caf traiter`, `caf revision`, `caf synthese`.
//! Appels minces à `treatments::caf`.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{as_table, cli_user, read_input, CliError};
use crate::store::Store;
use crate::treatments::caf::{
    self, payment_csv, payment_report, revision_report, RevisionSnapshot,
};
use crate::treatments::debit_file::write_atomically;

/// Actions de `caf`.
#[derive(Debug, Subcommand)]
pub enum CafAction {
    /// Traite un fichier de ventilation des paiements mensuels ou des régularisations :
    /// une pièce Loc_OD APL/AL (chaque locataire crédité ou débité, l'organisme payeur
    /// pour le total). Un fichier déjà traité remplace sa pièce précédente.
    Traiter {
        /// Fichier CAF reçu (ISO-8859-1 ou UTF-8).
        #[arg(value_name = "FICHIER")]
        fichier: PathBuf,
        /// Compte rendu seulement : rien n'est enregistré.
        #[arg(long)]
        simulation: bool,
        /// Compte rendu en CSV (`;`, UTF-8 avec BOM) au lieu du texte.
        #[arg(long)]
        csv: bool,
    },
    /// Remplit le fichier de révision annuelle des loyers (codes 1 à 4, loyer, numéro
    /// locataire, code programme) et l'écrit pour le retour à la CAF. N'enregistre rien.
    Revision {
        /// Fichier de révision reçu.
        #[arg(value_name = "FICHIER")]
        fichier: PathBuf,
        /// Fichier de retour à écrire.
        #[arg(short = 'o', long = "sortie", value_name = "RETOUR")]
        sortie: PathBuf,
    },
    /// Synthèse des aides au logement : par allocation de locataire, le dernier état CAF
    /// (date du fichier, payeur, nature, statut, gestion, montant) et la date de sortie.
    Synthese {
        /// Seulement les locataires présents ce mois-là (AAAA-MM).
        #[arg(long, value_name = "AAAA-MM")]
        mois: Option<String>,
        /// Sortie CSV (`;`, UTF-8 avec BOM) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
}

/// `caf …`.
pub fn caf(
    store: &mut Store,
    landlord: Option<&str>,
    action: &CafAction,
) -> Result<String, CliError> {
    match action {
        CafAction::Traiter {
            fichier,
            simulation,
            csv,
        } => traiter(store, landlord, fichier, *simulation, *csv),
        CafAction::Revision { fichier, sortie } => revision(store, landlord, fichier, sortie),
        CafAction::Synthese { mois, csv } => synthese(store, landlord, mois.as_deref(), *csv),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn traiter(
    store: &mut Store,
    landlord: Option<&str>,
    path: &Path,
    simulation: bool,
    csv: bool,
) -> Result<String, CliError> {
    let bytes = read_input(path)?;
    let session = store.session(landlord, &cli_user())?;
    let (plan, outcome) = caf::run_payments(store, &session, &bytes, &file_name(path), simulation)
        .map_err(|e| CliError(e.to_string()))?;
    Ok(if csv {
        payment_csv(&plan)
    } else {
        payment_report(&plan, outcome.as_ref())
    })
}

fn revision(
    store: &mut Store,
    landlord: Option<&str>,
    path: &Path,
    out: &Path,
) -> Result<String, CliError> {
    let bytes = read_input(path)?;
    let session = store.session(landlord, &cli_user())?;
    let code = store.landlord(&session)?.caf_code;
    let snapshot = RevisionSnapshot::load(&store.read(&session), &code)?;
    let plan = caf::plan_revision(&bytes, &snapshot).map_err(|e| CliError(e.to_string()))?;
    write_atomically(out, &plan.bytes).map_err(|e| {
        CliError(format!(
            "écriture du fichier « {} » impossible : {e}",
            out.display()
        ))
    })?;
    Ok(format!(
        "{}Fichier de retour écrit : {}\n",
        revision_report(&plan),
        out.display()
    ))
}

fn synthese(
    store: &Store,
    landlord: Option<&str>,
    mois: Option<&str>,
    csv: bool,
) -> Result<String, CliError> {
    let month = mois
        .map(|m| {
            chrono::NaiveDate::parse_from_str(&format!("{}-01", m.trim()), "%Y-%m-%d").map_err(
                |_| {
                    CliError(format!(
                        "--mois « {m} » : indiquez le mois sous la forme AAAA-MM"
                    ))
                },
            )
        })
        .transpose()?;
    let session = store.session(landlord, &cli_user())?;
    let repo = store.read(&session);
    let rows = caf::synthesis(
        &repo.tenants()?,
        &repo.leases()?,
        &repo.caf_statuses()?,
        month,
    );
    let text = caf::synthesis_csv(&rows);
    Ok(if csv { text } else { as_table(&text) })
}
