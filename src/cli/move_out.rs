//! Sous-commandes des locations et locataires pour la sortie (S14) : `location sortie`,
//! `location mutation`, `locataire fusionner`. Appels minces à `treatments::move_out`,
//! `treatments::transfer` et `treatments::merge`.

use clap::Subcommand;

use super::{cli_user, CliError};
use crate::model::dates::parse_date;
use crate::model::money::parse_money;
use crate::model::{ExitInventory, MoveOutReason};
use crate::store::Store;
use crate::treatments::merge;
use crate::treatments::move_out::{self, MoveOutRequest};
use crate::treatments::transfer::{self, TransferRequest};

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
    /// Mutation : le locataire change de logement ; l'ancienne location sort la veille
    /// (motif mutation), une nouvelle location commence pour le même locataire, ses
    /// comptes continuent ; le dépôt demandé n'appelle que le complément du dépôt détenu.
    Mutation {
        /// Référence de l'ancienne location.
        #[arg(value_name = "LOCATION")]
        location: String,
        /// Lot du nouveau logement.
        #[arg(long, value_name = "LOT")]
        lot: String,
        /// Début de la nouvelle location (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        debut: String,
        /// Référence de la nouvelle location (par défaut : la suivante, BAIL###).
        #[arg(long, value_name = "REF", default_value = "")]
        reference: String,
        /// Dépôt de garantie demandé pour le nouveau logement : seul le complément du
        /// dépôt déjà détenu est appelé.
        #[arg(long, value_name = "MONTANT")]
        depot: Option<String>,
        /// Ne reprend pas les rubriques en cours de l'ancienne location.
        #[arg(long = "sans-rubriques")]
        sans_rubriques: bool,
        /// Ne reprend pas le mode de règlement ni les coordonnées bancaires.
        #[arg(long = "sans-reglement")]
        sans_reglement: bool,
        /// Vérifie seulement : rien n'est enregistré.
        #[arg(long)]
        simulation: bool,
    },
}

/// Actions de `locataire`.
#[derive(Debug, Subcommand)]
pub enum LocataireAction {
    /// Fusionne deux fiches d'un même locataire (mêmes nom et prénom, casse et accents
    /// indifférents) : locations, documents et pièces passent à la fiche gardée, la fiche
    /// absorbée est désactivée.
    Fusionner {
        /// Fiche gardée.
        #[arg(value_name = "REF_GARDE")]
        garde: String,
        /// Fiche absorbée (désactivée).
        #[arg(value_name = "REF_ABSORBE")]
        absorbe: String,
        /// Vérifie seulement : rien n'est enregistré.
        #[arg(long)]
        simulation: bool,
    },
}

/// `locataire …`.
pub fn locataire(
    store: &mut Store,
    landlord: Option<&str>,
    action: &LocataireAction,
) -> Result<String, CliError> {
    let LocataireAction::Fusionner {
        garde,
        absorbe,
        simulation,
    } = action;
    let session = store.session(landlord, &cli_user())?;
    let planned = merge::run(store, &session, garde, absorbe, *simulation)
        .map_err(|e| CliError(e.to_string()))?;
    Ok(merge::report(&planned, *simulation))
}

/// `location mutation`.
fn mutation(
    store: &mut Store,
    landlord: Option<&str>,
    request: &TransferRequest,
    simulation: bool,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let planned =
        transfer::run(store, &session, request, simulation).map_err(|e| CliError(e.to_string()))?;
    Ok(transfer::report(&planned, simulation))
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
        LocationAction::Mutation {
            location,
            lot,
            debut,
            reference,
            depot,
            sans_rubriques,
            sans_reglement,
            simulation,
        } => {
            let request = TransferRequest {
                lease: location.clone(),
                unit: lot.clone(),
                start: date_option("--debut", debut)?,
                new_reference: reference.clone(),
                copy_items: !sans_rubriques,
                copy_payment: !sans_reglement,
                deposit: depot
                    .as_deref()
                    .map(parse_money)
                    .transpose()
                    .map_err(|m| CliError(format!("--depot : {m}")))?,
            };
            mutation(store, landlord, &request, *simulation)
        }
    }
}
