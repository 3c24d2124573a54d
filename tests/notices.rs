//! Génération des avis d'échéance (S8), appels de dépôt et factures (S9), quittances :
//! chiffres calculés à la main d'après les règles du manuel.

mod common;

use std::collections::BTreeMap;

use abri::model::{DocumentKind, LineSection, Money, TenantDocument};
use abri::store::{DocumentFilter, Session, Store};
use abri::treatments::deposit::{self, OneOffRequest};
use abri::treatments::import::{import, Entity};
use abri::treatments::notices::{self, NoticeOptions, NoticeRun, Outcome};
use abri::treatments::print::{self, PrintWhat};
use chrono::NaiveDate;
use common::{store_with_landlord, ymd};
use rust_decimal::Decimal;

fn eur(s: &str) -> Decimal {
    abri::model::money::parse_money(s).expect("montant de test")
}

/// Un immeuble, un lot et un locataire par location décrite ; `leases` et `items` sont
/// des lignes CSV des listes d'import (sans l'en-tête).
fn setup(leases: &[&str], items: &[&str]) -> (Store, Session) {
    setup_with(leases, items, "", &[])
}

/// Idem, avec un tiers (ligne CSV de la liste des tiers) et des adresses alternatives
/// (numéro du locataire, rue, code postal, ville).
fn setup_with(
    leases: &[&str],
    items: &[&str],
    party: &str,
    alt: &[(usize, &str, &str, &str)],
) -> (Store, Session) {
    let (mut store, session) = store_with_landlord();
    let mut units = String::from("reference;immeuble;debut_gestion;fin_gestion;nature;usage;forme;analytique;batiment;escalier;etage;porte;type;surface;typologie;foyer;rpls;invariant_dgfip;disponible;motif_indisponibilite;loyer_reference;charges_reference\n");
    let mut tenants = String::from("reference;professionnel;civilite;nom;prenom;debut_suivi;etat;adresse_alt_rue;adresse_alt_code_postal;adresse_alt_ville;nur;date_naissance;email;telephone1;telephone2;consentement_rgpd;date_consentement;allocataire;debut_allocation;organisme_payeur;numero_organisme;numero_allocataire\n");
    let mut lease_csv = String::from("reference;lot;locataire;type_contrat;periodicite;terme;jour_echeance;mode_reglement;debut;sortie;motif_sortie;verrouillee;durable;regularisation_auto;tiers_payeur;prelevement;titulaire_compte;banque;iban;rum;date_mandat;forfait_periode;forfait_alternatif;jour_prelevement\n");
    let mut periods = String::from("location;debut;duree_mois\n");
    for (i, row) in leases.iter().enumerate() {
        let n = i + 1;
        units.push_str(&format!(
            "LOT{n};IMM;01/01/2015;;Appartement;Habitation;Collectif;;;A;1;{n};principal;30,00;T1;N;;;O;;500,00;60,00\n"
        ));
        let (street, postcode, city) = alt
            .iter()
            .find(|a| a.0 == n)
            .map_or(("", "", ""), |a| (a.1, a.2, a.3));
        tenants.push_str(&format!(
            "LOC{n};N;Mme;LOCATAIRE{n};Anne;01/01/2019;;{street};{postcode};{city};;;;;;N;;;;;;\n"
        ));
        lease_csv.push_str(row);
        lease_csv.push('\n');
        let fields: Vec<&str> = row.split(';').collect();
        periods.push_str(&format!("{};{};36\n", fields[0], fields[8]));
    }
    let mut item_csv = String::from("location;rubrique;gestion;type;objet;active;debut;duree_mois;fin;reference;montant_initial;montant_revise;prorata;plafond;a_augmenter;date_revision\n");
    for row in items {
        item_csv.push_str(row);
        item_csv.push('\n');
    }
    let lists = [
        (
            Entity::ThirdParties,
            format!("reference;type;nom;rue;code_postal;ville;telephone;email\n{party}\n"),
        ),
        (
            Entity::Buildings,
            "reference;debut_gestion;fin_gestion;analytique;rue;code_postal;ville;syndic\nIMM;01/01/2015;;IMM;3 rue des Tests;75011;Paris;\n".to_string(),
        ),
        (Entity::Units, units),
        (Entity::Tenants, tenants),
        (Entity::Leases, lease_csv),
        (Entity::Periods, periods),
        (Entity::LeaseItems, item_csv),
    ];
    for (entity, text) in lists {
        if text.trim().ends_with("email") {
            continue;
        }
        import(&mut store, &session, entity, &text).expect("fiches de test");
    }
    (store, session)
}

/// Une location mensuelle à échoir, échéance +4, par défaut.
fn lease(reference: &str, lot: &str, tenant: &str, start: &str) -> String {
    format!("{reference};{lot};{tenant};temporaire;mensuelle;a_echoir;4;cheque;{start};;;N;N;N;;N;;;;;;0,00;0,00;")
}

fn options(period: NaiveDate, value: NaiveDate) -> NoticeOptions {
    NoticeOptions {
        period,
        value_date: value,
        leases: None,
        run_message: String::new(),
    }
}

