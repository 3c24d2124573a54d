//! Sortie d'un locataire (S14) : date et motif, dernier avis au prorata, plus d'avis
//! ensuite, prélèvements arrêtés une fois le solde nul ; remise des clés et délai légal
//! de restitution du dépôt (loi 1989, art. 22). Chiffres calculés à la main.

mod common;

use abri::model::money::parse_money;
use abri::model::{ExitInventory, LeaseExit, Money, MoveOutReason};
use abri::store::{DocumentFilter, Session, Store};
use abri::treatments::direct_debit::{load, plan as debit_plan, DebitOptions};
use abri::treatments::move_out::{
    self, deposit_deadline, late_penalty, MoveOutError, MoveOutRequest,
};
use abri::treatments::notices::{self, NoticeOptions, NoticeRun, Outcome};
use chrono::NaiveDate;
use common::leases::{payment, setup, ItemRow, LeaseRow, TenantRow};
use common::{demo_without_vouchers, ymd};

fn eur(s: &str) -> Money {
    parse_money(s).expect("montant de test")
}

/// Une location BAIL1 (LOT1, LOC1) du 01/01/2026, loyer 610,00 au prorata.
fn one_lease() -> (Store, Session) {
    setup(
        1,
        &[TenantRow("LOC1", "Martin", "Élise")],
        &[LeaseRow("BAIL1", "LOT1", "LOC1", "01/01/2026")],
        &[ItemRow("BAIL1", "Loyer", "LO", "LO", "610,00")],
    )
}

fn request(date: NaiveDate, reason: MoveOutReason) -> MoveOutRequest {
    MoveOutRequest {
        lease: "BAIL1".into(),
        date,
        reason,
        keys_returned: None,
        inventory: None,
    }
}

fn generate(store: &mut Store, session: &Session, period: NaiveDate) -> NoticeRun {
    let options = NoticeOptions {
        period,
        value_date: period,
        leases: None,
        run_message: String::new(),
    };
    notices::run(store, session, &options, false).expect("génération des avis")
}

fn lease_state(store: &Store, session: &Session) -> (Option<NaiveDate>, Option<MoveOutReason>) {
    let lease = move_out::find_lease(&store.read(session), "BAIL1").expect("location");
    (lease.move_out_date, lease.move_out_reason)
}

#[test]
fn move_out_on_the_12th_bills_12_days_of_30_then_no_notice() {
    let (mut store, session) = one_lease();
    move_out::run(
        &mut store,
        &session,
        &request(ymd(2026, 9, 12), MoveOutReason::Departure),
        false,
    )
    .expect("sortie");
    let september = generate(&mut store, &session, ymd(2026, 9, 1));
    assert_eq!(september.created.len(), 1);
    let docs = store
        .read(&session)
        .documents(&DocumentFilter::default())
        .expect("documents");
    // 610,00 × 12 / 30 (le jour de sortie est un jour de présence) = 244,00.
    assert_eq!(docs[0].amount, eur("244,00"));
    let october = generate(&mut store, &session, ymd(2026, 10, 1));
    assert!(october.created.is_empty());
    match &october.plan.report[0].outcome {
        Outcome::Skipped(reason) => assert!(reason.contains("sorti le 12/09/2026"), "{reason}"),
        Outcome::Generated { .. } => panic!("aucun avis après la sortie"),
    }
}

#[test]
fn every_reason_is_kept_and_only_a_transfer_is_not_definitive() {
    let (mut store, session) = one_lease();
    for reason in MoveOutReason::ALL {
        move_out::run(
            &mut store,
            &session,
            &request(ymd(2026, 9, 12), *reason),
            false,
        )
        .expect("sortie");
        assert_eq!(lease_state(&store, &session).1, Some(*reason));
        assert_eq!(reason.is_definitive(), *reason != MoveOutReason::Transfer);
    }
    assert_eq!(MoveOutReason::parse("Décès"), Ok(MoveOutReason::Death));
    assert_eq!(
        MoveOutReason::parse("expulsion"),
        Ok(MoveOutReason::Eviction)
    );
}

