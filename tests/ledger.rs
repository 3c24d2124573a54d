//! Le grand livre : invariants des pièces (S7), numérotation, scellement par le store,
//! empreintes chaînées, balance aux 6 colonnes.

mod common;

use std::str::FromStr;

use abri::ledger::balance::{trial_balance, PostedEntry};
use abri::ledger::{post, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use abri::store::{Session, Store};
use common::ymd;
use rust_decimal::Decimal;

fn eur(s: &str) -> Decimal {
    Decimal::from_str(s).expect("montant de test")
}

fn line(
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
        debit: eur(debit),
        credit: eur(credit),
    }
}

/// Règlement par chèque de 100,00 de LOC001 (bail BAIL001, débuté le 01/01/2019).
fn payment(date: chrono::NaiveDate, amount: &str) -> VoucherDraft {
    VoucherDraft {
        journal: "BQ".into(),
        value_date: date,
        label: "Règl. MARTIN".into(),
        template: Some("Loc_REGL".into()),
        tiers: Some("LOC001".into()),
        lease: Some("BAIL001".into()),
        analytic: String::new(),
        payment_mode: Some(abri::model::PaymentMode::Cheque),
        payment_date: Some(date),
        batch_no: String::new(),
        reference: "CHQ 1234".into(),
        origin: "saisie".into(),
        entries: vec![
            line("512000000", None, "", amount, "0"),
            line("411000000", Some("LOC001"), "", "0", amount),
        ],
    }
}

fn demo() -> (Store, Session) {
    common::demo_without_vouchers()
}

fn try_post(store: &mut Store, session: &Session, draft: &VoucherDraft) -> Result<String, String> {
    store
        .write(session, "saisie", |repo| {
            let ctx = LedgerContext::load(repo)?;
            post(repo, &ctx, draft)
        })
        .map_err(|e: LedgerError| e.to_string())
}

fn voucher_count(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM voucher", [], |r| r.get(0))
        .expect("comptage")
}