fn generate(
    store: &mut Store,
    session: &Session,
    period: NaiveDate,
    value: NaiveDate,
) -> NoticeRun {
    notices::run(store, session, &options(period, value), false).expect("génération des avis")
}

fn documents(store: &Store, session: &Session) -> Vec<TenantDocument> {
    store
        .read(session)
        .documents(&DocumentFilter::default())
        .expect("documents")
}

fn period_amounts(doc: &TenantDocument) -> Vec<(String, Money)> {
    doc.lines
        .iter()
        .filter(|l| l.section == LineSection::Period)
        .map(|l| (l.label.clone(), l.amount()))
        .collect()
}

/// Écriture d'une pièce : compte, tiers, débit, crédit.
type Line = (String, Option<String>, Money, Money);

/// Chaque pièce du grand livre est équilibrée ; rend les pièces : numéro → écritures
/// (compte, tiers, débit, crédit).
fn vouchers(store: &Store, session: &Session) -> BTreeMap<String, Vec<Line>> {
    let mut out: BTreeMap<String, Vec<Line>> = BTreeMap::new();
    for l in store.read(session).ledger_lines(None).expect("écritures") {
        out.entry(l.number.clone())
            .or_default()
            .push((l.account, l.tiers, l.debit, l.credit));
    }
    for (number, entries) in &out {
        let debit: Money = entries.iter().map(|e| e.2).sum();
        let credit: Money = entries.iter().map(|e| e.3).sum();
        assert_eq!(debit, credit, "pièce {number} déséquilibrée");
    }
    out
}

fn row_counts(store: &Store, session: &Session) -> Vec<i64> {
    let repo = store.read(session);
    [
        "voucher",
        "entry",
        "document",
        "ledger_event",
        "audit_log",
        "lease_item",
    ]
    .iter()
    .map(|t| repo.count(t).expect("compte"))
    .collect()
}

fn skipped_reason(run: &NoticeRun, lease: &str) -> String {
    match &run
        .plan
        .report
        .iter()
        .find(|l| l.lease == lease)
        .expect("ligne du compte rendu")
        .outcome
    {
        Outcome::Skipped(reason) => reason.clone(),
        Outcome::Generated { .. } => panic!("la location {lease} ne devait pas avoir d'avis"),
    }
}

#[test]
fn march_notice_of_a_lease_starting_on_the_10th_is_pro_rata() {
    let (mut store, session) = setup(
        &[&lease("L1", "LOT1", "LOC1", "10/03/2026")],
        &[
            "L1;Loyer;LO;LO;FAC;O;10/03/2026;;;;500,00;;O;0,00;N;",
            "L1;Provision pour charges;LO;CH;FAC;O;10/03/2026;;;;60,00;;O;0,00;N;",
            "L1;Assurance;LO;AS;FAC;O;10/03/2026;;;;12,50;;N;0,00;N;",
        ],
    );
    let run = generate(&mut store, &session, ymd(2026, 3, 1), ymd(2026, 3, 25));
    assert_eq!(run.created.len(), 1);
    let docs = documents(&store, &session);
    let march = &docs[0];
    // 22 jours de présence sur 31 : 500 × 22/31 = 354,838… → 354,84 ; 60 × 22/31 = 42,58.
    assert_eq!(
        period_amounts(march),
        vec![
            ("Loyer (22/31 jours)".to_string(), eur("354,84")),
            (
                "Provision pour charges (22/31 jours)".to_string(),
                eur("42,58")
            ),
            ("Assurance".to_string(), eur("12,50")),
        ]
    );
    assert_eq!(march.amount, eur("409,92"));
    assert_eq!(march.due_date, Some(ymd(2026, 3, 5)));
    assert_eq!(march.period_end, Some(ymd(2026, 3, 31)));
    assert_eq!(march.total_due, eur("409,92"));
    assert_eq!(march.previous_balance, Money::ZERO);
    // La pièce : produits au crédit avec l'analytique du lot, locataire LO au débit.
    let all = vouchers(&store, &session);
    let entries = &all[march.voucher.as_ref().expect("pièce de l'avis")];
    assert!(entries.contains(&("703000000".into(), None, Money::ZERO, eur("354,84"))));
    assert!(entries.contains(&("703101000".into(), None, Money::ZERO, eur("42,58"))));
    assert!(entries.contains(&("703301000".into(), None, Money::ZERO, eur("12,50"))));
    assert!(entries.contains(&(
        "411000000".into(),
        Some("LOC1".into()),
        eur("409,92"),
        Money::ZERO
    )));

    let april = generate(&mut store, &session, ymd(2026, 4, 1), ymd(2026, 4, 25));
    assert_eq!(april.created.len(), 1);
    let docs = documents(&store, &session);
    let april = &docs[1];
    assert_eq!(april.amount, eur("572,50"));
    assert_eq!(april.due_date, Some(ymd(2026, 4, 5)));
    // Solde antérieur = l'avis de mars, rien payé depuis : total 409,92 + 572,50.
    assert_eq!(april.previous_balance, eur("409,92"));
    assert_eq!(april.total_due, eur("982,42"));
}

