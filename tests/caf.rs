//! Fichiers CAF (S13) : lecture et écriture des fichiers d'échange, ventilation des
//! paiements et régularisations, révision annuelle, synthèse. Les chiffres attendus
//! sont ceux de `fixtures/caf/README.md`, calculés à la main.

mod common;

use abri::formats::caf::{self, CafError, Details, Encoding, Nature, Operation};
use abri::model::money::parse_money;
use abri::model::Money;
use common::ymd;

const APL: &[u8] = include_bytes!("../fixtures/caf/apl-paiement-2026-12.txt");
const AL: &[u8] = include_bytes!("../fixtures/caf/al-paiement-2026-12.txt");
const REGUL: &[u8] = include_bytes!("../fixtures/caf/apl-regularisation-2026-12.txt");
const REVISION: &[u8] = include_bytes!("../fixtures/caf/al-revision-2027.txt");
const REVISION_RETURN: &[u8] = include_bytes!("../fixtures/caf/al-revision-2027-retour.txt");

fn money(text: &str) -> Money {
    parse_money(text).expect("montant de test")
}

fn read(bytes: &[u8]) -> caf::CafFile {
    caf::read(bytes).expect("fichier CAF lisible")
}

fn refusal(bytes: &[u8]) -> String {
    caf::read(bytes).expect_err("fichier refusé").to_string()
}

/// Les lignes d'un fichier d'exemple (sans fin de ligne), pour en fabriquer de mauvais.
fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_string)
        .collect()
}

fn joined(lines: &[String]) -> Vec<u8> {
    let mut text = lines.join("\n");
    text.push('\n');
    text.into_bytes()
}

// ---------------------------------------------------------------------------------
// Lecture et écriture.
// ---------------------------------------------------------------------------------

#[test]
fn apl_payment_file_reads_header_details_and_latin1_accents() {
    let file = read(APL);
    assert_eq!(file.encoding, Encoding::Latin1);
    assert!(file.crlf);
    assert_eq!(file.header.landlord_code, "P7512");
    assert_eq!(file.header.payer, "751");
    assert_eq!(file.header.file_date, ymd(2026, 12, 10));
    assert_eq!(file.header.nature, Nature::Apl);
    assert_eq!(file.header.operation, Operation::Payment);
    let Details::Payments(details) = &file.details else {
        panic!("détails de paiement attendus");
    };
    let amounts: Vec<Money> = details.iter().map(|d| d.amount).collect();
    assert_eq!(
        amounts,
        vec![
            money("312,45"),
            money("198,00"),
            money("0,55"),
            money("75,10")
        ]
    );
    assert_eq!(details[0].claimant_no, "1234567B");
    assert_eq!(details[0].line, 2);
    assert_eq!(details[2].name, "TRAORÉ Moussa");
    assert_eq!(details[0].period, ymd(2026, 12, 1));
    assert_eq!(details[0].status, "2");
    assert_eq!(file.total(), money("586,10"));
}

#[test]
fn utf8_regularisation_reads_negative_amounts_and_accents() {
    let file = read(REGUL);
    assert_eq!(file.encoding, Encoding::Utf8);
    assert!(!file.crlf);
    assert_eq!(file.header.operation, Operation::Regularisation);
    let Details::Payments(details) = &file.details else {
        panic!("détails de paiement attendus");
    };
    assert_eq!(details[0].name, "TRAORÉ Moussa");
    assert_eq!(details[0].amount, money("-40,00"));
    assert_eq!(details[1].amount, money("12,30"));
    assert_eq!(file.total(), money("-27,70"));
}

#[test]
fn every_sample_is_rewritten_byte_for_byte() {
    for bytes in [APL, AL, REGUL, REVISION, REVISION_RETURN] {
        let file = read(bytes);
        assert_eq!(caf::write(&file).expect("écriture"), bytes);
    }
}

