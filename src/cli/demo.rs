//! Sous-commandes qui créent un bailleur entier : `demo` (la démonstration) et `generer`
//! (le grand bailleur des mesures). Appels minces à `treatments::demo` et
//! `treatments::generate`.

use std::path::Path;

use clap::Args;

use super::{cli_user, CliError};
use crate::store::Store;
use crate::treatments::demo::create_demo_with;
use crate::treatments::generate::{self, GenerateOptions};

/// Options de `generer`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Nombre de locations à créer.
    #[arg(long, value_name = "N")]
    pub baux: usize,
    /// Nombre de mois d'avis et de règlements.
    #[arg(long, value_name = "M", default_value_t = 12)]
    pub mois: u32,
    /// Graine : la même graine donne le même bailleur.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub graine: u64,
}

/// `demo [--sans-historique]`.
pub fn demo(store: &mut Store, db: &Path, sans_historique: bool) -> Result<String, CliError> {
    let session = create_demo_with(store, &cli_user(), !sans_historique)
        .map_err(|e| CliError(e.to_string()))?;
    let repo = store.read(&session);
    Ok(format!(
        "Bailleur de démonstration « {} » créé dans {} : {} immeubles, {} lots, {} locataires, {} locations, {} pièces comptables.\n",
        session.landlord_code,
        db.display(),
        repo.count("building")?,
        repo.count("unit")?,
        repo.count("tenant")?,
        repo.count("lease")?,
        repo.count("voucher")?
    ))
}

/// `generer --baux N [--mois M] [--graine S]`.
pub fn generer(store: &mut Store, db: &Path, args: &GenerateArgs) -> Result<String, CliError> {
    let options = GenerateOptions::new(args.baux, args.mois, args.graine);
    let (session, summary) =
        generate::generate(store, &cli_user(), &options).map_err(|e| CliError(e.to_string()))?;
    Ok(format!(
        "Bailleur « {} » généré dans {} : {} locations, {} avis, {} règlements, {} pièces.\n",
        session.landlord_code,
        db.display(),
        summary.leases,
        summary.notices,
        summary.payments,
        store.read(&session).count("voucher")?
    ))
}
