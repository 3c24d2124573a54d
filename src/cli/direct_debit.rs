//! Sous-commandes des prélèvements bancaires (S15) : `prelevement liste`. Appel mince à
//! `treatments::direct_debit`.

use clap::Subcommand;

use super::{as_table, cli_user, CliError};
use crate::model::dates::{format_date, parse_date};
use crate::store::Store;
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
}

/// `prelevement …`.
pub fn prelevement(
    store: &Store,
    landlord: Option<&str>,
    action: &PrelevementAction,
) -> Result<String, CliError> {
    match action {
        PrelevementAction::Liste { du, au, csv } => liste(store, landlord, du, au, *csv),
    }
}

/// `prelevement liste --du --au [--csv]`.
fn liste(
    store: &Store,
    landlord: Option<&str>,
    du: &str,
    au: &str,
    csv: bool,
) -> Result<String, CliError> {
    let from = parse_date(du).map_err(|m| CliError(format!("--du : {m}")))?;
    let to = parse_date(au).map_err(|m| CliError(format!("--au : {m}")))?;
    if to < from {
        return Err(CliError(
            "--au est antérieur à --du : inversez les dates".to_string(),
        ));
    }
    let options = DebitOptions { from, to };
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
