//! Mutation d'un locataire vers un autre lot et fusion de deux fiches d'un même
//! locataire (S14, S4 ; manuel : « Les mutations »). Chiffres calculés à la main.

mod common;

use abri::model::money::parse_money;
use abri::model::{DocumentKind, Money, MoveOutReason};
use abri::store::{DocumentFilter, Session, Store};
use abri::treatments::merge;
use abri::treatments::move_out::find_lease;
use abri::treatments::notices::{self, NoticeOptions};
use abri::treatments::transfer::{self, TransferRequest};
use chrono::NaiveDate;
use common::leases::{deposit_call, payment, setup, ItemRow, LeaseRow, TenantRow};
use common::ymd;

fn eur(s: &str) -> Money {
    parse_money(s).expect("montant de test")
}

/// Solde « débit − crédit » d'un compte pour un locataire.
fn balance(store: &Store, session: &Session, tenant: &str, account: &str) -> Money {
    store
        .read(session)
        .tiers_lines(tenant, None)
        .expect("écritures")
        .iter()
        .filter(|l| l.account == account)
        .map(|l| l.debit - l.credit)
        .sum()
}

fn notices_of(store: &mut Store, session: &Session, month: NaiveDate) -> Vec<String> {
    let options = NoticeOptions {
        period: month,
        value_date: month,
        leases: None,
        run_message: String::new(),
    };
    notices::run(store, session, &options, false)
        .expect("avis")
        .created
}

/// LOC1 loue LOT1 (BAIL1) depuis le 01/09/2026 pour 500,00 ; dépôt de 400,00 appelé et
/// payé ; avis de septembre non payé. LOT2 est libre.
fn before_transfer() -> (Store, Session) {
    let (mut store, session) = setup(
        2,
        &[TenantRow("LOC1", "Martin", "Élise")],
        &[LeaseRow("BAIL1", "LOT1", "LOC1", "01/09/2026")],
        &[ItemRow("BAIL1", "Loyer", "LO", "LO", "500,00")],
    );
    deposit_call(&mut store, &session, "BAIL1", "400,00", ymd(2026, 9, 1));
    payment(
        &mut store,
        &session,
        ("LOC1", "BAIL1"),
        ("411500000", "400,00"),
        ymd(2026, 9, 2),
    );
    assert_eq!(notices_of(&mut store, &session, ymd(2026, 9, 1)).len(), 1);
    (store, session)
}

fn to_lot2(deposit: &str) -> TransferRequest {
    TransferRequest {
        lease: "BAIL1".into(),
        unit: "LOT2".into(),
        start: ymd(2026, 10, 1),
        new_reference: "BAIL2".into(),
        copy_items: true,
        copy_payment: true,
        deposit: Some(eur(deposit)),
    }
}

