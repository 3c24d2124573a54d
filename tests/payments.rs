//! Règlements (S10) : ventilation sur les comptes débiteurs, remboursement, refus derrière
//! un avis, lot tout ou rien, simulation, automatismes (remise, mode de la location),
//! organisme payeur, bordereau de remise, impayés avec ancienneté. Chiffres calculés à
//! la main.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use abri::formats::payments_csv::read_payments;
use abri::ledger::{self, EntryDraft, LedgerContext, LedgerError, LedgerLine, VoucherDraft};
use abri::model::money::parse_money;
use abri::model::{Gestion, PaymentMode};
use abri::store::{BatchKey, Session, Store};
use abri::treatments::payments::{
    apply_payments, deposit_slip, plan_payments, PaymentError, PaymentInput, PaymentOptions,
    PaymentPlan, PaymentSnapshot,
};
use abri::treatments::unpaid::{load_unpaid, unpaid_balances, unpaid_csv};
use chrono::NaiveDate;
use common::{demo_without_vouchers, ymd};
use rust_decimal::Decimal;

fn eur(s: &str) -> Decimal {
    parse_money(s).expect("montant de test")
}

fn entry(
    account: &str,
    tiers: Option<&str>,
    analytic: &str,
    debit: &str,
    credit: &str,
) -> EntryDraft {
    EntryDraft {
        account: account.into(),
        tiers: tiers.map(str::to_string),
        analytic: analytic.into(),
        label: String::new(),
        debit: if debit.is_empty() {
            Decimal::ZERO
        } else {
            eur(debit)
        },
        credit: if credit.is_empty() {
            Decimal::ZERO
        } else {
            eur(credit)
        },
    }
}

/// Enregistre une pièce directement par le grand livre (dettes de départ, avis).
fn post(
    store: &mut Store,
    session: &Session,
    date: NaiveDate,
    tiers: &str,
    lease: &str,
    origin: &str,
    entries: Vec<EntryDraft>,
) -> String {
    let draft = VoucherDraft {
        journal: "VEN".into(),
        value_date: date,
        label: format!("Pièce de test {tiers}"),
        template: None,
        tiers: Some(tiers.into()),
        lease: Some(lease.into()),
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: origin.into(),
        entries,
    };
    store
        .write(session, "pièce de test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            ledger::post(repo, &ctx, &draft)
        })
        .map_err(|e: LedgerError| e.to_string())
        .expect("pièce de test")
}

/// Les dettes de l'exemple du manuel pour DIALLO (LOC003, BAIL003, lot IMM01-03) :
/// loyer 496,33 (LO), dépôt 257,43 (DG), hors loyer 17,45 (DV), au 01/03/2026.
fn manual_debts(store: &mut Store, session: &Session) {
    post(
        store,
        session,
        ymd(2026, 3, 1),
        "LOC003",
        "BAIL003",
        "saisie",
        vec![
            entry("411000000", Some("LOC003"), "", "496,33", ""),
            entry("703000000", None, "IMM01-03", "", "496,33"),
            entry("411500000", Some("LOC003"), "", "257,43", ""),
            entry("165000000", Some("LOC003"), "", "", "257,43"),
            entry("411600000", Some("LOC003"), "", "17,45", ""),
            entry("703900000", None, "IMM01-03", "", "17,45"),
        ],
    );
}

/// Un hors loyer saisi (D 411600000 du locataire / C 703900000 sur l'analytique du lot) :
/// (locataire, location, analytique).
fn misc_charge(
    store: &mut Store,
    session: &Session,
    date: NaiveDate,
    (tenant, lease, analytic): (&str, &str, &str),
    amount: &str,
) {
    post(
        store,
        session,
        date,
        tenant,
        lease,
        "saisie",
        vec![
            entry("411600000", Some(tenant), "", amount, ""),
            entry("703900000", None, analytic, "", amount),
        ],
    );
}

/// Ancienne lecture des remises, gardée comme référence : toutes les remises des pièces
/// du bailleur (une ligne par date, mode, numéro), par numéro puis date.
fn old_batch_keys(store: &Store, session: &Session) -> Vec<BatchKey> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT DISTINCT value_date, payment_mode, batch_no FROM voucher
             WHERE landlord_id = ?1 AND batch_no <> '' ORDER BY batch_no, value_date",
        )
        .expect("requête");
    let rows = stmt
        .query_map([session.landlord_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .expect("remises");
    rows.map(|r| {
        let (date, mode, batch_no) = r.expect("remise");
        BatchKey {
            value_date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").expect("date"),
            mode: mode.map(|m| PaymentMode::parse(&m).expect("mode")),
            batch_no,
        }
    })
    .collect()
}

/// Le plan est refusé comme périmé et rien n'est écrit.
fn refused_as_stale(store: &mut Store, session: &Session, plan: &PaymentPlan, before: &(i64, i64)) {
    assert!(matches!(
        apply_payments(store, session, plan),
        Err(PaymentError::Stale)
    ));
    assert_eq!(counts(store, session), *before);
}

fn cheque(line: usize, tenant: &str, amount: &str, date: NaiveDate) -> PaymentInput {
    PaymentInput {
        line,
        value_date: Some(date),
        tenant: Some(tenant.into()),
        amount: eur(amount),
        mode: Some(PaymentMode::Cheque),
        payment_date: Some(date),
        ..PaymentInput::default()
    }
}

fn try_plan(
    store: &Store,
    session: &Session,
    inputs: &[PaymentInput],
    options: PaymentOptions,
) -> Result<PaymentPlan, Vec<(usize, String)>> {
    let repo = store.read(session);
    let snap = PaymentSnapshot::load(&repo, inputs).expect("lecture");
    plan_payments(&snap, inputs, options)
}

/// Compte, tiers, débit, crédit de chaque écriture ; et la pièce équilibrée.
fn rows(draft: &VoucherDraft) -> Vec<(String, Option<String>, Decimal, Decimal)> {
    let debit: Decimal = draft.entries.iter().map(|e| e.debit).sum();
    let credit: Decimal = draft.entries.iter().map(|e| e.credit).sum();
    assert_eq!(debit, credit, "pièce déséquilibrée : {draft:?}");
    draft
        .entries
        .iter()
        .map(|e| (e.account.clone(), e.tiers.clone(), e.debit, e.credit))
        .collect()
}

fn expect(
    rows: &[(&str, Option<&str>, &str, &str)],
) -> Vec<(String, Option<String>, Decimal, Decimal)> {
    rows.iter()
        .map(|(a, t, d, c)| {
            let amount = |s: &str| if s.is_empty() { Decimal::ZERO } else { eur(s) };
            (a.to_string(), t.map(str::to_string), amount(d), amount(c))
        })
        .collect()
}

/// Soldes « débit − crédit » des comptes courants d'un tiers à une date.
fn balances(
    store: &Store,
    session: &Session,
    tiers: &str,
    at: NaiveDate,
) -> BTreeMap<String, Decimal> {
    store
        .read(session)
        .tiers_balances(&[tiers], at)
        .expect("soldes")
        .into_iter()
        .map(|((account, _), b)| (account, b))
        .collect()
}

fn counts(store: &Store, session: &Session) -> (i64, i64) {
    let repo = store.read(session);
    (
        repo.count("voucher").expect("pièces"),
        repo.count("entry").expect("écritures"),
    )
}

fn lease_mode(store: &Store, session: &Session, lease: &str) -> PaymentMode {
    store
        .read(session)
        .leases()
        .expect("locations")
        .into_iter()
        .find(|l| l.reference == lease)
        .expect("location")
        .payment_mode
}

#[test]
fn the_allocation_example_of_the_manual() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    let input = PaymentInput {
        reference: "0533022".into(),
        bank: "LBP".into(),
        ..cheque(1, "LOC003", "1000,00", ymd(2026, 3, 11))
    };
    let plan = try_plan(&store, &session, &[input], PaymentOptions::default()).expect("plan");
    let p = &plan.payments[0];
    // 1 000,00 − (496,33 + 257,43 + 17,45) = 228,79 de trop, au loyer : 496,33 + 228,79 = 725,12.
    assert_eq!(
        rows(&p.draft),
        expect(&[
            ("512000000", None, "1000,00", ""),
            ("411000000", Some("LOC003"), "", "725,12"),
            ("411500000", Some("LOC003"), "", "257,43"),
            ("411600000", Some("LOC003"), "", "17,45"),
        ])
    );
    assert_eq!(p.draft.template.as_deref(), Some("Loc_REGL"));
    assert_eq!(p.draft.journal, "BQ");
    assert_eq!(p.draft.tiers.as_deref(), Some("LOC003"));
    assert_eq!(p.draft.lease.as_deref(), Some("BAIL003"));
    assert_eq!(p.unit.as_deref(), Some("IMM01-03"));
    assert_eq!(p.draft.label, "Règl. Mme DIALLO Aminata");
    assert_eq!(p.draft.reference, "0533022");
    assert!(
        p.notes.iter().any(|n| n.contains("surplus de 228,79")),
        "{:?}",
        p.notes
    );

    let numbers = apply_payments(&mut store, &session, &plan).expect("enregistrement");
    assert_eq!(numbers.len(), 1);
    let after = balances(&store, &session, "LOC003", ymd(2026, 3, 31));
    assert_eq!(
        after["411000000"],
        eur("-228,79"),
        "le loyer devient créditeur"
    );
    assert_eq!(after["411500000"], Decimal::ZERO);
    assert_eq!(after["411600000"], Decimal::ZERO);
    // La pièce enregistrée est celle du plan, modifiable ensuite (origine saisie).
    let stored = store
        .read(&session)
        .voucher(&numbers[0])
        .expect("lecture")
        .expect("pièce");
    assert_eq!(stored.draft.origin, "saisie");
    assert_eq!(stored.draft.batch_no, "R20260311-CHQ-01");
    assert_eq!(stored.draft.payment_mode, Some(PaymentMode::Cheque));
}

