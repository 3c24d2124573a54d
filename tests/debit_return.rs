//! Prélèvements bancaires (S15), étape 5 : les retours de la banque. Le fichier de
//! décembre 2026 de la démonstration (fait le 20/11/2026, voir tests/debit_file.rs pour
//! ses montants calculés à la main : LOC002 332,00 ; LOC006 238,00 ; LOC013 635,00 ;
//! LOC018 530,00 ; LOC023 15,00 ; total 1 750,00), puis les retours écrits à la main
//! dans fixtures/sepa/ : un camt.054 qui crédite les cinq le 05/12/2026, un pain.002 qui
//! rejette celui de LOC018 (AM04, « provision insuffisante »).

mod common;

use std::path::Path;

use abri::formats::sepa::returns::ReturnError;
use abri::model::money::from_cents;
use abri::model::Money;
use abri::store::{Session, Store};
use abri::treatments::debit_return::{
    apply_return, plan_return, rejects, rejects_csv, return_report, DebitReturnError, ReturnPlan,
};
use common::debits::{demo_with_december_file, DECEMBER};
use common::ymd;

const CAMT: &str = include_str!("../fixtures/sepa/demo-camt.054.001.08.xml");
const PAIN002: &str = include_str!("../fixtures/sepa/demo-pain.002.001.10.xml");

/// Solde (débit − crédit) du compte de loyer 411000000 d'un locataire au 31/12/2026.
fn lo_balance(store: &Store, session: &Session, tenant: &str) -> Money {
    store
        .read(session)
        .tiers_balances(&[tenant], ymd(2026, 12, 31))
        .expect("soldes")
        .iter()
        .filter(|((account, _), _)| account == "411000000")
        .map(|(_, b)| *b)
        .sum()
}

fn balances(store: &Store, session: &Session) -> Vec<Money> {
    DECEMBER
        .iter()
        .map(|(t, _, _)| lo_balance(store, session, t))
        .collect()
}

/// Pièces, écritures, événements, retours, suites de prélèvements.
fn counts(store: &Store, session: &Session) -> [i64; 5] {
    let repo = store.read(session);
    [
        "voucher",
        "entry",
        "ledger_event",
        "debit_return",
        "debit_outcome",
    ]
    .map(|t| repo.count(t).expect("compte"))
}

fn plan_of(store: &Store, session: &Session, xml: &str) -> Result<ReturnPlan, DebitReturnError> {
    plan_return(store, session, xml.as_bytes(), "retour.xml")
}

/// Chaque pièce passée est équilibrée ; rend (débits, crédits) par pièce.
fn assert_balanced(store: &Store, session: &Session, numbers: &[String]) {
    let repo = store.read(session);
    for number in numbers {
        let v = repo
            .voucher(number)
            .expect("lecture")
            .expect("pièce passée");
        let debit: Money = v.draft.entries.iter().map(|e| e.debit).sum();
        let credit: Money = v.draft.entries.iter().map(|e| e.credit).sum();
        assert_eq!(debit, credit, "pièce {number} déséquilibrée");
        assert!(debit > Money::ZERO);
    }
}

