//! Mise en place d'un bailleur : sa fiche, puis les catalogues par défaut livrés dans
//! `assets/catalogues/` (plan comptable, journaux, modèles comptables, rubriques,
//! banques) et les indices.

use crate::formats::csv_lists::{self, group_templates, CsvList, TemplateRow};
use crate::model::{Account, Bank, ChargeItem, Journal, Landlord, RentIndex};
use crate::store::{Repo, Session, Store, StoreError};

/// Crée un bailleur (fiche normalisée puis validée : chaque champ fautif est nommé) avec
/// les catalogues par défaut, prêt à recevoir ses fiches ; renvoie sa session. Tout ou
/// rien : si les catalogues ne se chargent pas, le bailleur est retiré.
pub fn create_landlord(
    store: &mut Store,
    landlord: Landlord,
    user: &str,
) -> Result<Session, StoreError> {
    let landlord = landlord.normalised();
    let session = store.create_landlord(&landlord, user)?;
    let loaded = store.write(&session, "catalogues par défaut", |repo| {
        load_default_catalogues(repo)?;
        ensure_unknown_claimant_party(repo)
    });
    if let Err(error) = loaded {
        store.delete_landlord(&landlord.code)?;
        return Err(error);
    }
    Ok(session)
}

/// Crée, s'il manque, le tiers `LINCONNU` qui reçoit les montants CAF des allocataires
/// non identifiés (manuel : « Le traitement des fichiers CAF »).
pub fn ensure_unknown_claimant_party(repo: &Repo) -> Result<(), StoreError> {
    use crate::model::tenant::UNKNOWN_CLAIMANT_PARTY;
    use crate::model::{ThirdParty, ThirdPartyKind};
    let exists = repo
        .third_parties()?
        .iter()
        .any(|p| p.reference == UNKNOWN_CLAIMANT_PARTY);
    if !exists {
        let party = ThirdParty {
            reference: UNKNOWN_CLAIMANT_PARTY.to_string(),
            kind: ThirdPartyKind::Other,
            name: "Allocataires CAF non identifiés".to_string(),
            street: String::new(),
            postcode: String::new(),
            city: String::new(),
            phone: String::new(),
            email: String::new(),
            export_account: String::new(),
        };
        repo.insert_third_party(&party.with_defaults())?;
    }
    Ok(())
}

pub const ACCOUNTS_CSV: &str = include_str!("../../assets/catalogues/comptes.csv");
pub const JOURNALS_CSV: &str = include_str!("../../assets/catalogues/journaux.csv");
pub const TEMPLATES_CSV: &str = include_str!("../../assets/catalogues/modeles.csv");
pub const CHARGE_ITEMS_CSV: &str = include_str!("../../assets/catalogues/rubriques.csv");
pub const BANKS_CSV: &str = include_str!("../../assets/catalogues/banques.csv");
pub const INDICES_CSV: &str = include_str!("../../assets/catalogues/indices.csv");

/// Un fichier de catalogue livré illisible est un défaut du programme, signalé comme tel.
fn read_asset<T: CsvList>(file: &str, text: &str) -> Result<Vec<T>, StoreError> {
    csv_lists::read::<T>(text)
        .map(|rows| rows.into_iter().map(|(_, t)| t).collect())
        .map_err(|e| {
            StoreError::Invalid(vec![crate::model::Invalid::new(
                "catalogue",
                format!("assets/catalogues/{file} : {e}"),
            )])
        })
}

/// Charge les catalogues par défaut dans le bailleur de `repo` (dans sa transaction).
pub fn load_default_catalogues(repo: &Repo) -> Result<(), StoreError> {
    for account in read_asset::<Account>("comptes.csv", ACCOUNTS_CSV)? {
        repo.insert_account(&account)?;
    }
    for journal in read_asset::<Journal>("journaux.csv", JOURNALS_CSV)? {
        repo.insert_journal(&journal)?;
    }
    let rows = csv_lists::read::<TemplateRow>(TEMPLATES_CSV).map_err(|e| {
        StoreError::Invalid(vec![crate::model::Invalid::new(
            "catalogue",
            format!("assets/catalogues/modeles.csv : {e}"),
        )])
    })?;
    for template in group_templates(rows) {
        repo.insert_template(&template)?;
    }
    for item in read_asset::<ChargeItem>("rubriques.csv", CHARGE_ITEMS_CSV)? {
        repo.insert_charge_item(&item)?;
    }
    for bank in read_asset::<Bank>("banques.csv", BANKS_CSV)? {
        repo.insert_bank(&bank)?;
    }
    for index in read_asset::<RentIndex>("indices.csv", INDICES_CSV)? {
        repo.upsert_index(&index)?;
    }
    Ok(())
}
