//! Prélèvements bancaires (S15), étape 1 : la liste des prélèvements d'une période,
//! calculée à la main au centime.

mod common;

use abri::ledger::{self, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use abri::model::money::parse_money;
use abri::model::{DocumentKind, Lease, PaymentMode, TenantDocument};
use abri::store::{Session, Store};
use abri::treatments::direct_debit::{
    debit_csv, load, plan, AmountRule, DebitList, DebitOptions, DebitSnapshot, NoticeDue,
};
use chrono::NaiveDate;
use common::{demo_without_vouchers, ymd};
use rust_decimal::Decimal;

fn eur(s: &str) -> Decimal {
    parse_money(s).expect("montant de test")
}

fn july() -> DebitOptions {
    DebitOptions {
        from: ymd(2026, 7, 1),
        to: ymd(2026, 7, 31),
    }
}

/// Pièce équilibrée passée par le grand livre : `amount` au débit (positif) ou au crédit
/// (négatif) du compte loyer du locataire, la contrepartie en produit.
fn rent_entry(store: &mut Store, session: &Session, tenant: &str, lease: &str, amount: &str) {
    let amount = eur(amount);
    let (debit, credit) = if amount > Decimal::ZERO {
        (amount, Decimal::ZERO)
    } else {
        (Decimal::ZERO, -amount)
    };
    let unit = store
        .read(session)
        .leases()
        .expect("locations")
        .into_iter()
        .find(|l| l.reference == lease)
        .map(|l| l.unit)
        .expect("location de la démonstration");
    let line = |account: &str, tiers: Option<&str>, debit, credit| EntryDraft {
        account: account.into(),
        tiers: tiers.map(str::to_string),
        analytic: if tiers.is_none() {
            unit.clone()
        } else {
            String::new()
        },
        label: String::new(),
        debit,
        credit,
    };
    let draft = VoucherDraft {
        journal: "VEN".into(),
        value_date: ymd(2026, 6, 25),
        label: format!("Pièce de test {tenant}"),
        template: None,
        tiers: Some(tenant.into()),
        lease: Some(lease.into()),
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: "saisie".into(),
        entries: vec![
            line("411000000", Some(tenant), debit, credit),
            line("703000000", None, credit, debit),
        ],
    };
    store
        .write(session, "pièce de test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            ledger::post(repo, &ctx, &draft)
        })
        .map_err(|e: LedgerError| e.to_string())
        .expect("pièce de test");
}

/// Change les informations de règlement d'une location de la démonstration.
fn set_payment(store: &mut Store, session: &Session, lease: &str, change: impl Fn(&mut Lease)) {
    store
        .write(session, "location de test", |repo| {
            let mut found = repo
                .leases()?
                .into_iter()
                .find(|l| l.reference == lease)
                .expect("location de la démonstration");
            change(&mut found);
            repo.update_lease(lease, &found)
        })
        .expect("location modifiée");
}

/// Avis de juillet 2026 (à échoir) d'une location, de reste à payer `due`.
fn notice(store: &mut Store, session: &Session, lease: &str, due: &str) {
    let doc = TenantDocument {
        number: String::new(),
        kind: DocumentKind::Notice,
        lease: lease.into(),
        voucher: None,
        value_date: ymd(2026, 6, 25),
        period_start: Some(ymd(2026, 7, 1)),
        period_end: Some(ymd(2026, 7, 31)),
        due_date: Some(ymd(2026, 7, 5)),
        previous_date: None,
        previous_balance: Decimal::ZERO,
        balance: eur(due),
        deferred: Decimal::ZERO,
        total_due: eur(due),
        amount: eur(due),
        previous_deposits: Decimal::ZERO,
        reference: String::new(),
        instalment: Decimal::ZERO,
        instalment_start: None,
        recipient: vec!["Destinataire".into()],
        run_message: String::new(),
        message: String::new(),
        notice_printed: false,
        receipt_printed: false,
        lines: Vec::new(),
    };
    store
        .write(session, "avis de test", |repo| repo.insert_document(&doc))
        .expect("avis de test");
}

