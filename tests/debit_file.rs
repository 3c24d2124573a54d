//! Prélèvements bancaires (S15), étape 2 : le fichier pain.008 fait de la liste des
//! prélèvements, enregistré avec ses prélèvements. Chiffres de la démonstration calculés
//! à la main depuis fixtures/demo (rubriques-location.csv), décembre 2026, sans forfait :
//! le montant de l'avis de décembre de chaque locataire prélevé, écrêté au solde du
//! 31/12 —
//! LOC002 (BAIL002) 470,00 + 60,00 − 180,00 d'APL = 350,00, écrêté au solde 530,00 −
//! 198,00 de l'APL du fichier CAF de décembre (fixtures/caf/apl-paiement-2026-12.txt, que
//! la démonstration traite) = 332,00 ; LOC006 (BAIL006) 380,00 + 45,00 − 180,00 = 245,00,
//! écrêté au solde 425,00 − 187,00 d'AL (fixtures/caf/al-paiement-2026-12.txt) = 238,00 ;
//! LOC013 (BAIL013) 560,00 + 75,00 = 635,00 (le « Divers » de
//! trois mois a fini en mars) ; LOC018 (BAIL019) 470,00 + 60,00 = 530,00 ; LOC023, qui a
//! payé d'avance les 730,00 de BAIL024 (690,00 + 40,00), ne doit que la cave BAIL028 :
//! 15,00. Total 332,00 + 238,00 + 635,00 + 530,00 + 15,00 = 1 750,00.

use std::path::Path;
use std::process::Command;

use abri::formats::sepa::{PainVersion, SequenceType};
use abri::store::{Session, Store};
use abri::treatments::debit_file::{
    apply_file, file_report, load_file, plan_file, DebitFileError, FileOptions, FilePlan,
};
use abri::treatments::demo::create_demo;
use abri::treatments::direct_debit::{load, plan, DebitOptions};
use chrono::{NaiveDate, NaiveDateTime};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test valide")
}

/// « Maintenant » des tests : le 20/11/2026 à 10 h.
fn now() -> NaiveDateTime {
    ymd(2026, 11, 20).and_hms_opt(10, 0, 0).expect("heure")
}

fn month(y: i32, m: u32) -> DebitOptions {
    let from = ymd(y, m, 1);
    let to = from
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .expect("fin du mois");
    DebitOptions { from, to }
}

fn options(collection_date: NaiveDate, now: NaiveDateTime) -> FileOptions {
    FileOptions {
        collection_date,
        version: PainVersion::V08,
        now,
    }
}

fn demo() -> (Store, Session) {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo(&mut store, "test").expect("démonstration");
    (store, session)
}

/// Le plan du fichier de la période, tel que la commande le fait.
fn file_plan(
    store: &Store,
    session: &Session,
    window: &DebitOptions,
    options: &FileOptions,
) -> Result<FilePlan, DebitFileError> {
    let repo = store.read(session);
    let list = plan(&load(&repo, window).expect("lecture"), window);
    let landlord = store.landlord(session).expect("bailleur");
    let snapshot = load_file(&repo, landlord, &list, options.now).expect("fichiers enregistrés");
    plan_file(&list, &snapshot, options)
}

/// Écrit et enregistre le fichier du plan dans une transaction.
fn apply(store: &mut Store, session: &Session, plan: &FilePlan, path: &Path) -> Option<i64> {
    store
        .write(session, "fichier de prélèvements", |repo| {
            apply_file(repo, plan, path)
        })
        .expect("fichier écrit et enregistré")
}

/// Lignes des fichiers de prélèvements et état du grand livre (pièces, écritures,
/// événements).
fn counts(store: &Store, session: &Session) -> [i64; 5] {
    let repo = store.read(session);
    [
        "debit_file",
        "debit_file_line",
        "voucher",
        "entry",
        "ledger_event",
    ]
    .map(|t| repo.count(t).expect("compte"))
}

