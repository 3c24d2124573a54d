//! Sauvegarde de la base (menu Fichier) : la copie s'ouvre avec les mêmes fiches.

use abri::store::Store;
use abri::treatments::demo::create_demo_with;

#[test]
fn the_copy_opens_with_the_same_landlords_and_records() {
    let dir = tempfile::tempdir().expect("dossier");
    let source = dir.path().join("base.sqlite");
    let copy = dir.path().join("copie.sqlite");
    let mut store = Store::open(&source).expect("base");
    let session = create_demo_with(&mut store, "test", false).expect("démo");
    store.backup_to(&copy).expect("sauvegarde");
    let copied = Store::open(&copy).expect("copie lisible");
    assert_eq!(
        copied.landlords().expect("bailleurs"),
        store.landlords().expect("bailleurs")
    );
    let copied_session = copied
        .session(Some(&session.landlord_code), "test")
        .expect("session sur la copie");
    let tenants = |s: &Store, session| s.read(session).tenants().expect("locataires").len();
    assert!(tenants(&store, &session) > 0);
    assert_eq!(tenants(&copied, &copied_session), tenants(&store, &session));
}