#[test]
fn quarterly_notice_in_arrears_covers_the_quarter() {
    let row = "T1;LOT1;LOC1;temporaire;trimestrielle;echu;10;virement;01/01/2026;;;N;N;N;;N;;;;;;0,00;0,00;";
    let (mut store, session) = setup(
        &[row],
        &["T1;Loyer;LO;LO;FAC;O;01/01/2026;;;;1500,00;;O;0,00;N;"],
    );
    let run = generate(&mut store, &session, ymd(2026, 1, 1), ymd(2026, 1, 5));
    assert_eq!(run.created.len(), 1);
    let doc = &documents(&store, &session)[0];
    assert_eq!(doc.period_start, Some(ymd(2026, 1, 1)));
    assert_eq!(doc.period_end, Some(ymd(2026, 3, 31)));
    // Terme échu : fin de période (31/03) + 10 jours.
    assert_eq!(doc.due_date, Some(ymd(2026, 4, 10)));
    assert_eq!(doc.amount, eur("1500,00"));
    // Le mois suivant, le trimestre est déjà couvert.
    let feb = generate(&mut store, &session, ymd(2026, 2, 1), ymd(2026, 2, 5));
    assert!(feb.created.is_empty());
    assert!(skipped_reason(&feb, "T1").contains("déjà couverte"));
    let q2 = generate(&mut store, &session, ymd(2026, 4, 1), ymd(2026, 4, 5));
    assert_eq!(q2.created.len(), 1);
    assert_eq!(
        documents(&store, &session)[1].period_end,
        Some(ymd(2026, 6, 30))
    );
}

#[test]
fn move_out_mid_april_bills_half_a_month_then_nothing() {
    let row = "M1;LOT1;LOC1;temporaire;mensuelle;a_echoir;4;cheque;01/01/2026;15/04/2026;depart;N;N;N;;N;;;;;;0,00;0,00;";
    let (mut store, session) = setup(
        &[row],
        &["M1;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;O;0,00;N;"],
    );
    let april = generate(&mut store, &session, ymd(2026, 4, 1), ymd(2026, 4, 2));
    assert_eq!(april.created.len(), 1);
    // 15 jours de présence sur 30 : 250,00.
    assert_eq!(documents(&store, &session)[0].amount, eur("250,00"));
    let may = generate(&mut store, &session, ymd(2026, 5, 1), ymd(2026, 5, 2));
    assert!(may.created.is_empty());
    assert!(skipped_reason(&may, "M1").contains("sorti le 15/04/2026"));
}

#[test]
fn revised_amount_applies_from_the_revision_date() {
    let (mut store, session) = setup(
        &[&lease("R1", "LOT1", "LOC1", "01/01/2025")],
        &["R1;Loyer;LO;LO;FAC;O;01/01/2025;;;;480,00;500,00;O;0,00;N;01/01/2026"],
    );
    generate(&mut store, &session, ymd(2025, 12, 1), ymd(2025, 12, 1));
    generate(&mut store, &session, ymd(2026, 1, 1), ymd(2026, 1, 1));
    let docs = documents(&store, &session);
    assert_eq!(docs[0].amount, eur("480,00"));
    assert_eq!(docs[1].amount, eur("500,00"));
}

#[test]
fn ceiling_is_cumulated_over_past_notices() {
    let (mut store, session) = setup(
        &[&lease("P1", "LOT1", "LOC1", "01/01/2026")],
        &[
            "P1;Loyer;LO;LO;FAC;O;01/01/2026;;;;300,00;;O;0,00;N;",
            "P1;Divers;DV;DV;FAC;O;01/01/2026;;;;50,00;;N;120,00;N;",
        ],
    );
    let mut misc = Vec::new();
    let mut last = None;
    for month in 1..=4 {
        let run = generate(
            &mut store,
            &session,
            ymd(2026, month, 1),
            ymd(2026, month, 2),
        );
        last = Some(run);
        let docs = documents(&store, &session);
        let doc = docs.last().expect("avis");
        misc.push(
            period_amounts(doc)
                .into_iter()
                .find(|(l, _)| l == "Divers")
                .map(|(_, a)| a),
        );
    }
    assert_eq!(
        misc,
        vec![
            Some(eur("50,00")),
            Some(eur("50,00")),
            Some(eur("20,00")),
            None
        ]
    );
    let run = last.expect("quatrième mois");
    let line = &run.plan.report[0];
    assert!(
        line.items.iter().any(|i| i.contains("plafond atteint")),
        "{:?}",
        line.items
    );
    // La partie DV se débite sur le compte hors loyers du locataire.
    let all = vouchers(&store, &session);
    let third = documents(&store, &session)[2]
        .voucher
        .clone()
        .expect("pièce");
    assert!(all[&third].contains(&(
        "411600000".into(),
        Some("LOC1".into()),
        eur("20,00"),
        Money::ZERO
    )));
    assert!(all[&third].contains(&("703900000".into(), None, Money::ZERO, eur("20,00"))));
}

