//! Sous-commandes de la révision des loyers (S12) : `revision loyers`,
//! `revision conditions`, et les listes `import indices` / `liste indices`. Appels
//! minces à `treatments::revision` et `treatments::indices`.

use std::path::Path;

use clap::Subcommand;

use super::{as_table, cli_user, read_input, CliError};
use crate::model::dates::parse_date;
use crate::model::money::parse_money;
use crate::model::{IndexSeries, Quarter, RevisionOwner, RevisionTerms};
use crate::store::Store;
use crate::treatments::indices;
use crate::treatments::revision::{self, RevisionRequest};

/// Actions de `revision`.
#[derive(Debug, Subcommand)]
pub enum RevisionAction {
    /// Révise les loyers des lots et de leurs locations à une date : IRL (ou ICC sur 4
    /// trimestres), révision automatique cochée, aucun avis pour la période ou après,
    /// location ni verrouillée ni terminée, logement non classé F ou G. Compte rendu de
    /// chaque location. Ne s'annule pas : essayez d'abord avec --simulation.
    Loyers {
        /// Date de révision (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Lot à réviser (plusieurs fois possible) ; par défaut tous.
        #[arg(long = "lot", value_name = "REF")]
        lots: Vec<String>,
        /// Compte rendu seulement : rien n'est écrit.
        #[arg(long)]
        simulation: bool,
        /// Sortie CSV (`;`, virgule décimale) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
        /// Indice du trimestre absent : employer le dernier indice présent au catalogue.
        #[arg(long = "dernier-indice-connu")]
        dernier_indice_connu: bool,
    },
    /// Conditions de révision d'un lot ou d'une location (série, indice de référence,
    /// dernière révision, révision automatique, classe DPE du lot).
    Conditions(ConditionsArgs),
}

/// Arguments de `revision conditions`.
#[derive(Debug, clap::Args)]
pub struct ConditionsArgs {
    /// Lot (référence).
    #[arg(long, value_name = "REF", conflicts_with = "location")]
    lot: Option<String>,
    /// Location (référence).
    #[arg(long, value_name = "REF")]
    location: Option<String>,
    /// Série : IRL (par défaut) ou ICC4.
    #[arg(long, value_name = "SERIE", default_value = "IRL")]
    serie: String,
    /// Trimestre de l'indice de référence (ex. 2023T3).
    #[arg(long, value_name = "TRIMESTRE")]
    trimestre: Option<String>,
    /// Valeur de l'indice de référence (ex. 141,03 ; pour l'ICC4 la moyenne sur 4 trimestres).
    #[arg(long, value_name = "VALEUR")]
    valeur: Option<String>,
    /// Date de la dernière révision (jj/mm/aaaa).
    #[arg(long = "derniere-revision", value_name = "DATE")]
    derniere_revision: Option<String>,
    /// Révision manuelle seulement (révision automatique décochée).
    #[arg(long)]
    manuelle: bool,
    /// Classe énergétique du lot (A à G).
    #[arg(long, value_name = "CLASSE")]
    dpe: Option<String>,
}

/// `revision …`.
pub fn revision(
    store: &mut Store,
    landlord: Option<&str>,
    action: &RevisionAction,
) -> Result<String, CliError> {
    match action {
        RevisionAction::Loyers {
            date,
            lots,
            simulation,
            csv,
            dernier_indice_connu,
        } => {
            let request = RevisionRequest {
                date: parse_date(date).map_err(|e| CliError(format!("--date : {e}")))?,
                units: lots.clone(),
                last_known: *dernier_indice_connu,
            };
            let session = store.session(landlord, &cli_user())?;
            let plan = revision::run(store, &session, &request, *simulation)
                .map_err(|e| CliError(e.to_string()))?;
            let text = revision::report_csv(&plan, request.date);
            if *csv {
                return Ok(text);
            }
            let done = if *simulation {
                format!("Simulation : {} lot(s) ou location(s) seraient révisé(e)s ; rien n'a été écrit.\n", plan.revised())
            } else {
                format!("{} lot(s) ou location(s) révisé(e)s.\n", plan.revised())
            };
            Ok(format!("{}{done}", as_table(&text)))
        }
        RevisionAction::Conditions(args) => conditions(store, landlord, args),
    }
}

/// `revision conditions` : enregistre les conditions d'un lot ou d'une location.
fn conditions(
    store: &mut Store,
    landlord: Option<&str>,
    args: &ConditionsArgs,
) -> Result<String, CliError> {
    let owner = match (&args.lot, &args.location) {
        (Some(lot), None) => RevisionOwner::Unit(lot.trim().to_string()),
        (None, Some(lease)) => RevisionOwner::Lease(lease.trim().to_string()),
        _ => return Err(CliError("indiquez --lot REF ou --location REF".to_string())),
    };
    let terms = RevisionTerms {
        series: IndexSeries::parse(&args.serie).map_err(|e| CliError(format!("--serie : {e}")))?,
        reference: args
            .trimestre
            .as_deref()
            .map(Quarter::parse)
            .transpose()
            .map_err(|e| CliError(format!("--trimestre : {e}")))?,
        reference_value: args
            .valeur
            .as_deref()
            .map(parse_money)
            .transpose()
            .map_err(|e| CliError(format!("--valeur : {e}")))?
            .unwrap_or_default(),
        last_revision: args
            .derniere_revision
            .as_deref()
            .map(parse_date)
            .transpose()
            .map_err(|e| CliError(format!("--derniere-revision : {e}")))?,
        auto: !args.manuelle,
        dpe_class: args.dpe.as_deref().unwrap_or("").trim().to_uppercase(),
        ..RevisionTerms::new(owner)
    };
    let session = store.session(landlord, &cli_user())?;
    store.write(&session, "conditions de révision", |repo| {
        repo.set_revision_terms(&terms)
    })?;
    Ok("Conditions de révision enregistrées.\n".to_string())
}

/// `import indices FICHIER.csv` : tout ou rien.
pub fn import_indices(
    store: &mut Store,
    landlord: Option<&str>,
    fichier: &Path,
) -> Result<String, CliError> {
    let bytes = read_input(fichier)?;
    let session = store.session(landlord, &cli_user())?;
    let done =
        indices::import_indices(store, &session, &bytes).map_err(|e| CliError(e.to_string()))?;
    Ok(format!(
        "Indices : {} ajouté(s), {} corrigé(s), {} inchangé(s).\n",
        done.added, done.corrected, done.unchanged
    ))
}

/// `liste indices [--csv]`.
pub fn liste_indices(store: &Store, landlord: Option<&str>, csv: bool) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let text = indices::export_indices(store, &session)?;
    Ok(if csv { text } else { as_table(&text) })
}
