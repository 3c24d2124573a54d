//! Situations des comptes : l'exemple « Situation des comptes locataire » du manuel
//! (Dupont, 2019) et une situation de comptes calculée à la main.

use std::collections::BTreeMap;

use abri::ledger::statement::{
    account_statement, tenant_statement, StatementFilter, TenantContext,
};
use abri::ledger::LedgerLine;
use abri::model::money::parse_money;
use abri::model::{Gestion, ThirdPartyKind};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn eur(s: &str) -> Decimal {
    parse_money(s).expect("montant de test")
}

fn date(s: &str) -> NaiveDate {
    abri::model::dates::parse_date(s).expect("date de test")
}

#[allow(clippy::too_many_arguments)]
fn line(
    number: &str,
    line_no: i64,
    journal: &str,
    d: &str,
    account: &str,
    tiers: Option<&str>,
    label: &str,
    debit: &str,
    credit: &str,
) -> LedgerLine {
    LedgerLine {
        number: number.into(),
        journal: journal.into(),
        journal_label: String::new(),
        value_date: date(d),
        label: label.into(),
        template: None,
        voucher_tiers: tiers.map(str::to_string),
        lease: None,
        reference: String::new(),
        recorded_on: date(d),
        line_no,
        account: account.into(),
        account_label: String::new(),
        account_collective: tiers.is_some(),
        tiers: tiers.map(str::to_string),
        tiers_name: String::new(),
        tiers_kind: tiers.map(|_| ThirdPartyKind::Tenant),
        analytic: String::new(),
        entry_label: String::new(),
        debit: eur(debit),
        credit: eur(credit),
    }
}

/// Les douze écritures du manuel (« Situation des comptes locataire », Dupont, lot
/// 001-DMSN-01), données dans le désordre, avec les contreparties de banque et d'un
/// autre locataire qui ne doivent pas apparaître.
fn dupont_entries() -> Vec<LedgerLine> {
    let d = Some("Dupont");
    vec![
        line(
            "2019000197",
            1,
            "907",
            "25/03/2019",
            "411000000",
            d,
            "Avis Dupont 03/2019",
            "316,00",
            "0",
        ),
        line(
            "2019000189",
            1,
            "904",
            "01/01/2019",
            "411500000",
            d,
            "Appel DG Dupont",
            "100,00",
            "0",
        ),
        line(
            "2019000141",
            2,
            "904",
            "25/01/2019",
            "411000000",
            d,
            "Paiement APL",
            "0",
            "300,00",
        ),
        line(
            "2019000190",
            1,
            "907",
            "25/01/2019",
            "411000000",
            d,
            "Avis Dupont 01/2019",
            "316,00",
            "0",
        ),
        line(
            "2019000176",
            1,
            "905",
            "15/02/2019",
            "512000000",
            None,
            "Règl. Prélèvement 36,00 € dupont",
            "36,00",
            "0",
        ),
        line(
            "2019000176",
            2,
            "905",
            "15/02/2019",
            "411000000",
            d,
            "Règl. Prélèvement 36,00 € dupont",
            "0",
            "16,00",
        ),
        line(
            "2019000176",
            3,
            "905",
            "15/02/2019",
            "411500000",
            d,
            "Règl. Prélèvement 36,00 € dupont",
            "0",
            "20,00",
        ),
        line(
            "2019000169",
            2,
            "904",
            "25/02/2019",
            "411000000",
            d,
            "Paiements APL 02",
            "0",
            "300,00",
        ),
        line(
            "2019000192",
            1,
            "907",
            "28/02/2019",
            "411000000",
            d,
            "Avis Dupont 02/2019",
            "316,00",
            "0",
        ),
        line(
            "2019000179",
            2,
            "905",
            "15/03/2019",
            "411000000",
            d,
            "Règl. Prélèvement 81,00 € dupont",
            "0",
            "16,00",
        ),
        line(
            "2019000179",
            3,
            "905",
            "15/03/2019",
            "411500000",
            d,
            "Règl. Prélèvement 81,00 € dupont",
            "0",
            "20,00",
        ),
        line(
            "2019000179",
            4,
            "905",
            "15/03/2019",
            "411510000",
            d,
            "Règl. Prélèvement 81,00 € dupont",
            "0",
            "45,00",
        ),
        line(
            "2019000191",
            1,
            "904",
            "15/03/2019",
            "411510000",
            d,
            "Virement dépôt épargne Dupont",
            "45,00",
            "0",
        ),
        line(
            "2019000191",
            2,
            "904",
            "15/03/2019",
            "165100000",
            d,
            "Virement dépôt épargne Dupont",
            "0",
            "45,00",
        ),
        line(
            "2019000198",
            1,
            "907",
            "25/03/2019",
            "411000000",
            Some("Durand"),
            "Avis Durand 03/2019",
            "420,00",
            "0",
        ),
    ]
}