/// Les situations de l'issue sur les locations en prélèvement de la démonstration.
fn situations() -> (Store, Session) {
    let (mut store, session) = demo_without_vouchers();
    let s = &session;
    // LOC002 : forfait périodique 90,00, solde 250,00.
    set_payment(&mut store, s, "BAIL002", |l| {
        l.payment.fixed_amount = eur("90,00")
    });
    rent_entry(&mut store, s, "LOC002", "BAIL002", "250,00");
    // LOC006 : forfait alternatif 60,00 et périodique 90,00, solde 300,00.
    set_payment(&mut store, s, "BAIL006", |l| {
        l.payment.fixed_amount = eur("90,00");
        l.payment.alt_amount = eur("60,00");
    });
    rent_entry(&mut store, s, "LOC006", "BAIL006", "300,00");
    // LOC013 : aucun forfait, avis de juillet à payer 512,40, solde 512,40.
    notice(&mut store, s, "BAIL013", "512,40");
    rent_entry(&mut store, s, "LOC013", "BAIL013", "512,40");
    // LOC018 : forfait périodique 300,00, solde 120,00.
    set_payment(&mut store, s, "BAIL019", |l| {
        l.payment.fixed_amount = eur("300,00")
    });
    rent_entry(&mut store, s, "LOC018", "BAIL019", "120,00");
    // LOC016 : mutation de BAIL016 (sortie le 31/05/2026) vers BAIL017 (01/06/2026),
    // toutes deux en prélèvement, IBAN et forfaits différents ; solde 200,00.
    for (lease, iban, amount, bank) in [
        ("BAIL016", "FR7630004008210009999999912", "50,00", "BNP"),
        ("BAIL017", "FR7630003001000008888888814", "70,00", "SG"),
    ] {
        set_payment(&mut store, s, lease, |l| {
            l.payment_mode = PaymentMode::DirectDebit;
            l.payment.direct_debit = true;
            l.payment.account_holder = "Locataire MUTÉ".into();
            l.payment.bank = Some(bank.into());
            l.payment.iban = iban.into();
            l.payment.mandate_ref = format!("RUM-{lease}");
            l.payment.mandate_date = Some(ymd(2026, 5, 20));
            l.payment.fixed_amount = eur(amount);
            l.payment.debit_day = Some(12);
        });
    }
    rent_entry(&mut store, s, "LOC016", "BAIL017", "200,00");
    // LOC023 : créditeur de 40,00.
    rent_entry(&mut store, s, "LOC023", "BAIL024", "-40,00");
    (store, session)
}

fn list_of(store: &Store, session: &Session, options: &DebitOptions) -> DebitList {
    let snapshot = load(&store.read(session), options).expect("lecture de la liste");
    plan(&snapshot, options)
}

#[test]
fn the_amount_rule_of_each_row_follows_the_manual() {
    let (store, session) = situations();
    let list = list_of(&store, &session, &july());
    let rows: Vec<(&str, &str, Decimal, String, NaiveDate)> = list
        .debits
        .iter()
        .map(|d| {
            (
                d.tenant.as_str(),
                d.lease.as_str(),
                d.amount,
                d.rule_label(),
                d.date,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "LOC002",
                "BAIL002",
                eur("90,00"),
                "forfait période".into(),
                ymd(2026, 7, 5)
            ),
            (
                "LOC006",
                "BAIL006",
                eur("60,00"),
                "forfait alt.".into(),
                ymd(2026, 7, 10)
            ),
            (
                "LOC013",
                "BAIL013",
                eur("512,40"),
                "avis période".into(),
                ymd(2026, 7, 5)
            ),
            (
                "LOC016",
                "BAIL017",
                eur("70,00"),
                "forfait période".into(),
                ymd(2026, 7, 12)
            ),
            (
                "LOC018",
                "BAIL019",
                eur("120,00"),
                "forfait période/max".into(),
                ymd(2026, 7, 8)
            ),
        ]
    );
    // 90,00 + 60,00 + 512,40 + 70,00 + 120,00
    assert_eq!(list.total(), eur("852,40"));
    let diallo = &list.debits[2];
    assert_eq!(diallo.rule, AmountRule::Notice);
    assert!(diallo.notice.is_some());
    let capped = &list.debits[4];
    assert!(capped.capped);
    assert_eq!(capped.balance, eur("120,00"));
}

#[test]
fn a_transferred_tenant_is_debited_once_from_the_newest_lease() {
    let (store, session) = situations();
    let list = list_of(&store, &session, &july());
    let moved: Vec<_> = list
        .debits
        .iter()
        .filter(|d| d.tenant == "LOC016")
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].lease, "BAIL017");
    assert_eq!(moved[0].iban, "FR7630003001000008888888814");
    assert_eq!(moved[0].bic, "SOGEFRPP");
    assert_eq!(moved[0].mandate_ref, "RUM-BAIL017");
    assert_eq!(moved[0].amount, eur("70,00"));
    assert!(list.skipped.iter().all(|s| s.tenant != "LOC016"));
}

#[test]
fn a_creditor_tenant_is_skipped_with_the_reason() {
    let (store, session) = situations();
    let list = list_of(&store, &session, &july());
    assert!(list.debits.iter().all(|d| d.tenant != "LOC023"));
    let skipped: Vec<_> = list
        .skipped
        .iter()
        .filter(|s| s.tenant == "LOC023")
        .collect();
    assert_eq!(skipped.len(), 1, "{:?}", list.skipped);
    assert_eq!(
        skipped[0].reason,
        "solde créditeur de 40,00 € : rien à prélever"
    );
    assert_eq!(skipped[0].name, "Mme CHEVALIER Françoise");
}

#[test]
fn the_list_is_a_dry_read() {
    let (store, session) = situations();
    let repo = store.read(&session);
    let before = (
        repo.count("voucher").expect("pièces"),
        repo.count("document").expect("documents"),
        repo.count("lease").expect("locations"),
    );
    let events = repo.ledger_events().expect("journal du grand livre");
    let list = list_of(&store, &session, &july());
    assert_eq!(list.debits.len(), 5);
    let repo = store.read(&session);
    let after = (
        repo.count("voucher").expect("pièces"),
        repo.count("document").expect("documents"),
        repo.count("lease").expect("locations"),
    );
    assert_eq!(before, after);
    assert_eq!(
        events,
        repo.ledger_events().expect("journal du grand livre")
    );
}