#[test]
fn a_smaller_payment_credits_in_template_order_and_leaves_the_rest_debtor() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    let plan = try_plan(
        &store,
        &session,
        &[cheque(1, "LOC003", "600,00", ymd(2026, 3, 11))],
        PaymentOptions::default(),
    )
    .expect("plan");
    // Ordre de Loc_REGL : LO, DG, DV, EV. 600,00 = 496,33 (LO) + 103,67 (DG) ; DV rien.
    assert_eq!(
        rows(&plan.payments[0].draft),
        expect(&[
            ("512000000", None, "600,00", ""),
            ("411000000", Some("LOC003"), "", "496,33"),
            ("411500000", Some("LOC003"), "", "103,67"),
        ])
    );
    apply_payments(&mut store, &session, &plan).expect("enregistrement");
    let after = balances(&store, &session, "LOC003", ymd(2026, 3, 31));
    assert_eq!(after["411000000"], Decimal::ZERO);
    // 257,43 − 103,67 = 153,76 de dépôt et 17,45 de hors loyer restent dus.
    assert_eq!(after["411500000"], eur("153,76"));
    assert_eq!(after["411600000"], eur("17,45"));

    // Un second règlement de 171,21 solde exactement le reste : DG puis DV.
    let plan = plan_for(
        &store,
        &session,
        &[cheque(1, "LOC003", "171,21", ymd(2026, 3, 12))],
    );
    assert_eq!(
        rows(&plan.payments[0].draft),
        expect(&[
            ("512000000", None, "171,21", ""),
            ("411500000", Some("LOC003"), "", "153,76"),
            ("411600000", Some("LOC003"), "", "17,45"),
        ])
    );
}

fn plan_for(store: &Store, session: &Session, inputs: &[PaymentInput]) -> PaymentPlan {
    try_plan(store, session, inputs, PaymentOptions::default()).expect("plan")
}

#[test]
fn a_refund_of_a_credit_balance_balances() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    let paid = plan_for(
        &store,
        &session,
        &[cheque(1, "LOC003", "1000,00", ymd(2026, 3, 11))],
    );
    apply_payments(&mut store, &session, &paid).expect("règlement");
    // Le locataire a 228,79 au crédit de son loyer : on les lui rend par chèque.
    let refund = PaymentInput {
        template: "Loc_REMB".into(),
        reference: "CHQ 9001".into(),
        ..cheque(1, "LOC003", "228,79", ymd(2026, 3, 20))
    };
    let plan = plan_for(&store, &session, &[refund]);
    let p = &plan.payments[0];
    assert!(p.refund);
    assert_eq!(
        rows(&p.draft),
        expect(&[
            ("411000000", Some("LOC003"), "228,79", ""),
            ("512000000", None, "", "228,79"),
        ])
    );
    assert_eq!(
        p.batch_no, "",
        "un remboursement n'entre dans aucune remise"
    );
    assert_eq!(p.lease_mode, None);
    assert!(
        p.notes.iter().all(|n| !n.contains("attention")),
        "{:?}",
        p.notes
    );
    apply_payments(&mut store, &session, &plan).expect("remboursement");
    let after = balances(&store, &session, "LOC003", ymd(2026, 3, 31));
    assert!(
        after
            .iter()
            .filter(|(a, _)| a.starts_with("411"))
            .all(|(_, b)| b.is_zero()),
        "comptes du locataire soldés : {after:?}"
    );
    let bank: Decimal = store
        .read(&session)
        .ledger_lines(None)
        .expect("écritures")
        .iter()
        .filter(|l| l.account == "512000000")
        .map(|l| l.debit - l.credit)
        .sum();
    assert_eq!(bank, eur("771,21"), "banque : 1 000,00 − 228,79");
}

