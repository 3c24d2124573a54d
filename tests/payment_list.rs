//! Liste des règlements enregistrés (fenêtre Règlements, S10) : les pièces de règlement
//! seules, leur ventilation, les critères du volet de sélection, le total. Chiffres
//! calculés à la main.

mod common;

use abri::ledger::{self, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use abri::model::money::parse_money;
use abri::model::{Money, PaymentMode};
use abri::store::{PaymentFilter, PaymentSummary, Session, Store};
use abri::treatments::payments::{
    apply_payments, booked_payments, drawn_bank, payments_total, plan_payments, PaymentInput,
    PaymentOptions, PaymentSnapshot,
};
use common::{demo_without_vouchers, ymd};

fn eur(s: &str) -> Money {
    parse_money(s).expect("montant de test")
}

fn entry(account: &str, tiers: Option<&str>, debit: &str, credit: &str) -> EntryDraft {
    let amount = |s: &str| if s.is_empty() { Money::ZERO } else { eur(s) };
    EntryDraft {
        account: account.into(),
        tiers: tiers.map(str::to_string),
        analytic: if tiers.is_none() { "IMM01-03" } else { "" }.into(),
        label: String::new(),
        debit: amount(debit),
        credit: amount(credit),
    }
}

/// Les dettes de DIALLO (LOC003, BAIL003) au 01/03/2026, au journal des ventes : loyer
/// 496,33 (LO), dépôt 257,43 (DG), hors loyer 17,45 (DV). Une pièce qui n'est pas un
/// règlement.
fn debts(store: &mut Store, session: &Session) {
    let draft = VoucherDraft {
        journal: "VEN".into(),
        value_date: ymd(2026, 3, 1),
        label: "Dettes de DIALLO".into(),
        template: None,
        tiers: Some("LOC003".into()),
        lease: Some("BAIL003".into()),
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: "saisie".into(),
        entries: vec![
            entry("411000000", Some("LOC003"), "496,33", ""),
            entry("703000000", None, "", "496,33"),
            entry("411500000", Some("LOC003"), "257,43", ""),
            entry("165000000", Some("LOC003"), "", "257,43"),
            entry("411600000", Some("LOC003"), "17,45", ""),
            entry("703900000", None, "", "17,45"),
        ],
    };
    store
        .write(session, "pièce de test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            ledger::post(repo, &ctx, &draft)
        })
        .map_err(|e: LedgerError| e.to_string())
        .expect("dettes");
}

fn payment(line: usize, tenant: &str, amount: &str, day: u32, mode: PaymentMode) -> PaymentInput {
    let date = ymd(2026, 3, day);
    PaymentInput {
        line,
        value_date: Some(date),
        tenant: Some(tenant.into()),
        amount: eur(amount),
        mode: Some(mode),
        payment_date: Some(date),
        ..PaymentInput::default()
    }
}

/// Quatre règlements : deux chèques et des espèces le 11/03, un virement le 12/03.
fn four_payments() -> (Store, Session) {
    let (mut store, session) = demo_without_vouchers();
    debts(&mut store, &session);
    let inputs = vec![
        PaymentInput {
            reference: "0533022".into(),
            bank: "LBP".into(),
            ..payment(1, "LOC003", "800,00", 11, PaymentMode::Cheque)
        },
        PaymentInput {
            reference: "7536269".into(),
            bank: "BNP".into(),
            ..payment(2, "LOC011", "169,92", 11, PaymentMode::Cheque)
        },
        payment(3, "LOC007", "300,00", 11, PaymentMode::Cash),
        payment(4, "LOC001", "105,15", 12, PaymentMode::Transfer),
    ];
    let plan = {
        let repo = store.read(&session);
        let snap = PaymentSnapshot::load(&repo, &inputs).expect("lecture");
        plan_payments(&snap, &inputs, PaymentOptions::default()).expect("plan")
    };
    apply_payments(&mut store, &session, &plan).expect("enregistrement");
    (store, session)
}