#[test]
fn vouchers_are_numbered_per_year_without_gaps() {
    let (mut store, session) = demo();
    assert_eq!(
        try_post(&mut store, &session, &payment(ymd(2026, 3, 5), "100.00")),
        Ok("2026000001".into())
    );
    assert_eq!(
        try_post(&mut store, &session, &payment(ymd(2026, 3, 6), "50.00")),
        Ok("2026000002".into())
    );
    assert_eq!(
        try_post(&mut store, &session, &payment(ymd(2025, 12, 31), "20.00")),
        Ok("2025000001".into())
    );
    // Un refus ne consomme pas de numéro.
    assert!(try_post(&mut store, &session, &payment(ymd(2026, 3, 7), "0")).is_err());
    assert_eq!(
        try_post(&mut store, &session, &payment(ymd(2026, 3, 8), "10.00")),
        Ok("2026000003".into())
    );
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn each_invariant_refuses_with_its_message_and_writes_nothing() {
    let (mut store, session) = demo();
    let base = payment(ymd(2026, 3, 5), "100.00");
    let cases: Vec<(VoucherDraft, &str)> = vec![
        (
            VoucherDraft { entries: vec![line("512000000", None, "", "100.00", "0"), line("411000000", Some("LOC001"), "", "0", "99.99")], ..base.clone() },
            "pièce déséquilibrée : débit 100,00 ≠ crédit 99,99 (écart 0,01) ; corrigez les montants",
        ),
        (VoucherDraft { entries: vec![], ..base.clone() }, "pièce sans écriture : saisissez au moins une écriture au débit et une au crédit"),
        (
            VoucherDraft { entries: vec![line("512000000", None, "", "0", "0"), line("411000000", Some("LOC001"), "", "0", "0")], ..base.clone() },
            "écriture 1 : montant nul au débit et au crédit ; supprimez la ligne",
        ),
        (
            VoucherDraft { entries: vec![line("512000000", None, "", "100.00", "0"), line("411000000", None, "", "0", "100.00")], ..base.clone() },
            "écriture 2 : le compte collectif « 411000000 » demande un tiers",
        ),
        (
            VoucherDraft { entries: vec![line("512000000", Some("LOC001"), "", "100.00", "0"), line("411000000", Some("LOC001"), "", "0", "100.00")], ..base.clone() },
            "écriture 1 : le compte général « 512000000 » ne prend pas de tiers",
        ),
        (
            VoucherDraft { entries: vec![line("999999999", None, "", "100.00", "0"), line("411000000", Some("LOC001"), "", "0", "100.00")], ..base.clone() },
            "écriture 1 : compte « 999999999 » inconnu du plan comptable",
        ),
        (
            VoucherDraft {
                journal: "VEN".into(),
                template: Some("Loc_FACT Avis".into()),
                entries: vec![line("411000000", Some("LOC001"), "", "100.00", "0"), line("703000000", None, "", "0", "100.00")],
                ..base.clone()
            },
            "écriture 2 : le compte « 703000000 » demande un code analytique (immeuble ou lot)",
        ),
        (
            VoucherDraft { journal: "VEN".into(), ..base.clone() },
            "le modèle « Loc_REGL » s'emploie dans un journal Trésorerie, pas dans le journal « VEN » (Ventes)",
        ),
        (VoucherDraft { lease: Some("BAIL010".into()), ..base.clone() }, "la location « BAIL010 » est verrouillée : aucune écriture ne peut y être passée (déverrouillez-la d'abord)"),
        (
            VoucherDraft { lease: Some("BAIL004".into()), ..base.clone() },
            "la pièce est datée du 05/03/2026 , avant le début de la location « BAIL004 » (10/03/2026) ; datez-la à partir du début",
        ),
        (VoucherDraft { value_date: ymd(1999, 12, 31), lease: None, ..base.clone() }, "le journal « BQ » n'est pas ouvert au 31/12/1999"),
    ];
    for (draft, message) in cases {
        assert_eq!(
            try_post(&mut store, &session, &draft),
            Err(message.to_string())
        );
        assert_eq!(voucher_count(&store), 0, "rien d'écrit pour « {message} »");
    }
}

#[test]
fn the_store_refuses_an_unbalanced_voucher_even_called_directly() {
    let (mut store, session) = demo();
    // Aucun code hors du grand livre ne peut appeler l'écriture des pièces (elle demande
    // la porte du grand livre) : le contournement se fait donc en SQL, écritures 100,00
    // au débit et 90,00 au crédit, puis scellement.
    let l = session.landlord_id;
    let id_of = |table: &str, reference: &str| {
        format!("(SELECT id FROM {table} WHERE landlord_id = {l} AND reference = '{reference}')")
    };
    let sql = format!(
        "BEGIN;
         INSERT INTO voucher (landlord_id, number, journal_id, value_date, label, origin, created_at, created_by)
         VALUES ({l}, '2026000001', {journal}, '2026-03-05', 'Règl. MARTIN', 'saisie', '2026-03-05T10:00:00', 'test');
         INSERT INTO entry (landlord_id, voucher_id, line_no, account_id, tiers_id, debit, credit, value_date)
         VALUES ({l}, last_insert_rowid(), 1, {bank}, NULL, 10000, 0, '2026-03-05');
         INSERT INTO entry (landlord_id, voucher_id, line_no, account_id, tiers_id, debit, credit, value_date)
         VALUES ({l}, (SELECT id FROM voucher WHERE number = '2026000001'), 2, {tenant_account}, {tenant}, 0, 9000, '2026-03-05');
         UPDATE voucher SET sealed = 1 WHERE number = '2026000001';
         COMMIT;",
        journal = id_of("journal", "BQ"),
        bank = id_of("account", "512000000"),
        tenant_account = id_of("account", "411000000"),
        tenant = id_of("third_party", "LOC001"),
    );
    let err = store
        .connection()
        .execute_batch(&sql)
        .expect_err("le trigger de scellement refuse");
    store
        .connection()
        .execute_batch("ROLLBACK")
        .expect("annulation");
    assert!(
        err.to_string().contains("pièce déséquilibrée ou vide"),
        "{err}"
    );
    assert_eq!(voucher_count(&store), 0);
    // Une pièce scellée ne peut plus recevoir d'écriture.
    try_post(&mut store, &session, &payment(ymd(2026, 3, 5), "100.00")).expect("pièce");
    let err = store
        .connection()
        .execute("UPDATE entry SET debit = 1 WHERE debit > 0", [])
        .expect_err("écriture figée");
    assert!(err.to_string().contains("pièce scellée"), "{err}");
}

/// Une pièce de 121 écritures (plus que les lignes insérées par une instruction) est
/// relue entière, dans l'ordre, équilibrée, avec une empreinte valide.
#[test]
fn a_voucher_with_many_lines_is_written_whole_and_in_order() {
    let (mut store, session) = demo();
    let mut draft = payment(ymd(2026, 3, 5), "7260.00");
    draft.template = None;
    draft.entries.truncate(1);
    // 1,00 + 2,00 + … + 120,00 = 120 × 121 / 2 = 7 260,00
    for n in 1..=120 {
        let mut credit = line("411000000", Some("LOC001"), "", "0", &format!("{n}.00"));
        credit.label = format!("ligne {n}");
        draft.entries.push(credit);
    }
    let number = try_post(&mut store, &session, &draft).expect("pièce de 121 lignes");
    let stored = store
        .read(&session)
        .voucher(&number)
        .expect("lecture")
        .expect("pièce enregistrée");
    assert_eq!(stored.draft.entries.len(), 121);
    assert_eq!(stored.draft.entries[0].debit, eur("7260.00"));
    for (n, e) in stored.draft.entries.iter().skip(1).enumerate() {
        assert_eq!(e.credit, Decimal::from(n + 1), "ligne {}", n + 2);
        assert_eq!(e.label, format!("ligne {}", n + 1));
        assert_eq!(e.tiers.as_deref(), Some("LOC001"));
    }
    let (lines, debit, credit): (i64, i64, i64) = store
        .connection()
        .query_row(
            "SELECT count(*), sum(debit), sum(credit) FROM entry WHERE line_no BETWEEN 1 AND 121",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("écritures");
    assert_eq!((lines, debit, credit), (121, 726_000, 726_000));
    assert!(store.verify().expect("vérification").is_empty());
}

/// Une écriture ajoutée à une pièce scellée, même en SQL direct, est refusée.
#[test]
fn an_entry_cannot_be_added_to_a_sealed_voucher() {
    let (mut store, session) = demo();
    try_post(&mut store, &session, &payment(ymd(2026, 3, 5), "100.00")).expect("pièce");
    let err = store
        .connection()
        .execute(
            "INSERT INTO entry (landlord_id, voucher_id, line_no, account_id, debit, credit, value_date)
             SELECT landlord_id, voucher_id, 3, account_id, 500, 0, value_date FROM entry WHERE line_no = 1",
            [],
        )
        .expect_err("pièce scellée");
    assert!(err.to_string().contains("pièce scellée"), "{err}");
    let lines: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM entry", [], |r| r.get(0))
        .expect("écritures");
    assert_eq!(lines, 2);
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn tampering_breaks_the_hash_chain_and_verifier_names_the_voucher() {
    let (mut store, session) = demo();
    for (day, amount) in [(5, "100.00"), (6, "200.00"), (7, "300.00")] {
        try_post(&mut store, &session, &payment(ymd(2026, 3, day), amount)).expect("pièce");
    }
    assert!(store.verify().expect("vérification").is_empty());
    // Quelqu'un contourne les protections et modifie une écriture de la 2e pièce.
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER entry_only_on_open_voucher_update;
             UPDATE entry SET debit = 25000 WHERE voucher_id = 2 AND debit > 0;
             UPDATE entry SET credit = 25000 WHERE voucher_id = 2 AND credit > 0;",
        )
        .expect("falsification");
    let problems = store.verify().expect("vérification");
    assert_eq!(
        problems,
        vec!["bailleur DEMO : pièce 2026000002 : empreinte invalide — la pièce ou ses écritures ont été modifiées hors d'Abri".to_string()]
    );

    // Plus habile : il recalcule aussi l'empreinte de la pièce. Le journal des pièces
    // garde l'empreinte d'origine.
    let forged = {
        let contents = store.read(&session).voucher_contents().expect("contenus");
        let (_, _, input) = contents
            .iter()
            .find(|(n, _, _)| n == "2026000002")
            .expect("pièce 2");
        abri::ledger::hash::voucher_hash(input)
    };
    store
        .connection()
        .execute(
            "UPDATE voucher SET hash = ?1 WHERE number = '2026000002'",
            [forged],
        )
        .expect("empreinte refaite");
    assert_eq!(
        store.verify().expect("vérification"),
        vec!["bailleur DEMO : pièce 2026000002 : ne correspond pas au journal des pièces — elle a été créée ou modifiée hors d'Abri".to_string()]
    );

    // Et s'il réécrit aussi l'événement, la chaîne du journal se rompt à cet endroit.
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER ledger_event_no_update;
             UPDATE ledger_event SET content_hash = (SELECT hash FROM voucher WHERE number = '2026000002')
             WHERE number = '2026000002';",
        )
        .expect("journal réécrit");
    let problems = store.verify().expect("vérification");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("bailleur DEMO : journal des pièces : l'événement « creation » de la pièce 2026000002 du "),
        "{problems:?}"
    );
    assert!(
        problems[0]
            .ends_with("a été modifié ou retiré hors d'Abri (première rupture de la chaîne)"),
        "{problems:?}"
    );
}