#[test]
fn a_payment_dated_before_the_last_notice_is_refused_and_nothing_is_written() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    // L'avis d'avril, généré (origine « avis ») au 01/04/2026.
    post(
        &mut store,
        &session,
        ymd(2026, 4, 1),
        "LOC003",
        "BAIL003",
        ledger::NOTICE_ORIGIN,
        vec![
            entry("411000000", Some("LOC003"), "", "560,00", ""),
            entry("703000000", None, "IMM01-03", "", "560,00"),
        ],
    );
    let before = counts(&store, &session);
    let errors = try_plan(
        &store,
        &session,
        &[cheque(1, "LOC003", "100,00", ymd(2026, 3, 25))],
        PaymentOptions::default(),
    )
    .expect_err("derrière l'avis");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, 1);
    assert_eq!(
        errors[0].1,
        "un avis d'échéance du 01/04/2026 a déjà été généré pour ce locataire, après la date de la pièce (25/03/2026) : datez la pièce à partir du 01/04/2026, ou supprimez d'abord l'avis"
    );
    assert_eq!(counts(&store, &session), before);
    // Le jour même de l'avis, le règlement passe.
    assert!(try_plan(
        &store,
        &session,
        &[cheque(1, "LOC003", "100,00", ymd(2026, 4, 1))],
        PaymentOptions::default()
    )
    .is_ok());
}

#[test]
fn a_batch_with_one_invalid_payment_writes_none() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    let before = counts(&store, &session);
    let modes_before = lease_mode(&store, &session, "BAIL011");
    let day = ymd(2026, 3, 11);
    let inputs = vec![
        cheque(2, "LOC003", "100,00", day),
        // Chèque sans date du règlement : refusé.
        PaymentInput {
            payment_date: None,
            ..cheque(3, "LOC011", "50,00", day)
        },
        PaymentInput {
            mode: Some(PaymentMode::Transfer),
            ..cheque(4, "LOC001", "80,00", day)
        },
        // Montant nul et locataire inconnu : deux refus sur la même ligne.
        PaymentInput {
            tenant: Some("INCONNU".into()),
            ..cheque(5, "x", "0", day)
        },
    ];
    let errors = try_plan(&store, &session, &inputs, PaymentOptions::default()).expect_err("refus");
    let lines: Vec<usize> = errors.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![3, 5, 5], "{errors:?}");
    assert!(errors[0].1.contains("date_reglement"), "{}", errors[0].1);
    assert!(
        errors[0].1.contains("obligatoire pour un chèque"),
        "{}",
        errors[0].1
    );
    assert!(
        errors[1].1.contains("le montant doit être positif"),
        "{}",
        errors[1].1
    );
    assert!(
        errors[2].1.contains("locataire « INCONNU » inconnu"),
        "{}",
        errors[2].1
    );
    assert_eq!(counts(&store, &session), before);

    // Un lot valide au plan, dont une ligne devient invalide avant l'enregistrement (un avis
    // est généré entre-temps pour LOC011) : aucune pièce n'est écrite, aucun mode changé.
    let inputs = vec![
        cheque(1, "LOC003", "100,00", day),
        PaymentInput {
            mode: Some(PaymentMode::Transfer),
            ..cheque(2, "LOC011", "50,00", day)
        },
    ];
    let plan = plan_for(&store, &session, &inputs);
    assert_eq!(plan.payments.len(), 2);
    post(
        &mut store,
        &session,
        ymd(2026, 3, 15),
        "LOC011",
        "BAIL011",
        ledger::NOTICE_ORIGIN,
        vec![
            entry("411000000", Some("LOC011"), "", "400,00", ""),
            entry("703000000", None, "IMM02-01", "", "400,00"),
        ],
    );
    let before = counts(&store, &session);
    let err = apply_payments(&mut store, &session, &plan).expect_err("tout ou rien");
    match &err {
        PaymentError::Invalid(errors) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].0, 2);
            assert!(
                errors[0].1.contains("un avis d'échéance du 15/03/2026"),
                "{err}"
            );
        }
        other => panic!("refus attendu, obtenu : {other}"),
    }
    assert_eq!(counts(&store, &session), before);
    assert_eq!(lease_mode(&store, &session, "BAIL011"), modes_before);
}

#[test]
fn a_dry_run_writes_nothing_and_a_stale_plan_is_refused() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    let before = counts(&store, &session);
    let audit_before = store.read(&session).count("audit_log").expect("audit");
    let plan = plan_for(
        &store,
        &session,
        &[cheque(1, "LOC003", "300,00", ymd(2026, 3, 11))],
    );
    assert!(
        plan.report().contains("1 règlement(s), total 300,00"),
        "{}",
        plan.report()
    );
    assert_eq!(counts(&store, &session), before);
    assert_eq!(
        store.read(&session).count("audit_log").expect("audit"),
        audit_before
    );
    assert_eq!(lease_mode(&store, &session, "BAIL003"), PaymentMode::Cheque);

    // Les soldes changent entre le plan et l'enregistrement : la ventilation serait
    // autre, le plan est refusé.
    misc_charge(
        &mut store,
        &session,
        ymd(2026, 3, 5),
        ("LOC003", "BAIL003", "IMM01-03"),
        "10,00",
    );
    let cheque_plan = |store: &Store| {
        plan_for(
            store,
            &session,
            &[cheque(1, "LOC003", "1000,00", ymd(2026, 3, 11))],
        )
    };
    let plan = cheque_plan(&store);
    misc_charge(
        &mut store,
        &session,
        ymd(2026, 3, 6),
        ("LOC003", "BAIL003", "IMM01-03"),
        "5,00",
    );
    let before = counts(&store, &session);
    refused_as_stale(&mut store, &session, &plan, &before);

    // Le journal des pièces n'a pas bougé mais la location a changé de mode : les
    // écritures lues pour le plan sont reprises, le reste est relu, le plan est refusé.
    let plan = cheque_plan(&store);
    store
        .write(&session, "test", |repo| {
            repo.set_lease_payment_mode("BAIL003", PaymentMode::Transfer)
        })
        .expect("mode");
    refused_as_stale(&mut store, &session, &plan, &before);

    // Une pièce d'un autre locataire change le journal des pièces sans changer le plan :
    // tout est relu, le plan est enregistré.
    let plan = cheque_plan(&store);
    misc_charge(
        &mut store,
        &session,
        ymd(2026, 3, 6),
        ("LOC011", "BAIL011", "IMM02-01"),
        "5,00",
    );
    let numbers = apply_payments(&mut store, &session, &plan).expect("plan toujours juste");
    assert_eq!(numbers.len(), 1);
}