fn list(store: &Store, session: &Session, filter: PaymentFilter) -> Vec<PaymentSummary> {
    store
        .read(session)
        .payment_summaries(&filter)
        .expect("liste des règlements")
}

fn tenants(rows: &[PaymentSummary]) -> Vec<&str> {
    rows.iter().map(|p| p.tiers.as_str()).collect()
}

#[test]
fn the_list_has_the_payments_only_with_their_allocation() {
    let (store, session) = four_payments();
    let all = list(&store, &session, PaymentFilter::default());
    // La pièce des dettes (journal des ventes) n'est pas un règlement.
    assert_eq!(tenants(&all), ["LOC003", "LOC011", "LOC007", "LOC001"]);
    let first = &all[0];
    assert_eq!(first.value_date, ymd(2026, 3, 11));
    assert_eq!(first.tiers_name, "Mme DIALLO Aminata");
    assert_eq!(first.lease, "BAIL003");
    assert_eq!(first.journal, "BQ");
    assert_eq!(first.template, "Loc_REGL");
    assert_eq!(first.mode, Some(PaymentMode::Cheque));
    assert_eq!(first.batch_no, "R20260311-CHQ-01");
    assert_eq!(first.reference, "0533022");
    assert_eq!(drawn_bank(first), "LBP");
    // 800,00 soldent 496,33 + 257,43 + 17,45 = 771,21 ; le surplus de 28,79 va au loyer :
    // 496,33 + 28,79 = 525,12.
    let allocation: Vec<(&str, Money)> = first
        .allocation
        .iter()
        .map(|(a, m)| (a.as_str(), *m))
        .collect();
    assert_eq!(
        allocation,
        [
            ("411000000", eur("525,12")),
            ("411500000", eur("257,43")),
            ("411600000", eur("17,45")),
        ]
    );
    assert_eq!(first.amount, eur("800,00"));
    // Sans dette, tout va au loyer.
    assert_eq!(
        all[1].allocation,
        [("411000000".to_string(), eur("169,92"))]
    );
    assert_eq!(drawn_bank(&all[2]), "");
    // 800,00 + 169,92 + 300,00 + 105,15 = 1 375,07.
    assert_eq!(payments_total(&all), (4, eur("1375,07")));
}

#[test]
fn the_selection_pane_criteria_narrow_the_list() {
    let (store, session) = four_payments();
    let cheques = list(
        &store,
        &session,
        PaymentFilter {
            mode: Some(PaymentMode::Cheque),
            ..PaymentFilter::default()
        },
    );
    assert_eq!(tenants(&cheques), ["LOC003", "LOC011"]);
    // 800,00 + 169,92 = 969,92.
    assert_eq!(payments_total(&cheques), (2, eur("969,92")));
    let by_batch = PaymentFilter {
        batch_no: Some("R20260311-ESP-01".into()),
        ..PaymentFilter::default()
    };
    assert_eq!(tenants(&list(&store, &session, by_batch)), ["LOC007"]);
    let the_12th = PaymentFilter {
        from: Some(ymd(2026, 3, 12)),
        to: Some(ymd(2026, 3, 31)),
        ..PaymentFilter::default()
    };
    assert_eq!(tenants(&list(&store, &session, the_12th)), ["LOC001"]);
    let tenant = PaymentFilter {
        tiers: Some("LOC011".into()),
        ..PaymentFilter::default()
    };
    assert_eq!(tenants(&list(&store, &session, tenant)), ["LOC011"]);
    let other_journal = PaymentFilter {
        journal: Some("VEN".into()),
        ..PaymentFilter::default()
    };
    assert!(list(&store, &session, other_journal).is_empty());
    // Au plus trois : les trois premiers par numéro, et la liste le dit.
    let (first, truncated) =
        booked_payments(&store.read(&session), PaymentFilter::default(), 3).expect("liste");
    assert_eq!(tenants(&first), ["LOC003", "LOC011", "LOC007"]);
    assert!(truncated);
    let (every, truncated) =
        booked_payments(&store.read(&session), PaymentFilter::default(), 4).expect("liste");
    assert_eq!(every.len(), 4);
    assert!(!truncated);
}
