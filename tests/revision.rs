//! Révision des loyers (S12) : IRL (loi 1989 art. 17-1) et ICC sur 4 trimestres (méthode
//! du manuel), catalogue des indices. Les montants attendus sont calculés à la main :
//! - 620,00 × 144,51 / 141,03 = 635,2989… → 635,30 (acceptation de l'issue) ;
//! - 45,00 × 144,51 / 141,03 = 46,1103… → 46,11 (provision « à augmenter ») ;
//! - 380,00 × 144,51 / 141,03 = 389,3767… → 389,38 (loyer de référence du lot) ;
//! - ICC : (1 886 + 1 908 + 1 930 + 1 949) / 4 = 1 918,25 et
//!   (2 000 + 2 030 + 2 050 + 2 074) / 4 = 2 038,50 ; 480,00 × 2 038,50 / 1 918,25 =
//!   510,0899… → 510,09 ;
//! - dernier indice connu : 620,00 × 145,77 / 144,64 = 624,8368… → 624,84.

mod common;

use abri::model::money::parse_money;
use abri::model::{IndexSeries, LeaseItem, Money, Quarter, RevisionOwner, RevisionTerms};
use abri::store::{DocumentFilter, Session, Store};
use abri::treatments::indices::import_indices;
use abri::treatments::notices::{self, NoticeOptions};
use abri::treatments::revision::{self, Outcome, RevisionError, RevisionPlan, RevisionRequest};
use chrono::NaiveDate;
use common::{demo_without_vouchers, ymd};

fn eur(s: &str) -> Money {
    parse_money(s).expect("montant de test")
}

fn quarter(year: i32, q: u8) -> Quarter {
    Quarter::new(year, q).expect("trimestre de test")
}

fn lease(reference: &str) -> RevisionOwner {
    RevisionOwner::Lease(reference.to_string())
}

fn unit(reference: &str) -> RevisionOwner {
    RevisionOwner::Unit(reference.to_string())
}

/// Conditions de révision : série, trimestre et valeur de référence, dernière révision.
fn set_terms(
    store: &mut Store,
    session: &Session,
    owner: RevisionOwner,
    (series, reference, value, last_revision): (IndexSeries, Quarter, &str, NaiveDate),
    change: impl FnOnce(&mut RevisionTerms),
) {
    let mut terms = RevisionTerms {
        series,
        reference: Some(reference),
        reference_value: eur(value),
        last_revision: Some(last_revision),
        ..RevisionTerms::new(owner)
    };
    change(&mut terms);
    store
        .write(session, "conditions de test", |repo| {
            repo.set_revision_terms(&terms)
        })
        .expect("conditions de révision");
}

/// Conditions IRL, référence T3 2023 = 141,03, dernière révision le 01/10/2023.
fn irl_2023(store: &mut Store, session: &Session, owner: RevisionOwner) {
    set_terms(
        store,
        session,
        owner,
        (
            IndexSeries::Irl,
            quarter(2023, 3),
            "141,03",
            ymd(2023, 10, 1),
        ),
        |_| {},
    );
}

fn item(store: &Store, session: &Session, lease: &str, item: &str) -> LeaseItem {
    store
        .read(session)
        .lease_items()
        .expect("rubriques")
        .into_iter()
        .find(|i| i.lease == lease && i.item == item)
        .expect("rubrique de la démonstration")
}

/// Met une rubrique de location à `amount` (initial = révisé, jamais révisée), et son
/// indicateur « à augmenter ».
fn set_item(
    store: &mut Store,
    session: &Session,
    lease: &str,
    item_ref: &str,
    amount: &str,
    to_increase: bool,
) {
    let found = item(store, session, lease, item_ref);
    let changed = LeaseItem {
        initial_amount: eur(amount),
        revised_amount: eur(amount),
        revision_date: None,
        to_increase,
        ..found.clone()
    };
    store
        .write(session, "rubrique de test", |repo| {
            repo.update_lease_item(item_ref, found.start_date, &changed)
        })
        .expect("rubrique modifiée");
}

