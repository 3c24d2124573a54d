//! Génération des écritures par les modèles comptables : l'exemple « Ventilation
//! automatique du règlement » du manuel, les modèles standard, « Valider écritures ».

mod common;

use std::collections::BTreeMap;

use abri::ledger::template::{generate, validate_entries, voucher_label, TemplateInput};
use abri::ledger::{EntryDraft, LedgerContext, LedgerError};
use abri::model::money::parse_money;
use abri::model::{JournalKind, TemplateLine, VoucherTemplate};
use common::{store_with_landlord, ymd};
use rust_decimal::Decimal;

fn eur(s: &str) -> Decimal {
    parse_money(s).expect("montant de test")
}

fn tl(
    order: u32,
    code: &str,
    account: &str,
    tiers: &str,
    debit: &str,
    credit: &str,
) -> TemplateLine {
    TemplateLine {
        order,
        account_code: code.into(),
        account_ref: account.into(),
        tiers_code: tiers.into(),
        debit_code: debit.into(),
        credit_code: credit.into(),
    }
}

/// Compte, tiers, débit, crédit d'une écriture.
fn row(e: &EntryDraft) -> (String, Option<String>, Decimal, Decimal) {
    (e.account.clone(), e.tiers.clone(), e.debit, e.credit)
}

fn expect(
    rows: &[(&str, Option<&str>, &str, &str)],
) -> Vec<(String, Option<String>, Decimal, Decimal)> {
    rows.iter()
        .map(|(a, t, d, c)| (a.to_string(), t.map(str::to_string), eur(d), eur(c)))
        .collect()
}

/// Soldes du locataire DupontA de l'exemple : loyer 496,33 dû, dépôt 257,43 appelé
/// (411500000), 94,24 déjà au crédit du 165000000, hors loyer 17,45.
fn dupont_balances() -> BTreeMap<(String, String), Decimal> {
    [
        ("411000000", "496,33"),
        ("411500000", "257,43"),
        ("165000000", "-94,24"),
        ("411600000", "17,45"),
    ]
    .into_iter()
    .map(|(a, b)| ((a.to_string(), "DupontA".to_string()), eur(b)))
    .collect()
}

/// Le modèle de règlement de l'exemple du manuel : écritures 001 à 005.
fn manual_payment_template() -> VoucherTemplate {
    VoucherTemplate {
        reference: "Loc_REGL manuel".into(),
        label: "Règlement".into(),
        journal_kind: JournalKind::Treasury,
        journal: "BQ".into(),
        is_payment: true,
        tiers_required: true,
        label_tokens: "Règl. %TiersNom_Piece".into(),
        start_date: ymd(2000, 1, 1),
        lines: vec![
            tl(1, "%CompteLO", "", "%TiersR_Piece", "", "%*GestionCAPayer"),
            tl(
                2,
                "%CompteR",
                "165000000",
                "%TiersR_Piece",
                "",
                "%*GestionCAPayer",
            ),
            tl(3, "%CompteDV", "", "%TiersR_Piece", "", "%*GestionCAPayer"),
            tl(
                4,
                "%CompteR",
                "165100000",
                "%TiersR_Piece",
                "",
                "%*GestionCAPayer",
            ),
            tl(5, "%CompteJournal", "", "", "%TTCE", ""),
        ],
    }
}

#[test]
fn the_allocation_example_of_the_manual() {
    let (store, session) = store_with_landlord();
    let ctx = LedgerContext::load(&store.read(&session)).expect("catalogues");
    let template = manual_payment_template();
    let balances = dupont_balances();
    let input = TemplateInput {
        template: &template,
        journal: &ctx.journals["BQ"],
        accounts: &ctx.accounts,
        tiers: Some("DupontA"),
        payer: None,
        amount: eur("1000,00"),
        analytic: "",
        balances: &balances,
    };
    let entries = generate(&input).expect("génération");
    assert_eq!(
        entries.len(),
        5,
        "une écriture par ligne de modèle avant validation"
    );
    // 1 000,00 − (496,33 + 257,43 + 17,45) = 228,79 de trop, au loyer : 725,12.
    assert_eq!(
        validate_entries(entries)
            .iter()
            .map(row)
            .collect::<Vec<_>>(),
        expect(&[
            ("411000000", Some("DupontA"), "0", "725,12"),
            ("165000000", Some("DupontA"), "0", "257,43"),
            ("411600000", Some("DupontA"), "0", "17,45"),
            ("512000000", None, "1000,00", "0"),
        ])
    );

    // 600,00 : le loyer est soldé, le dépôt reçoit le reste (103,67), le hors loyer rien.
    let input = TemplateInput {
        amount: eur("600,00"),
        ..input
    };
    assert_eq!(
        validate_entries(generate(&input).expect("génération"))
            .iter()
            .map(row)
            .collect::<Vec<_>>(),
        expect(&[
            ("411000000", Some("DupontA"), "0", "496,33"),
            ("165000000", Some("DupontA"), "0", "103,67"),
            ("512000000", None, "600,00", "0"),
        ])
    );
}