/// Valide avec `xmllint --noout --schema` ; échoue si xmllint manque.
fn assert_valid(file: &Path, version: PainVersion) {
    let xsd = match version {
        PainVersion::V08 => "pain.008.001.08.xsd",
        PainVersion::V02 => "pain.008.001.02.xsd",
    };
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/xsd")
        .join(xsd);
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint introuvable ({e}) : installez le paquet Debian libxml2-utils")
        });
    assert!(
        output.status.success(),
        "le fichier n'est pas valide selon {xsd} :\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Décembre 2026 : cinq prélèvements, 1 750,00, tous FRST ; le fichier est valide ; le
/// relancer n'écrit rien et nomme les cinq ; janvier 2027 est RCUR ; rien au grand livre.
#[test]
fn the_demo_december_file_then_a_second_run_then_january() {
    let (mut store, session) = demo();
    let dir = tempfile::tempdir().expect("dossier");
    let before = counts(&store, &session);
    let december = month(2026, 12);
    let first = file_plan(
        &store,
        &session,
        &december,
        &options(ymd(2026, 12, 5), now()),
    )
    .expect("plan de décembre");
    assert_eq!(first.debits.len(), 5, "{}", file_report(&first));
    assert_eq!(first.total(), abri::model::money::from_cents(175_000));
    assert!(first
        .debits
        .iter()
        .all(|d| d.sequence == SequenceType::First));
    assert!(first.already.is_empty());
    assert_eq!(first.msg_id, "DEMO-20261120100000");
    let loc = first
        .debits
        .iter()
        .find(|d| d.debit.tenant == "LOC002")
        .expect("LOC002 prélevé");
    assert_eq!(loc.end_to_end_id, "LOC002-20261205");
    assert_eq!(loc.remittance, "Loyer 12/2026 LOC002");

    let path = dir.path().join("prelevements-decembre.xml");
    assert!(apply(&mut store, &session, &first, &path).is_some());
    assert_valid(&path, PainVersion::V08);
    let xml = std::fs::read_to_string(&path).expect("fichier écrit");
    assert!(xml.contains("<NbOfTxs>5</NbOfTxs>"), "{xml}");
    assert!(xml.contains("<CtrlSum>1750.00</CtrlSum>"), "{xml}");
    assert_eq!(xml.matches("<SeqTp>FRST</SeqTp>").count(), 1, "un seul lot");
    assert!(!xml.contains("RCUR"));
    assert!(xml.contains("<EndToEndId>LOC002-20261205</EndToEndId>"));
    assert!(xml.contains("<Ustrd>Loyer 12/2026 LOC002</Ustrd>"));
    // L'adresse du débiteur : celle de l'immeuble IMM01 du lot de BAIL002
    // (fixtures/demo/immeubles.csv), LOC002 n'ayant pas d'adresse de correspondance.
    assert!(
        xml.contains("<StrtNm>12 rue des Lilas</StrtNm>")
            && xml.contains("<PstCd>75020</PstCd>")
            && xml.contains("<TwnNm>Paris</TwnNm>")
            && xml.contains("<Ctry>FR</Ctry>"),
        "{xml}"
    );
    let after = counts(&store, &session);
    assert_eq!(after[..2], [1, 5], "un fichier, cinq prélèvements");
    assert_eq!(
        after[2..],
        before[2..],
        "le fichier ne passe aucune écriture"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dossier")
        .map(|e| e.expect("entrée").file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "pas de fichier temporaire : {leftovers:?}"
    );

    // Même période : rien de nouveau, les cinq sont nommés.
    let again = file_plan(
        &store,
        &session,
        &december,
        &options(ymd(2026, 12, 7), now()),
    )
    .expect("plan relancé");
    assert!(again.debits.is_empty());
    assert!(again.file.is_none());
    assert_eq!(again.already.len(), 5);
    let report = file_report(&again);
    assert!(
        report.contains("Déjà dans un fichier, non repris : 5 prélèvement(s)"),
        "{report}"
    );
    assert!(report.contains("DEMO-20261120100000"), "{report}");
    let second = dir.path().join("encore.xml");
    assert_eq!(apply(&mut store, &session, &again, &second), None);
    assert!(!second.exists());
    assert_eq!(counts(&store, &session)[..2], [1, 5]);

    // Le mois suivant (fichier fait le 20/12) : les mandats ont servi, RCUR.
    let later = ymd(2026, 12, 20).and_hms_opt(9, 30, 0).expect("heure");
    let january = file_plan(
        &store,
        &session,
        &month(2027, 1),
        &options(ymd(2027, 1, 5), later),
    )
    .expect("plan de janvier");
    assert!(!january.debits.is_empty(), "{}", file_report(&january));
    assert!(january
        .debits
        .iter()
        .all(|d| d.sequence == SequenceType::Recurring));
    let path = dir.path().join("prelevements-janvier.xml");
    assert!(apply(&mut store, &session, &january, &path).is_some());
    assert_valid(&path, PainVersion::V08);
    let xml = std::fs::read_to_string(&path).expect("fichier écrit");
    assert!(xml.contains("<SeqTp>RCUR</SeqTp>") && !xml.contains("FRST"));
    assert_eq!(counts(&store, &session)[2..], before[2..]);
}

/// La version 02 passe son propre schéma.
#[test]
fn the_version_02_file_passes_its_schema() {
    let (mut store, session) = demo();
    let dir = tempfile::tempdir().expect("dossier");
    let options = FileOptions {
        version: PainVersion::V02,
        ..options(ymd(2026, 12, 5), now())
    };
    let plan = file_plan(&store, &session, &month(2026, 12), &options).expect("plan");
    let path = dir.path().join("v02.xml");
    assert!(apply(&mut store, &session, &plan, &path).is_some());
    assert_valid(&path, PainVersion::V02);
}

/// Une date de prélèvement passée est refusée, et rien n'est écrit.
#[test]
fn a_collection_date_in_the_past_is_refused() {
    let (store, session) = demo();
    let err = file_plan(
        &store,
        &session,
        &month(2026, 12),
        &options(ymd(2026, 11, 19), now()),
    )
    .expect_err("date passée");
    assert_eq!(
        err.to_string(),
        "La date de prélèvement 19/11/2026 est passée (nous sommes le 20/11/2026) : choisissez une date à venir"
    );
    assert_eq!(counts(&store, &session)[..2], [0, 0]);
}

/// Un créancier sans ICS ou à l'IBAN faux est refusé, avec ce qu'il faut renseigner.
#[test]
fn the_creditor_must_have_its_bank_details() {
    let (store, session) = demo();
    let december = month(2026, 12);
    let repo = store.read(&session);
    let list = plan(&load(&repo, &december).expect("lecture"), &december);
    let mut landlord = store.landlord(&session).expect("bailleur");
    landlord.creditor_id.clear();
    let snapshot = load_file(&repo, landlord.clone(), &list, now()).expect("instantané");
    let err = plan_file(&list, &snapshot, &options(ymd(2026, 12, 5), now())).expect_err("ICS");
    assert_eq!(
        err.to_string(),
        "Fiche du bailleur : renseignez l'identifiant créancier SEPA (ICS) : le fichier de prélèvements en a besoin"
    );
    landlord = store.landlord(&session).expect("bailleur");
    landlord.iban = "FR7630004008210001234567840".into();
    let snapshot = load_file(&repo, landlord, &list, now()).expect("instantané");
    let err = plan_file(&list, &snapshot, &options(ymd(2026, 12, 5), now())).expect_err("IBAN");
    assert!(
        err.to_string()
            .starts_with("Fiche du bailleur : l'IBAN du compte du bailleur invalide"),
        "{err}"
    );
}

/// Si le fichier ne peut pas être écrit, l'enregistrement est annulé.
#[test]
fn a_failed_write_records_nothing() {
    let (mut store, session) = demo();
    let dir = tempfile::tempdir().expect("dossier");
    let plan = file_plan(
        &store,
        &session,
        &month(2026, 12),
        &options(ymd(2026, 12, 5), now()),
    )
    .expect("plan");
    let path = dir.path().join("absent").join("prelevements.xml");
    let err = store
        .write(&session, "fichier de prélèvements", |repo| {
            apply_file(repo, &plan, &path)
        })
        .expect_err("dossier absent");
    assert!(matches!(err, DebitFileError::Io { .. }), "{err}");
    assert!(!path.exists());
    assert_eq!(counts(&store, &session)[..2], [0, 0]);
}

/// La commande : fichier écrit et valide, puis relancée rien de nouveau ; date passée
/// refusée ; simulation sans rien écrire.
#[test]
fn the_command_writes_the_file_once() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_abri"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("abri lancé")
    };
    assert!(run(&["demo"]).status.success());
    let soon = (chrono::Local::now().date_naive() + chrono::Days::new(10))
        .format("%d/%m/%Y")
        .to_string();
    let out_file = dir.path().join("prelevements.xml");
    let out = out_file.to_str().expect("chemin");
    let args = |date: &str, extra: &[&'static str]| {
        let mut v = vec![
            "prelevement".to_string(),
            "fichier".into(),
            "--du".into(),
            "01/12/2026".into(),
            "--au".into(),
            "31/12/2026".into(),
            "--date-prelevement".into(),
            date.to_string(),
            "-o".into(),
            out.to_string(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let call = |v: Vec<String>| run(&v.iter().map(String::as_str).collect::<Vec<_>>());

    let past = call(args("01/01/2020", &[]));
    assert!(!past.status.success());
    assert!(
        String::from_utf8_lossy(&past.stderr)
            .contains("La date de prélèvement 01/01/2020 est passée"),
        "{}",
        String::from_utf8_lossy(&past.stderr)
    );
    assert!(!out_file.exists());

    let simulated = call(args(&soon, &["--simulation"]));
    assert!(simulated.status.success());
    let text = String::from_utf8_lossy(&simulated.stdout);
    assert!(
        text.contains(&format!(
            "Total : 5 prélèvement(s), {} €",
            abri::model::money::format_money(abri::model::money::from_cents(175_000))
        )),
        "{text}"
    );
    assert!(text.contains("Simulation : aucun fichier écrit"), "{text}");
    assert!(!out_file.exists());

    let written = call(args(&soon, &[]));
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    assert_valid(&out_file, PainVersion::V08);

    std::fs::remove_file(&out_file).expect("effacé");
    let again = call(args(&soon, &[]));
    assert!(again.status.success());
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("Aucun prélèvement nouveau"), "{text}");
    assert!(
        text.contains("Déjà dans un fichier, non repris : 5"),
        "{text}"
    );
    assert!(!out_file.exists());
}

/// Deux fichiers faits dans la même seconde : le second prend l'identifiant suivi de
/// « -2 » au lieu d'être refusé.
#[test]
fn two_files_in_the_same_second_get_distinct_identifiers() {
    let (mut store, session) = demo();
    let dir = tempfile::tempdir().expect("dossier");
    let first = file_plan(
        &store,
        &session,
        &month(2026, 12),
        &options(ymd(2026, 12, 5), now()),
    )
    .expect("décembre");
    assert_eq!(first.msg_id, "DEMO-20261120100000");
    assert!(apply(&mut store, &session, &first, &dir.path().join("a.xml")).is_some());
    let second = file_plan(
        &store,
        &session,
        &month(2027, 1),
        &options(ymd(2027, 1, 5), now()),
    )
    .expect("janvier");
    assert_eq!(second.msg_id, "DEMO-20261120100000-2");
    assert!(apply(&mut store, &session, &second, &dir.path().join("b.xml")).is_some());
    assert_eq!(counts(&store, &session)[0], 2, "deux fichiers enregistrés");
}
