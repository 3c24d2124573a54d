//! Bailleur de démonstration : catalogues par défaut et jeu de fiches réaliste livré dans
//! `fixtures/demo/`, importé par le même chemin que les listes des utilisateurs.

use crate::model::Landlord;
use crate::store::{Session, Store, StoreError};
use crate::treatments::import::{import_into, Entity, ImportError};
use crate::treatments::setup::load_default_catalogues;

/// Code du bailleur de démonstration.
pub const DEMO_CODE: &str = "DEMO";

/// Les listes de démonstration, dans l'ordre où elles se référencent.
const DEMO_LISTS: &[(Entity, &str, &str)] = &[
    (
        Entity::ThirdParties,
        "tiers.csv",
        include_str!("../../fixtures/demo/tiers.csv"),
    ),
    (
        Entity::Buildings,
        "immeubles.csv",
        include_str!("../../fixtures/demo/immeubles.csv"),
    ),
    (
        Entity::Units,
        "lots.csv",
        include_str!("../../fixtures/demo/lots.csv"),
    ),
    (
        Entity::Tenants,
        "locataires.csv",
        include_str!("../../fixtures/demo/locataires.csv"),
    ),
    (
        Entity::Leases,
        "locations.csv",
        include_str!("../../fixtures/demo/locations.csv"),
    ),
    (
        Entity::Periods,
        "periodes.csv",
        include_str!("../../fixtures/demo/periodes.csv"),
    ),
    (
        Entity::LeaseItems,
        "rubriques-location.csv",
        include_str!("../../fixtures/demo/rubriques-location.csv"),
    ),
    (
        Entity::Vouchers,
        "pieces.csv",
        include_str!("../../fixtures/demo/pieces.csv"),
    ),
];

/// Le bailleur de démonstration (adresse et identifiants fictifs mais valides).
pub fn demo_landlord() -> Landlord {
    Landlord {
        code: DEMO_CODE.to_string(),
        name: "Association Toit Solidaire".to_string(),
        street: "12 rue des Lilas".to_string(),
        postcode: "75020".to_string(),
        city: "Paris".to_string(),
        phone: "01 43 00 00 00".to_string(),
        siret: "12345678900017".to_string(),
        caf_code: "P7512".to_string(),
        creditor_id: "FR72ZZZ123456".to_string(),
        iban: "FR7630006000011234567890189".to_string(),
        bic: "AGRIFRPP".to_string(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("fichier de démonstration fixtures/demo/{file} : {error}")]
    List {
        file: &'static str,
        error: ImportError,
    },
}

/// Crée (ou recrée) le bailleur de démonstration ; renvoie sa session.
pub fn create_demo(store: &mut Store, user: &str) -> Result<Session, DemoError> {
    if store.landlords()?.iter().any(|(code, _)| code == DEMO_CODE) {
        store.delete_landlord(DEMO_CODE)?;
    }
    let session = store.create_landlord(&demo_landlord(), user)?;
    let result = store.write(&session, "données de démonstration", |repo| {
        load_default_catalogues(repo)?;
        for (entity, file, text) in DEMO_LISTS {
            import_into(repo, *entity, text).map_err(|error| DemoError::List { file, error })?;
        }
        Ok::<(), DemoError>(())
    });
    if let Err(error) = result {
        // Ne laisse pas un bailleur à moitié rempli.
        store.delete_landlord(DEMO_CODE)?;
        return Err(error);
    }
    Ok(session)
}
