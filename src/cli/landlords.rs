//! Sous-commandes des bailleurs : `bailleur creer` (une base sans la démonstration) et
//! `bailleur liste`. Appels minces à `treatments::setup`.

use clap::{Args, Subcommand};

use super::{cli_user, CliError};
use crate::model::Landlord;
use crate::store::Store;
use crate::treatments::setup;

// Lue une fois par lancement : la taille de la variante de création (ses onze options)
// ne coûte rien, comme pour `piece saisir`.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum BailleurAction {
    /// Crée un bailleur et ses catalogues par défaut (plan comptable, journaux, modèles,
    /// rubriques, banques, indices) ; crée la base si elle n'existe pas.
    Creer(LandlordArgs),
    /// Liste les bailleurs de la base (code et nom).
    Liste,
}

/// Identité du bailleur (S1) ; chaque valeur est contrôlée comme dans la fiche.
#[derive(Debug, Args)]
pub struct LandlordArgs {
    /// Code du bailleur (30 caractères au plus), qui le désigne avec --bailleur.
    #[arg(long, value_name = "CODE")]
    pub code: String,
    /// Nom (raison sociale), 100 caractères au plus.
    #[arg(long, value_name = "NOM")]
    pub nom: String,
    /// Rue (200 caractères au plus).
    #[arg(long, value_name = "RUE", default_value = "")]
    pub rue: String,
    /// Code postal (5 chiffres).
    #[arg(long, value_name = "CP", default_value = "")]
    pub code_postal: String,
    /// Ville.
    #[arg(long, value_name = "VILLE", default_value = "")]
    pub ville: String,
    /// Téléphone.
    #[arg(long, value_name = "NUMERO", default_value = "")]
    pub telephone: String,
    /// SIRET (14 chiffres).
    #[arg(long, value_name = "SIRET", default_value = "")]
    pub siret: String,
    /// IBAN du compte bancaire (clé contrôlée).
    #[arg(long, value_name = "IBAN", default_value = "")]
    pub iban: String,
    /// BIC de la banque (8 ou 11 caractères).
    #[arg(long, value_name = "BIC", default_value = "")]
    pub bic: String,
    /// Code national bailleur CAF (ex. P7512).
    #[arg(long, value_name = "CODE", default_value = "")]
    pub code_caf: String,
    /// Identifiant créancier SEPA (ICS, ex. FR72ZZZ123456).
    #[arg(long, value_name = "ICS", default_value = "")]
    pub ics: String,
}

impl LandlordArgs {
    fn landlord(&self) -> Landlord {
        Landlord {
            code: self.code.clone(),
            name: self.nom.clone(),
            street: self.rue.clone(),
            postcode: self.code_postal.clone(),
            city: self.ville.clone(),
            phone: self.telephone.clone(),
            siret: self.siret.clone(),
            caf_code: self.code_caf.clone(),
            creditor_id: self.ics.clone(),
            iban: self.iban.clone(),
            bic: self.bic.clone(),
        }
    }
}

/// Nom de l'option de la ligne de commande pour un champ de la fiche du bailleur.
fn option_name(field: &str) -> String {
    format!("--{}", field.replace('_', "-"))
}

/// `bailleur creer …` et `bailleur liste`.
pub fn bailleur(store: &mut Store, action: &BailleurAction) -> Result<String, CliError> {
    match action {
        BailleurAction::Creer(args) => {
            let session =
                setup::create_landlord(store, args.landlord(), &cli_user()).map_err(|error| {
                    match error {
                        crate::store::StoreError::Invalid(problems) => CliError(format!(
                            "bailleur refusé, rien n'a été créé : {}",
                            problems
                                .iter()
                                .map(|p| format!("{} : {}", option_name(p.field), p.message))
                                .collect::<Vec<_>>()
                                .join(" ; ")
                        )),
                        other => CliError(other.to_string()),
                    }
                })?;
            Ok(format!(
                "Bailleur « {} » créé avec les catalogues par défaut ; désignez-le avec --bailleur {} s'il n'est pas le seul de la base.\n",
                session.landlord_code, session.landlord_code
            ))
        }
        BailleurAction::Liste => {
            let landlords = store.landlords()?;
            let mut out: String = landlords
                .iter()
                .map(|(code, name)| format!("{code}  {name}\n"))
                .collect();
            out.push_str(&format!("{} bailleur(s)\n", landlords.len()));
            Ok(out)
        }
    }
}