#[test]
fn deposit_called_by_instalments_is_asked_100_per_notice() {
    let (mut store, session) = setup(
        &[&lease("D1", "LOT1", "LOC1", "01/03/2026")],
        &["D1;Loyer;LO;LO;FAC;O;01/03/2026;;;;500,00;;O;0,00;N;"],
    );
    let request = OneOffRequest {
        kind: DocumentKind::DepositCall,
        lease: "D1".into(),
        value_date: ymd(2026, 3, 1),
        reference: String::new(),
        amount: eur("400,00"),
        instalments: Some((eur("100,00"), ymd(2026, 3, 1))),
        message: String::new(),
    };
    // Simulation : rien d'écrit.
    let before = row_counts(&store, &session);
    let (planned, number) = deposit::run(&mut store, &session, &request, true).expect("simulation");
    assert!(number.is_none());
    assert_eq!(planned.document.amount, eur("400,00"));
    assert_eq!(row_counts(&store, &session), before);

    let (_, number) = deposit::run(&mut store, &session, &request, false).expect("appel du dépôt");
    let number = number.expect("numéro");
    assert!(number.starts_with("D2026"));
    let all = vouchers(&store, &session);
    let doc = documents(&store, &session)
        .into_iter()
        .find(|d| d.number == number)
        .expect("document");
    let entries = &all[doc.voucher.as_ref().expect("pièce")];
    assert_eq!(
        entries,
        &vec![
            (
                "411500000".to_string(),
                Some("LOC1".to_string()),
                eur("400,00"),
                Money::ZERO
            ),
            (
                "165000000".to_string(),
                Some("LOC1".to_string()),
                Money::ZERO,
                eur("400,00")
            ),
        ]
    );
    generate(&mut store, &session, ymd(2026, 3, 1), ymd(2026, 3, 2));
    let notice = documents(&store, &session)
        .into_iter()
        .find(|d| d.kind == DocumentKind::Notice)
        .expect("avis");
    // Loyer 500,00 + échéance du dépôt 100,00 ; les 300,00 restants sont différés.
    assert_eq!(notice.amount, eur("500,00"));
    assert_eq!(notice.balance, eur("900,00"));
    assert_eq!(notice.deferred, eur("300,00"));
    assert_eq!(notice.total_due, eur("600,00"));
    assert!(period_amounts(&notice).contains(&("Dépôt de garantie".to_string(), eur("100,00"))));
    // Un avis suit l'appel : il ne se supprime plus.
    let err = notices::delete_document(&store.read(&session), &number).expect_err("refus");
    assert!(err.to_string().contains("a été généré après lui"), "{err}");
}

#[test]
fn misc_invoice_needs_a_reference_and_posts_on_dv() {
    let (mut store, session) = setup(
        &[&lease("F1", "LOT1", "LOC1", "01/01/2026")],
        &["F1;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;O;0,00;N;"],
    );
    let mut request = OneOffRequest {
        kind: DocumentKind::Invoice,
        lease: "F1".into(),
        value_date: ymd(2026, 2, 10),
        reference: String::new(),
        amount: eur("100,00"),
        instalments: None,
        message: String::new(),
    };
    let err =
        deposit::run(&mut store, &session, &request, false).expect_err("référence obligatoire");
    assert!(err.to_string().starts_with("reference"), "{err}");
    request.reference = "Remplacement serrure".into();
    let (_, number) = deposit::run(&mut store, &session, &request, false).expect("facture");
    let number = number.expect("numéro");
    let doc = documents(&store, &session)
        .into_iter()
        .find(|d| d.number == number)
        .expect("facture");
    let all = vouchers(&store, &session);
    let entries = &all[doc.voucher.as_ref().expect("pièce")];
    assert!(entries.contains(&(
        "411600000".into(),
        Some("LOC1".into()),
        eur("100,00"),
        Money::ZERO
    )));
    assert!(entries.contains(&("703900000".into(), None, Money::ZERO, eur("100,00"))));
    // Pas encore d'avis après elle : elle se supprime, sa pièce avec.
    let before_delete = vouchers(&store, &session).len();
    store
        .write(&session, "suppression", |repo| {
            notices::delete_document(repo, &number)
        })
        .expect("suppression de la facture");
    assert_eq!(vouchers(&store, &session).len(), before_delete - 1);
    assert!(documents(&store, &session).is_empty());
}

#[test]
fn running_twice_changes_nothing_and_a_dry_run_writes_nothing() {
    let (mut store, session) = setup(
        &[
            &lease("A1", "LOT1", "LOC1", "01/01/2026"),
            "A2;LOT2;LOC2;temporaire;mensuelle;a_echoir;4;cheque;01/01/2026;;;O;N;N;;N;;;;;;0,00;0,00;",
        ],
        &[
            "A1;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;O;0,00;N;",
            "A2;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;O;0,00;N;",
        ],
    );
    let before = row_counts(&store, &session);
    let dry = notices::run(
        &mut store,
        &session,
        &options(ymd(2026, 1, 1), ymd(2026, 1, 2)),
        true,
    )
    .expect("vérification");
    assert_eq!(dry.plan.notices.len(), 1);
    assert!(dry.created.is_empty());
    assert_eq!(row_counts(&store, &session), before);
    assert!(skipped_reason(&dry, "A2").contains("verrouillée"));

    let first = generate(&mut store, &session, ymd(2026, 1, 1), ymd(2026, 1, 2));
    assert_eq!(first.created.len(), 1);
    let after_first = row_counts(&store, &session);
    let second = generate(&mut store, &session, ymd(2026, 1, 1), ymd(2026, 1, 2));
    assert!(second.created.is_empty());
    assert!(skipped_reason(&second, "A1").contains("déjà généré"));
    // Seul le journal d'audit note le second passage.
    let after_second = row_counts(&store, &session);
    assert_eq!(after_first[..4], after_second[..4]);
}