/// Les remises relues par numéro et par date sont celles de l'ancienne lecture de toutes
/// les remises qui peuvent toucher les lignes, et le plan n'y voit aucune différence.
#[test]
fn batch_keys_read_by_number_and_date_are_the_relevant_old_ones() {
    let (mut store, session) = demo_without_vouchers();
    let (d10, d11, d12, d13) = (
        ymd(2026, 3, 10),
        ymd(2026, 3, 11),
        ymd(2026, 3, 12),
        ymd(2026, 3, 13),
    );
    let transfer = |line, tenant, date| PaymentInput {
        mode: Some(PaymentMode::Transfer),
        ..cheque(line, tenant, "20,00", date)
    };
    let numbered = |line, tenant, date, no: &str| PaymentInput {
        batch_no: no.into(),
        ..cheque(line, tenant, "15,00", date)
    };
    let history = vec![
        cheque(1, "LOC003", "100,00", d11),
        PaymentInput {
            mode: Some(PaymentMode::Cash),
            ..cheque(2, "LOC007", "40,00", d11)
        },
        transfer(3, "LOC011", d12),
        numbered(4, "LOC014", d12, "REM-A"),
        // numéro automatique du 11 employé à la main pour le 13
        numbered(5, "LOC019", d13, "R20260311-CHQ-05"),
        numbered(6, "LOC003", d10, "R20260312-VIR-02"),
    ];
    let plan = plan_for(&store, &session, &history);
    apply_payments(&mut store, &session, &plan).expect("historique");

    let repo = store.read(&session);
    let all = old_batch_keys(&store, &session);
    assert!(all.len() >= 6, "{all:?}");
    let numbers = [
        "",
        "REM-A",
        " REM-A ",
        "R20260311-CHQ-05",
        "R20260311-CHQ-01",
        "R20260312-VIR-02",
        "INCONNUE",
    ];
    let days = [d10, d11, d12, d13, ymd(2026, 3, 14)];
    let mut compared = 0;
    for (i, no) in numbers.iter().enumerate() {
        for (j, day) in days.iter().enumerate() {
            let nos = vec![no.to_string(), numbers[(i + 3) % numbers.len()].to_string()];
            let dates = vec![*day, days[(j + 2) % days.len()]];
            let wanted: Vec<_> = all
                .iter()
                .filter(|k| {
                    nos.iter().any(|n| n.trim() == k.batch_no)
                        || dates.iter().any(|d| {
                            k.value_date == *d
                                || k.batch_no.starts_with(&format!("R{}-", d.format("%Y%m%d")))
                        })
                })
                .cloned()
                .collect();
            let new = repo.batch_keys_for(&nos, &dates).expect("remises utiles");
            assert_eq!(new, wanted, "{nos:?} {dates:?}");
            compared += new.len();

            // Le plan est le même avec toutes les remises.
            let inputs = vec![
                cheque(1, "LOC019", "30,00", *day),
                transfer(2, "LOC011", dates[1]),
                numbered(3, "LOC014", *day, no),
                numbered(4, "LOC007", dates[1], &nos[1]),
            ];
            for options in [
                PaymentOptions::default(),
                PaymentOptions {
                    auto_batch: false,
                    ..PaymentOptions::default()
                },
            ] {
                let snap = PaymentSnapshot::load(&repo, &inputs).expect("lecture");
                let restricted = plan_payments(&snap, &inputs, options).map(|p| p.payments);
                let mut full = PaymentSnapshot::load(&repo, &inputs).expect("lecture");
                full.ledger.batches = all.clone();
                let reference = plan_payments(&full, &inputs, options).map(|p| p.payments);
                assert_eq!(restricted, reference, "{inputs:?}");
            }
        }
    }
    assert!(compared > 20, "{compared} remises comparées");
}

#[test]
fn the_lease_payment_mode_follows_the_payment_except_in_direct_debit() {
    let (mut store, session) = demo_without_vouchers();
    let day = ymd(2026, 3, 11);
    let inputs = vec![
        // BAIL003 en chèque, réglé par virement : la location passe en virement.
        PaymentInput {
            mode: Some(PaymentMode::Transfer),
            ..cheque(1, "LOC003", "100,00", day)
        },
        // BAIL002 en prélèvement : réglé par chèque, la location reste en prélèvement.
        cheque(2, "LOC002", "100,00", day),
        // BAIL007 en espèces, sans mode saisi : le mode de la location est proposé.
        PaymentInput {
            mode: None,
            payment_date: None,
            ..cheque(3, "LOC007", "40,00", day)
        },
    ];
    let plan = plan_for(&store, &session, &inputs);
    assert_eq!(plan.payments[2].mode, PaymentMode::Cash);
    assert!(plan.payments[2]
        .notes
        .iter()
        .any(|n| n == "mode espèces proposé par la location"));
    assert_eq!(
        plan.payments[0].lease_mode,
        Some(("BAIL003".into(), PaymentMode::Cheque, PaymentMode::Transfer))
    );
    assert_eq!(plan.payments[1].lease_mode, None);
    assert_eq!(
        plan.payments[2].lease_mode, None,
        "même mode : rien à changer"
    );
    apply_payments(&mut store, &session, &plan).expect("enregistrement");
    assert_eq!(
        lease_mode(&store, &session, "BAIL003"),
        PaymentMode::Transfer
    );
    assert_eq!(
        lease_mode(&store, &session, "BAIL002"),
        PaymentMode::DirectDebit
    );
    assert_eq!(lease_mode(&store, &session, "BAIL007"), PaymentMode::Cash);

    // Option débrayée : BAIL007 reste en espèces malgré un chèque.
    let off = PaymentOptions {
        update_lease_mode: false,
        ..PaymentOptions::default()
    };
    let plan = try_plan(&store, &session, &[cheque(1, "LOC007", "40,00", day)], off).expect("plan");
    assert_eq!(plan.payments[0].lease_mode, None);
    apply_payments(&mut store, &session, &plan).expect("enregistrement");
    assert_eq!(lease_mode(&store, &session, "BAIL007"), PaymentMode::Cash);
}

#[test]
fn batch_numbers_per_value_date_and_mode() {
    let (mut store, session) = demo_without_vouchers();
    let (d11, d12) = (ymd(2026, 3, 11), ymd(2026, 3, 12));
    let inputs = vec![
        cheque(1, "LOC003", "100,00", d11),
        cheque(2, "LOC011", "50,00", d11),
        PaymentInput {
            mode: Some(PaymentMode::Cash),
            ..cheque(3, "LOC007", "40,00", d11)
        },
        cheque(4, "LOC014", "70,00", d12),
    ];
    let plan = plan_for(&store, &session, &inputs);
    let batches: Vec<&str> = plan.payments.iter().map(|p| p.batch_no.as_str()).collect();
    assert_eq!(
        batches,
        vec![
            "R20260311-CHQ-01",
            "R20260311-CHQ-01",
            "R20260311-ESP-01",
            "R20260312-CHQ-01"
        ]
    );
    apply_payments(&mut store, &session, &plan).expect("enregistrement");

    // Plus tard, un chèque de même date reprend la remise existante.
    let again = plan_for(&store, &session, &[cheque(1, "LOC019", "30,00", d11)]);
    assert_eq!(again.payments[0].batch_no, "R20260311-CHQ-01");
    // Sans numérotation automatique : pas de remise.
    let manual = PaymentOptions {
        auto_batch: false,
        ..PaymentOptions::default()
    };
    let none = try_plan(
        &store,
        &session,
        &[cheque(1, "LOC019", "30,00", d11)],
        manual,
    )
    .expect("plan");
    assert_eq!(none.payments[0].batch_no, "");
    // Une remise saisie ne mélange ni les dates ni les modes.
    let mixed = PaymentInput {
        batch_no: "R20260311-CHQ-01".into(),
        mode: Some(PaymentMode::Transfer),
        ..cheque(7, "LOC019", "30,00", d11)
    };
    let errors =
        try_plan(&store, &session, &[mixed], PaymentOptions::default()).expect_err("mélange");
    assert_eq!(errors[0].0, 7);
    assert!(
        errors[0].1.contains(
            "la remise « R20260311-CHQ-01 » regroupe déjà des règlements du 11/03/2026 en chèque"
        ),
        "{}",
        errors[0].1
    );
    let own = PaymentInput {
        batch_no: "REM-A".into(),
        ..cheque(1, "LOC019", "30,00", d12)
    };
    assert_eq!(
        plan_for(&store, &session, &[own]).payments[0].batch_no,
        "REM-A"
    );
}