#[test]
fn revision_file_reads_blank_return_fields() {
    let file = read(REVISION);
    assert_eq!(file.header.nature, Nature::Al);
    assert_eq!(file.header.operation, Operation::Revision);
    let Details::Revisions(details) = &file.details else {
        panic!("détails de révision attendus");
    };
    assert_eq!(details.len(), 4);
    assert_eq!(details[2].name, "PETIT Léon");
    assert!(details
        .iter()
        .all(|d| d.code.is_empty() && d.rent == Money::ZERO));
}

#[test]
fn trailing_spaces_removed_by_an_editor_are_accepted() {
    let trimmed: Vec<String> = lines(AL).iter().map(|l| l.trim_end().to_string()).collect();
    assert_eq!(read(&joined(&trimmed)), read(AL));
}

// ---------------------------------------------------------------------------------
// Refus : ligne et champ nommés.
// ---------------------------------------------------------------------------------

#[test]
fn empty_file_is_refused() {
    assert!(matches!(caf::read(b""), Err(CafError::Empty)));
    assert!(matches!(caf::read(b"\r\n  \n"), Err(CafError::Empty)));
    assert!(refusal(b"").contains("vide"));
}

#[test]
fn truncated_record_names_line_and_field() {
    let mut l = lines(AL);
    l[2] = l[2][..45].to_string();
    let message = refusal(&joined(&l));
    assert_eq!(
        message,
        "ligne 3 : enregistrement tronqué (45 caractères) : le champ « montant » (positions 41 à 51) est incomplet"
    );
}

#[test]
fn wrong_record_length_names_the_line() {
    let mut l = lines(AL);
    l[1].push_str("XXXXX");
    let message = refusal(&joined(&l));
    assert_eq!(
        message,
        "ligne 2 : longueur de l'enregistrement 125 caractères au lieu de 120 ; le fichier n'a pas la disposition attendue"
    );
}

#[test]
fn letters_in_an_amount_name_line_and_field() {
    let mut l = lines(AL);
    l[3].replace_range(45..47, "1O");
    let message = refusal(&joined(&l));
    assert!(
        message.starts_with("ligne 4, champ « montant » : « +00001O4000 »"),
        "{message}"
    );
    assert!(message.contains("n'est pas un montant"), "{message}");
}

#[test]
fn trailer_total_mismatch_is_refused() {
    let mut l = lines(AL);
    l[4].replace_range(8..22, "+0000000064231");
    let message = refusal(&joined(&l));
    assert_eq!(
        message,
        "ligne 5, champ « total » : la fin de fichier annonce un total de 642,31, la somme des détails est 642,30 ; le fichier est incomplet ou altéré"
    );
}

#[test]
fn trailer_count_mismatch_is_refused() {
    let mut l = lines(AL);
    l.remove(2);
    let message = refusal(&joined(&l));
    assert!(
        message.starts_with("ligne 4, champ « nombre »"),
        "{message}"
    );
}

#[test]
fn unknown_record_type_names_the_line() {
    let mut l = lines(AL);
    l[2].replace_range(0..2, "42");
    assert_eq!(
        refusal(&joined(&l)),
        "ligne 3 : type d'enregistrement « 42 » inconnu (attendu : 00 en-tête, 10 paiement, 20 révision, 99 fin de fichier)"
    );
}

#[test]
fn missing_trailer_and_bad_header_are_refused() {
    let mut l = lines(AL);
    l.pop();
    assert!(refusal(&joined(&l)).contains("la fin de fichier (type 99) manque"));
    let mut l = lines(AL);
    l[0].replace_range(18..21, "XYZ");
    assert!(refusal(&joined(&l)).starts_with("ligne 1, champ « nature » : « XYZ »"));
    let mut l = lines(AL);
    l[0].replace_range(10..18, "20261332");
    assert!(refusal(&joined(&l)).starts_with("ligne 1, champ « date_fichier »"));
}

// ---------------------------------------------------------------------------------
// Ventilation des paiements et régularisations.
// ---------------------------------------------------------------------------------

use abri::ledger::LedgerLine;
use abri::store::{Session, Store};
use abri::treatments::caf::{
    apply_payments, run_payments, CafSnapshot, CafTreatmentError, CaseKind, PaymentPlan,
    CAF_TEMPLATE,
};