#[test]
fn trial_balance_six_columns_computed_by_hand() {
    // Période du 01/02 au 28/02/2026.
    // 411000000 T1 : antérieur D 500 (avis janvier) − C 300 (règlement janvier) = 200 D ;
    //   période D 500 (avis février), C 650 (règlement) → 200 + 500 − 650 = 50 D.
    // 512000000 : antérieur 300 D ; période D 650 → 950 D.
    // 703000000 : antérieur 500 C ; période C 500 → 1 000 C.
    // Une écriture de mars est hors période et ignorée.
    let e = |account: &str, tiers: Option<&str>, date, d: &str, c: &str| PostedEntry {
        account: account.into(),
        tiers: tiers.map(str::to_string),
        value_date: date,
        debit: eur(d),
        credit: eur(c),
    };
    let entries = vec![
        e("411000000", Some("T1"), ymd(2026, 1, 1), "500", "0"),
        e("703000000", None, ymd(2026, 1, 1), "0", "500"),
        e("512000000", None, ymd(2026, 1, 10), "300", "0"),
        e("411000000", Some("T1"), ymd(2026, 1, 10), "0", "300"),
        e("411000000", Some("T1"), ymd(2026, 2, 1), "500", "0"),
        e("703000000", None, ymd(2026, 2, 1), "0", "500"),
        e("512000000", None, ymd(2026, 2, 15), "650", "0"),
        e("411000000", Some("T1"), ymd(2026, 2, 15), "0", "650"),
        e("512000000", None, ymd(2026, 3, 1), "999", "0"),
        e("411000000", Some("T1"), ymd(2026, 3, 1), "0", "999"),
    ];
    let rows = trial_balance(&entries, ymd(2026, 2, 1), ymd(2026, 2, 28), false);
    let table: Vec<(String, [Decimal; 6])> = rows
        .iter()
        .map(|r| (r.account.clone(), r.columns()))
        .collect();
    let z = Decimal::ZERO;
    assert_eq!(
        table,
        vec![
            (
                "411000000".to_string(),
                [eur("200"), z, eur("500"), eur("650"), eur("50"), z]
            ),
            (
                "512000000".to_string(),
                [eur("300"), z, eur("650"), z, eur("950"), z]
            ),
            (
                "703000000".to_string(),
                [z, eur("500"), z, eur("500"), z, eur("1000")]
            ),
        ]
    );
    let by_party = trial_balance(&entries, ymd(2026, 2, 1), ymd(2026, 2, 28), true);
    assert_eq!(by_party[0].tiers.as_deref(), Some("T1"));
    // Une balance équilibrée : totaux débit = crédit pour chaque paire de colonnes.
    let sum = |f: fn(&abri::ledger::balance::TrialBalanceRow) -> Decimal| {
        rows.iter().map(f).sum::<Decimal>()
    };
    assert_eq!(sum(|r| r.period_debit), sum(|r| r.period_credit));
    assert_eq!(sum(|r| r.closing_debit), sum(|r| r.closing_credit));
}