#[test]
fn unit_and_tenant_fill_each_other_from_the_current_lease() {
    let (store, session) = demo_without_vouchers();
    // Le lot donne le locataire de sa location en cours.
    let by_unit = PaymentInput {
        tenant: None,
        unit: Some("IMM01-03".into()),
        ..cheque(1, "x", "10,00", ymd(2026, 3, 11))
    };
    let p = &plan_for(&store, &session, &[by_unit]).payments[0];
    assert_eq!(p.tenant, "LOC003");
    assert_eq!(p.lease.as_deref(), Some("BAIL003"));
    // Mutation de LOC016 : IMM02-06 jusqu'au 31/05/2026, puis IMM03-01 dès le 01/06/2026.
    let may = plan_for(
        &store,
        &session,
        &[cheque(1, "LOC016", "10,00", ymd(2026, 5, 15))],
    );
    assert_eq!(may.payments[0].unit.as_deref(), Some("IMM02-06"));
    let june = plan_for(
        &store,
        &session,
        &[cheque(1, "LOC016", "10,00", ymd(2026, 6, 15))],
    );
    assert_eq!(june.payments[0].unit.as_deref(), Some("IMM03-01"));
    assert_eq!(june.payments[0].lease.as_deref(), Some("BAIL017"));
    // LOC023 loue un logement et sa cave : le règlement va à la location du logement.
    let two = plan_for(
        &store,
        &session,
        &[cheque(1, "LOC023", "10,00", ymd(2026, 3, 11))],
    );
    assert_eq!(two.payments[0].lease.as_deref(), Some("BAIL024"));
    // Un lot sans location en cours, sans locataire : refus qui dit quoi faire.
    let empty = PaymentInput {
        tenant: None,
        unit: Some("IMM03-01".into()),
        ..cheque(4, "x", "10,00", ymd(2026, 3, 11))
    };
    let errors =
        try_plan(&store, &session, &[empty], PaymentOptions::default()).expect_err("lot vide");
    assert_eq!(
        errors,
        vec![(
            4,
            "colonne « locataire » : aucune location en cours sur le lot « IMM03-01 » au 11/03/2026 ; indiquez le locataire".to_string()
        )]
    );
    // Locataire et lot incohérents.
    let wrong = PaymentInput {
        unit: Some("IMM01-01".into()),
        ..cheque(1, "LOC003", "10,00", ymd(2026, 3, 11))
    };
    let errors =
        try_plan(&store, &session, &[wrong], PaymentOptions::default()).expect_err("incohérent");
    assert!(
        errors[0]
            .1
            .contains("n'a pas de location sur le lot « IMM01-01 »"),
        "{errors:?}"
    );
}

#[test]
fn templates_journals_and_payer_bodies_are_checked() {
    let (store, session) = demo_without_vouchers();
    let day = ymd(2026, 3, 11);
    let with = |template: &str, payer: Option<&str>, journal: &str| PaymentInput {
        template: template.into(),
        payer: payer.map(str::to_string),
        journal: journal.into(),
        mode: Some(PaymentMode::Transfer),
        ..cheque(1, "LOC003", "200,00", day)
    };
    let refused = |input: PaymentInput| {
        try_plan(&store, &session, &[input], PaymentOptions::default())
            .expect_err("refus")
            .into_iter()
            .map(|(_, m)| m)
            .collect::<Vec<_>>()
            .join(" / ")
    };
    assert!(refused(with("Loc_FACT DG", None, "")).contains("pas de trésorerie"));
    assert!(refused(with("Loc_REGL", None, "VEN")).contains("n'est pas un journal de trésorerie"));
    assert!(refused(with("Loc_RIEN", None, "")).contains("modèle « Loc_RIEN » inconnu"));
    assert!(
        refused(with("Loc_REGL", Some("FEDF"), "")).contains("est un tiers de type fournisseur")
    );
    assert!(refused(with("Loc_REMB", Some("FSL75"), ""))
        .contains("ne convient pas au règlement d'un organisme"));

    // Le FSL règle 200,00 pour DIALLO par virement : les comptes du locataire sont
    // crédités, le libellé nomme l'organisme, le mode de la location ne bouge pas.
    let p = &plan_for(&store, &session, &[with("Loc_REGL", Some("FSL75"), "")]).payments[0];
    assert_eq!(
        rows(&p.draft),
        expect(&[
            ("512000000", None, "200,00", ""),
            ("411000000", Some("LOC003"), "", "200,00"),
        ])
    );
    assert_eq!(
        p.draft.label,
        "Règl. Fonds de solidarité logement de Paris pour Mme DIALLO Aminata"
    );
    assert_eq!(p.draft.tiers.as_deref(), Some("LOC003"));
    assert_eq!(p.lease_mode, None);
    // En caisse (journal CAI) : la contrepartie est le 530000000.
    let cash = PaymentInput {
        mode: Some(PaymentMode::Cash),
        ..with("Loc_REGL", None, "CAI")
    };
    assert_eq!(
        plan_for(&store, &session, &[cash]).payments[0]
            .draft
            .entries[0]
            .account,
        "530000000"
    );
}

#[test]
fn the_import_file_reads_french_conventions_and_names_line_and_column() {
    let text = "\u{feff}remise;date_valeur;lot;locataire;montant;mode;date_reglement;reference;banque;modele;organisme\r\n\
                ;11/03/2026;;LOC003;1 000,00;chèque;10/03/2026;0533022;LBP;;\r\n\
                ;11/03/2026;IMM01-07;;40;especes;;;;;\r\n";
    let inputs = read_payments(text).expect("lecture");
    assert_eq!(inputs.len(), 2);
    assert_eq!(inputs[0].line, 2);
    assert_eq!(inputs[0].amount, eur("1000,00"));
    assert_eq!(inputs[0].mode, Some(PaymentMode::Cheque));
    assert_eq!(inputs[0].payment_date, Some(ymd(2026, 3, 10)));
    assert_eq!(inputs[0].bank, "LBP");
    assert_eq!(inputs[0].template, "Loc_REGL");
    assert_eq!(inputs[1].unit.as_deref(), Some("IMM01-07"));
    assert_eq!(inputs[1].tenant, None);

    let bad = "date_valeur;locataire;montant\n11/03/2026;LOC003;12,345\n";
    let err = read_payments(bad).expect_err("montant faux");
    assert_eq!(
        err.to_string(),
        "ligne 2, colonne « montant » : « 12,345 » a plus de deux décimales"
    );
    let bad = "date_valeur;locataire;montant;mode\n11/03/2026;LOC003;12;carte\n";
    assert!(read_payments(bad)
        .expect_err("mode")
        .to_string()
        .starts_with("ligne 2, colonne « mode » : « carte » : valeur inconnue"));
}

