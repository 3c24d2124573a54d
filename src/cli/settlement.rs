//! `solde-tout-compte` (S14) et `liste depots-a-restituer` : appels minces à
//! `treatments::settlement` et `treatments::deposit_return`.

use clap::Args;

use super::move_out::date_option;
use super::{as_table, cli_user, CliError};
use crate::model::money::parse_money;
use crate::model::{Money, PaymentMode};
use crate::store::Store;
use crate::treatments::deposit_return::{deposits_csv, deposits_to_return};
use crate::treatments::settlement::{self, Ending, EndingRequest, SettlementRequest};

/// Options de `solde-tout-compte`.
#[derive(Debug, Args)]
pub struct SettlementArgs {
    /// Référence de la location (départ définitif, dernier avis généré).
    #[arg(value_name = "LOCATION")]
    pub location: String,
    /// Date de valeur (jj/mm/aaaa), pas avant la dernière pièce du locataire.
    #[arg(long = "date-valeur", value_name = "DATE")]
    pub date_valeur: Option<String>,
    /// Retenue sur le dépôt de garantie (au plus le dépôt détenu).
    #[arg(long, value_name = "MONTANT")]
    pub retenue: Option<String>,
    /// Motif de la retenue (obligatoire avec une retenue).
    #[arg(long, value_name = "TEXTE", default_value = "")]
    pub motif: String,
    /// Termine le solde : reglement | remboursement | perte (perte : comptable ou
    /// administrateur).
    #[arg(long, value_name = "FIN")]
    pub fin: Option<String>,
    /// Mode du règlement ou du remboursement (par défaut : celui de la location ;
    /// virement pour un remboursement).
    #[arg(long, value_name = "MODE")]
    pub mode: Option<String>,
    /// Annule le solde (pièces supprimées) tant qu'il n'est pas terminé.
    #[arg(long)]
    pub annuler: bool,
    /// Compte rendu seulement : rien n'est enregistré.
    #[arg(long)]
    pub simulation: bool,
}

/// `solde-tout-compte …`.
pub fn solde_tout_compte(
    store: &mut Store,
    landlord: Option<&str>,
    args: &SettlementArgs,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let fail = |e: settlement::SettlementError| CliError(e.to_string());
    if args.annuler {
        let removed = settlement::run_undo(store, &session, &args.location).map_err(fail)?;
        return Ok(format!(
            "solde de tout compte de la location {} annulé : pièce(s) {} supprimée(s)\n",
            args.location.trim(),
            removed.join(", ")
        ));
    }
    let value_date = match &args.date_valeur {
        Some(text) => date_option("--date-valeur", text)?,
        None => return Err(CliError("indiquez --date-valeur (jj/mm/aaaa)".to_string())),
    };
    if let Some(fin) = &args.fin {
        let request = EndingRequest {
            lease: args.location.clone(),
            value_date,
            ending: Ending::parse(fin).map_err(|m| CliError(format!("--fin : {m}")))?,
            payment_mode: args
                .mode
                .as_deref()
                .map(PaymentMode::parse)
                .transpose()
                .map_err(|m| CliError(format!("--mode : {m}")))?,
        };
        let (planned, number) =
            settlement::run_ending(store, &session, &request, args.simulation).map_err(fail)?;
        return Ok(settlement::ending_report(&planned, number.as_deref()));
    }
    let withholding = match &args.retenue {
        Some(text) => parse_money(text).map_err(|m| CliError(format!("--retenue : {m}")))?,
        None => Money::ZERO,
    };
    let request = SettlementRequest {
        lease: args.location.clone(),
        value_date,
        withholding,
        reason: args.motif.clone(),
    };
    let (planned, numbers) =
        settlement::run(store, &session, &request, args.simulation).map_err(fail)?;
    Ok(settlement::report(&planned, &numbers))
}

/// `liste depots-a-restituer` : au jour de la commande.
pub fn depots_a_restituer(
    store: &Store,
    landlord: Option<&str>,
    csv: bool,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let today = chrono::Local::now().date_naive();
    let rows = deposits_to_return(&store.read(&session), today)?;
    let text = deposits_csv(&rows);
    Ok(if csv { text } else { as_table(&text) })
}