#[test]
fn only_the_latest_notice_of_a_lease_can_be_deleted_and_regenerated() {
    let (mut store, session) = setup(
        &[&lease("S1", "LOT1", "LOC1", "01/01/2026")],
        &["S1;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;O;0,00;N;"],
    );
    generate(&mut store, &session, ymd(2026, 1, 1), ymd(2026, 1, 2));
    generate(&mut store, &session, ymd(2026, 2, 1), ymd(2026, 2, 2));
    let docs = documents(&store, &session);
    let err = store
        .write(&session, "suppression", |repo| {
            notices::delete_document(repo, &docs[0].number)
        })
        .expect_err("pas le dernier");
    assert!(err.to_string().contains("n'est pas le dernier"), "{err}");
    let vouchers_before = vouchers(&store, &session).len();
    store
        .write(&session, "suppression", |repo| {
            notices::delete_document(repo, &docs[1].number)
        })
        .expect("suppression du dernier");
    assert_eq!(vouchers(&store, &session).len(), vouchers_before - 1);
    let again = generate(&mut store, &session, ymd(2026, 2, 1), ymd(2026, 2, 2));
    assert_eq!(again.created.len(), 1);
    let docs = documents(&store, &session);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].amount, eur("500,00"));
    assert_eq!(docs[1].previous_balance, eur("500,00"));
}

#[test]
fn full_payment_gives_a_quittance_partial_a_receipt() {
    let (mut store, session) = setup(
        &[
            &lease("Q1", "LOT1", "LOC1", "01/01/2026"),
            &lease("Q2", "LOT2", "LOC2", "01/01/2026"),
        ],
        &[
            "Q1;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;O;0,00;N;",
            "Q1;Provision pour charges;LO;CH;FAC;O;01/01/2026;;;;60,00;;O;0,00;N;",
            "Q2;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;O;0,00;N;",
            "Q2;Provision pour charges;LO;CH;FAC;O;01/01/2026;;;;60,00;;O;0,00;N;",
        ],
    );
    generate(&mut store, &session, ymd(2026, 1, 1), ymd(2026, 1, 2));
    pay(&mut store, &session, "LOC1", "Q1", "560,00");
    pay(&mut store, &session, "LOC2", "Q2", "300,00");
    let printables = print::collect(
        &store.read(&session),
        &DocumentFilter::default(),
        PrintWhat::Receipts {
            at: ymd(2026, 1, 31),
        },
    )
    .expect("quittances");
    assert_eq!(printables.len(), 2);
    let receipt = |tenant: &str| match &printables
        .iter()
        .find(|p| p.tenant == tenant)
        .expect("document")
        .document
    {
        abri::documents::Document::Receipt(r) => r.clone(),
        other => panic!("pas un reçu : {other:?}"),
    };
    let full = receipt("LOC1");
    assert!(full.full);
    assert_eq!(
        (full.rent, full.charges, full.paid),
        (eur("500,00"), eur("60,00"), eur("560,00"))
    );
    let partial = receipt("LOC2");
    assert!(!partial.full);
    assert_eq!(partial.paid, eur("300,00"));
    assert_eq!((partial.rent, partial.charges), (Money::ZERO, Money::ZERO));
}

/// Un règlement saisi comme pièce de banque (D 512 / C 411 LO du locataire).
fn pay(store: &mut Store, session: &Session, tenant: &str, lease: &str, amount: &str) {
    pay_on(store, session, tenant, lease, amount, ymd(2026, 1, 10));
}

/// Idem, à la date de valeur donnée.
fn pay_on(
    store: &mut Store,
    session: &Session,
    tenant: &str,
    lease: &str,
    amount: &str,
    value_date: NaiveDate,
) {
    use abri::ledger::{self, EntryDraft, LedgerContext, VoucherDraft};
    let draft = VoucherDraft {
        journal: "BQ".into(),
        value_date,
        label: format!("Règlement {tenant}"),
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
            EntryDraft {
                account: "512000000".into(),
                tiers: None,
                analytic: String::new(),
                label: String::new(),
                debit: eur(amount),
                credit: Money::ZERO,
            },
            EntryDraft {
                account: "411000000".into(),
                tiers: Some(tenant.into()),
                analytic: String::new(),
                label: String::new(),
                debit: Money::ZERO,
                credit: eur(amount),
            },
        ],
    };
    store
        .write(session, "règlement", |repo| {
            let ctx = LedgerContext::load(repo)?;
            ledger::post(repo, &ctx, &draft)
        })
        .expect("règlement");
}