fn line(tiers: &str, account: &str, date: NaiveDate, debit: &str, credit: &str) -> LedgerLine {
    let amount = |s: &str| if s.is_empty() { Decimal::ZERO } else { eur(s) };
    LedgerLine {
        number: format!("{}", date.format("%Y%m%d")),
        journal: "VEN".into(),
        journal_label: "Ventes".into(),
        value_date: date,
        label: String::new(),
        template: None,
        voucher_tiers: Some(tiers.into()),
        lease: None,
        reference: String::new(),
        recorded_on: date,
        line_no: 1,
        account: account.into(),
        account_label: String::new(),
        account_collective: true,
        tiers: Some(tiers.into()),
        tiers_name: format!("Nom {tiers}"),
        tiers_kind: None,
        analytic: String::new(),
        entry_label: String::new(),
        debit: amount(debit),
        credit: amount(credit),
    }
}

#[test]
fn unpaid_balances_are_aged_first_in_first_out() {
    let at = ymd(2026, 6, 30);
    let accounts: BTreeMap<String, Gestion> = [
        ("411000000", Gestion::Rent),
        ("411500000", Gestion::Deposit),
        ("411600000", Gestion::Misc),
    ]
    .into_iter()
    .map(|(a, g)| (a.to_string(), g))
    .collect();
    let lines = vec![
        // A : quatre débits de 100,00 ; 150,00 réglés le 10/06 soldent le débit du 01/02
        // et 50,00 de celui du 01/04.
        line("A", "411000000", ymd(2026, 2, 1), "100,00", ""), // 149 jours
        line("A", "411000000", ymd(2026, 4, 1), "100,00", ""), // 90 jours
        line("A", "411600000", ymd(2026, 5, 1), "100,00", ""), // 60 jours
        line("A", "411000000", ymd(2026, 6, 1), "100,00", ""), // 29 jours
        line("A", "411000000", ymd(2026, 6, 10), "", "150,00"),
        // Après la date de la liste : ignoré.
        line("A", "411000000", ymd(2026, 7, 1), "999,00", ""),
        // B : créditeur, absent de la liste.
        line("B", "411000000", ymd(2026, 1, 5), "100,00", ""),
        line("B", "411000000", ymd(2026, 1, 6), "", "120,00"),
        // C : dépôts (165…) et compte CAF hors comptes courants ; 31 jours pile.
        line("C", "165000000", ymd(2026, 1, 5), "", "400,00"),
        line("C", "411700000", ymd(2026, 1, 5), "500,00", ""),
        line("C", "411500000", ymd(2026, 5, 30), "400,00", ""),
        line("C", "411000000", ymd(2026, 1, 5), "", "20,00"),
    ];
    let rows = unpaid_balances(&lines, &accounts, at);
    assert_eq!(rows.len(), 2);
    let a = &rows[0];
    assert_eq!(a.tenant, "A");
    assert_eq!(a.balance, eur("250,00"));
    assert_eq!(
        a.buckets,
        [eur("100,00"), eur("100,00"), eur("50,00"), Decimal::ZERO]
    );
    assert_eq!(a.oldest, Some(ymd(2026, 4, 1)));
    let c = &rows[1];
    assert_eq!(c.tenant, "C");
    assert_eq!(c.balance, eur("380,00"));
    assert_eq!(
        c.buckets,
        [Decimal::ZERO, eur("380,00"), Decimal::ZERO, Decimal::ZERO]
    );
    let csv = unpaid_csv(&rows);
    let csv_lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        csv_lines[0],
        "\u{feff}locataire;nom;lot;solde;0_30_jours;31_60_jours;61_90_jours;plus_90_jours;plus_ancien_debit"
    );
    assert_eq!(
        csv_lines[1],
        "A;Nom A;;250,00;100,00;100,00;50,00;0,00;01/04/2026"
    );
    assert_eq!(
        csv_lines[2],
        "C;Nom C;;380,00;0,00;380,00;0,00;0,00;30/05/2026"
    );
    assert_eq!(
        csv_lines[3],
        "Total;2 locataire(s);;630,00;100,00;480,00;50,00;0,00;"
    );
}

#[test]
fn unpaid_list_from_the_store_names_the_units() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    let plan = plan_for(
        &store,
        &session,
        &[cheque(1, "LOC003", "600,00", ymd(2026, 3, 11))],
    );
    apply_payments(&mut store, &session, &plan).expect("règlement");
    let rows = load_unpaid(&store.read(&session), ymd(2026, 5, 15)).expect("impayés");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].tenant, "LOC003");
    assert_eq!(rows[0].name, "Mme DIALLO Aminata");
    assert_eq!(rows[0].units, "IMM01-03");
    // 771,21 dus au 01/03, 600,00 réglés : 171,21, âgés de 75 jours.
    assert_eq!(rows[0].balance, eur("171,21"));
    assert_eq!(rows[0].buckets[2], eur("171,21"));
}

#[test]
fn the_deposit_slip_lists_the_batch_cheques_and_cash() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    let day = ymd(2026, 3, 11);
    let inputs = vec![
        PaymentInput {
            reference: "0533022".into(),
            bank: "LBP".into(),
            ..cheque(1, "LOC003", "380,00", day)
        },
        PaymentInput {
            reference: "7536269".into(),
            bank: "BNP".into(),
            ..cheque(2, "LOC011", "169,92", day)
        },
        PaymentInput {
            mode: Some(PaymentMode::Cash),
            ..cheque(3, "LOC007", "300,00", day)
        },
        PaymentInput {
            mode: Some(PaymentMode::Transfer),
            ..cheque(4, "LOC001", "105,15", day)
        },
    ];
    let plan = plan_for(&store, &session, &inputs);
    apply_payments(&mut store, &session, &plan).expect("enregistrement");
    let slip = deposit_slip(&store, &session, "R20260311-CHQ-01").expect("bordereau");
    assert_eq!(slip.landlord_name, "Association Toit Solidaire");
    assert_eq!(slip.date, day);
    let cheques: Vec<(&str, &str, &str, Decimal)> = slip
        .cheques
        .iter()
        .map(|l| {
            (
                l.tenant_name.as_str(),
                l.bank.as_str(),
                l.reference.as_str(),
                l.amount,
            )
        })
        .collect();
    assert_eq!(
        cheques,
        vec![
            ("Mme DIALLO Aminata", "LBP", "0533022", eur("380,00")),
            ("Mme KOUASSI Awa", "BNP", "7536269", eur("169,92")),
        ]
    );
    assert!(slip.cash.is_empty());
    assert_eq!(slip.total(), eur("549,92"));
    let cash = deposit_slip(&store, &session, "R20260311-ESP-01").expect("espèces");
    assert_eq!(cash.cash.len(), 1);
    assert_eq!(cash.total(), eur("300,00"));
    assert!(matches!(
        deposit_slip(&store, &session, "R20260311-VIR-01"),
        Err(PaymentError::NothingToDeposit(_))
    ));
    assert!(matches!(
        deposit_slip(&store, &session, "R19990101-CHQ-01"),
        Err(PaymentError::UnknownBatch(_))
    ));
}