fn terms_of(store: &Store, session: &Session, owner: &RevisionOwner) -> RevisionTerms {
    store
        .read(session)
        .revision_terms()
        .expect("conditions")
        .into_iter()
        .find(|t| &t.owner == owner)
        .expect("conditions enregistrées")
}

fn request(date: NaiveDate, units: &[&str]) -> RevisionRequest {
    RevisionRequest {
        date,
        units: units.iter().map(|u| u.to_string()).collect(),
        last_known: false,
    }
}

fn revise(store: &mut Store, session: &Session, req: &RevisionRequest) -> RevisionPlan {
    revision::run(store, session, req, false).expect("révision")
}

fn skipped(plan: &RevisionPlan, owner: &RevisionOwner) -> String {
    match &plan.line(owner).expect("ligne du compte rendu").outcome {
        Outcome::Skipped(reason) => reason.clone(),
        other => panic!("{owner:?} devait être écarté : {other:?}"),
    }
}

/// BAIL001 à 620,00 de loyer et 45,00 de provision (cochée « à augmenter » ou non).
fn bail001(provision_increased: bool) -> (Store, Session) {
    let (mut store, session) = demo_without_vouchers();
    set_item(&mut store, &session, "BAIL001", "Loyer", "620,00", false);
    set_item(
        &mut store,
        &session,
        "BAIL001",
        "Provision pour charges",
        "45,00",
        provision_increased,
    );
    (store, session)
}

/// Le bail de l'issue : loyer 620,00, IRL T3 2023 = 141,03, provision 45,00 « à
/// augmenter » ; le lot IMM01-01 a un loyer de référence de 380,00.
fn issue_case() -> (Store, Session) {
    let (mut store, session) = bail001(true);
    irl_2023(&mut store, &session, lease("BAIL001"));
    irl_2023(&mut store, &session, unit("IMM01-01"));
    (store, session)
}

#[test]
fn irl_revision_matches_the_issue_and_the_next_notice_bills_the_new_rent() {
    let (mut store, session) = issue_case();
    let date = ymd(2024, 10, 1);
    let plan = revise(&mut store, &session, &request(date, &["IMM01-01"]));
    assert_eq!(plan.revised(), 2, "le lot et sa location");
    let Outcome::Revised { pair, changes } = &plan.line(&lease("BAIL001")).expect("ligne").outcome
    else {
        panic!("BAIL001 révisé");
    };
    assert_eq!(
        (pair.from, pair.from_value),
        (quarter(2023, 3), eur("141,03"))
    );
    assert_eq!((pair.to, pair.to_value), (quarter(2024, 3), eur("144,51")));
    let amounts: Vec<(&str, Money, Money)> = changes
        .iter()
        .map(|c| (c.item.as_str(), c.old, c.new))
        .collect();
    assert_eq!(
        amounts,
        vec![
            ("Loyer", eur("620,00"), eur("635,30")),
            ("Provision pour charges", eur("45,00"), eur("46,11")),
        ]
    );
    // Enregistré : montants révisés à partir du 01/10/2024, nouvelle référence.
    let rent = item(&store, &session, "BAIL001", "Loyer");
    assert_eq!(
        (rent.revised_amount, rent.revision_date),
        (eur("635,30"), Some(date))
    );
    assert_eq!(
        rent.amount_at(ymd(2024, 9, 1)),
        eur("620,00"),
        "pas de rappel"
    );
    let terms = terms_of(&store, &session, &lease("BAIL001"));
    assert_eq!(
        (terms.reference, terms.reference_value, terms.last_revision),
        (Some(quarter(2024, 3)), eur("144,51"), Some(date))
    );
    let lot = store
        .read(&session)
        .units()
        .expect("lots")
        .into_iter()
        .find(|u| u.reference == "IMM01-01")
        .expect("lot");
    assert_eq!(lot.reference_rent, eur("389,38"));
    // L'avis d'octobre 2024 facture 635,30 de loyer et 46,11 de provision.
    notices::run(
        &mut store,
        &session,
        &NoticeOptions {
            period: date,
            value_date: ymd(2024, 9, 25),
            leases: Some(vec!["BAIL001".into()]),
            run_message: String::new(),
        },
        false,
    )
    .expect("avis d'octobre");
    let docs = store
        .read(&session)
        .documents(&DocumentFilter {
            lease: Some("BAIL001".into()),
            ..DocumentFilter::default()
        })
        .expect("documents");
    let line = |item: &str| {
        docs[0]
            .lines
            .iter()
            .find(|l| l.item_ref == item)
            .map(|l| l.amount())
    };
    assert_eq!(docs.len(), 1);
    assert_eq!(line("Loyer"), Some(eur("635,30")));
    assert_eq!(line("Provision pour charges"), Some(eur("46,11")));
}