fn demo() -> (Store, Session) {
    common::demo_without_vouchers()
}

fn process(
    store: &mut Store,
    session: &Session,
    bytes: &[u8],
) -> Result<PaymentPlan, CafTreatmentError> {
    run_payments(store, session, bytes, "fichier.txt", false).map(|(plan, _)| plan)
}

/// Les écritures de la seule pièce CAF vivante.
fn caf_lines(store: &Store, session: &Session) -> Vec<LedgerLine> {
    store
        .read(session)
        .ledger_lines(None)
        .expect("écritures")
        .into_iter()
        .filter(|l| l.template.as_deref() == Some(CAF_TEMPLATE))
        .collect()
}

/// (compte, tiers, débit, crédit) de chaque écriture.
fn entries(lines: &[LedgerLine]) -> Vec<(String, String, Money, Money)> {
    lines
        .iter()
        .map(|l| {
            (
                l.account.clone(),
                l.tiers.clone().unwrap_or_default(),
                l.debit,
                l.credit,
            )
        })
        .collect()
}

fn row(account: &str, tiers: &str, debit: &str, credit: &str) -> (String, String, Money, Money) {
    (
        account.to_string(),
        tiers.to_string(),
        money(debit),
        money(credit),
    )
}

fn assert_balanced(lines: &[LedgerLine]) {
    let debit: Money = lines.iter().map(|l| l.debit).sum();
    let credit: Money = lines.iter().map(|l| l.credit).sum();
    assert_eq!(debit, credit, "pièce équilibrée");
}

/// Solde débit − crédit du compte LO d'un tiers.
fn rent_balance(store: &Store, session: &Session, tiers: &str) -> Money {
    store
        .read(session)
        .tiers_lines(tiers, None)
        .expect("écritures du tiers")
        .iter()
        .filter(|l| l.account == "411000000")
        .map(|l| l.debit - l.credit)
        .sum()
}