fn abri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_abri"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("lancement de abri")
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn voucher_count(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .expect("base")
        .query_row("SELECT count(*) FROM voucher", [], |r| r.get(0))
        .expect("compte")
}

#[test]
fn cli_reglement_saisir_importer_and_impayes() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    let start = voucher_count(&db);

    let saisir = |extra: &[&str]| {
        let mut args = vec![
            "reglement",
            "saisir",
            "--locataire",
            "LOC003",
            "--montant",
            "123,45",
            "--mode",
            "cheque",
            "--date-valeur",
            "11/03/2026",
            "--date-reglement",
            "10/03/2026",
            "--reference",
            "4522",
            "--banque",
            "LBP",
        ];
        args.extend_from_slice(extra);
        abri(&db, &args)
    };
    let dry = saisir(&["--simulation"]);
    assert!(dry.status.success(), "{}", out(&dry));
    assert!(
        out(&dry).contains("Simulation : rien n'a été enregistré."),
        "{}",
        out(&dry)
    );
    assert!(
        out(&dry).contains("remise R20260311-CHQ-01"),
        "{}",
        out(&dry)
    );
    assert_eq!(voucher_count(&db), start);
    let real = saisir(&[]);
    assert!(real.status.success(), "{}", out(&real));
    assert_eq!(voucher_count(&db), start + 1);

    // Chèque sans date du règlement : refus en français, rien d'écrit.
    let refused = abri(
        &db,
        &[
            "reglement",
            "saisir",
            "--locataire",
            "LOC003",
            "--montant",
            "10",
            "--mode",
            "cheque",
            "--date-valeur",
            "11/03/2026",
        ],
    );
    assert!(!refused.status.success());
    assert!(
        out(&refused).contains("obligatoire pour un chèque"),
        "{}",
        out(&refused)
    );
    assert_eq!(voucher_count(&db), start + 1);

    // Un fichier dont une ligne est fausse : aucune pièce.
    let file = dir.path().join("reglements.csv");
    std::fs::write(
        &file,
        "\u{feff}remise;date_valeur;lot;locataire;montant;mode;date_reglement;reference;banque;modele;organisme\n\
         ;11/03/2026;;LOC011;169,92;cheque;11/03/2026;7536269;BNP;;\n\
         ;11/03/2026;;LOC999;50,00;virement;;;;;\n",
    )
    .expect("fichier");
    let import = abri(
        &db,
        &["reglement", "importer", file.to_str().expect("chemin")],
    );
    assert!(!import.status.success());
    assert!(
        out(&import).contains("ligne 3 : colonne « locataire » : locataire « LOC999 » inconnu"),
        "{}",
        out(&import)
    );
    assert_eq!(voucher_count(&db), start + 1);
    std::fs::write(
        &file,
        "remise;date_valeur;lot;locataire;montant;mode;date_reglement;reference;banque;modele;organisme\n\
         ;11/03/2026;;LOC011;169,92;cheque;11/03/2026;7536269;BNP;;\n\
         ;11/03/2026;IMM01-07;;300,00;especes;;;;;\n",
    )
    .expect("fichier");
    let import = abri(
        &db,
        &["reglement", "importer", file.to_str().expect("chemin")],
    );
    assert!(import.status.success(), "{}", out(&import));
    assert_eq!(voucher_count(&db), start + 3);

    let unpaid = abri(&db, &["impayes", "--au", "31/03/2026", "--csv"]);
    assert!(unpaid.status.success(), "{}", out(&unpaid));
    let text = String::from_utf8_lossy(&unpaid.stdout).into_owned();
    let pdf = dir.path().join("remise.pdf");
    let slip = abri(
        &db,
        &[
            "remise",
            "imprimer",
            "--numero",
            "R20260311-CHQ-01",
            "-o",
            pdf.to_str().expect("chemin"),
        ],
    );
    assert!(slip.status.success(), "{}", out(&slip));
    assert!(
        out(&slip).contains("2 chèque(s), 0 versement(s) en espèces, total 293,37"),
        "{}",
        out(&slip)
    );
    assert!(std::fs::read(&pdf).expect("PDF").starts_with(b"%PDF-"));
    assert!(
        text.starts_with("\u{feff}locataire;nom;lot;solde;"),
        "{text}"
    );
    assert!(text.contains("\r\nTotal;"), "{text}");
    assert!(abri(&db, &["verifier"]).status.success());
}

#[test]
fn the_deposit_slip_pdf_lists_the_batch_cheques_and_total() {
    use abri::documents::{load_letterhead, pdf::render, Document};
    let (mut store, session) = demo_without_vouchers();
    let day = ymd(2026, 3, 11);
    let inputs = vec![
        PaymentInput {
            reference: "0533022".into(),
            bank: "LBP".into(),
            ..cheque(1, "LOC003", "380,00", day)
        },
        PaymentInput {
            reference: "7536269".into(),
            bank: "BNP".into(),
            ..cheque(2, "LOC011", "1169,92", day)
        },
        // Même jour, autre mode : une autre remise, absente de ce bordereau.
        PaymentInput {
            mode: Some(PaymentMode::Cash),
            ..cheque(3, "LOC007", "300,00", day)
        },
    ];
    let plan = plan_for(&store, &session, &inputs);
    apply_payments(&mut store, &session, &plan).expect("enregistrement");
    let slip = deposit_slip(&store, &session, "R20260311-CHQ-01").expect("bordereau");
    let letterhead = load_letterhead(&slip.landlord_name, None);
    let pdf = render(&[Document::DepositSlip(slip)], &letterhead).expect("PDF");
    let pages = common::pdf::extract_pages(&pdf);
    assert_eq!(pages.len(), 1);
    for expected in [
        "Bordereau de remise en banque",
        "R20260311-CHQ-01",
        "11/03/2026",
        "Association Toit Solidaire",
        "FR76 3000 6000 0112 3456 7890 189 — BIC AGRIFRPP",
        "Mme DIALLO Aminata LBP 0533022 380,00",
        "Mme KOUASSI Awa BNP 7536269 1 169,92",
        "Total chèques (2 chèques) 1 549,92 €",
        "Nombre de chèques : 2",
        "Total de la remise 1 549,92 €",
    ] {
        assert!(
            pages[0].contains(expected),
            "« {expected} » absent :\n{}",
            pages[0]
        );
    }
    assert!(
        !pages[0].contains("MOREAU"),
        "les espèces sont dans une autre remise"
    );
}