#[test]
fn only_debit_dates_inside_the_window_are_listed() {
    let (store, session) = situations();
    // Du 06/07 au 11/07 : seul le jour 10 (LOC006) et le jour 8 (LOC018) y tombent.
    let options = DebitOptions {
        from: ymd(2026, 7, 6),
        to: ymd(2026, 7, 11),
    };
    let list = list_of(&store, &session, &options);
    let tenants: Vec<&str> = list.debits.iter().map(|d| d.tenant.as_str()).collect();
    assert_eq!(tenants, vec!["LOC006", "LOC018"]);
}

#[test]
fn missing_bank_details_are_named() {
    let (mut store, session) = situations();
    set_payment(&mut store, &session, "BAIL002", |l| l.payment.bank = None);
    // La RUM vide serait reproposée à l'enregistrement (nom et date du mandat) : on
    // décoche plutôt le prélèvement automatique.
    set_payment(&mut store, &session, "BAIL006", |l| {
        l.payment.direct_debit = false
    });
    let list = list_of(&store, &session, &july());
    let reasons: Vec<(&str, &str)> = list
        .skipped
        .iter()
        .filter(|s| s.tenant != "LOC023")
        .map(|s| (s.lease.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (
                "BAIL002",
                "banque non renseignée : le BIC vient du catalogue des banques"
            ),
            (
                "BAIL006",
                "« Prélèvement auto. » n'est pas coché : prélèvement désactivé"
            ),
        ]
    );
}

/// Sans forfait ni avis dans la période précédente (locataire sorti) : le solde ; l'avis
/// d'une période plus ancienne ne compte pas. Fonction pure, sans base.
#[test]
fn without_a_recent_notice_the_balance_is_debited() {
    let (store, session) = situations();
    let mut snapshot: DebitSnapshot = load(&store.read(&session), &july()).expect("lecture");
    snapshot.notices = vec![NoticeDue {
        number: "AV-ANCIEN".into(),
        lease: "BAIL013".into(),
        period_start: ymd(2026, 4, 1),
        period_end: ymd(2026, 4, 30),
        due: eur("512,40"),
    }];
    snapshot.balances.insert("LOC013".into(), eur("333,33"));
    let list = plan(&snapshot, &july());
    let row = list
        .debits
        .iter()
        .find(|d| d.tenant == "LOC013")
        .expect("LOC013 prélevé");
    assert_eq!(row.amount, eur("333,33"));
    assert_eq!(row.rule_label(), "Solde");
}

#[test]
fn the_csv_masks_the_iban_and_totals_the_list() {
    let (store, session) = situations();
    let list = list_of(&store, &session, &july());
    let csv = debit_csv(&list);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}locataire;nom;location;iban;bic;rum;date;montant;regle"
    );
    assert!(
        lines[1].starts_with("LOC002;Mme DUPONT Sophie;BAIL002;FR76\u{a0}…7849;BNPAFRPP;"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(";05/07/2026;90,00;forfait période"));
    assert_eq!(lines[6], "Total;5 prélèvement(s);;;;;;852,40;");
    assert!(lines[7].starts_with("LOC023;"));
    assert!(lines[7].ends_with(";écarté : solde créditeur de 40,00 € : rien à prélever"));
}

/// La commande : la démonstration (décembre 2026, ses cinq locataires en prélèvement).
#[test]
fn the_command_lists_the_demo_debits() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_abri"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("abri lancé")
    };
    assert!(run(&["demo"]).status.success());
    let out = run(&[
        "prelevement",
        "liste",
        "--du",
        "01/12/2026",
        "--au",
        "31/12/2026",
        "--csv",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // Derniers avis de décembre : 350,00 + 245,00 + 635,00 + 530,00 + 15,00 (LOC023, dont
    // les 730,00 du logement sont déjà réglés d'avance), LOC002 et LOC006 écrêtés au
    // solde après les fichiers CAF de décembre que traite la démonstration : 530,00 −
    // 198,00 d'APL = 332,00 et 425,00 − 187,00 d'AL = 238,00 ; total 1 750,00.
    assert!(
        text.contains(";DUPONT20190315;05/12/2026;332,00;avis période/max"),
        "{text}"
    );
    assert!(
        text.contains("Total;5 prélèvement(s);;;;;;1750,00;"),
        "{text}"
    );
    let refused = run(&[
        "prelevement",
        "liste",
        "--du",
        "31/12/2026",
        "--au",
        "01/12/2026",
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--au est antérieur à --du"));
}

/// La démonstration suffit aux prélèvements : ICS et compte du bailleur valides (clé
/// contrôlée par le modèle).
#[test]
fn the_demo_landlord_has_a_valid_creditor_id() {
    let landlord = abri::treatments::demo::demo_landlord();
    assert!(!landlord.creditor_id.is_empty());
    assert!(!landlord.iban.is_empty());
    assert_eq!(landlord.validate(), Ok(()));
}