#[test]
fn a_second_run_at_the_same_date_revises_nothing() {
    let (mut store, session) = issue_case();
    let req = request(ymd(2024, 10, 1), &["IMM01-01"]);
    revise(&mut store, &session, &req);
    let again = revise(&mut store, &session, &req);
    assert_eq!(again.revised(), 0);
    assert_eq!(
        skipped(&again, &lease("BAIL001")),
        "déjà révisée le 01/10/2024"
    );
    assert_eq!(
        item(&store, &session, "BAIL001", "Loyer").revised_amount,
        eur("635,30"),
        "pas révisé deux fois"
    );
}

#[test]
fn the_dry_run_writes_nothing() {
    let (mut store, session) = issue_case();
    let req = request(ymd(2024, 10, 1), &["IMM01-01"]);
    let dry = revision::run(&mut store, &session, &req, true).expect("simulation");
    assert_eq!(dry.revised(), 2);
    assert_eq!(
        item(&store, &session, "BAIL001", "Loyer").revised_amount,
        eur("620,00")
    );
    let terms = terms_of(&store, &session, &lease("BAIL001"));
    assert_eq!(terms.reference, Some(quarter(2023, 3)));
    // La vraie révision fait ensuite ce que la simulation annonçait.
    assert_eq!(revise(&mut store, &session, &req).lines, dry.lines);
}

#[test]
fn icc_revision_divides_the_two_four_quarter_averages() {
    let (mut store, session) = demo_without_vouchers();
    let icc = "serie;annee;trimestre;valeur;publication\n\
               ICC4;2022;1;1886;\nICC4;2022;2;1908;\nICC4;2022;3;1930;\nICC4;2022;4;1949;\n\
               ICC4;2023;1;2000;\nICC4;2023;2;2030;\nICC4;2023;3;2050;\nICC4;2023;4;2074;\n";
    import_indices(&mut store, &session, icc.as_bytes()).expect("indices ICC");
    set_item(&mut store, &session, "BAIL002", "Loyer", "480,00", false);
    set_item(
        &mut store,
        &session,
        "BAIL002",
        "Provision pour charges",
        "60,00",
        false,
    );
    set_terms(
        &mut store,
        &session,
        lease("BAIL002"),
        (
            IndexSeries::Icc4,
            quarter(2022, 4),
            "1918,25",
            ymd(2023, 10, 1),
        ),
        |_| {},
    );
    let plan = revise(
        &mut store,
        &session,
        &request(ymd(2024, 10, 1), &["IMM01-02"]),
    );
    let Outcome::Revised { pair, changes } = &plan.line(&lease("BAIL002")).expect("ligne").outcome
    else {
        panic!("BAIL002 révisé");
    };
    assert_eq!((pair.to, pair.to_value), (quarter(2023, 4), eur("2038,50")));
    assert_eq!(
        changes.len(),
        1,
        "provision non cochée « à augmenter » : pas révisée"
    );
    assert_eq!(
        (changes[0].old, changes[0].new),
        (eur("480,00"), eur("510,09"))
    );
    let terms = terms_of(&store, &session, &lease("BAIL002"));
    assert_eq!(terms.reference_value, eur("2038,50"), "moyenne calculée");
    // Un trimestre employé ne change plus ; un trimestre non employé se corrige.
    let change = "serie;annee;trimestre;valeur\nICC4;2023;4;2075\n";
    let err = import_indices(&mut store, &session, change.as_bytes()).expect_err("refus");
    assert!(err.to_string().contains("ligne 2"), "{err}");
    assert!(
        err.to_string().contains("déjà servi à une révision"),
        "{err}"
    );
}

