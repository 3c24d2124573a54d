//! Le générateur de grand bailleur (`abri generer`) : reproductible, cohérent, fait par
//! les vrais traitements.

use abri::model::{Money, MoveOutReason};
use abri::store::Store;
use abri::treatments::generate::{generate, GenerateOptions, GENERATED_CODE};
use std::collections::BTreeMap;

fn balances(
    store: &Store,
    session: &abri::store::Session,
) -> BTreeMap<(String, Option<String>), Money> {
    let mut out = BTreeMap::new();
    for l in store.read(session).ledger_lines(None).expect("écritures") {
        *out.entry((l.account, l.tiers)).or_insert(Money::ZERO) += l.debit - l.credit;
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_landlord_and_it_verifies() {
    let options = GenerateOptions::new(120, 3, 7);
    let mut a = Store::open_in_memory().expect("base");
    let (session_a, summary) = generate(&mut a, "test", &options).expect("génération");
    assert_eq!(session_a.landlord_code, GENERATED_CODE);
    // 120 locations et les mutations (une location de plus par mutation).
    let leases = a.read(&session_a).leases().expect("locations");
    let transfers = leases
        .iter()
        .filter(|l| l.move_out_reason == Some(MoveOutReason::Transfer))
        .count();
    assert_eq!(summary.leases, 120 + transfers);
    assert!(leases.iter().any(|l| l.payment.direct_debit));
    assert!(leases.iter().any(|l| l.move_out_reason.is_some()));
    // Trois mois d'avis pour (presque) toutes les locations, et des règlements, dont la
    // part CAF réglée par l'organisme.
    assert!(summary.notices >= 3 * 110, "{summary:?}");
    assert!(summary.payments >= summary.notices, "{summary:?}");
    let lines = a.read(&session_a).ledger_lines(None).expect("écritures");
    assert!(lines.iter().any(|l| l.label.contains("CAF de Paris")));
    assert!(a.verify().expect("vérification").is_empty());
    // Chaque pièce est équilibrée.
    let mut sums: BTreeMap<String, Money> = BTreeMap::new();
    for l in &lines {
        *sums.entry(l.number.clone()).or_default() += l.debit - l.credit;
    }
    assert!(sums.values().all(|s| s.is_zero()));

    let mut b = Store::open_in_memory().expect("base");
    let (session_b, again) = generate(&mut b, "test", &options).expect("seconde génération");
    assert_eq!(again, summary);
    assert_eq!(balances(&a, &session_a), balances(&b, &session_b));
    let mut c = Store::open_in_memory().expect("base");
    let (session_c, _) =
        generate(&mut c, "test", &GenerateOptions::new(120, 3, 8)).expect("autre graine");
    assert_ne!(balances(&a, &session_a), balances(&c, &session_c));
}

#[test]
fn no_lease_is_refused_in_french() {
    let mut store = Store::open_in_memory().expect("base");
    let err = generate(&mut store, "test", &GenerateOptions::new(0, 1, 1)).expect_err("refus");
    assert_eq!(err.to_string(), "indiquez au moins une location (--baux)");
}
