//! Sous-commandes des locations et locataires pour la sortie (S14) : `location sortie`.
//! Appels minces à `treatments::move_out`.

use clap::Subcommand;

use super::{cli_user, CliError};
use crate::model::dates::parse_date;
use crate::model::{ExitInventory, MoveOutReason};
use crate::store::Store;
use crate::treatments::move_out::{self, MoveOutRequest};

/// Actions de `location`.
#[derive(Debug, Subcommand)]
pub enum LocationAction {
    /// Sortie du locataire : date et motif sur la location (le dernier avis se calcule
    /// au prorata, aucun avis ensuite), remise des clés et état des lieux de sortie
    /// (délai de restitution du dépôt, loi 1989 art. 22).
    Sortie {
        /// Référence de la location.
        #[arg(value_name = "LOCATION")]
        location: String,
        /// Date de sortie (jj/mm/aaaa) : dernier jour de présence.
        #[arg(long, value_name = "DATE")]
        date: String,
        /// depart | mutation | deces | expulsion | autre
        #[arg(long, value_name = "MOTIF")]
        motif: String,
        /// Date de remise des clés (jj/mm/aaaa).
        #[arg(long = "remise-cles", value_name = "DATE")]
        remise_cles: Option<String>,
        /// État des lieux de sortie comparé à celui d'entrée : conforme | different
        #[arg(long = "etat-des-lieux", value_name = "ÉTAT")]
        etat_des_lieux: Option<String>,
        /// Vérifie seulement : rien n'est enregistré.
        #[arg(long)]
        simulation: bool,
    },
}

/// Une date d'option, avec le nom de l'option dans le message.
pub(super) fn date_option(option: &str, text: &str) -> Result<chrono::NaiveDate, CliError> {
    parse_date(text).map_err(|m| CliError(format!("{option} : {m}")))
}

/// `location …`.
pub fn location(
    store: &mut Store,
    landlord: Option<&str>,
    action: &LocationAction,
) -> Result<String, CliError> {
    match action {
        LocationAction::Sortie {
            location,
            date,
            motif,
            remise_cles,
            etat_des_lieux,
            simulation,
        } => {
            let request = MoveOutRequest {
                lease: location.clone(),
                date: date_option("--date", date)?,
                reason: MoveOutReason::parse(motif)
                    .map_err(|m| CliError(format!("--motif : {m}")))?,
                keys_returned: remise_cles
                    .as_deref()
                    .map(|d| date_option("--remise-cles", d))
                    .transpose()?,
                inventory: etat_des_lieux
                    .as_deref()
                    .map(ExitInventory::parse)
                    .transpose()
                    .map_err(|m| CliError(format!("--etat-des-lieux : {m}")))?,
            };
            let session = store.session(landlord, &cli_user())?;
            let planned = move_out::run(store, &session, &request, *simulation)
                .map_err(|e| CliError(e.to_string()))?;
            Ok(move_out::report(&planned, *simulation))
        }
    }
}
