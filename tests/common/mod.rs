//! Outils partagés des tests d'intégration.
#![allow(dead_code)]

pub mod debits;
pub mod gui;
pub mod leases;
pub mod pdf;

use abri::store::{Session, Store};
use abri::treatments::demo::demo_landlord;
use chrono::NaiveDate;

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test valide")
}

/// Base en mémoire avec le bailleur de démonstration (sans fiches) et les catalogues.
pub fn store_with_landlord() -> (Store, Session) {
    landlord_in(Store::open_in_memory().expect("base en mémoire"))
}

/// Le bailleur de démonstration (sans fiches) et les catalogues dans une base donnée.
pub fn landlord_in(mut store: Store) -> (Store, Session) {
    let session = store
        .create_landlord(&demo_landlord(), "test")
        .expect("bailleur");
    store
        .write(&session, "catalogues", |repo| {
            abri::treatments::setup::load_default_catalogues(repo)
        })
        .expect("catalogues par défaut");
    (store, session)
}

/// Les fiches de la démonstration (sans ses pièces), pour partir d'un grand livre vide.
pub fn demo_without_vouchers() -> (Store, Session) {
    demo_without_vouchers_in(Store::open_in_memory().expect("base en mémoire"))
}

/// Les fiches de la démonstration (sans ses pièces) dans une base donnée.
pub fn demo_without_vouchers_in(store: Store) -> (Store, Session) {
    use abri::treatments::import::{import, Entity};
    let (mut store, session) = landlord_in(store);
    let lists = [
        (
            Entity::ThirdParties,
            include_str!("../../fixtures/demo/tiers.csv"),
        ),
        (
            Entity::Buildings,
            include_str!("../../fixtures/demo/immeubles.csv"),
        ),
        (Entity::Units, include_str!("../../fixtures/demo/lots.csv")),
        (
            Entity::Tenants,
            include_str!("../../fixtures/demo/locataires.csv"),
        ),
        (
            Entity::Leases,
            include_str!("../../fixtures/demo/locations.csv"),
        ),
        (
            Entity::Periods,
            include_str!("../../fixtures/demo/periodes.csv"),
        ),
        (
            Entity::LeaseItems,
            include_str!("../../fixtures/demo/rubriques-location.csv"),
        ),
    ];
    for (entity, text) in lists {
        import(&mut store, &session, entity, text).expect("fiches de démonstration");
    }
    (store, session)
}