#[test]
fn printed_notices_show_tenant_period_lines_and_total() {
    let (mut store, session) = setup(
        &[
            &lease("L1", "LOT1", "LOC1", "10/03/2026"),
            &lease("L2", "LOT2", "LOC2", "01/01/2026"),
        ],
        &[
            "L1;Loyer;LO;LO;FAC;O;10/03/2026;;;;500,00;;O;0,00;N;",
            "L1;Provision pour charges;LO;CH;FAC;O;10/03/2026;;;;60,00;;O;0,00;N;",
            "L1;Assurance;LO;AS;FAC;O;10/03/2026;;;;12,50;;N;0,00;N;",
            "L2;Loyer;LO;LO;FAC;O;01/01/2026;;;;450,00;;O;0,00;N;",
        ],
    );
    let mut opts = options(ymd(2026, 3, 1), ymd(2026, 3, 25));
    opts.run_message = "Permanence fermée le 14 avril".into();
    notices::run(&mut store, &session, &opts, false).expect("avis");
    let printables = print::collect(
        &store.read(&session),
        &DocumentFilter {
            kind: Some(DocumentKind::Notice),
            ..DocumentFilter::default()
        },
        PrintWhat::Documents,
    )
    .expect("documents à imprimer");
    let docs: Vec<_> = printables.iter().map(|p| p.document.clone()).collect();
    let letterhead = abri::documents::load_letterhead("Association Toit Solidaire", None);
    let pdf = abri::documents::pdf::render(&docs, &letterhead).expect("PDF");
    let pages = common::pdf::extract_pages(&pdf);
    assert_eq!(pages.len(), 2, "une page par avis");
    for expected in [
        "Mme LOCATAIRE1 Anne",
        "du 01/03/2026 au 31/03/2026",
        "05/03/2026",
        "Loyer (22/31 jours)",
        "354,84",
        "42,58",
        "12,50",
        "409,92",
        "Permanence fermée le 14 avril",
        "3 rue des Tests",
    ] {
        assert!(
            pages[0].contains(expected),
            "« {expected} » absent :\n{}",
            pages[0]
        );
    }
    assert!(pages[1].contains("Mme LOCATAIRE2 Anne") && pages[1].contains("450,00"));
    // Un PDF par locataire pour l'envoi.
    let dir = tempfile::tempdir().expect("dossier");
    let files = print::write_pdf(
        &printables,
        &letterhead,
        &print::Output::PerTenant(dir.path().to_path_buf()),
    )
    .expect("un PDF par locataire");
    assert_eq!(files.len(), 2);
    assert!(files.iter().all(|f| f.exists()));
}

fn abri(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_abri"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("lancement de abri")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn notice_commands_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    let check = abri(
        &db,
        &[
            "avis",
            "generer",
            "--periode",
            "2026-03",
            "--date-valeur",
            "2026-03-25",
            "--simulation",
        ],
    );
    assert!(check.status.success(), "{}", text(&check.stderr));
    let report = text(&check.stdout);
    assert!(
        report.contains("BAIL010\tLOC010\tpas d'avis : location verrouillée"),
        "{report}"
    );
    assert!(report.contains("Vérification uniquement"), "{report}");
    let listed = abri(&db, &["avis", "liste", "--csv"]);
    assert_eq!(text(&listed.stdout).lines().count(), 1, "rien d'enregistré");

    let run = abri(
        &db,
        &[
            "avis",
            "generer",
            "--periode",
            "2026-03",
            "--date-valeur",
            "25/03/2026",
        ],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).contains("26 avis enregistré(s)"),
        "{}",
        text(&run.stdout)
    );
    let again = abri(
        &db,
        &[
            "avis",
            "generer",
            "--periode",
            "2026-03",
            "--date-valeur",
            "25/03/2026",
        ],
    );
    assert!(text(&again.stdout).contains("0 avis enregistré(s)"));
    let csv = text(&abri(&db, &["avis", "liste", "--csv", "--location", "BAIL001"]).stdout);
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(
        rows[1]
            .starts_with("A2026000001;avis;BAIL001;25/03/2026;01/03/2026;31/03/2026;05/03/2026;"),
        "{csv}"
    );

    let pdf = dir.path().join("avis.pdf");
    let printed = abri(
        &db,
        &[
            "avis",
            "imprimer",
            "--periode",
            "2026-03",
            "-o",
            pdf.to_str().expect("chemin"),
            "--marquer",
        ],
    );
    assert!(printed.status.success(), "{}", text(&printed.stderr));
    assert!(std::fs::read(&pdf).expect("PDF").starts_with(b"%PDF-"));
    let marked = text(&abri(&db, &["avis", "liste", "--csv", "--location", "BAIL001"]).stdout);
    assert!(
        marked.contains(";O;N\r\n"),
        "indicateur d'avis coché : {marked}"
    );
    let no_output = abri(&db, &["avis", "imprimer", "--periode", "2026-03"]);
    assert_eq!(no_output.status.code(), Some(1));
    assert!(text(&no_output.stderr).contains("indiquez soit -o FICHIER.pdf"));

    let bad_month = abri(
        &db,
        &[
            "avis",
            "generer",
            "--periode",
            "2026-13",
            "--date-valeur",
            "25/03/2026",
        ],
    );
    assert_eq!(bad_month.status.code(), Some(1));
    assert!(
        text(&bad_month.stderr).contains("n'est pas un mois valide"),
        "{}",
        text(&bad_month.stderr)
    );

    let deposit = abri(
        &db,
        &[
            "depot-garantie",
            "appeler",
            "--location",
            "BAIL017",
            "--montant",
            "abc",
        ],
    );
    assert_eq!(deposit.status.code(), Some(1));
    assert!(
        text(&deposit.stderr).contains("--montant"),
        "{}",
        text(&deposit.stderr)
    );
    let invoice = abri(
        &db,
        &[
            "facture",
            "--location",
            "BAIL002",
            "--montant",
            "45,00",
            "--date-valeur",
            "28/03/2026",
            "--reference",
            "Badge perdu",
        ],
    );
    assert!(invoice.status.success(), "{}", text(&invoice.stderr));
    assert!(text(&invoice.stdout).contains("411600000"));
    // La facture suit l'avis de mars : elle se supprime ; l'avis de mars aussi (dernier).
    let number = text(&invoice.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Document ")
                .map(|r| r.split(' ').next().unwrap_or("").to_string())
        })
        .expect("numéro de la facture");
    let deleted = abri(&db, &["avis", "supprimer", &number]);
    assert!(deleted.status.success(), "{}", text(&deleted.stderr));
    assert!(abri(&db, &["verifier"]).status.success());
}

