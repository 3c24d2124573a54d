//! Le store : cloisonnement par bailleur, références uniques, journal d'audit en ajout
//! seul, état du locataire, allocataires identifiés par leurs 7 chiffres.

mod common;

use abri::model::Landlord;
use abri::store::StoreError;
use abri::treatments::import::{import, Entity};
use common::store_with_landlord;

const ONE_BUILDING: &str =
    "reference;debut_gestion;rue;code_postal;ville\nIMM01;01/01/2020;1 rue Haute;75001;Paris\n";

#[test]
fn a_landlord_sees_only_its_own_rows() {
    let (mut store, demo) = store_with_landlord();
    import(&mut store, &demo, Entity::Buildings, ONE_BUILDING).expect("import");
    let other = store
        .create_landlord(
            &Landlord {
                code: "AUTRE".into(),
                name: "Autre association".into(),
                ..Landlord::default()
            },
            "test",
        )
        .expect("second bailleur");
    assert!(store.read(&other).buildings().expect("lecture").is_empty());
    // La même référence est libre chez l'autre bailleur.
    import(&mut store, &other, Entity::Buildings, ONE_BUILDING)
        .expect("même référence, autre bailleur");
    assert_eq!(store.read(&demo).buildings().expect("lecture").len(), 1);
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn the_audit_log_is_append_only() {
    let (mut store, session) = store_with_landlord();
    import(&mut store, &session, Entity::Buildings, ONE_BUILDING).expect("import");
    let conn = store.connection();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE table_name = 'building' AND row_key = 'IMM01'",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(n, 1);
    let err = conn
        .execute("UPDATE audit_log SET user_login = 'x'", [])
        .expect_err("modification refusée");
    assert!(
        err.to_string()
            .contains("Le journal d'audit ne peut pas être modifié"),
        "{err}"
    );
    let err = conn
        .execute("DELETE FROM audit_log", [])
        .expect_err("suppression refusée");
    assert!(
        err.to_string()
            .contains("Le journal d'audit ne peut pas être supprimé"),
        "{err}"
    );
}

#[test]
fn a_tenant_becomes_locataire_when_a_lease_is_attached() {
    let (mut store, session) = store_with_landlord();
    import(&mut store, &session, Entity::Buildings, ONE_BUILDING).expect("immeuble");
    import(&mut store, &session, Entity::Units, "reference;immeuble;debut_gestion;nature;usage;forme\nL1;IMM01;01/01/2020;Appartement;Habitation;Collectif\n")
        .expect("lot");
    import(
        &mut store,
        &session,
        Entity::Tenants,
        "reference;nom;debut_suivi\nT1;DUPONT;01/01/2020\n",
    )
    .expect("locataire");
    let state =
        |store: &abri::store::Store| store.read(&session).tenants().expect("locataires")[0].state;
    assert_eq!(state(&store), abri::model::TenantState::Candidate);
    import(
        &mut store,
        &session,
        Entity::Leases,
        "reference;lot;locataire;type_contrat;terme;jour_echeance;mode_reglement;debut\nB1;L1;T1;temporaire;a_echoir;4;cheque;01/02/2020\n",
    )
    .expect("location");
    assert_eq!(state(&store), abri::model::TenantState::Tenant);
}

#[test]
fn a_claimant_number_is_matched_on_its_seven_digits() {
    let (mut store, session) = store_with_landlord();
    import(
        &mut store,
        &session,
        Entity::Tenants,
        "reference;nom;debut_suivi;numero_allocataire\nT1;DUPONT;01/01/2020;1234567A\n",
    )
    .expect("premier");
    let err = import(
        &mut store,
        &session,
        Entity::Tenants,
        "reference;nom;debut_suivi;numero_allocataire\nT2;DURAND;01/01/2020;1234567B\n",
    )
    .expect_err("mêmes 7 chiffres");
    assert_eq!(
        err.to_string(),
        "fichier refusé, rien n'a été importé — ligne 2 : Numéro allocataire (7 chiffres) « 1234567B » existe déjà"
    );
    assert_eq!(store.read(&session).tenants().expect("locataires").len(), 1);
}

#[test]
fn a_duplicate_landlord_is_refused() {
    let (mut store, _) = store_with_landlord();
    let err = store
        .create_landlord(&abri::treatments::demo::demo_landlord(), "test")
        .expect_err("doublon");
    assert!(matches!(err, StoreError::Duplicate { .. }));
    assert_eq!(err.to_string(), "Bailleur « DEMO » existe déjà");
}