#[test]
fn a_transfer_calls_only_the_deposit_complement_and_the_accounts_go_on() {
    let (mut store, session) = before_transfer();
    let done = transfer::run(&mut store, &session, &to_lot2("520,00"), false).expect("mutation");
    assert_eq!(done.deposit_held, eur("400,00"));
    // 520,00 demandés − 400,00 détenus = 120,00 appelés.
    assert_eq!(transfer::complement(&done), eur("120,00"));
    let docs = store
        .read(&session)
        .documents(&DocumentFilter::default())
        .expect("documents");
    let call = docs
        .iter()
        .find(|d| d.kind == DocumentKind::DepositCall && d.lease == "BAIL2")
        .expect("appel du complément");
    assert_eq!(call.amount, eur("120,00"));
    assert_eq!(call.previous_deposits, eur("400,00"));
    assert_eq!(
        balance(&store, &session, "LOC1", "165000000"),
        eur("-520,00")
    );
    let old = find_lease(&store.read(&session), "BAIL1").expect("ancienne");
    assert_eq!(old.move_out_date, Some(ymd(2026, 9, 30)));
    assert_eq!(old.move_out_reason, Some(MoveOutReason::Transfer));
    let new = find_lease(&store.read(&session), "BAIL2").expect("nouvelle");
    assert_eq!((new.tenant.as_str(), new.unit.as_str()), ("LOC1", "LOT2"));
    // Octobre : un avis pour la nouvelle location seulement, et le compte de loyer du
    // locataire continue : 500,00 de septembre + 500,00 d'octobre.
    let october = notices_of(&mut store, &session, ymd(2026, 10, 1));
    assert_eq!(october.len(), 1);
    let notice = store
        .read(&session)
        .document(&october[0])
        .expect("lecture")
        .expect("avis");
    assert_eq!(notice.lease, "BAIL2");
    assert_eq!(notice.amount, eur("500,00"));
    assert_eq!(
        balance(&store, &session, "LOC1", "411000000"),
        eur("1000,00")
    );
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn a_transfer_simulation_writes_nothing_and_a_busy_unit_is_refused() {
    let (mut store, session) = before_transfer();
    let simulated =
        transfer::run(&mut store, &session, &to_lot2("300,00"), true).expect("simulation");
    // Le dépôt détenu couvre déjà les 300,00 demandés : aucun appel.
    assert_eq!(transfer::complement(&simulated), Money::ZERO);
    assert!(find_lease(&store.read(&session), "BAIL2").is_err());
    assert_eq!(
        find_lease(&store.read(&session), "BAIL1")
            .expect("bail")
            .move_out_date,
        None
    );
    transfer::run(&mut store, &session, &to_lot2("520,00"), false).expect("mutation");
    // LOT2 est désormais occupé par BAIL2.
    let mut again = to_lot2("520,00");
    again.new_reference = "BAIL3".into();
    let err = transfer::run(&mut store, &session, &again, false).expect_err("lot occupé");
    assert!(
        err.to_string().contains("occupé par la location « BAIL2 »"),
        "{err}"
    );
    assert!(find_lease(&store.read(&session), "BAIL3").is_err());
}

/// « Élise Martin » (LOC1, BAIL1 sur LOT1, 500,00) et « ELISE MARTIN » (LOC2, BAIL2 sur
/// LOT2, 300,00), avis de septembre ; « Martin Éloïse » (LOC3) sans location.
fn two_records() -> (Store, Session) {
    let (mut store, session) = setup(
        2,
        &[
            TenantRow("LOC1", "Martin", "Élise"),
            TenantRow("LOC2", "MARTIN", "ELISE"),
            TenantRow("LOC3", "Martin", "Éloïse"),
        ],
        &[
            LeaseRow("BAIL1", "LOT1", "LOC1", "01/09/2026"),
            LeaseRow("BAIL2", "LOT2", "LOC2", "01/09/2026"),
        ],
        &[
            ItemRow("BAIL1", "Loyer", "LO", "LO", "500,00"),
            ItemRow("BAIL2", "Loyer", "LO", "LO", "300,00"),
        ],
    );
    assert_eq!(notices_of(&mut store, &session, ymd(2026, 9, 1)).len(), 2);
    (store, session)
}

fn is_active(store: &Store, tenant: &str) -> bool {
    store
        .connection()
        .query_row(
            "SELECT active FROM tenant WHERE reference = ?1",
            [tenant],
            |r| r.get::<_, i64>(0),
        )
        .expect("locataire")
        == 1
}

#[test]
fn a_merge_moves_leases_and_vouchers_through_the_ledger() {
    let (mut store, session) = two_records();
    let events_before = store.read(&session).ledger_events().expect("journal").len();
    let done = merge::run(&mut store, &session, "LOC2", "LOC1", false).expect("fusion");
    assert_eq!(done.leases, vec!["BAIL1".to_string()]);
    assert_eq!(done.vouchers.len(), 1, "l'avis de septembre de BAIL1");
    // 300,00 + 500,00.
    assert_eq!(
        balance(&store, &session, "LOC2", "411000000"),
        eur("800,00")
    );
    assert_eq!(balance(&store, &session, "LOC1", "411000000"), Money::ZERO);
    assert_eq!(
        find_lease(&store.read(&session), "BAIL1")
            .expect("bail")
            .tenant,
        "LOC2"
    );
    assert!(!is_active(&store, "LOC1"));
    assert!(is_active(&store, "LOC2"));
    let events = store.read(&session).ledger_events().expect("journal");
    assert_eq!(events.len(), events_before + 1);
    assert_eq!(
        events.last().map(|(e, _)| e.kind.as_str()),
        Some("modification")
    );
    assert!(store.verify().expect("vérification").is_empty());
    // Le document de BAIL1 suit sa location.
    let docs = store
        .read(&session)
        .documents(&DocumentFilter::default())
        .expect("documents");
    assert!(docs.iter().any(|d| d.lease == "BAIL1"));
}

#[test]
fn a_merge_of_different_first_names_is_refused_and_a_simulation_writes_nothing() {
    let (mut store, session) = two_records();
    let err = merge::run(&mut store, &session, "LOC1", "LOC3", false).expect_err("prénoms");
    assert!(
        err.to_string()
            .contains("n'ont pas les mêmes nom et prénom"),
        "{err}"
    );
    assert!(is_active(&store, "LOC3"));
    let simulated = merge::run(&mut store, &session, "LOC2", "LOC1", true).expect("simulation");
    assert_eq!(simulated.leases, vec!["BAIL1".to_string()]);
    assert_eq!(
        find_lease(&store.read(&session), "BAIL1")
            .expect("bail")
            .tenant,
        "LOC1"
    );
    assert!(is_active(&store, "LOC1"));
    let err = merge::run(&mut store, &session, "LOC1", "LOC1", false).expect_err("même fiche");
    assert!(err.to_string().contains("deux fiches différentes"), "{err}");
}

/// Le binaire de bout en bout sur la démonstration : mutation avec complément de dépôt,
/// fusion refusée puis acceptée ; `verifier` passe.
#[test]
fn the_commands_transfer_and_merge_tenants() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    let abri = |args: &[&str]| common::leases::run_abri(&db, args);
    assert!(abri(&["demo", "--sans-historique"]).0);
    let (ok, text) = abri(&[
        "location",
        "mutation",
        "BAIL002",
        "--lot",
        "IMM01-01",
        "--debut",
        "01/03/2026",
    ]);
    assert!(
        !ok && text.contains("occupé par la location « BAIL001 »"),
        "{text}"
    );
    // Dépôt détenu de la démonstration : 470,00 ; 600,00 demandés → 130,00 appelés.
    let (ok, text) = abri(&[
        "location",
        "mutation",
        "BAIL002",
        "--lot",
        "IMM02-10",
        "--debut",
        "01/03/2026",
        "--depot",
        "600,00",
    ]);
    assert!(
        ok && text.contains("appel du complément de 130,00"),
        "{text}"
    );
    let (ok, text) = abri(&["locataire", "fusionner", "LOC001", "LOC002"]);
    assert!(
        !ok && text.contains("n'ont pas les mêmes nom et prénom"),
        "{text}"
    );
    let csv = dir.path().join("doublon.csv");
    std::fs::write(
        &csv,
        "reference;professionnel;civilite;nom;prenom;debut_suivi;etat;adresse_alt_rue;adresse_alt_code_postal;adresse_alt_ville;nur;date_naissance;email;telephone1;telephone2;consentement_rgpd;date_consentement;allocataire;debut_allocation;organisme_payeur;numero_organisme;numero_allocataire\nLOC099;N;Mme;Dupont;sophie;01/01/2026;;;;;;;;;;N;;;;;;\n",
    )
    .expect("fichier");
    let path = csv.to_string_lossy().into_owned();
    assert!(abri(&["import", "locataires", &path]).0);
    let (ok, text) = abri(&["locataire", "fusionner", "LOC099", "LOC002"]);
    assert!(
        ok && text.contains("la fiche LOC002 est désactivée"),
        "{text}"
    );
    let (ok, text) = abri(&["verifier"]);
    assert!(ok, "{text}");
}