fn gestion_accounts(with_deposits: bool) -> BTreeMap<String, Gestion> {
    let mut accounts: BTreeMap<String, Gestion> = [
        ("411000000", Gestion::Rent),
        ("411500000", Gestion::Deposit),
        ("411600000", Gestion::Misc),
        ("411510000", Gestion::Savings),
    ]
    .into_iter()
    .map(|(a, g)| (a.to_string(), g))
    .collect();
    if with_deposits {
        accounts.insert("165000000".into(), Gestion::Deposit);
        accounts.insert("165100000".into(), Gestion::Savings);
    }
    accounts
}

#[test]
fn the_dupont_statement_of_the_manual_line_by_line() {
    let entries = dupont_entries();
    let accounts = gestion_accounts(false);
    let leases = vec![(
        "B-DUPONT".to_string(),
        "001-DMSN-01".to_string(),
        date("01/01/2019"),
    )];
    let ctx = TenantContext {
        gestion_accounts: &accounts,
        leases: &leases,
    };
    let statement = tenant_statement(
        &entries,
        "Dupont",
        &ctx,
        date("01/01/2019"),
        date("31/05/2019"),
    );
    let got: Vec<(String, Gestion, String, Decimal)> = statement
        .lines
        .iter()
        .map(|l| (l.entry.number.clone(), l.gestion, l.unit.clone(), l.running))
        .collect();
    let expected = [
        ("2019000189", Gestion::Deposit, "-100,00"),
        ("2019000141", Gestion::Rent, "200,00"),
        ("2019000190", Gestion::Rent, "-116,00"),
        ("2019000176", Gestion::Rent, "-100,00"),
        ("2019000176", Gestion::Deposit, "-80,00"),
        ("2019000169", Gestion::Rent, "220,00"),
        ("2019000192", Gestion::Rent, "-96,00"),
        ("2019000179", Gestion::Rent, "-80,00"),
        ("2019000179", Gestion::Deposit, "-60,00"),
        ("2019000179", Gestion::Savings, "-15,00"),
        ("2019000191", Gestion::Savings, "-60,00"),
        ("2019000197", Gestion::Rent, "-376,00"),
    ];
    let expected: Vec<(String, Gestion, String, Decimal)> = expected
        .iter()
        .map(|(n, g, s)| (n.to_string(), *g, "001-DMSN-01".to_string(), eur(s)))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(statement.opening, Decimal::ZERO);
    // 376,00 au débit à la fin : LO 3 × 316 − 2 × 300 − 2 × 16 = 316 ; DG 100 − 20 − 20 = 60 ;
    // EV − 45 + 45 = 0.
    assert_eq!(statement.closing(), eur("376,00"));
    assert_eq!(
        statement
            .by_account
            .get(&(Gestion::Rent, "411000000".to_string())),
        Some(&eur("316,00"))
    );
    assert_eq!(
        statement
            .by_account
            .get(&(Gestion::Deposit, "411500000".to_string())),
        Some(&eur("60,00"))
    );
    assert_eq!(
        statement
            .by_account
            .get(&(Gestion::Savings, "411510000".to_string())),
        Some(&Decimal::ZERO)
    );

    // À partir du 01/03/2019 : solde antérieur 96,00 D (lignes de janvier et février).
    let march = tenant_statement(
        &entries,
        "Dupont",
        &ctx,
        date("01/03/2019"),
        date("31/03/2019"),
    );
    assert_eq!(march.opening, eur("96,00"));
    assert_eq!(march.lines.len(), 5);
    assert_eq!(
        march.lines[0].running,
        eur("-80,00"),
        "le solde courant continue depuis l'origine"
    );

    // Avec les comptes de dépôts : l'épargne versée au 165100000 apparaît en plus.
    let deposits = gestion_accounts(true);
    let ctx = TenantContext {
        gestion_accounts: &deposits,
        leases: &leases,
    };
    let with_deposits = tenant_statement(
        &entries,
        "Dupont",
        &ctx,
        date("01/01/2019"),
        date("31/05/2019"),
    );
    assert_eq!(with_deposits.lines.len(), 13);
    assert_eq!(with_deposits.closing(), eur("331,00"));
}