#[test]
fn locked_ended_late_started_and_noticed_leases_are_skipped_with_their_reason() {
    let (mut store, session) = demo_without_vouchers();
    for reference in ["BAIL003", "BAIL015", "BAIL004", "BAIL011"] {
        irl_2023(&mut store, &session, lease(reference));
    }
    store
        .write(&session, "verrou", |repo| {
            let mut found = repo
                .leases()?
                .into_iter()
                .find(|l| l.reference == "BAIL003")
                .expect("BAIL003");
            found.locked = true;
            repo.update_lease("BAIL003", &found)
        })
        .expect("location verrouillée");
    // Un avis de BAIL011 existe pour octobre 2024.
    notices::run(
        &mut store,
        &session,
        &NoticeOptions {
            period: ymd(2024, 10, 1),
            value_date: ymd(2024, 9, 25),
            leases: Some(vec!["BAIL011".into()]),
            run_message: String::new(),
        },
        false,
    )
    .expect("avis d'octobre");
    let plan = revise(
        &mut store,
        &session,
        &request(
            ymd(2024, 10, 1),
            &["IMM01-03", "IMM02-05", "IMM01-04", "IMM02-01"],
        ),
    );
    assert_eq!(plan.revised(), 0);
    assert_eq!(skipped(&plan, &lease("BAIL003")), "location verrouillée");
    assert_eq!(
        skipped(&plan, &lease("BAIL015")),
        "location terminée (sortie le 15/04/2026)"
    );
    assert_eq!(
        skipped(&plan, &lease("BAIL004")),
        "location commencée le 10/03/2026, pas avant la date de révision"
    );
    let noticed = skipped(&plan, &lease("BAIL011"));
    assert!(
        noticed.contains("déjà généré pour la période du 01/10/2024 au 31/10/2024"),
        "{noticed}"
    );
}

#[test]
fn a_dpe_g_unit_keeps_its_rent() {
    let (mut store, session) = issue_case();
    set_terms(
        &mut store,
        &session,
        unit("IMM01-01"),
        (
            IndexSeries::Irl,
            quarter(2023, 3),
            "141,03",
            ymd(2023, 10, 1),
        ),
        |t| t.dpe_class = "G".into(),
    );
    let plan = revise(
        &mut store,
        &session,
        &request(ymd(2024, 10, 1), &["IMM01-01"]),
    );
    assert_eq!(plan.revised(), 0);
    assert_eq!(
        skipped(&plan, &lease("BAIL001")),
        "logement classé G : loyer gelé"
    );
    assert_eq!(
        skipped(&plan, &unit("IMM01-01")),
        "logement classé G : loyer gelé"
    );
    assert_eq!(
        item(&store, &session, "BAIL001", "Loyer").revised_amount,
        eur("620,00")
    );
}

/// BAIL001 au loyer de 620,00 seul (provision non révisée), référence IRL donnée.
fn rent_only(reference: Quarter, value: &str, last_revision: NaiveDate) -> (Store, Session) {
    let (mut store, session) = bail001(false);
    set_terms(
        &mut store,
        &session,
        lease("BAIL001"),
        (IndexSeries::Irl, reference, value, last_revision),
        |_| {},
    );
    (store, session)
}

#[test]
fn a_revision_more_than_a_year_late_loses_the_unclaimed_year_and_is_not_backdated() {
    // Référence T3 2022 (136,27), révision due le 01/10/2023, demandée le 15/11/2024 :
    // l'année 2023 est perdue, la révision va de T3 2023 à T3 2024.
    let (mut store, session) = rent_only(quarter(2022, 3), "136,27", ymd(2022, 10, 1));
    let date = ymd(2024, 11, 15);
    let plan = revise(&mut store, &session, &request(date, &["IMM01-01"]));
    let line = plan.line(&lease("BAIL001")).expect("ligne");
    let Outcome::Revised { pair, changes } = &line.outcome else {
        panic!("BAIL001 révisé");
    };
    assert_eq!(
        (pair.from, pair.from_value),
        (quarter(2023, 3), eur("141,03"))
    );
    assert_eq!(changes[0].new, eur("635,30"));
    assert!(line.notes[0].contains("plus d'un an"), "{:?}", line.notes);
    assert!(
        line.notes[0].contains("à partir du 15/11/2024"),
        "{:?}",
        line.notes
    );
    let rent = item(&store, &session, "BAIL001", "Loyer");
    assert_eq!(rent.revision_date, Some(date), "jamais antidatée");
}

