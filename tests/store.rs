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

/// Le bailleur de démonstration dans une base en fichier (le dossier vit avec elle).
fn landlord_on_file() -> (tempfile::TempDir, abri::store::Store, abri::store::Session) {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let (store, session) =
        common::landlord_in(abri::store::Store::open(&dir.path().join("base.db")).expect("base"));
    (dir, store, session)
}

/// Nombre de bâtiments et fil d'exécution d'une lecture faite par `Repo::beside`.
fn buildings_and_thread(repo: &abri::store::Repo) -> (i64, std::thread::ThreadId) {
    (
        repo.count("building").expect("lecture"),
        std::thread::current().id(),
    )
}

#[test]
fn a_read_beside_runs_on_a_second_connection_and_sees_the_same_base() {
    let (_dir, mut store, session) = landlord_on_file();
    import(&mut store, &session, Entity::Buildings, ONE_BUILDING).expect("import");
    let here = std::thread::current().id();
    let repo = store.read(&session);
    let ((n_there, there), (n_here, _)) = repo.beside(buildings_and_thread, buildings_and_thread);
    assert_eq!((n_there, n_here), (1, 1));
    assert_ne!(there, here, "lecture faite sur un autre fil");
    // dans une écriture, avant toute modification : la seconde connexion voit la base
    // validée, qui est celle du traitement (verrou d'écriture pris d'emblée)
    store
        .write(&session, "essai", |repo| {
            let ((n_there, there), _) = repo.beside(buildings_and_thread, |_| ());
            assert_eq!(n_there, 1);
            assert_ne!(there, here);
            Ok::<_, StoreError>(())
        })
        .expect("écriture");
}

#[test]
fn a_read_beside_stays_on_the_connection_that_has_written() {
    let (_dir, mut store, session) = landlord_on_file();
    let here = std::thread::current().id();
    let result = store.write(&session, "essai", |repo| {
        repo.audit("essai", "building", "IMM01", "")?;
        // la seconde connexion ne verrait pas la ligne d'audit non validée : la lecture
        // se fait sur la connexion du traitement, qui la voit
        let audits = |r: &abri::store::Repo| {
            (
                r.count("audit_log").expect("lecture"),
                std::thread::current().id(),
            )
        };
        let ((there_n, there), (here_n, _)) = repo.beside(audits, audits);
        assert_eq!(there, here);
        assert_eq!(there_n, here_n);
        Ok::<_, StoreError>(there_n)
    });
    let seen = result.expect("écriture");
    let committed: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .expect("lecture");
    // la ligne d'audit de l'essai, puis celle de l'action « essai » elle-même
    assert_eq!(committed, seen + 1);
}

#[test]
fn a_read_beside_an_in_memory_base_stays_on_its_connection() {
    let (store, session) = store_with_landlord();
    let here = std::thread::current().id();
    let ((n, there), _) = store.read(&session).beside(buildings_and_thread, |_| ());
    assert_eq!(n, 0);
    assert_eq!(there, here);
}

#[test]
fn closing_the_base_reports_the_whole_journal_and_removes_it() {
    // La base a, à côté de sa connexion principale, la seconde connexion des lectures
    // parallèles et celle qui reporte le journal : toutes sont fermées avant la
    // principale, qui reporte alors le reste du journal dans le fichier et l'efface.
    let (dir, mut store, session) = landlord_on_file();
    import(&mut store, &session, Entity::Buildings, ONE_BUILDING).expect("import");
    let _ = store
        .read(&session)
        .beside(buildings_and_thread, buildings_and_thread);
    let wal = dir.path().join("base.db-wal");
    assert!(wal.exists(), "journal pendant la séance");
    drop(store);
    assert!(!wal.exists(), "journal resté après la fermeture");
    let store = abri::store::Store::open(&dir.path().join("base.db")).expect("réouverture");
    let session = store.session(None, "essai").expect("session");
    assert_eq!(store.read(&session).count("building").expect("lecture"), 1);
}