/// camt.054 des cinq prélèvements : une remise, chaque solde de loyer baisse de son
/// montant ; le même fichier de nouveau ne change rien ; puis le pain.002 qui rejette
/// LOC018 (AM04) contre-passe son règlement : son solde revient, le rejet est listé.
#[test]
fn camt_books_the_five_debits_then_the_pain002_reverses_one() {
    let (mut store, session) = demo_with_december_file();
    let before = balances(&store, &session);

    let camt = plan_of(&store, &session, CAMT).expect("plan du camt.054");
    assert_eq!(camt.credited.len(), 5, "{}", return_report(&camt));
    assert_eq!(camt.credited_total(), from_cents(175_000));
    assert!(camt.unknown.is_empty() && camt.rejected.is_empty());
    let payments = camt.payments.as_ref().expect("règlements");
    assert!(
        payments
            .payments
            .iter()
            .all(|p| p.batch_no == "R20261205-PRL-01"),
        "une seule remise, celle du 05/12/2026 en prélèvement"
    );
    let numbers = apply_return(&mut store, &session, &camt).expect("import");
    assert_eq!(numbers.len(), 5);
    assert_balanced(&store, &session, &numbers);
    let after = balances(&store, &session);
    for (i, (tenant, _, cents)) in DECEMBER.iter().enumerate() {
        assert_eq!(
            after[i],
            before[i] - from_cents(*cents),
            "solde de loyer de {tenant}"
        );
    }
    let repo = store.read(&session);
    let v = repo.voucher(&numbers[0]).expect("lecture").expect("pièce");
    assert_eq!(v.draft.reference, "LOC002-20261205");
    assert_eq!(
        v.draft.payment_mode,
        Some(abri::model::PaymentMode::DirectDebit)
    );
    assert_eq!(v.draft.value_date, ymd(2026, 12, 5));
    drop(repo);

    // Le même fichier : rien de nouveau.
    let counted = counts(&store, &session);
    let again = plan_of(&store, &session, CAMT).expect("plan relancé");
    assert!(again.already.is_some() && !again.has_work());
    assert!(
        return_report(&again).contains("Déjà importé le"),
        "{}",
        return_report(&again)
    );
    assert!(apply_return(&mut store, &session, &again)
        .expect("rien")
        .is_empty());
    assert_eq!(counts(&store, &session), counted);
    assert_eq!(balances(&store, &session), after);

    // Le rejet de LOC018 : 530,00 contre-passés.
    let reject = plan_of(&store, &session, PAIN002).expect("plan du pain.002");
    assert_eq!(reject.rejected.len(), 1, "{}", return_report(&reject));
    let report = return_report(&reject);
    assert!(report.contains("AM04 provision insuffisante"), "{report}");
    let reversal = apply_return(&mut store, &session, &reject).expect("rejet");
    assert_eq!(reversal.len(), 1);
    assert_balanced(&store, &session, &reversal);
    let end = balances(&store, &session);
    assert_eq!(end[3], before[3], "LOC018 doit de nouveau ses 530,00");
    assert_eq!(end[3], after[3] + from_cents(53_000));
    for i in [0, 1, 2, 4] {
        assert_eq!(end[i], after[i], "les autres ne bougent pas");
    }
    let list = rejects(&store.read(&session)).expect("rejets");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].tenant, "LOC018");
    assert_eq!(list[0].amount, from_cents(53_000));
    assert_eq!(list[0].reason_code, "AM04");
    assert_eq!(list[0].reversal, reversal[0]);
    assert_eq!(list[0].rejected_on, ymd(2026, 12, 9));
    let csv = rejects_csv(&list);
    assert!(csv.contains("LOC018;"), "{csv}");
    assert!(
        csv.contains(";530,00;05/12/2026;09/12/2026;AM04;provision insuffisante;"),
        "{csv}"
    );

    // Le rejet de nouveau : rien.
    let counted = counts(&store, &session);
    let again = plan_of(&store, &session, PAIN002).expect("plan relancé");
    assert!(!again.has_work());
    assert_eq!(counts(&store, &session), counted);
}

/// Un rejet avant règlement : aucune pièce, le locataire doit toujours ; le camt.054
/// qui arriverait ensuite ne règle pas ce prélèvement rejeté.
#[test]
fn a_reject_before_payment_writes_no_voucher_and_blocks_the_credit() {
    let (mut store, session) = demo_with_december_file();
    let before = balances(&store, &session);
    let reject = plan_of(&store, &session, PAIN002).expect("plan");
    assert!(reject.rejected[0].reversal.is_none());
    let report = return_report(&reject);
    assert!(report.contains("pas encore réglé"), "{report}");
    assert!(apply_return(&mut store, &session, &reject)
        .expect("rejet")
        .is_empty());
    assert_eq!(balances(&store, &session), before);
    let list = rejects(&store.read(&session)).expect("rejets");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reversal, "");

    let camt = plan_of(&store, &session, CAMT).expect("plan");
    assert_eq!(camt.credited.len(), 4);
    assert_eq!(camt.credited_total(), from_cents(175_000 - 53_000));
    assert_eq!(camt.left.len(), 1);
    assert!(camt.left[0].reason.contains("déjà rejeté le 09/12/2026"));
    apply_return(&mut store, &session, &camt).expect("import");
    assert_eq!(balances(&store, &session)[3], before[3]);
}

/// La simulation n'écrit rien.
#[test]
fn the_dry_run_writes_nothing() {
    let (mut store, session) = demo_with_december_file();
    let before = counts(&store, &session);
    let dir = tempfile::tempdir().expect("dossier");
    let path = dir.path().join("camt.xml");
    std::fs::write(&path, CAMT).expect("fichier");
    let (plan, numbers) =
        abri::treatments::debit_return::run(&mut store, &session, &path, true).expect("simulation");
    assert!(plan.has_work() && numbers.is_empty());
    assert_eq!(counts(&store, &session), before);
}

/// Une référence inconnue est signalée et laissée ; les autres sont réglées.
#[test]
fn an_unknown_reference_is_reported_never_guessed() {
    let (mut store, session) = demo_with_december_file();
    let xml = CAMT.replace("LOC006-20261210", "LOC006-20261211");
    let plan = plan_of(&store, &session, &xml).expect("plan");
    assert_eq!(plan.credited.len(), 4);
    assert_eq!(plan.unknown.len(), 1);
    assert_eq!(plan.unknown[0].end_to_end_id, "LOC006-20261211");
    assert_eq!(plan.unknown[0].amount, from_cents(23_800));
    let report = return_report(&plan);
    assert!(
        report.contains("Inconnu, non traité : LOC006-20261211"),
        "{report}"
    );
    let before = lo_balance(&store, &session, "LOC006");
    apply_return(&mut store, &session, &plan).expect("import");
    assert_eq!(lo_balance(&store, &session, "LOC006"), before);
}