#[test]
fn recipient_is_the_payer_then_the_alternative_address_then_the_unit() {
    let (mut store, session) = setup_with(
        &[
            &lease("D1", "LOT1", "LOC1", "01/01/2026"),
            &lease("D2", "LOT2", "LOC2", "01/01/2026"),
            "D3;LOT3;LOC3;temporaire;mensuelle;a_echoir;4;cheque;01/01/2026;;;N;N;N;PAYEUR;N;;;;;;0,00;0,00;",
        ],
        &[
            "D1;Loyer;LO;LO;FAC;O;01/01/2026;;;;400,00;;O;0,00;N;",
            "D2;Loyer;LO;LO;FAC;O;01/01/2026;;;;400,00;;O;0,00;N;",
            "D3;Loyer;LO;LO;FAC;O;01/01/2026;;;;400,00;;O;0,00;N;",
        ],
        "PAYEUR;organisme_payeur;Fonds de solidarité logement;8 place de la Mairie;93100;Montreuil;;",
        &[(2, "5 allée des Peupliers", "94000", "Créteil")],
    );
    let run = generate(&mut store, &session, ymd(2026, 1, 1), ymd(2026, 1, 2));
    assert_eq!(run.created.len(), 3);
    let docs = documents(&store, &session);
    assert_eq!(
        docs[0].recipient,
        vec![
            "Mme LOCATAIRE1 Anne",
            "escalier A, étage 1, porte 1",
            "3 rue des Tests",
            "75011 Paris"
        ]
    );
    assert_eq!(
        docs[1].recipient,
        vec![
            "Mme LOCATAIRE2 Anne",
            "5 allée des Peupliers",
            "94000 Créteil"
        ]
    );
    assert_eq!(
        docs[2].recipient,
        vec![
            "Fonds de solidarité logement",
            "8 place de la Mairie",
            "93100 Montreuil"
        ]
    );
    // Le message propre à un avis s'enregistre et s'imprime sur lui seul.
    store
        .write(&session, "message", |repo| {
            repo.set_document_message(&docs[0].number, "Merci de votre régularité")
        })
        .expect("message");
    assert_eq!(
        documents(&store, &session)[0].message,
        "Merci de votre régularité"
    );
}

