//! Liste des pièces (import tout ou rien par le grand livre, export) et FEC.

use std::collections::BTreeMap;

use abri::formats::fec;
use abri::ledger::balance::trial_balance;
use abri::model::money::parse_money;
use abri::store::Store;
use abri::treatments::demo::create_demo_with;
use abri::treatments::import::{export, import, Entity};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test")
}

fn eur(s: &str) -> Decimal {
    parse_money(s).expect("montant de test")
}

const DEMO_VOUCHERS: &str = include_str!("../fixtures/demo/pieces.csv");

#[test]
fn the_demo_vouchers_give_the_hand_computed_balances() {
    let mut store = Store::open_in_memory().expect("base");
    let session = create_demo_with(&mut store, "test", false).expect("démo");
    let entries = store.read(&session).posted_entries().expect("écritures");
    let rows = trial_balance(&entries, ymd(2026, 1, 1), ymd(2026, 12, 31), false);
    let row = |account: &str| {
        rows.iter()
            .find(|r| r.account == account)
            .expect("compte")
            .columns()
    };
    let z = Decimal::ZERO;
    // 411000000 : D 312,40 + 86,15 (reprise) ; C 500,00 + 312,40 (règlements) + 540,00 (APL).
    assert_eq!(
        row("411000000"),
        [z, z, eur("398,55"), eur("1352,40"), z, eur("953,85")]
    );
    // 411500000 : appel DG 400,00, première échéance payée 100,00.
    assert_eq!(
        row("411500000"),
        [z, z, eur("400,00"), eur("100,00"), eur("300,00"), z]
    );
    // 512000000 : 18 450,00 + 500,00 + 312,40 + 100,00 + 540,00.
    assert_eq!(
        row("512000000"),
        [z, z, eur("19902,40"), z, eur("19902,40"), z]
    );
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn one_bad_voucher_rejects_the_whole_file() {
    let mut store = Store::open_in_memory().expect("base");
    let session = create_demo_with(&mut store, "test", false).expect("démo");
    let before = store.read(&session).count("voucher").expect("comptage");
    let text = "piece;journal;date;libelle;compte;tiers;debit;credit
A;BQ;03/03/2026;Règlement;512000000;;50,00;
A;BQ;03/03/2026;Règlement;411000000;LOC001;;50,00
B;BQ;04/03/2026;Règlement faux;512000000;;60,00;
B;BQ;04/03/2026;Règlement faux;411000000;LOC001;;59,00
";
    let err =
        import(&mut store, &session, Entity::Vouchers, text).expect_err("pièce déséquilibrée");
    assert_eq!(
        err.to_string(),
        "fichier refusé, rien n'a été importé — pièce de la ligne 4 : pièce déséquilibrée : débit 60,00 ≠ crédit 59,00 (écart 1,00) ; corrigez les montants"
    );
    assert_eq!(
        store.read(&session).count("voucher").expect("comptage"),
        before,
        "la pièce A n'a pas été gardée"
    );

    let mixed = "piece;journal;date;libelle;compte;tiers;debit;credit
A;BQ;03/03/2026;Règlement;512000000;;50,00;
A;BQ;05/03/2026;Règlement;411000000;LOC001;;50,00
";
    let err =
        import(&mut store, &session, Entity::Vouchers, mixed).expect_err("en-têtes différents");
    assert!(
        err.to_string()
            .contains("ligne 3, colonne « piece » : l'en-tête (journal, date, libellé"),
        "{err}"
    );
}

#[test]
fn the_voucher_list_lists_every_entry_under_its_number() {
    let mut store = Store::open_in_memory().expect("base");
    let session = create_demo_with(&mut store, "test", false).expect("démo");
    let listed = export(&store, &session, Entity::Vouchers).expect("liste");
    let listed: Vec<&str> = listed.trim_start_matches('\u{feff}').lines().collect();
    let source: Vec<&str> = DEMO_VOUCHERS.lines().collect();
    assert_eq!(listed.len(), source.len(), "une ligne par écriture");
    // Ligne 10 du fichier (en-tête, 6 lignes de AN1, 2 de DG21, puis R1 du 12/01/2026) : numéro 2026000003.
    assert_eq!(
        listed[9],
        "2026000003;BQ;12/01/2026;Règl. DIALLO chèque;Loc_REGL;LOC003;BAIL003;CHQ 4521;512000000;;;;500,00;0,00"
    );
}

#[test]
fn the_fec_has_one_balanced_line_per_entry_and_matches_the_trial_balance() {
    let mut store = Store::open_in_memory().expect("base");
    let session = create_demo_with(&mut store, "test", false).expect("démo");
    let repo = store.read(&session);
    let lines = repo
        .ledger_lines(Some(ymd(2026, 12, 31)))
        .expect("écritures");
    let text = fec::write(&lines);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('|').collect()).collect();
    assert_eq!(
        rows[0].join("|"),
        "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise"
    );
    // Une ligne par écriture du fichier de démonstration (22), 18 colonnes chacune.
    assert_eq!(rows.len() - 1, DEMO_VOUCHERS.lines().count() - 1);
    assert!(rows.iter().all(|r| r.len() == 18));
    let mut per_voucher: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
    let (mut debit, mut credit) = (Decimal::ZERO, Decimal::ZERO);
    for r in &rows[1..] {
        let (d, c) = (eur(r[11]), eur(r[12]));
        let v = per_voucher.entry(r[2]).or_default();
        v.0 += d;
        v.1 += c;
        debit += d;
        credit += c;
    }
    assert!(
        per_voucher.values().all(|(d, c)| d == c),
        "chaque EcritureNum s'équilibre"
    );
    let balance = trial_balance(
        &repo.posted_entries().expect("écritures"),
        ymd(2026, 1, 1),
        ymd(2026, 12, 31),
        false,
    );
    assert_eq!(
        debit,
        balance.iter().map(|r| r.period_debit).sum::<Decimal>()
    );
    assert_eq!(
        credit,
        balance.iter().map(|r| r.period_credit).sum::<Decimal>()
    );
    // Total du fichier de démonstration : 18 848,55 + 400 + 500 + 312,40 + 100 + 540 + 35 + 540.
    assert_eq!(debit, eur("21275,95"));
    // Une écriture de tiers porte le compte auxiliaire et le nom du tiers.
    let leroy = rows
        .iter()
        .find(|r| r.get(10) == Some(&"Arriéré LEROY"))
        .expect("ligne LEROY");
    assert_eq!(
        (leroy[0], leroy[3], leroy[4], leroy[6], leroy[7], leroy[11], leroy[12]),
        (
            "AN",
            "20260101",
            "411000000",
            "LOC005",
            "Mme LEROY Isabelle",
            "312,40",
            "0,00"
        )
    );
    assert_eq!(
        fec::file_name("443061841", ymd(2026, 12, 31)),
        "443061841FEC20261231.txt"
    );
    // Au 31/01/2026, la facture de février et le virement CAF ne figurent pas.
    let january = repo
        .ledger_lines(Some(ymd(2026, 1, 31)))
        .expect("écritures");
    assert_eq!(january.len(), 22 - 4);
}

/// La balance calculée sur les cumuls SQL est celle calculée écriture par écriture.
#[test]
fn the_balance_from_sql_sums_equals_the_balance_from_entries() {
    let mut store = Store::open_in_memory().expect("base");
    let session = create_demo_with(&mut store, "test", false).expect("démo");
    let repo = store.read(&session);
    let entries = repo.posted_entries().expect("écritures");
    for (from, to) in [
        (ymd(2026, 1, 1), ymd(2026, 12, 31)),
        (ymd(2026, 1, 13), ymd(2026, 1, 31)),
        (ymd(2026, 2, 1), ymd(2026, 2, 5)),
    ] {
        let sums = repo.entry_sums(from, to).expect("cumuls");
        for by_party in [false, true] {
            assert_eq!(
                trial_balance(&sums, from, to, by_party),
                trial_balance(&entries, from, to, by_party),
                "{from} {to} {by_party}"
            );
        }
    }
}