#[test]
fn a_year_of_notices_and_payments_keeps_each_tenant_balance() {
    use abri::model::money::round_cents;
    use abri::treatments::notices::{self, NoticeOptions};
    let (mut store, session) = demo_without_vouchers();
    // Allocataires dont la CAF verse 180,00 par mois au bailleur (tiers payant).
    let caf = [
        ("LOC001", "CAF75"),
        ("LOC002", "CAF75"),
        ("LOC003", "CAF93"),
    ];
    // Attendu par locataire, tenu à part du grand livre : Σ avis − Σ règlements.
    let mut expected: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut payments = 0;
    for month in 1..=12 {
        let first = ymd(2026, month, 1);
        let options = NoticeOptions {
            period: first,
            value_date: first,
            leases: None,
            run_message: String::new(),
        };
        let run = notices::run(&mut store, &session, &options, false).expect("avis du mois");
        let day = ymd(2026, month, 10);
        let mut inputs = Vec::new();
        for n in &run.plan.notices {
            let Some(voucher) = &n.voucher else { continue };
            let billed: Decimal = voucher
                .entries
                .iter()
                .filter(|e| e.tiers.as_deref() == Some(n.tenant.as_str()))
                .filter(|e| e.account.starts_with("411"))
                .map(|e| e.debit - e.credit)
                .sum();
            *expected.entry(n.tenant.clone()).or_default() += billed;
            let mut due = billed;
            let mut pay = |amount: Decimal, payer: Option<&str>, mode: Option<PaymentMode>| {
                *expected.entry(n.tenant.clone()).or_default() -= amount;
                inputs.push(PaymentInput {
                    line: inputs.len() + 1,
                    value_date: Some(day),
                    tenant: Some(n.tenant.clone()),
                    amount,
                    mode,
                    payment_date: Some(day),
                    payer: payer.map(str::to_string),
                    ..PaymentInput::default()
                });
            };
            if let Some((_, body)) = caf.iter().find(|(t, _)| *t == n.tenant) {
                let benefit = due.min(eur("180,00"));
                if benefit > Decimal::ZERO {
                    pay(benefit, Some(body), Some(PaymentMode::Transfer));
                    due -= benefit;
                }
            }
            // LEROY ne règle que la moitié ; les autres règlent l'avis, au mode de leur location.
            if n.tenant == "LOC005" {
                due = round_cents(due / Decimal::TWO);
            }
            if due > Decimal::ZERO {
                pay(due, None, None);
            }
        }
        if !inputs.is_empty() {
            payments += inputs.len();
            let plan = plan_for(&store, &session, &inputs);
            for p in &plan.payments {
                rows(&p.draft);
            }
            apply_payments(&mut store, &session, &plan).expect("règlements du mois");
        }
    }
    assert!(payments > 250, "{payments} règlements");
    let at = ymd(2026, 12, 31);
    for (tenant, want) in &expected {
        let ledger: Decimal = balances(&store, &session, tenant, at)
            .iter()
            .filter(|(account, _)| account.starts_with("411"))
            .map(|(_, b)| *b)
            .sum();
        assert_eq!(ledger, *want, "solde de {tenant}");
    }
    assert!(expected["LOC005"] > Decimal::ZERO, "LEROY reste débiteur");
    assert_eq!(expected["LOC001"], Decimal::ZERO);
    let problems = store.verify().expect("vérification");
    assert!(problems.is_empty(), "{problems:?}");
}

/// Un plan retouché après coup (ici le montant d'un règlement, pièce toujours
/// équilibrée) n'est pas celui qui a été vérifié : il est refusé, même si rien n'a changé
/// dans la base. Le plan tel qu'il a été fait s'enregistre, pièce pour pièce.
#[test]
fn a_plan_changed_after_planning_is_refused() {
    let (mut store, session) = demo_without_vouchers();
    manual_debts(&mut store, &session);
    let plan = plan_for(
        &store,
        &session,
        &[cheque(1, "LOC003", "300,00", ymd(2026, 3, 11))],
    );
    let mut changed = plan.clone();
    for e in &mut changed.payments[0].draft.entries {
        if !e.debit.is_zero() {
            e.debit = eur("299,00");
        } else {
            e.credit = eur("299,00");
        }
    }
    assert_eq!(
        rows(&changed.payments[0].draft).len(),
        2,
        "un seul poste réglé"
    );
    let before = counts(&store, &session);
    refused_as_stale(&mut store, &session, &changed, &before);
    let numbers = apply_payments(&mut store, &session, &plan).expect("plan d'origine");
    let posted = store
        .read(&session)
        .voucher(&numbers[0])
        .expect("lecture")
        .expect("pièce enregistrée");
    assert_eq!(rows(&posted.draft), rows(&plan.payments[0].draft));
    assert_eq!(
        rows(&posted.draft),
        expect(&[
            ("512000000", None, "300,00", ""),
            ("411000000", Some("LOC003"), "", "300,00"),
        ])
    );
}

/// Deux connexions sur le même fichier (deux fenêtres, deux postes) : une pièce validée
/// par l'une entre le plan et l'enregistrement de l'autre fait refaire le plan, refusé
/// s'il ne donne plus les mêmes pièces. Un plan fait par une connexion s'enregistre par
/// une autre s'il est toujours juste.
#[test]
fn a_plan_is_checked_again_when_another_connection_has_written() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("base.db");
    let (mut store, session) =
        common::demo_without_vouchers_in(Store::open(&path).expect("base en fichier"));
    manual_debts(&mut store, &session);
    let mut other = Store::open(&path).expect("seconde ouverture");
    let other_session = other
        .session(Some(&session.landlord_code), "autre poste")
        .expect("session");
    let loc003 = [cheque(1, "LOC003", "1000,00", ymd(2026, 3, 11))];
    let plan = plan_for(&store, &session, &loc003);
    misc_charge(
        &mut other,
        &other_session,
        ymd(2026, 3, 6),
        ("LOC003", "BAIL003", "IMM01-03"),
        "5,00",
    );
    let before = counts(&store, &session);
    refused_as_stale(&mut store, &session, &plan, &before);

    // plan fait par l'autre connexion, rien de changé depuis : enregistré
    let loc011 = [cheque(1, "LOC011", "20,00", ymd(2026, 3, 11))];
    let plan = plan_for(&other, &other_session, &loc011);
    let numbers = apply_payments(&mut store, &session, &plan).expect("plan toujours juste");
    assert_eq!(numbers.len(), 1);
    assert_eq!(
        counts(&other, &other_session),
        (before.0 + 1, before.1 + 2),
        "la pièce est visible de l'autre connexion"
    );
}