fn assert_clean(store: &Store) {
    let problems = store.verify().expect("vérification");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn apl_payment_posts_one_balanced_voucher_dated_the_25th() {
    let (mut store, session) = demo();
    let plan = process(&mut store, &session, APL).expect("traitement");
    assert_eq!(plan.payer, "CAF75");
    let lines = caf_lines(&store, &session);
    assert_eq!(
        entries(&lines),
        vec![
            row("411700000", "CAF75", "586,10", "0"),
            row("411000000", "LOC001", "0", "312,45"),
            row("411000000", "LOC002", "0", "198,00"),
            row("411000000", "LOC008", "0", "0,55"),
            row("411000000", "LINCONNU", "0", "75,10"),
        ]
    );
    assert_balanced(&lines);
    assert!(lines.iter().all(|l| l.value_date == ymd(2026, 12, 25)));
    assert!(lines.iter().all(|l| l.journal == "OD"));
    assert_eq!(lines[0].label, "Paiement APL 12/2026 CAF de Paris");
    // Les relevés des locataires montrent les crédits.
    assert_eq!(rent_balance(&store, &session, "LOC001"), money("-312,45"));
    assert_eq!(rent_balance(&store, &session, "LINCONNU"), money("-75,10"));
    assert_clean(&store);
}

#[test]
fn claimant_letter_is_ignored_and_unknown_is_reported() {
    let (mut store, session) = demo();
    let plan = process(&mut store, &session, APL).expect("traitement");
    // 1234567B du fichier : le locataire LOC001 a le numéro 1234567A.
    assert_eq!(plan.details[0].tenant.as_deref(), Some("LOC001"));
    assert_eq!(plan.details[3].tiers, "LINCONNU");
    assert_eq!(plan.details[3].cases, vec![CaseKind::Unknown]);
    assert!(plan.details[..3].iter().all(|d| d.cases.is_empty()));
}

#[test]
fn al_payment_is_dated_the_file_day() {
    let (mut store, session) = demo();
    let plan = process(&mut store, &session, AL).expect("traitement");
    assert_eq!(plan.payer, "CAF93");
    let lines = caf_lines(&store, &session);
    assert_eq!(
        entries(&lines),
        vec![
            row("411700000", "CAF93", "642,30", "0"),
            row("411000000", "LOC003", "0", "215,30"),
            row("411000000", "LOC006", "0", "187,00"),
            row("411000000", "LOC014", "0", "240,00"),
        ]
    );
    assert_balanced(&lines);
    assert!(lines.iter().all(|l| l.value_date == ymd(2026, 12, 5)));
}

#[test]
fn regularisation_debits_and_credits_tenants_and_nets_the_payer() {
    let (mut store, session) = demo();
    process(&mut store, &session, REGUL).expect("traitement");
    let lines = caf_lines(&store, &session);
    // −40,00 pour TRAORÉ, +12,30 pour MARTIN : net −27,70 au crédit de l'organisme.
    assert_eq!(
        entries(&lines),
        vec![
            row("411700000", "CAF75", "0", "27,70"),
            row("411000000", "LOC008", "40,00", "0"),
            row("411000000", "LOC001", "0", "12,30"),
        ]
    );
    assert_balanced(&lines);
    assert!(lines.iter().all(|l| l.value_date == ymd(2026, 12, 10)));
}

#[test]
fn same_file_twice_replaces_the_first_voucher() {
    let (mut store, session) = demo();
    let first = process(&mut store, &session, APL).expect("premier traitement");
    assert!(first.previous.is_none());
    let balances = |store: &Store| {
        ["LOC001", "LOC002", "LOC008", "LINCONNU"].map(|t| rent_balance(store, &session, t))
    };
    let after_first = balances(&store);
    let first_number = caf_lines(&store, &session)[0].number.clone();
    let (second, outcome) =
        run_payments(&mut store, &session, APL, "fichier.txt", false).expect("second traitement");
    let previous = second.previous.clone().expect("déjà traité");
    assert_eq!(previous.voucher.as_deref(), Some(first_number.as_str()));
    let outcome = outcome.expect("appliqué");
    assert_eq!(outcome.replaced.as_deref(), Some(first_number.as_str()));
    assert_eq!(
        balances(&store),
        after_first,
        "mêmes soldes qu'après un traitement"
    );
    let lines = caf_lines(&store, &session);
    let numbers: std::collections::BTreeSet<&str> =
        lines.iter().map(|l| l.number.as_str()).collect();
    assert_eq!(numbers.len(), 1, "une seule pièce vivante");
    assert_ne!(lines[0].number, first_number);
    let events = store.read(&session).ledger_events().expect("journal");
    assert!(events
        .iter()
        .any(|(e, _)| e.number == first_number && e.kind == "suppression"));
    let report = abri::treatments::caf::payment_report(&second, Some(&outcome));
    assert!(report.contains("déjà traité le"), "{report}");
    assert!(
        report.contains(&format!(", remplacé (pièce {first_number} supprimée)")),
        "{report}"
    );
    // Le compte rendu d'avant l'enregistrement ne dit pas la pièce déjà supprimée.
    let planned = abri::treatments::caf::payment_report(&second, None);
    assert!(
        planned.contains(&format!(
            ", sera remplacé (pièce {first_number} supprimée à l'enregistrement)"
        )),
        "{planned}"
    );
    assert_clean(&store);
}

#[test]
fn dry_run_writes_nothing() {
    let (mut store, session) = demo();
    let before = store.read(&session).count("voucher").expect("pièces");
    let (plan, outcome) =
        run_payments(&mut store, &session, APL, "fichier.txt", true).expect("simulation");
    assert!(outcome.is_none());
    assert!(plan.draft.is_some());
    let repo = store.read(&session);
    assert_eq!(repo.count("voucher").expect("pièces"), before);
    assert_eq!(repo.count("caf_run").expect("fichiers"), 0);
    assert_eq!(repo.count("caf_status").expect("états"), 0);
}

#[test]
fn closed_period_is_refused_with_its_reason() {
    let (mut store, session) = demo();
    store
        .write(&session, "clôture", |r| {
            r.set_lock_settings(Some(ymd(2026, 12, 31)), 0)
        })
        .expect("clôture");
    let error = process(&mut store, &session, APL).expect_err("période close");
    assert!(matches!(error, CafTreatmentError::ClosedPeriod { .. }));
    assert!(
        error
            .to_string()
            .contains("clôture des saisies au 31/12/2026"),
        "{error}"
    );
    assert_eq!(store.read(&session).count("caf_run").expect("fichiers"), 0);
}

#[test]
fn file_of_another_landlord_is_refused() {
    let (mut store, session) = demo();
    let mut other = APL.to_vec();
    other[2..7].copy_from_slice(b"P9301");
    let error = process(&mut store, &session, &other).expect_err("autre bailleur");
    assert!(
        error
            .to_string()
            .contains("« P9301 » est le code national d'un autre bailleur"),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("ligne 1, champ « code_bailleur »"),
        "{error}"
    );
    assert_eq!(store.read(&session).count("voucher").expect("pièces"), 0);
}

#[test]
fn bad_file_writes_nothing() {
    let (mut store, session) = demo();
    let mut l = lines(AL);
    l[4].replace_range(8..22, "+0000000064231");
    let error = process(&mut store, &session, &joined(&l)).expect_err("total faux");
    assert!(
        error.to_string().contains("ligne 5, champ « total »"),
        "{error}"
    );
    assert_eq!(store.read(&session).count("voucher").expect("pièces"), 0);
    assert_eq!(store.read(&session).count("caf_run").expect("fichiers"), 0);
}

#[test]
fn report_cases_gone_locked_notice_and_duplicate() {
    let (mut store, session) = demo();
    // LOC001 sorti le 30/11/2026 ; la location de LOC002 verrouillée.
    store
        .write(&session, "sortie et verrou", |repo| {
            let leases = repo.leases()?;
            for mut lease in leases {
                if lease.reference == "BAIL001" {
                    lease.move_out_date = Some(ymd(2026, 11, 30));
                    lease.move_out_reason = Some(abri::model::MoveOutReason::Departure);
                    repo.update_lease("BAIL001", &lease)?;
                } else if lease.reference == "BAIL002" {
                    lease.locked = true;
                    repo.update_lease("BAIL002", &lease)?;
                }
            }
            Ok::<_, abri::store::StoreError>(())
        })
        .expect("fiches");
    // Allocataire en double : le détail de DUPONT répété (fin de fichier corrigée).
    let mut l = lines(APL);
    l.insert(3, l[2].clone());
    l[6] = format!("99000005+0000000078410{}", " ".repeat(98));
    let plan = process(&mut store, &session, &joined(&l)).expect("traitement");
    assert_eq!(
        plan.details[0].cases,
        vec![CaseKind::Gone(Some(ymd(2026, 11, 30)))]
    );
    assert_eq!(
        plan.details[1].cases,
        vec![
            CaseKind::LockedLease("BAIL002".to_string()),
            CaseKind::Duplicate
        ]
    );
    // Les montants sont passés quand même : 198,00 deux fois pour DUPONT.
    assert_eq!(rent_balance(&store, &session, "LOC002"), money("-396,00"));
    assert_eq!(rent_balance(&store, &session, "LOC001"), money("-312,45"));
    assert_balanced(&caf_lines(&store, &session));
}

#[test]
fn notice_generated_after_the_voucher_is_reported() {
    let (mut store, session) = demo();
    let options = abri::treatments::notices::NoticeOptions {
        period: ymd(2027, 1, 1),
        value_date: ymd(2027, 1, 1),
        leases: Some(vec!["BAIL003".to_string()]),
        run_message: String::new(),
    };
    abri::treatments::notices::run(&mut store, &session, &options, false).expect("avis de janvier");
    let plan = process(&mut store, &session, AL).expect("traitement");
    assert_eq!(
        plan.details[0].cases,
        vec![CaseKind::NoticeGenerated(ymd(2027, 1, 1))]
    );
    // Le montant est passé quand même au compte du locataire.
    let lines = caf_lines(&store, &session);
    assert_eq!(
        entries(&lines)[1],
        row("411000000", "LOC003", "0", "215,30")
    );
    assert_balanced(&lines);
}

#[test]
fn each_detail_updates_the_claimant_last_caf_status() {
    let (mut store, session) = demo();
    process(&mut store, &session, APL).expect("paiement");
    process(&mut store, &session, REGUL).expect("régularisation");
    let statuses = store.read(&session).caf_statuses().expect("états");
    // Inconnu non rangé ; 1234567 : dernier fichier = régularisation, numéro lu 1234567A.
    assert_eq!(statuses.len(), 3);
    let martin = &statuses[0];
    assert_eq!(martin.claimant_no, "1234567A");
    assert_eq!(martin.amount, money("12,30"));
    assert_eq!(martin.status, "5");
    assert_eq!(martin.file_date, ymd(2026, 12, 10));
    assert_eq!(martin.payer, "751");
    assert_eq!(martin.nature, "APL");
    let traore = statuses
        .iter()
        .find(|s| s.claimant_no == "5678901E")
        .expect("TRAORÉ");
    assert_eq!(traore.amount, money("-40,00"));
    assert_eq!(traore.gestion, "2");
}

#[test]
fn the_plan_is_pure_and_apply_takes_it_whole() {
    let (mut store, session) = demo();
    let plan = {
        let repo = store.read(&session);
        let snapshot = CafSnapshot::load(&repo, "P7512", "x").expect("instantané");
        abri::treatments::caf::plan_payments(AL, "al.txt", &snapshot).expect("plan")
    };
    let outcome = store
        .write(&session, "caf", |repo| apply_payments(repo, &plan))
        .expect("application");
    assert!(outcome.voucher.is_some());
    assert_eq!(caf_lines(&store, &session).len(), 4);
}

#[test]
fn setup_creates_the_unknown_claimant_party() {
    let mut store = Store::open_in_memory().expect("base");
    let mut landlord = abri::treatments::demo::demo_landlord();
    landlord.code = "NEUF".to_string();
    let session =
        abri::treatments::setup::create_landlord(&mut store, landlord, "test").expect("bailleur");
    let parties = store.read(&session).third_parties().expect("tiers");
    assert!(parties.iter().any(|p| p.reference == "LINCONNU"));
}

// ---------------------------------------------------------------------------------
// Révision annuelle.
// ---------------------------------------------------------------------------------

use abri::treatments::caf::{plan_revision, RevisionSnapshot};

/// Les fiches de démonstration changées comme le dit `fixtures/caf/README.md` : loyer de
/// BAIL001 révisé le 01/01/2027 à 391,40, loyer de BAIL002 ramené à 0, allocation
/// 1111111A pour LOC015 (sorti le 15/04/2026).
fn revision_setup() -> (Store, Session) {
    let (mut store, session) = demo();
    store
        .write(&session, "révision", |repo| {
            for mut item in repo.lease_items()? {
                if item.item != "Loyer" {
                    continue;
                }
                if item.lease == "BAIL001" {
                    item.revised_amount = money("391,40");
                    item.revision_date = Some(ymd(2027, 1, 1));
                } else if item.lease == "BAIL002" {
                    item.initial_amount = Money::ZERO;
                    item.revised_amount = Money::ZERO;
                } else {
                    continue;
                }
                repo.update_lease_item("Loyer", item.start_date, &item)?;
            }
            let mut gone = repo
                .tenants()?
                .into_iter()
                .find(|t| t.reference == "LOC015")
                .expect("LOC015");
            gone.claims.push(abri::model::BenefitClaim {
                claimant: "Léon PETIT".to_string(),
                start_date: None,
                payer: Some("CAF75".to_string()),
                payer_number: "751".to_string(),
                claimant_no: "1111111A".to_string(),
            });
            repo.update_tenant("LOC015", &gone)?;
            Ok::<_, abri::store::StoreError>(())
        })
        .expect("fiches");
    (store, session)
}

fn revision_plan(
    store: &Store,
    session: &Session,
    bytes: &[u8],
) -> Result<abri::treatments::caf::RevisionPlan, CafTreatmentError> {
    let snapshot = RevisionSnapshot::load(&store.read(session), "P7512").expect("instantané");
    plan_revision(bytes, &snapshot)
}

#[test]
fn revision_return_matches_the_golden_file() {
    let (store, session) = revision_setup();
    let plan = revision_plan(&store, &session, REVISION).expect("révision");
    assert_eq!(plan.rent_date, ymd(2027, 1, 1));
    assert_eq!(
        String::from_utf8_lossy(&plan.bytes),
        String::from_utf8_lossy(REVISION_RETURN)
    );
    assert_eq!(plan.bytes, REVISION_RETURN, "octet pour octet");
    let Details::Revisions(details) = &plan.file.details else {
        panic!("révision");
    };
    let codes: Vec<&str> = details.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, vec!["4", "3", "2", "1"]);
    assert_eq!(details[0].rent, money("391,40"));
}