/// Fichiers refusés, rien d'écrit : pas du XML, un autre message, un autre créancier,
/// un fichier vide, un autre fichier au même MsgId.
#[test]
fn bad_returns_are_refused_and_write_nothing() {
    let (mut store, session) = demo_with_december_file();
    let before = counts(&store, &session);
    let refused = |xml: &str| plan_of(&store, &session, xml).expect_err("refusé");

    let e = refused("Date;Montant\n05/12/2026;350,00\n");
    assert!(
        matches!(e, DebitReturnError::File(ReturnError::NotXml(_))),
        "{e}"
    );
    assert!(e.to_string().contains("n'est pas un XML lisible"), "{e}");

    let pain008 = include_str!("fixtures/sepa/pain.008.001.08.xml");
    let e = refused(pain008);
    assert!(
        matches!(e, DebitReturnError::File(ReturnError::OtherMessage(_))),
        "{e}"
    );
    assert!(e.to_string().contains("pain.008.001.08"), "{e}");

    let e = refused(&CAMT.replace("FR7630006000011234567890189", "FR7610107001011234567890129"));
    assert!(matches!(e, DebitReturnError::OtherCreditor(..)), "{e}");
    assert!(e.to_string().contains("autre créancier"), "{e}");

    let e = refused(&PAIN002.replace("FR72ZZZ123456", "FR10ZZZ654321"));
    assert!(matches!(e, DebitReturnError::OtherCreditor(..)), "{e}");

    let e = refused("  \n");
    assert!(
        matches!(e, DebitReturnError::File(ReturnError::Empty)),
        "{e}"
    );

    let truncated = &CAMT[..CAMT.len() / 2];
    let e = refused(truncated);
    assert!(
        matches!(e, DebitReturnError::File(ReturnError::NotXml(_))),
        "{e}"
    );

    let plan = plan_of(&store, &session, CAMT).expect("plan");
    apply_return(&mut store, &session, &plan).expect("import");
    let after_import = counts(&store, &session);
    let e = plan_of(
        &store,
        &session,
        &CAMT.replace(
            "<Amt Ccy=\"EUR\">15.00</Amt>",
            "<Amt Ccy=\"EUR\">16.00</Amt>",
        ),
    )
    .expect_err("refusé");
    assert!(matches!(e, DebitReturnError::SameIdOtherFile { .. }), "{e}");
    assert!(
        after_import[0] - before[0] == 5,
        "cinq règlements, pas plus"
    );
    assert_eq!(counts(&store, &session), after_import);
}

/// La ligne de commande : retour, simulation, rejets.
#[test]
fn the_commands_import_a_return_and_list_the_rejects() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("base.sqlite");
    {
        let (store, _) = demo_with_december_file();
        store.backup_to(&db).expect("copie de la base");
    }
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_abri"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("abri");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sepa");
    let camt = fixtures.join("demo-camt.054.001.08.xml");
    let pain = fixtures.join("demo-pain.002.001.10.xml");
    let camt = camt.to_str().expect("chemin");
    let pain = pain.to_str().expect("chemin");

    let (ok, out) = run(&["prelevement", "retour", camt, "--simulation"]);
    assert!(ok, "{out}");
    assert!(out.contains("Simulation : rien d'enregistré."), "{out}");
    let (ok, out) = run(&["prelevement", "retour", camt]);
    assert!(ok, "{out}");
    // Le séparateur des milliers est celui de l'affichage des montants.
    let total = abri::model::money::format_money(from_cents(175_000));
    assert!(
        out.contains(&format!("5 prélèvement(s) crédité(s), {total} €")),
        "{out}"
    );
    assert!(out.contains("Retour enregistré : 5 pièce(s)"), "{out}");
    let (ok, out) = run(&["prelevement", "retour", camt]);
    assert!(ok && out.contains("Déjà importé le"), "{out}");
    let (ok, out) = run(&["prelevement", "retour", pain]);
    assert!(ok && out.contains("1 pièce(s)"), "{out}");
    let (ok, out) = run(&["prelevement", "rejets"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("LOC018") && out.contains("provision insuffisante"),
        "{out}"
    );
    let (ok, out) = run(&["prelevement", "retour", "/nulle/part.xml"]);
    assert!(
        !ok && out.contains("lecture de « /nulle/part.xml » impossible"),
        "{out}"
    );
    let (ok, out) = run(&["verifier"]);
    assert!(ok, "{out}");
}