#[test]
fn account_statement_with_opening_period_and_closing() {
    let entries = dupont_entries();
    // Compte 411000000 du locataire Dupont en mars 2019 : antérieur 316 + 316 − 300 − 300
    // − 16 = 16,00 D ; période D 316,00 (avis de mars), C 16,00 → solde période 300,00 D ;
    // nouveau solde 316,00 D.
    let filter = StatementFilter {
        account: Some("411000000".into()),
        tiers: Some("Dupont".into()),
        ..StatementFilter::period(date("01/03/2019"), date("31/03/2019"))
    };
    let s = account_statement(&entries, &filter);
    assert_eq!(s.opening, eur("16,00"));
    assert_eq!(
        (s.period_debit, s.period_credit),
        (eur("316,00"), eur("16,00"))
    );
    assert_eq!(s.period_balance(), eur("300,00"));
    assert_eq!(s.closing(), eur("316,00"));
    assert_eq!(
        s.lines
            .iter()
            .map(|l| l.number.as_str())
            .collect::<Vec<_>>(),
        vec!["2019000179", "2019000197"]
    );

    // Par journal : le 905 (prélèvements) en février et mars, toutes classes.
    let bank = StatementFilter {
        journal: Some("905".into()),
        ..StatementFilter::period(date("01/02/2019"), date("31/03/2019"))
    };
    let s = account_statement(&entries, &bank);
    assert_eq!(
        (s.period_debit, s.period_credit),
        (eur("36,00"), eur("117,00"))
    );
    // Classe 5 seulement : la banque.
    let class5 = StatementFilter {
        class: Some('5'),
        ..StatementFilter::period(date("01/01/2019"), date("31/12/2019"))
    };
    assert_eq!(account_statement(&entries, &class5).closing(), eur("36,00"));
    // Comptes collectifs d'un type de tiers : tous les locataires.
    let tenants = StatementFilter {
        tiers_kind: Some(ThirdPartyKind::Tenant),
        collective: Some(true),
        ..StatementFilter::period(date("01/01/2019"), date("31/12/2019"))
    };
    // Dupont : 376,00 D sur les 411 et 45,00 C au 165100000 ; Durand 420,00 D.
    assert_eq!(
        account_statement(&entries, &tenants).closing(),
        eur("751,00")
    );
}