#[test]
fn revision_writes_nothing_and_a_payment_file_is_not_a_revision() {
    let (store, session) = revision_setup();
    let before = store.read(&session).count("audit_log").ok();
    revision_plan(&store, &session, REVISION).expect("révision");
    assert_eq!(store.read(&session).count("audit_log").ok(), before);
    let error = revision_plan(&store, &session, APL).expect_err("pas une révision");
    assert!(error.to_string().contains("abri caf traiter"), "{error}");
}

#[test]
fn apl_revision_gives_the_july_rent_and_gone_before_july() {
    let (store, session) = revision_setup();
    // Même fichier en APL, daté de juin 2026 : LOC015 sorti le 15/04/2026, avant juillet.
    let mut l = lines(REVISION);
    l[0].replace_range(10..21, "20260610APL");
    let bytes = joined(&l);
    let plan = revision_plan(&store, &session, &bytes).expect("révision APL");
    assert_eq!(plan.rent_date, ymd(2026, 7, 1));
    let Details::Revisions(details) = &plan.file.details else {
        panic!("révision");
    };
    // BAIL001 au 01/07/2026 : la révision du 01/01/2027 n'est pas encore là.
    assert_eq!(details[0].code, "4");
    assert_eq!(details[0].rent, money("380,00"));
    assert_eq!(details[2].code, "2");
}

