//! Outils partagés des tests d'intégration.
#![allow(dead_code)]

use abri::store::{Session, Store};
use abri::treatments::demo::demo_landlord;
use chrono::NaiveDate;

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test valide")
}

/// Base en mémoire avec le bailleur de démonstration (sans fiches) et les catalogues.
pub fn store_with_landlord() -> (Store, Session) {
    let mut store = Store::open_in_memory().expect("base en mémoire");
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