/// Onglet « Situation » du manuel : LO 316,00 ; DG 160,00 dont 40,00 différés, 120,00 à
/// payer (échéancier du dépôt) ; pied de la situation Dupont : nouveau solde 476,00,
/// différé 40,00, à payer 436,00.
#[test]
fn deferred_and_due_of_the_manual() {
    use abri::ledger::statement::{deferred_and_due, DueLine};
    let by_account: BTreeMap<(Gestion, String), Decimal> = [
        ((Gestion::Rent, "411000000".to_string()), eur("316,00")),
        ((Gestion::Deposit, "411500000".to_string()), eur("160,00")),
        ((Gestion::Misc, "411600000".to_string()), Decimal::ZERO),
    ]
    .into_iter()
    .collect();
    let lines = deferred_and_due(&by_account, &[(Gestion::Deposit, eur("120,00"))]);
    let line = |g, a: &str, b: &str, d: &str, p: &str| DueLine {
        gestion: g,
        account: a.into(),
        balance: eur(b),
        deferred: eur(d),
        due: eur(p),
    };
    assert_eq!(
        lines,
        vec![
            line(Gestion::Rent, "411000000", "316,00", "0", "316,00"),
            line(Gestion::Deposit, "411500000", "160,00", "40,00", "120,00"),
            line(Gestion::Misc, "411600000", "0", "0", "0"),
        ]
    );
    let total = |f: fn(&DueLine) -> Decimal| lines.iter().map(f).sum::<Decimal>();
    assert_eq!(
        (
            total(|l| l.balance),
            total(|l| l.deferred),
            total(|l| l.due)
        ),
        (eur("476,00"), eur("40,00"), eur("436,00"))
    );

    // Solde plus petit que l'échéance : tout est à payer ; compte créditeur ou compte de
    // dépôts : pas de différé.
    let small: BTreeMap<(Gestion, String), Decimal> = [
        ((Gestion::Deposit, "411500000".to_string()), eur("80,00")),
        ((Gestion::Deposit, "165000000".to_string()), eur("-200,00")),
        ((Gestion::Rent, "411000000".to_string()), eur("-15,00")),
    ]
    .into_iter()
    .collect();
    let lines = deferred_and_due(
        &small,
        &[
            (Gestion::Deposit, eur("120,00")),
            (Gestion::Rent, eur("50,00")),
        ],
    );
    assert_eq!(
        lines
            .iter()
            .map(|l| (l.deferred, l.due))
            .collect::<Vec<_>>(),
        // Ordre : compte de gestion (LO, puis DG), puis compte.
        vec![
            (Decimal::ZERO, eur("-15,00")),
            (Decimal::ZERO, eur("-200,00")),
            (Decimal::ZERO, eur("80,00")),
        ]
    );
}

#[test]
fn active_instalments_at_a_date() {
    use abri::ledger::statement::active_instalments;
    use abri::model::{ItemPurpose, LeaseItem};
    let item = |lease: &str,
                purpose,
                start: &str,
                end: Option<&str>,
                active,
                initial: &str,
                revised: &str,
                revision: Option<&str>| LeaseItem {
        lease: lease.into(),
        item: "Dépôt de garantie".into(),
        gestion: Gestion::Deposit,
        item_type: "DG".into(),
        purpose,
        active,
        start_date: date(start),
        months: None,
        end_date: end.map(date),
        free_reference: String::new(),
        initial_amount: eur(initial),
        revised_amount: eur(revised),
        prorata: false,
        ceiling: Decimal::ZERO,
        to_increase: false,
        revision_date: revision.map(date),
    };
    let items = vec![
        item(
            "B1",
            ItemPurpose::Instalment,
            "01/01/2026",
            Some("30/04/2026"),
            true,
            "100,00",
            "80,00",
            Some("01/03/2026"),
        ),
        item(
            "B1",
            ItemPurpose::Billing,
            "01/01/2026",
            None,
            true,
            "500,00",
            "500,00",
            None,
        ),
        item(
            "B1",
            ItemPurpose::Instalment,
            "01/01/2026",
            None,
            false,
            "70,00",
            "70,00",
            None,
        ),
        item(
            "B2",
            ItemPurpose::Instalment,
            "01/01/2026",
            None,
            true,
            "60,00",
            "60,00",
            None,
        ),
    ];
    assert_eq!(
        active_instalments(&items, &["B1"], date("15/02/2026")),
        vec![(Gestion::Deposit, eur("100,00"))]
    );
    assert_eq!(
        active_instalments(&items, &["B1"], date("15/03/2026")),
        vec![(Gestion::Deposit, eur("80,00"))],
        "montant révisé au 01/03"
    );
    assert!(
        active_instalments(&items, &["B1"], date("01/05/2026")).is_empty(),
        "échéancier terminé"
    );
    assert!(
        active_instalments(&items, &["B1"], date("31/12/2025")).is_empty(),
        "pas encore commencé"
    );
}