// ---------------------------------------------------------------------------------
// Synthèse des aides au logement.
// ---------------------------------------------------------------------------------

#[test]
fn synthesis_lists_each_claim_with_its_last_caf_status() {
    use abri::treatments::caf::{synthesis, synthesis_csv};
    let (mut store, session) = demo();
    process(&mut store, &session, APL).expect("paiement");
    let repo = store.read(&session);
    let (tenants, leases) = (
        repo.tenants().expect("locataires"),
        repo.leases().expect("locations"),
    );
    let statuses = repo.caf_statuses().expect("états");
    let all = synthesis(&tenants, &leases, &statuses, None);
    // Neuf allocations dans la démonstration (fixtures/demo/locataires.csv).
    assert_eq!(all.len(), 9);
    let martin = &all[0];
    assert_eq!(
        (martin.tenant.as_str(), martin.claimant_no.as_str()),
        ("LOC001", "1234567A")
    );
    assert_eq!(
        martin.status.as_ref().map(|s| s.amount),
        Some(money("312,45"))
    );
    assert!(all
        .iter()
        .any(|r| r.tenant == "LOC003" && r.status.is_none()));
    let csv = synthesis_csv(&all);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains(
        "\r\nLOC001;M. MARTIN Karim;1234567A;10/12/2026;751;APL;compte en cours;cas normal;312,45;\r\n"
    ), "{csv}");
    // Mars 2019 : LOC001 (entré le 01/01/2019) et LOC002 (entré le 15/03/2019, dans le
    // mois) ; les autres allocataires sont entrés après.
    let march = synthesis(&tenants, &leases, &statuses, Some(ymd(2019, 3, 1)));
    let present: Vec<&str> = march.iter().map(|r| r.tenant.as_str()).collect();
    assert_eq!(present, vec!["LOC001", "LOC002"]);
}