#[test]
fn a_missing_index_stops_the_run_unless_the_last_known_one_is_asked_for() {
    let (mut store, session) = rent_only(quarter(2024, 4), "144,64", ymd(2025, 1, 1));
    let mut req = request(ymd(2026, 1, 1), &["IMM01-01"]);
    let err = revision::run(&mut store, &session, &req, false).expect_err("indice absent");
    assert!(matches!(err, RevisionError::MissingIndex { .. }));
    assert!(
        err.to_string()
            .starts_with("indice IRL du 4e trimestre 2025 (2025T4) absent du catalogue"),
        "{err}"
    );
    assert_eq!(
        item(&store, &session, "BAIL001", "Loyer").revised_amount,
        eur("620,00"),
        "rien n'est écrit"
    );
    req.last_known = true;
    let plan = revise(&mut store, &session, &req);
    let line = plan.line(&lease("BAIL001")).expect("ligne");
    let Outcome::Revised { pair, changes } = &line.outcome else {
        panic!("BAIL001 révisé");
    };
    assert_eq!((pair.to, pair.to_value), (quarter(2025, 3), eur("145,77")));
    assert_eq!(changes[0].new, eur("624,84"));
    assert_eq!(
        line.notes,
        vec![
            "indice IRL 2025T4 absent : dernier indice connu employé, 2025T3 = 145,77".to_string()
        ]
    );
}

#[test]
fn an_unknown_unit_is_refused() {
    let (mut store, session) = demo_without_vouchers();
    let err = revision::run(
        &mut store,
        &session,
        &request(ymd(2024, 10, 1), &["NULLE"]),
        true,
    )
    .expect_err("lot inconnu");
    assert_eq!(
        err.to_string(),
        "lot « NULLE » inconnu : rien n'a été révisé"
    );
}

/// Quelques valeurs de l'IRL livré, relues sur les publications de l'INSEE (voir
/// assets/catalogues/README.md), avec leur date de publication.
#[test]
fn the_shipped_irl_values_are_those_published_by_insee() {
    let (store, session) = demo_without_vouchers();
    let indices = store.read(&session).indices().expect("indices");
    let expected = [
        (2019, 1, "129,38", None),
        (2020, 4, "130,52", Some(ymd(2021, 1, 15))),
        (2022, 1, "133,93", Some(ymd(2022, 4, 15))),
        (2022, 3, "136,27", Some(ymd(2022, 10, 14))),
        (2023, 3, "141,03", Some(ymd(2023, 10, 13))),
        (2024, 3, "144,51", Some(ymd(2024, 10, 15))),
        (2025, 3, "145,77", Some(ymd(2025, 10, 15))),
    ];
    for (year, q, value, published) in expected {
        let found = indices
            .iter()
            .find(|i| i.series == "IRL" && i.year == year && i.quarter == q)
            .unwrap_or_else(|| panic!("IRL {year}T{q} absent"));
        assert_eq!(
            (found.value, found.published),
            (eur(value), published),
            "{year}T{q}"
        );
    }
    let irl = indices.iter().filter(|i| i.series == "IRL").count();
    assert_eq!(irl, 27, "2019 T1 à 2025 T3");
}