/// Un locataire trimestriel parmi des mensuels : son dernier avis date de trois mois
/// quand les autres datent du mois précédent. Son relevé d'avril montre quand même ses
/// deux règlements de janvier et février (lus par son tiers, depuis son propre dernier
/// avis), et celui du mensuel seulement son règlement de mars.
#[test]
fn a_quarterly_tenant_among_monthly_ones_gets_the_payments_since_its_own_last_notice() {
    let (mut store, session) = setup(
        &[
            "Q1;LOT1;LOC1;temporaire;trimestrielle;a_echoir;4;virement;01/01/2026;;;N;N;N;;N;;;;;;0,00;0,00;",
            &lease("M2", "LOT2", "LOC2", "01/01/2026"),
        ],
        &[
            "Q1;Loyer;LO;LO;FAC;O;01/01/2026;;;;900,00;;O;0,00;N;",
            "M2;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;O;0,00;N;",
        ],
    );
    assert_eq!(
        generate(&mut store, &session, ymd(2026, 1, 1), ymd(2026, 1, 1))
            .created
            .len(),
        2
    );
    for paid_on in [ymd(2026, 1, 20), ymd(2026, 2, 20)] {
        pay_on(&mut store, &session, "LOC1", "Q1", "300,00", paid_on);
    }
    for month in 1..=3 {
        pay_on(
            &mut store,
            &session,
            "LOC2",
            "M2",
            "500,00",
            ymd(2026, month, 15),
        );
        if month < 3 {
            let run = generate(
                &mut store,
                &session,
                ymd(2026, month + 1, 1),
                ymd(2026, month + 1, 1),
            );
            assert_eq!(run.created.len(), 1, "seul le mensuel est avisé");
        }
    }
    let april = generate(&mut store, &session, ymd(2026, 4, 1), ymd(2026, 4, 1));
    assert_eq!(april.created.len(), 2);
    let docs = documents(&store, &session);
    let notice_of = |lease: &str| {
        docs.iter()
            .filter(|d| d.lease == lease)
            .max_by_key(|d| d.period_start)
            .expect("avis d'avril")
    };
    let statement = |doc: &TenantDocument| -> Vec<(Option<NaiveDate>, Money)> {
        doc.lines
            .iter()
            .filter(|l| l.section == LineSection::Statement)
            .map(|l| (l.date, l.amount()))
            .collect()
    };
    let quarterly = notice_of("Q1");
    assert_eq!(quarterly.period_start, Some(ymd(2026, 4, 1)));
    assert_eq!(quarterly.previous_date, Some(ymd(2026, 1, 1)));
    assert_eq!(
        statement(quarterly),
        vec![
            (Some(ymd(2026, 1, 20)), -eur("300,00")),
            (Some(ymd(2026, 2, 20)), -eur("300,00")),
        ]
    );
    // Solde antérieur : 900,00 après l'avis de janvier ; 600,00 payés depuis (le relevé),
    // plus le trimestre d'avril : 900,00 − 600,00 + 900,00.
    assert_eq!(quarterly.previous_balance, eur("900,00"));
    assert_eq!(quarterly.total_due, eur("1200,00"));
    let monthly = notice_of("M2");
    assert_eq!(monthly.previous_date, Some(ymd(2026, 3, 1)));
    assert_eq!(
        statement(monthly),
        vec![(Some(ymd(2026, 3, 15)), -eur("500,00"))]
    );
    // 500,00 après l'avis de mars, payés le 15 : 500,00 − 500,00 + 500,00.
    assert_eq!(monthly.previous_balance, eur("500,00"));
    assert_eq!(monthly.total_due, eur("500,00"));
}

/// Le plan fait en deux ou trois parties parallèles (au-delà de quelques milliers de
/// locations) est celui fait d'un seul tenant : mêmes avis dans le même ordre, même
/// compte rendu ; la locataire qui a deux locations (logement et cave) voit le premier
/// avis dans le solde du second quelle que soit la partie.
#[test]
fn the_plan_made_in_parts_is_the_plan_made_at_once() {
    use abri::treatments::notices::{plan_in_parts, NoticeSnapshot};
    let (store, session) = common::demo_without_vouchers();
    let notice_options = NoticeOptions {
        period: ymd(2026, 4, 1),
        value_date: ymd(2026, 4, 1),
        leases: None,
        run_message: String::new(),
    };
    let snapshot = NoticeSnapshot::load(&store.read(&session), &notice_options).expect("lecture");
    let at_once = plan_in_parts(&snapshot, &notice_options, 1);
    for parts in [2, 3, 7] {
        assert_eq!(plan_in_parts(&snapshot, &notice_options, parts), at_once);
    }
    let loc023: Vec<&TenantDocument> = at_once
        .notices
        .iter()
        .filter(|n| n.tenant == "LOC023")
        .map(|n| &n.document)
        .collect();
    assert_eq!(loc023.len(), 2, "logement et cave");
    // Grand livre vide : le logement (BAIL024) facture 690,00 de loyer et 40,00 de
    // provision ; le solde antérieur de la cave (BAIL028, 15,00 de loyer) compte ces
    // 730,00.
    assert_eq!(loc023[0].previous_balance, Money::ZERO);
    assert_eq!(loc023[0].balance, eur("730,00"));
    assert_eq!(loc023[1].previous_balance, loc023[0].balance);
    assert_eq!(loc023[1].balance, eur("745,00"));
}

/// La base elle-même refuse un second avis pour la même location et la même période
/// (index unique des documents par location, type et période), même écrit sans passer
/// par le plan ; le refus n'écrit rien.
#[test]
fn the_database_refuses_a_second_notice_for_the_same_lease_and_period() {
    let (mut store, session) = setup(
        &[&lease("L1", "LOT1", "LOC1", "01/01/2026")],
        &["L1;Loyer;LO;LO;FAC;O;01/01/2026;;;;500,00;;N;0,00;N;"],
    );
    generate(&mut store, &session, ymd(2026, 3, 1), ymd(2026, 3, 1));
    let first = documents(&store, &session).remove(0);
    assert_eq!(first.period_start, Some(ymd(2026, 3, 1)));
    let mut copy = first.clone();
    copy.voucher = None;
    let refused = store.write(&session, "avis en double", |repo| {
        repo.insert_document_numbered(&copy, "A2026999999")
    });
    assert!(refused.is_err(), "second avis de mars accepté");
    assert_eq!(documents(&store, &session).len(), 1);
    // Le mois suivant reste libre.
    copy.period_start = Some(ymd(2026, 4, 1));
    copy.period_end = Some(ymd(2026, 4, 30));
    store
        .write(&session, "avis d'avril", |repo| {
            repo.insert_document_numbered(&copy, "A2026999999")
        })
        .expect("avis d'avril");
    assert_eq!(documents(&store, &session).len(), 2);
}