/// Suite pseudo-aléatoire reproductible de pièces valides et invalides : après chaque
/// opération, la base vérifie (équilibre, numérotation, chaîne), et seules les pièces
/// valides ont été ajoutées.
#[test]
fn seeded_random_operations_keep_every_invariant() {
    let (mut store, session) = demo();
    let mut seed: u64 = 0x5eed_abc1;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut expected = 0;
    for step in 0..60 {
        let cents = i64::try_from(next() % 100_000).unwrap_or(1) + 1;
        let amount = Decimal::new(cents, 2).to_string();
        let day = u32::try_from(next() % 28).unwrap_or(0) + 1;
        let mut draft = payment(
            ymd(2026, 1 + u32::try_from(next() % 12).unwrap_or(0), day),
            &amount,
        );
        let fault = next() % 4;
        match fault {
            0 => draft.entries[1].credit += Decimal::new(1, 2),
            1 => draft.entries[1].tiers = None,
            _ => {}
        }
        let result = try_post(&mut store, &session, &draft);
        if fault >= 2 {
            assert!(result.is_ok(), "étape {step} : {result:?}");
            expected += 1;
        } else {
            assert!(result.is_err(), "étape {step} : pièce fautive acceptée");
        }
        assert_eq!(voucher_count(&store), expected, "étape {step}");
        assert!(
            store.verify().expect("vérification").is_empty(),
            "étape {step}"
        );
    }
    assert!(expected > 0);
}

#[test]
fn ledger_errors_are_french() {
    let e = LedgerError::LockedLease("B1".into());
    assert!(e
        .to_string()
        .starts_with("la location « B1 » est verrouillée"));
}