#[test]
fn a_simulation_writes_nothing_and_a_second_run_changes_nothing() {
    let (mut store, session) = one_lease();
    let mut asked = request(ymd(2026, 9, 12), MoveOutReason::Departure);
    asked.keys_returned = Some(ymd(2026, 10, 5));
    asked.inventory = Some(ExitInventory::Conform);
    let simulated = move_out::run(&mut store, &session, &asked, true).expect("simulation");
    assert_eq!(simulated.deadline, Some(ymd(2026, 11, 5)));
    assert_eq!(lease_state(&store, &session), (None, None));
    assert!(store
        .read(&session)
        .lease_exits()
        .expect("sorties")
        .is_empty());
    move_out::run(&mut store, &session, &asked, false).expect("sortie");
    let once = (
        lease_state(&store, &session),
        store.read(&session).lease_exits().expect("sorties"),
    );
    move_out::run(&mut store, &session, &asked, false).expect("sortie refaite");
    let twice = (
        lease_state(&store, &session),
        store.read(&session).lease_exits().expect("sorties"),
    );
    assert_eq!(once, twice);
    assert_eq!(
        twice.1,
        vec![LeaseExit {
            lease: "BAIL1".into(),
            keys_returned: Some(ymd(2026, 10, 5)),
            inventory: Some(ExitInventory::Conform),
        }]
    );
}

#[test]
fn refusals_name_the_field_and_write_nothing() {
    let (mut store, session) = one_lease();
    let err = move_out::run(
        &mut store,
        &session,
        &request(ymd(2025, 12, 31), MoveOutReason::Departure),
        false,
    )
    .expect_err("avant le début");
    assert!(
        err.to_string()
            .contains("antérieure au début de la location"),
        "{err}"
    );
    generate(&mut store, &session, ymd(2026, 9, 1));
    generate(&mut store, &session, ymd(2026, 10, 1));
    // Un avis d'octobre existe : une sortie en septembre le rendrait indû.
    let err = move_out::run(
        &mut store,
        &session,
        &request(ymd(2026, 9, 12), MoveOutReason::Departure),
        false,
    )
    .expect_err("avis postérieur");
    assert!(
        matches!(err, MoveOutError::Invalid { field: "date", .. }),
        "{err}"
    );
    assert!(err.to_string().contains("supprimez-le d'abord"), "{err}");
    assert_eq!(lease_state(&store, &session), (None, None));
}

#[test]
fn the_legal_deadline_is_one_month_when_conform_two_otherwise() {
    let exit = |inventory| LeaseExit {
        lease: "BAIL1".into(),
        keys_returned: Some(ymd(2026, 10, 5)),
        inventory,
    };
    assert_eq!(
        deposit_deadline(&exit(Some(ExitInventory::Conform))),
        Some(ymd(2026, 11, 5))
    );
    assert_eq!(
        deposit_deadline(&exit(Some(ExitInventory::Different))),
        Some(ymd(2026, 12, 5))
    );
    // Au 20/12/2026, deux mois de retard commencés × 10 % de 610,00 = 122,00.
    assert_eq!(
        late_penalty(ymd(2026, 11, 5), ymd(2026, 12, 20), eur("610,00")),
        eur("122,00")
    );
    assert_eq!(
        late_penalty(ymd(2026, 11, 5), ymd(2026, 11, 5), eur("610,00")),
        Money::ZERO
    );
}

#[test]
fn a_moved_out_tenant_is_debited_until_the_balance_is_nil() {
    let (mut store, session) = demo_without_vouchers();
    let lease = move_out::find_lease(&store.read(&session), "BAIL002").expect("démo");
    assert!(lease.payment.direct_debit, "BAIL002 est en prélèvement");
    let out = MoveOutRequest {
        lease: "BAIL002".into(),
        ..request(ymd(2026, 6, 30), MoveOutReason::Departure)
    };
    move_out::run(&mut store, &session, &out, false).expect("sortie");
    let july = DebitOptions {
        from: ymd(2026, 7, 1),
        to: ymd(2026, 7, 31),
    };
    payment(
        &mut store,
        &session,
        ("LOC002", "BAIL002"),
        ("411000000", "-250,00"),
        ymd(2026, 6, 25),
    );
    let list = debit_plan(&load(&store.read(&session), &july).expect("lecture"), &july);
    let debit = list
        .debits
        .iter()
        .find(|d| d.tenant == "LOC002")
        .expect("la dette d'un sortant se prélève encore");
    assert!(debit.amount > Money::ZERO && debit.amount <= eur("250,00"));
    payment(
        &mut store,
        &session,
        ("LOC002", "BAIL002"),
        ("411000000", "250,00"),
        ymd(2026, 6, 26),
    );
    let list = debit_plan(&load(&store.read(&session), &july).expect("lecture"), &july);
    assert!(list.debits.iter().all(|d| d.tenant != "LOC002"));
    let skipped = list
        .skipped
        .iter()
        .find(|s| s.tenant == "LOC002")
        .expect("écarté");
    assert!(skipped.reason.contains("solde nul"), "{}", skipped.reason);
}