// ---------------------------------------------------------------------------------
// Démonstration.
// ---------------------------------------------------------------------------------

#[test]
fn the_demo_processes_its_apl_and_al_files() {
    let mut store = Store::open_in_memory().expect("base");
    let session = abri::treatments::demo::create_demo(&mut store, "test").expect("démonstration");
    // La pièce APL de janvier est saisie à la main (fixtures/demo/pieces.csv).
    let lines: Vec<LedgerLine> = caf_lines(&store, &session)
        .into_iter()
        .filter(|l| l.value_date >= ymd(2026, 12, 1))
        .collect();
    let numbers: std::collections::BTreeSet<&str> =
        lines.iter().map(|l| l.number.as_str()).collect();
    assert_eq!(numbers.len(), 2, "une pièce AL, une pièce APL");
    // AL 642,30 au 05/12 et APL 586,10 au 25/12 (fixtures/caf/README.md).
    let payer = |tiers: &str| -> Money {
        lines
            .iter()
            .filter(|l| l.account == "411700000" && l.tiers.as_deref() == Some(tiers))
            .map(|l| l.debit)
            .sum()
    };
    assert_eq!(payer("CAF93"), money("642,30"));
    assert_eq!(payer("CAF75"), money("586,10"));
    let statement = store
        .read(&session)
        .tiers_lines("LOC001", None)
        .expect("relevé");
    assert!(statement
        .iter()
        .any(|l| l.template.as_deref() == Some(CAF_TEMPLATE) && l.credit == money("312,45")));
    assert_clean(&store);
}