#[test]
fn standard_templates_generate_balanced_entries() {
    let (store, session) = store_with_landlord();
    let ctx = LedgerContext::load(&store.read(&session)).expect("catalogues");
    let balances = dupont_balances();
    let run = |template: &str, journal: &str, amount: &str, payer: Option<&'static str>| {
        let input = TemplateInput {
            template: &ctx.templates[template],
            journal: &ctx.journals[journal],
            accounts: &ctx.accounts,
            tiers: Some("DupontA"),
            payer,
            amount: eur(amount),
            analytic: "IMM01-01",
            balances: &balances,
        };
        generate(&input).map(|e| validate_entries(e).iter().map(row).collect::<Vec<_>>())
    };
    // Appel du dépôt (S9) : D 411500000 / C 165000000, 400,00.
    assert_eq!(
        run("Loc_FACT DG", "VEN", "400,00", None).expect("DG"),
        expect(&[
            ("411500000", Some("DupontA"), "400,00", "0"),
            ("165000000", Some("DupontA"), "0", "400,00")
        ])
    );
    // Règlement standard (411500000 pour le dépôt) : 1 000,00 = 496,33 + 257,43 + 17,45 + 228,79.
    assert_eq!(
        run("Loc_REGL", "BQ", "1000,00", None).expect("règlement"),
        expect(&[
            ("512000000", None, "1000,00", "0"),
            ("411000000", Some("DupontA"), "0", "725,12"),
            ("411500000", Some("DupontA"), "0", "257,43"),
            ("411600000", Some("DupontA"), "0", "17,45"),
        ])
    );
    // Remboursement d'un crédit : D 411000000 / C banque.
    assert_eq!(
        run("Loc_REMB", "BQ", "228,79", None).expect("remboursement"),
        expect(&[
            ("411000000", Some("DupontA"), "228,79", "0"),
            ("512000000", None, "0", "228,79")
        ])
    );
    // Facture hors loyer : le produit porte l'analytique du lot.
    let (store2, session2) = store_with_landlord();
    let ctx2 = LedgerContext::load(&store2.read(&session2)).expect("catalogues");
    let input = TemplateInput {
        template: &ctx2.templates["Loc_FACT DV"],
        journal: &ctx2.journals["VEN"],
        accounts: &ctx2.accounts,
        tiers: Some("DupontA"),
        payer: None,
        amount: eur("35,00"),
        analytic: "IMM01-01",
        balances: &balances,
    };
    let dv = generate(&input).expect("facture");
    assert_eq!(dv[1].account, "703900000");
    assert_eq!(dv[1].analytic, "IMM01-01");
    assert_eq!(
        dv[0].analytic, "",
        "pas d'analytique sur le compte du tiers"
    );
    // Ventilation APL : l'organisme est obligatoire.
    let err = run("Loc_OD APL/AL", "OD", "180,00", None).expect_err("sans organisme");
    assert_eq!(
        err.to_string(),
        "le modèle « Loc_OD APL/AL » demande un organisme payeur : indiquez-le"
    );
}