/// Un fichier d'indices fautif est refusé en entier, la ligne nommée.
#[test]
fn a_bad_index_file_is_refused_naming_the_line_and_writes_nothing() {
    let (mut store, session) = demo_without_vouchers();
    let before = store.read(&session).indices().expect("indices").len();
    let header = "serie;annee;trimestre;valeur;publication\n";
    let good = "IRL;2025;4;146,00;\n";
    let cases = [
        (
            format!("{header}{good}IRL;2025;4;146,10;\n"),
            "ligne 3, colonne « trimestre » : IRL 2025T4 figure déjà à la ligne 2",
        ),
        (
            format!("{header}{good}IRL;2026;1;14610;\n"),
            "ligne 3, colonne « valeur »",
        ),
        (
            format!("{header}{good}IRL;2026;1;146.10;\n"),
            "ligne 3, colonne « valeur »",
        ),
        (
            format!("{header}{good}IRL;2026;5;146,10;\n"),
            "ligne 3, colonne « trimestre »",
        ),
        (
            format!("{header}{good}IRL;2026;1;-146,10;\n"),
            "ligne 3, colonne « valeur »",
        ),
    ];
    for (text, expected) in cases {
        let err = import_indices(&mut store, &session, text.as_bytes()).expect_err("refus");
        assert!(err.to_string().contains(expected), "{err}");
        assert_eq!(
            store.read(&session).indices().expect("indices").len(),
            before,
            "rien n'est écrit : {text}"
        );
    }
    let done = import_indices(&mut store, &session, format!("{header}{good}").as_bytes())
        .expect("fichier correct");
    assert_eq!(done.added, 1);
}

/// La ligne de commande de bout en bout : conditions, simulation en CSV, révision, liste
/// des indices, indice absent.
#[test]
fn the_command_line_revises_and_reports() {
    use std::process::Command;
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let db = dir.path().join("rev.sqlite");
    let abri = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_abri"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("lancement de abri");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    assert!(abri(&["demo", "--sans-historique"]).0);
    let set = abri(&[
        "revision",
        "conditions",
        "--location",
        "BAIL001",
        "--trimestre",
        "2023T3",
        "--valeur",
        "141,03",
        "--derniere-revision",
        "01/10/2023",
    ]);
    assert!(set.0, "{}", set.2);
    let args = [
        "revision",
        "loyers",
        "--date",
        "01/10/2024",
        "--lot",
        "IMM01-01",
    ];
    let (ok, csv, err) = abri(&[&args[..], &["--simulation", "--csv"]].concat());
    assert!(ok, "{err}");
    // Loyer de la démonstration : 380,00 × 144,51 / 141,03 = 389,3767… → 389,38.
    assert!(
        csv.contains("IMM01-01;BAIL001;Loyer;380,00;IRL 2023T3 = 141,03;IRL 2024T3 = 144,51;389,38;01/10/2024;"),
        "{csv}"
    );
    let (ok, table, err) = abri(&args);
    assert!(ok, "{err}");
    assert!(
        table.contains("1 lot(s) ou location(s) révisé(e)s."),
        "{table}"
    );
    let (_, again, _) = abri(&args);
    assert!(again.contains("déjà révisée le 01/10/2024"), "{again}");
    let (ok, list, _) = abri(&["liste", "indices", "--csv"]);
    assert!(
        ok && list.contains("IRL;2023;3;141,03;13/10/2023"),
        "{list}"
    );
    let (ok, _, err) = abri(&[
        "revision",
        "loyers",
        "--date",
        "01/10/2026",
        "--lot",
        "IMM01-01",
    ]);
    assert!(!ok);
    // Révision due le 01/10/2025 demandée le 01/10/2026 : l'année 2025 est perdue, la
    // révision va de T3 2025 à T3 2026, pas encore au catalogue.
    assert!(
        err.contains("indice IRL du 3e trimestre 2026 (2026T3) absent"),
        "{err}"
    );
}

/// Le dernier indice connu n'est pas plus récent que la référence : rien à réviser.
#[test]
fn the_last_known_index_must_be_newer_than_the_reference() {
    let (mut store, session) = rent_only(quarter(2025, 3), "145,77", ymd(2025, 10, 1));
    let mut req = request(ymd(2026, 10, 1), &["IMM01-01"]);
    req.last_known = true;
    let plan = revise(&mut store, &session, &req);
    assert_eq!(plan.revised(), 0);
    assert_eq!(
        skipped(&plan, &lease("BAIL001")),
        "aucun indice IRL postérieur à 2025T3 au catalogue"
    );
}