// ---------------------------------------------------------------------------------
// Ligne de commande.
// ---------------------------------------------------------------------------------

#[test]
fn the_commands_process_twice_verify_fill_the_revision_and_list_the_synthesis() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("demo.db");
    let fixture = |name: &str| format!("{}/fixtures/caf/{name}", env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_abri"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("abri lancé")
    };
    let stdout = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(run(&["demo", "--sans-historique"]).status.success());
    let apl = fixture("apl-paiement-2026-12.txt");
    let dry = run(&["caf", "traiter", &apl, "--simulation"]);
    assert!(dry.status.success());
    assert!(stdout(&dry).contains("Simulation : rien n'est enregistré."));
    let first = run(&["caf", "traiter", &apl]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(stdout(&first).contains("4 allocataires, total 586,10"));
    let second = run(&["caf", "traiter", &apl]);
    assert!(
        stdout(&second).contains("Fichier déjà traité le "),
        "{}",
        stdout(&second)
    );
    assert!(run(&["verifier"]).status.success());
    let csv = run(&[
        "caf",
        "traiter",
        &fixture("al-paiement-2026-12.txt"),
        "--csv",
    ]);
    assert!(stdout(&csv).contains(
        "\r\n2;3456789C;DIALLO Aminata;LOC003;215,30;11/2026;compte en cours;cas normal;\r\n"
    ));
    let synthesis = run(&["caf", "synthese", "--csv"]);
    assert!(stdout(&synthesis).contains(
        "LOC003;Mme DIALLO Aminata;3456789C;05/12/2026;931;AL;compte en cours;cas normal;215,30;"
    ));
    let back = dir.path().join("retour.txt");
    let revision = run(&[
        "caf",
        "revision",
        &fixture("al-revision-2027.txt"),
        "-o",
        back.to_str().expect("chemin"),
    ]);
    assert!(revision.status.success());
    assert_eq!(
        std::fs::read(&back).expect("retour écrit").len(),
        REVISION.len()
    );
    let missing = run(&["caf", "traiter", "absent.txt"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("« absent.txt » n'existe pas"));
}