#[test]
fn piece_balance_and_account_balance_codes() {
    let (store, session) = store_with_landlord();
    let ctx = LedgerContext::load(&store.read(&session)).expect("catalogues");
    // %*Piece équilibre la pièce ; %CompteR solde le compte de la ligne.
    let template = VoucherTemplate {
        reference: "Test".into(),
        label: "Test".into(),
        journal_kind: JournalKind::Miscellaneous,
        journal: "OD".into(),
        is_payment: false,
        tiers_required: true,
        label_tokens: String::new(),
        start_date: ymd(2000, 1, 1),
        lines: vec![
            tl(1, "%CompteR", "165000000", "%TiersR_Piece", "%CompteR", ""),
            tl(2, "%CompteR", "411000000", "%TiersR_Piece", "", "%TTCE"),
            tl(
                3,
                "%CompteR",
                "411700000",
                "%TiersR_Organisme",
                "%*Piece",
                "",
            ),
        ],
    };
    let balances = dupont_balances();
    let input = TemplateInput {
        template: &template,
        journal: &ctx.journals["OD"],
        accounts: &ctx.accounts,
        tiers: Some("DupontA"),
        payer: Some("CAF75"),
        amount: eur("180,00"),
        analytic: "",
        balances: &balances,
    };
    // 165000000 est créditeur de 94,24 : débité de 94,24 pour le solder. La pièce :
    // D 94,24, C 180,00 → la ligne %*Piece débite 85,76.
    assert_eq!(
        generate(&input)
            .expect("génération")
            .iter()
            .map(row)
            .collect::<Vec<_>>(),
        expect(&[
            ("165000000", Some("DupontA"), "94,24", "0"),
            ("411000000", Some("DupontA"), "0", "180,00"),
            ("411700000", Some("CAF75"), "85,76", "0"),
        ])
    );
    // Un journal sans contrepartie ne peut pas servir %CompteJournal.
    let regl = &ctx.templates["Loc_REGL"];
    let err = generate(&TemplateInput {
        template: regl,
        journal: &ctx.journals["OD"],
        ..input
    })
    .expect_err("pas de contrepartie");
    assert!(
        matches!(err, LedgerError::NoCounterAccount(ref j) if j == "OD"),
        "{err}"
    );
}

#[test]
fn validate_entries_removes_zero_lines_only() {
    let zero = EntryDraft {
        account: "411000000".into(),
        tiers: None,
        analytic: String::new(),
        label: String::new(),
        debit: Decimal::ZERO,
        credit: Decimal::ZERO,
    };
    let one = EntryDraft {
        debit: eur("1,00"),
        ..zero.clone()
    };
    assert_eq!(
        validate_entries(vec![zero.clone(), one.clone(), zero]),
        vec![one]
    );
}

#[test]
fn voucher_label_tokens() {
    assert_eq!(
        voucher_label(
            "Avis %TiersNom_Piece %Periode_Piece",
            "Mme DUPONT Sophie",
            ymd(2026, 3, 5),
            ""
        ),
        "Avis Mme DUPONT Sophie 03/2026"
    );
    assert_eq!(
        voucher_label(
            "%TiersNom_Piece %l",
            "Eau de Paris",
            ymd(2026, 3, 5),
            "facture T1"
        ),
        "Eau de Paris facture T1"
    );
    assert_eq!(
        voucher_label("%TiersNom_Piece %l", "Eau de Paris", ymd(2026, 3, 5), ""),
        "Eau de Paris"
    );
}

#[test]
fn the_journal_counter_account_balances_a_voucher() {
    use abri::ledger::template::with_counter_entry;
    use abri::ledger::VoucherDraft;
    let (store, session) = store_with_landlord();
    let ctx = LedgerContext::load(&store.read(&session)).expect("catalogues");
    let entry = |account: &str, tiers: Option<&str>, debit: &str, credit: &str| EntryDraft {
        account: account.into(),
        tiers: tiers.map(str::to_string),
        analytic: String::new(),
        label: String::new(),
        debit: eur(debit),
        credit: eur(credit),
    };
    let draft = VoucherDraft {
        journal: "BQ".into(),
        value_date: ymd(2026, 3, 5),
        label: "Règlement".into(),
        template: None,
        tiers: Some("T1".into()),
        lease: None,
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: "saisie".into(),
        entries: vec![
            entry("411000000", Some("T1"), "0", "250,00"),
            entry("411600000", Some("T1"), "0", "20,50"),
        ],
    };
    // Banque (contrepartie 512000000) : l'écriture de 270,50 au débit est ajoutée.
    let balanced = with_counter_entry(draft.clone(), &ctx.journals["BQ"]);
    assert_eq!(
        balanced.entries.iter().map(row).collect::<Vec<_>>(),
        expect(&[
            ("411000000", Some("T1"), "0", "250,00"),
            ("411600000", Some("T1"), "0", "20,50"),
            ("512000000", None, "270,50", "0"),
        ])
    );
    // Déjà équilibrée : rien n'est ajouté ; journal sans contrepartie : rien non plus.
    assert_eq!(
        with_counter_entry(balanced.clone(), &ctx.journals["BQ"]),
        balanced
    );
    assert_eq!(
        with_counter_entry(draft.clone(), &ctx.journals["OD"])
            .entries
            .len(),
        2
    );
}
