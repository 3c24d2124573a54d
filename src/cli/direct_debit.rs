//! Sous-commandes des prélèvements bancaires (S15) : `prelevement liste`,
//! `prelevement fichier`, `prelevement retour` et `prelevement rejets`. Appels minces à
//! `treatments::direct_debit`, `treatments::debit_file` et `treatments::debit_return`.

use std::path::PathBuf;

use clap::Subcommand;

use super::{as_table, cli_user, CliError};
use crate::formats::sepa::PainVersion;
use crate::model::dates::{format_date, parse_date};
use crate::store::Store;
use crate::treatments::debit_file::{self, file_report, FileOptions};
use crate::treatments::debit_return::{self, rejects_csv, return_report};
use crate::treatments::direct_debit::{debit_csv, load, plan, DebitOptions};

/// Actions de `prelevement`.
#[derive(Debug, Subcommand)]
pub enum PrelevementAction {
    /// Liste des prélèvements dont la date tombe dans la période : un par locataire
    /// (location la plus récente), montant selon la règle du manuel (forfait alt.,
    /// forfait période, avis période, Solde ; « /max » si écrêté au solde), locations
    /// écartées avec leur raison. N'écrit rien.
    Liste {
        /// Début de la période des dates de prélèvement (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        du: String,
        /// Fin de la période, incluse (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        au: String,
        /// Sortie CSV (`;`, virgule décimale) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
    /// Fichier de prélèvements SEPA (pain.008) pour la banque : les prélèvements de la
    /// liste de la période, sauf ceux déjà dans un fichier enregistré (nommés dans le
    /// compte rendu) ; FRST pour le premier prélèvement d'un mandat, RCUR ensuite. Le
    /// fichier est écrit d'un coup et enregistré avec ses prélèvements ; aucune écriture
    /// comptable.
    Fichier {
        /// Début de la période des dates de prélèvement (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        du: String,
        /// Fin de la période, incluse (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        au: String,
        /// Date d'échéance demandée à la banque (jj/mm/aaaa), aujourd'hui au plus tôt.
        #[arg(long = "date-prelevement", value_name = "DATE")]
        date_prelevement: String,
        /// Fichier XML à écrire.
        #[arg(short = 'o', long = "sortie", value_name = "FICHIER")]
        sortie: PathBuf,
        /// Version du message : 08 (pain.008.001.08, par défaut) ou 02 (pain.008.001.02).
        #[arg(long, value_name = "08|02", default_value = "08")]
        version: String,
        /// Compte rendu seulement : aucun fichier écrit, rien d'enregistré.
        #[arg(long)]
        simulation: bool,
    },
    /// Import d'un retour de la banque : camt.054 (prélèvements crédités → règlements
    /// en mode prélèvement, une remise par date) ou pain.002 (rejets → contre-passation
    /// du règlement s'il était passé, liste des rejets). Un même fichier ne s'importe
    /// qu'une fois ; une référence inconnue est signalée, jamais devinée.
    Retour {
        /// Fichier XML reçu de la banque.
        #[arg(value_name = "FICHIER")]
        fichier: PathBuf,
        /// Compte rendu seulement : rien d'enregistré.
        #[arg(long)]
        simulation: bool,
    },
    /// Liste de suivi des prélèvements rejetés, avec le motif en français.
    Rejets {
        /// Sortie CSV (`;`, virgule décimale) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
}

/// `prelevement …`.
pub fn prelevement(
    store: &mut Store,
    landlord: Option<&str>,
    action: &PrelevementAction,
) -> Result<String, CliError> {
    match action {
        PrelevementAction::Liste { du, au, csv } => liste(store, landlord, du, au, *csv),
        PrelevementAction::Retour {
            fichier,
            simulation,
        } => retour(store, landlord, fichier, *simulation),
        PrelevementAction::Rejets { csv } => rejets(store, landlord, *csv),
        PrelevementAction::Fichier {
            du,
            au,
            date_prelevement,
            sortie,
            version,
            simulation,
        } => {
            let version = match version.trim() {
                "08" | "8" | "001.08" => PainVersion::V08,
                "02" | "2" | "001.02" => PainVersion::V02,
                other => {
                    return Err(CliError(format!(
                    "--version « {other} » inconnue : 08 (pain.008.001.08) ou 02 (pain.008.001.02)"
                )))
                }
            };
            let collection_date = parse_date(date_prelevement)
                .map_err(|m| CliError(format!("--date-prelevement : {m}")))?;
            let options = FileOptions {
                collection_date,
                version,
                now: chrono::Local::now().naive_local(),
            };
            let window = window(du, au)?;
            fichier(store, landlord, &window, &options, sortie, *simulation)
        }
    }
}

/// La période `--du` `--au`, contrôlée.
fn window(du: &str, au: &str) -> Result<DebitOptions, CliError> {
    let from = parse_date(du).map_err(|m| CliError(format!("--du : {m}")))?;
    let to = parse_date(au).map_err(|m| CliError(format!("--au : {m}")))?;
    if to < from {
        return Err(CliError(
            "--au est antérieur à --du : inversez les dates".to_string(),
        ));
    }
    Ok(DebitOptions { from, to })
}

/// `prelevement fichier` : le compte rendu du plan, puis (hors simulation) le fichier
/// écrit et enregistré (`debit_file::run`).
fn fichier(
    store: &mut Store,
    landlord: Option<&str>,
    window: &DebitOptions,
    options: &FileOptions,
    path: &std::path::Path,
    simulation: bool,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let (file_plan, written) = debit_file::run(store, &session, window, options, path, simulation)
        .map_err(|e| CliError(e.to_string()))?;
    let report = file_report(&file_plan);
    if written {
        Ok(format!("{report}Fichier écrit : {}\n", path.display()))
    } else if simulation && file_plan.file.is_some() {
        Ok(format!(
            "{report}Simulation : aucun fichier écrit, rien d'enregistré.\n"
        ))
    } else {
        Ok(report)
    }
}

/// `prelevement retour FICHIER [--simulation]`.
fn retour(
    store: &mut Store,
    landlord: Option<&str>,
    path: &std::path::Path,
    simulation: bool,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let (plan, numbers) = debit_return::run(store, &session, path, simulation)
        .map_err(|e| CliError(e.to_string()))?;
    let report = return_report(&plan);
    Ok(if simulation && plan.has_work() {
        format!("{report}Simulation : rien d'enregistré.\n")
    } else if plan.has_work() {
        format!(
            "{report}Retour enregistré : {} pièce(s) passée(s){}.\n",
            numbers.len(),
            if numbers.is_empty() {
                String::new()
            } else {
                format!(" ({})", numbers.join(", "))
            }
        )
    } else {
        report
    })
}

/// `prelevement rejets [--csv]`.
fn rejets(store: &Store, landlord: Option<&str>, csv: bool) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let rows = debit_return::rejects(&store.read(&session))?;
    let text = rejects_csv(&rows);
    Ok(if csv {
        text
    } else if rows.is_empty() {
        "Aucun prélèvement rejeté.\n".to_string()
    } else {
        format!("Prélèvements rejetés :\n{}", as_table(&text))
    })
}

/// `prelevement liste --du --au [--csv]`.
fn liste(
    store: &Store,
    landlord: Option<&str>,
    du: &str,
    au: &str,
    csv: bool,
) -> Result<String, CliError> {
    let options = window(du, au)?;
    let (from, to) = (options.from, options.to);
    let session = store.session(landlord, &cli_user())?;
    let snapshot = load(&store.read(&session), &options)?;
    let list = plan(&snapshot, &options);
    let text = debit_csv(&list);
    Ok(if csv {
        text
    } else {
        format!(
            "Prélèvements du {} au {} :\n{}",
            format_date(from),
            format_date(to),
            as_table(&text)
        )
    })
}
