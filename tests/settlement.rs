//! Solde de tout compte (S14) : retenue sur le dépôt, virement des dépôts détenus, fin
//! du solde (règlement, remboursement, perte), annulation, refus. Chiffres de l'issue,
//! calculés à la main.

mod common;

use std::collections::BTreeMap;

use abri::model::money::parse_money;
use abri::model::{DocumentKind, ExitInventory, Money, MoveOutReason, Role};
use abri::store::{Session, Store};
use abri::treatments::deposit_return::{deposits_csv, deposits_to_return};
use abri::treatments::move_out::{self, MoveOutRequest};
use abri::treatments::notices::{self, NoticeOptions};
use abri::treatments::settlement::{
    self, Ending, EndingRequest, SettlementError, SettlementRequest,
};
use chrono::NaiveDate;
use common::leases::{deposit_call, payment, setup, ItemRow, LeaseRow, TenantRow};
use common::ymd;

fn eur(s: &str) -> Money {
    parse_money(s).expect("montant de test")
}

/// Une pièce : (compte, débit, crédit) par écriture.
type Lines = Vec<(String, Money, Money)>;

/// Pièces du grand livre, chacune vérifiée équilibrée : numéro → (modèle, écritures).
fn vouchers(store: &Store, session: &Session) -> BTreeMap<String, (Option<String>, Lines)> {
    let mut out: BTreeMap<String, (Option<String>, Lines)> = BTreeMap::new();
    for l in store.read(session).ledger_lines(None).expect("écritures") {
        let v = out
            .entry(l.number.clone())
            .or_insert_with(|| (l.template.clone(), Vec::new()));
        v.1.push((l.account, l.debit, l.credit));
    }
    for (number, (_, lines)) in &out {
        let debit: Money = lines.iter().map(|e| e.1).sum();
        let credit: Money = lines.iter().map(|e| e.2).sum();
        assert_eq!(debit, credit, "pièce {number} déséquilibrée");
    }
    out
}

/// Écritures de la pièce du modèle `template` (la seule).
fn lines_of(store: &Store, session: &Session, template: &str) -> Lines {
    let found: Vec<Lines> = vouchers(store, session)
        .into_values()
        .filter(|(t, _)| t.as_deref() == Some(template))
        .map(|(_, mut lines)| {
            lines.sort();
            lines
        })
        .collect();
    assert_eq!(found.len(), 1, "une pièce {template}");
    found.into_iter().next().unwrap_or_default()
}

fn line(account: &str, debit: &str, credit: &str) -> (String, Money, Money) {
    let amount = |s: &str| if s.is_empty() { Money::ZERO } else { eur(s) };
    (account.to_string(), amount(debit), amount(credit))
}

/// Solde « débit − crédit » d'un compte pour LOC1.
fn balance(store: &Store, session: &Session, account: &str) -> Money {
    store
        .read(session)
        .tiers_lines("LOC1", None)
        .expect("écritures")
        .iter()
        .filter(|l| l.account == account)
        .map(|l| l.debit - l.credit)
        .sum()
}

/// Situation de l'issue : sortie le 30/09/2026, dépôt de 450,00 appelé et payé, avis de
/// septembre de 80,00 non payé : LO doit 80,00, DG est à 0,00, 165000000 détient 450,00.
fn situation() -> (Store, Session) {
    situation_with("80,00", None)
}

/// La même situation, avec un autre loyer et un état des lieux de sortie.
fn situation_with(rent: &str, inventory: Option<ExitInventory>) -> (Store, Session) {
    let (mut store, session) = setup(
        1,
        &[TenantRow("LOC1", "Martin", "Élise")],
        &[LeaseRow("BAIL1", "LOT1", "LOC1", "01/09/2026")],
        &[ItemRow("BAIL1", "Loyer", "LO", "LO", rent)],
    );
    move_out::run(
        &mut store,
        &session,
        &MoveOutRequest {
            lease: "BAIL1".into(),
            date: ymd(2026, 9, 30),
            reason: MoveOutReason::Departure,
            keys_returned: Some(ymd(2026, 10, 5)),
            inventory,
        },
        false,
    )
    .expect("sortie");
    deposit_call(&mut store, &session, "BAIL1", "450,00", ymd(2026, 9, 1));
    payment(
        &mut store,
        &session,
        ("LOC1", "BAIL1"),
        ("411500000", "450,00"),
        ymd(2026, 9, 5),
    );
    (store, session)
}

fn last_notice(store: &mut Store, session: &Session) {
    let options = NoticeOptions {
        period: ymd(2026, 9, 1),
        value_date: ymd(2026, 9, 1),
        leases: None,
        run_message: String::new(),
    };
    let run = notices::run(store, session, &options, false).expect("avis");
    assert_eq!(run.created.len(), 1, "avis de septembre");
}

fn asked(withholding: &str, reason: &str, date: NaiveDate) -> SettlementRequest {
    SettlementRequest {
        lease: "BAIL1".into(),
        value_date: date,
        withholding: eur(withholding),
        reason: reason.into(),
    }
}

/// Le refus d'un solde, après avoir vérifié qu'il n'a rien écrit.
fn refusal(store: &mut Store, session: &Session, request: &SettlementRequest) -> String {
    let before = vouchers(store, session);
    let err = settlement::run(store, session, request, false)
        .expect_err("refus")
        .to_string();
    assert_eq!(vouchers(store, session), before, "rien d'écrit : {err}");
    err
}

/// Établit le solde demandé ; rend le plan et les numéros des pièces.
fn settle_with(
    store: &mut Store,
    session: &Session,
    request: &SettlementRequest,
) -> (settlement::SettlementPlan, Vec<String>) {
    settlement::run(store, session, request, false).expect("solde de tout compte")
}

/// Le solde de l'issue : retenue de 120,00 pour une porte à remplacer.
fn settle(store: &mut Store, session: &Session) -> Vec<String> {
    settle_with(
        store,
        session,
        &asked("120,00", "porte à remplacer", ymd(2026, 10, 6)),
    )
    .1
}

fn ending(
    store: &mut Store,
    session: &Session,
    end: Ending,
) -> Result<Option<String>, SettlementError> {
    settlement::run_ending(
        store,
        session,
        &EndingRequest {
            lease: "BAIL1".into(),
            value_date: ymd(2026, 10, 20),
            ending: end,
            payment_mode: None,
        },
        false,
    )
    .map(|(_, n)| n)
}

#[test]
fn withholding_deposits_and_refund_bring_every_account_to_nil() {
    let (mut store, session) = situation();
    last_notice(&mut store, &session);
    assert_eq!(balance(&store, &session, "411000000"), eur("80,00"));
    assert_eq!(balance(&store, &session, "165000000"), eur("-450,00"));
    let (planned, _) = settle_with(
        &mut store,
        &session,
        &asked("120,00", "porte à remplacer", ymd(2026, 10, 6)),
    );
    // 80,00 dus + 120,00 retenus − 450,00 de dépôt rendu au compte courant = −250,00.
    assert_eq!(planned.total_after, eur("-250,00"));
    assert_eq!(planned.deposit_held, eur("450,00"));
    assert_eq!(
        planned.deadline,
        Some(ymd(2026, 12, 5)),
        "état des lieux non indiqué : deux mois"
    );
    assert_eq!(
        lines_of(&store, &session, "Loc_FACT RetenueDG"),
        vec![
            line("411500000", "120,00", ""),
            line("703600000", "", "120,00")
        ]
    );
    assert_eq!(
        lines_of(&store, &session, "Loc_OD SoldeTC"),
        vec![
            line("165000000", "450,00", ""),
            line("411500000", "", "450,00")
        ]
    );
    let number = ending(&mut store, &session, Ending::Refunded).expect("remboursement");
    assert!(number.is_some());
    // Remboursement de 250,00 : LO soldé de ses 80,00, DG de ses −330,00.
    assert_eq!(
        lines_of(&store, &session, "Loc_REMB SoldeTC"),
        vec![
            line("411000000", "", "80,00"),
            line("411500000", "330,00", ""),
            line("512000000", "", "250,00"),
        ]
    );
    for account in [
        "411000000",
        "411500000",
        "411600000",
        "411510000",
        "165000000",
        "165100000",
    ] {
        assert_eq!(balance(&store, &session, account), Money::ZERO, "{account}");
    }
    assert!(store.verify().expect("vérification").is_empty());
    // Terminé : il ne s'annule plus, ni ne se termine deux fois.
    let err = settlement::run_undo(&mut store, &session, "BAIL1").expect_err("terminé");
    assert!(err.to_string().contains("ne s'annule plus"), "{err}");
    let err = ending(&mut store, &session, Ending::Refunded).expect_err("deux fois");
    assert!(err.to_string().contains("déjà terminé"), "{err}");
}

#[test]
fn a_simulation_writes_nothing_and_a_second_settlement_is_refused() {
    let (mut store, session) = situation();
    last_notice(&mut store, &session);
    let before = vouchers(&store, &session);
    let (planned, numbers) = settlement::run(
        &mut store,
        &session,
        &asked("120,00", "porte à remplacer", ymd(2026, 10, 6)),
        true,
    )
    .expect("simulation");
    assert!(numbers.is_empty());
    assert_eq!(planned.vouchers.len(), 2);
    assert_eq!(vouchers(&store, &session), before);
    settle(&mut store, &session);
    let err = refusal(&mut store, &session, &asked("0,00", "", ymd(2026, 10, 6)));
    assert!(err.contains("déjà établi"), "{err}");
}

#[test]
fn undo_removes_the_vouchers_through_the_ledger_and_it_can_be_redone() {
    let (mut store, session) = situation();
    last_notice(&mut store, &session);
    let before = vouchers(&store, &session);
    let numbers = settle(&mut store, &session);
    let removed = settlement::run_undo(&mut store, &session, "BAIL1").expect("annulation");
    assert_eq!(removed, numbers);
    assert_eq!(vouchers(&store, &session), before);
    assert!(store.verify().expect("vérification").is_empty());
    // Les suppressions sont au journal des pièces.
    let events = store.read(&session).ledger_events().expect("journal");
    for number in &numbers {
        assert!(events
            .iter()
            .any(|(e, _)| &e.number == number && e.kind == "suppression"));
    }
    settle(&mut store, &session);
    assert_eq!(vouchers(&store, &session).len(), before.len() + 2);
}

#[test]
fn refusals_each_name_what_to_fix_and_write_nothing() {
    let (mut store, session) = situation();
    let try_settle =
        |store: &mut Store, request: SettlementRequest| refusal(store, &session, &request);
    let ok_date = ymd(2026, 10, 6);
    let err = try_settle(&mut store, asked("120,00", "porte", ok_date));
    assert!(
        err.contains("dernière période de présence") && err.contains("générez-le d'abord"),
        "{err}"
    );
    last_notice(&mut store, &session);
    let err = try_settle(&mut store, asked("500,00", "porte", ok_date));
    assert!(err.contains("500,00") && err.contains("450,00"), "{err}");
    let err = try_settle(&mut store, asked("120,00", "  ", ok_date));
    assert!(err.starts_with("motif"), "{err}");
    // Dernière pièce du locataire : le règlement du 05/09/2026.
    let err = try_settle(&mut store, asked("120,00", "porte", ymd(2026, 9, 4)));
    assert!(err.contains("05/09/2026"), "{err}");
    settle(&mut store, &session);
    let mut manager = session.clone();
    manager.role = Role::Manager;
    let before = vouchers(&store, &session);
    let err = ending(&mut store, &manager, Ending::WrittenOff).expect_err("gestionnaire");
    assert!(
        err.to_string().contains("comptable ou un administrateur"),
        "{err}"
    );
    let err = ending(&mut store, &session, Ending::Paid).expect_err("créditeur");
    assert!(err.to_string().contains("remboursez"), "{err}");
    assert_eq!(vouchers(&store, &session), before);
}

#[test]
fn a_debt_is_paid_or_written_off_by_an_accountant() {
    let (mut store, session) = situation();
    last_notice(&mut store, &session);
    // Retenue de tout le dépôt : 80,00 + 450,00 − 450,00 = 80,00 dus.
    settle_with(
        &mut store,
        &session,
        &asked("450,00", "dégâts", ymd(2026, 10, 6)),
    );
    let err = ending(&mut store, &session, Ending::Refunded).expect_err("débiteur");
    assert!(err.to_string().contains("80,00"), "{err}");
    let mut accountant = session.clone();
    accountant.role = Role::Accountant;
    ending(&mut store, &accountant, Ending::WrittenOff).expect("perte");
    assert_eq!(
        lines_of(&store, &session, "Loc_PP SoldeTC"),
        vec![
            line("411000000", "", "80,00"),
            line("654000000", "80,00", "")
        ]
    );
    assert!(store.verify().expect("vérification").is_empty());
}

#[test]
fn a_transfer_has_no_settlement() {
    let (mut store, session) = situation();
    last_notice(&mut store, &session);
    move_out::run(
        &mut store,
        &session,
        &MoveOutRequest {
            lease: "BAIL1".into(),
            date: ymd(2026, 9, 30),
            reason: MoveOutReason::Transfer,
            keys_returned: None,
            inventory: None,
        },
        false,
    )
    .expect("mutation");
    let err = refusal(&mut store, &session, &asked("0,00", "", ymd(2026, 10, 6)));
    assert!(err.contains("mutation"), "{err}");
}

#[test]
fn a_deposit_not_returned_in_time_owes_ten_percent_per_started_month() {
    let (mut store, session) = situation_with("610,00", Some(ExitInventory::Conform));
    let list = deposits_to_return(&store.read(&session), ymd(2026, 12, 20)).expect("liste");
    assert_eq!(list.len(), 1);
    let row = &list[0];
    assert_eq!(row.amount, eur("450,00"));
    // Clés le 05/10/2026, état des lieux conforme : un mois, le 05/11/2026 ; au
    // 20/12/2026, deux mois commencés × 10 % × 610,00 = 122,00.
    assert_eq!(row.deadline, ymd(2026, 11, 5));
    assert_eq!(row.months_late, 2);
    assert_eq!(row.penalty, eur("122,00"));
    assert!(deposits_csv(&list)
        .contains("BAIL1;LOC1;05/10/2026;conforme;450,00;N;05/11/2026;2;122,00\r\n"));
    let in_time = deposits_to_return(&store.read(&session), ymd(2026, 11, 5)).expect("liste");
    assert_eq!(in_time[0].penalty, Money::ZERO);
    // Solde établi : reste à rembourser 450,00 − 610,00 dus = rien ; le dépôt sort de la liste.
    last_notice(&mut store, &session);
    settle_with(&mut store, &session, &asked("0,00", "", ymd(2026, 10, 6)));
    let after = deposits_to_return(&store.read(&session), ymd(2026, 12, 20)).expect("liste");
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn a_refunded_settlement_leaves_the_list() {
    let (mut store, session) = situation();
    last_notice(&mut store, &session);
    settle(&mut store, &session);
    let list = deposits_to_return(&store.read(&session), ymd(2026, 12, 20)).expect("liste");
    assert_eq!(list.len(), 1);
    assert!(list[0].settled);
    assert_eq!(list[0].amount, eur("250,00"));
    ending(&mut store, &session, Ending::Refunded).expect("remboursement");
    assert!(deposits_to_return(&store.read(&session), ymd(2026, 12, 20))
        .expect("liste")
        .is_empty());
}

/// Le binaire de bout en bout sur la démonstration : sortie, dernier avis, solde,
/// remboursement, liste des dépôts ; refus en français, code de sortie non nul.
#[test]
fn the_commands_run_the_whole_move_out() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    let abri = |args: &[&str]| common::leases::run_abri(&db, args);
    assert!(abri(&["demo", "--sans-historique"]).0);
    let (ok, text) = abri(&[
        "location",
        "sortie",
        "BAIL002",
        "--date",
        "28/02/2026",
        "--motif",
        "parti",
    ]);
    assert!(
        !ok && text.contains("valeurs possibles : depart, mutation, deces, expulsion, autre"),
        "{text}"
    );
    let (ok, text) = abri(&[
        "location",
        "sortie",
        "BAIL002",
        "--date",
        "28/02/2026",
        "--motif",
        "depart",
        "--remise-cles",
        "05/03/2026",
        "--etat-des-lieux",
        "conforme",
    ]);
    assert!(ok && text.contains("au plus tard le 05/04/2026"), "{text}");
    let settle = [
        "solde-tout-compte",
        "BAIL002",
        "--date-valeur",
        "01/03/2026",
        "--retenue",
        "50,00",
        "--motif",
        "peinture",
    ];
    let (ok, text) = abri(&settle);
    assert!(!ok && text.contains("générez-le d'abord"), "{text}");
    assert!(
        abri(&[
            "avis",
            "generer",
            "--periode",
            "2026-02",
            "--date-valeur",
            "01/02/2026",
            "--location",
            "BAIL002"
        ])
        .0
    );
    let (ok, text) = abri(&settle);
    assert!(
        ok && text.contains("Loc_OD SoldeTC") && text.contains("peinture"),
        "{text}"
    );
    let (ok, text) = abri(&["liste", "depots-a-restituer", "--csv"]);
    assert!(
        ok && text.contains("BAIL002;LOC002;05/03/2026;conforme;"),
        "{text}"
    );
    let (ok, text) = abri(&[
        "solde-tout-compte",
        "BAIL002",
        "--date-valeur",
        "02/03/2026",
        "--fin",
        "remboursement",
    ]);
    assert!(ok && text.contains("Loc_REMB SoldeTC"), "{text}");
    let (ok, text) = abri(&["liste", "depots-a-restituer", "--csv"]);
    assert!(ok && !text.contains("BAIL002"), "{text}");
    assert!(abri(&["verifier"]).0);
}

/// Le texte du PDF du document `number`, imprimé seul.
fn printed_text(store: &Store, session: &Session, number: &str) -> String {
    let filter = abri::store::DocumentFilter {
        numbers: Some(vec![number.to_string()]),
        ..abri::store::DocumentFilter::default()
    };
    let printables = abri::treatments::print::collect(
        &store.read(session),
        &filter,
        abri::treatments::print::PrintWhat::Documents,
    )
    .expect("impression");
    assert_eq!(printables.len(), 1);
    let lh = abri::documents::letterhead_of(&store.landlord(session).expect("bailleur"), None);
    let pdf = abri::documents::pdf::render(std::slice::from_ref(&printables[0].document), &lh)
        .expect("PDF");
    common::pdf::extract_pages(&pdf)
        .join("\n")
        .replace('\n', " ")
}

fn october_run(store: &mut Store, session: &Session) -> Vec<String> {
    let options = NoticeOptions {
        period: ymd(2026, 10, 1),
        value_date: ymd(2026, 10, 6),
        leases: Some(vec!["BAIL1".into()]),
        run_message: String::new(),
    };
    notices::run(store, session, &options, false)
        .expect("avis")
        .created
}

#[test]
fn the_notice_run_makes_the_settlement_document_once_and_it_prints_alone() {
    let (mut store, session) = situation();
    last_notice(&mut store, &session);
    assert!(
        october_run(&mut store, &session).is_empty(),
        "pas de solde : pas de document"
    );
    settle(&mut store, &session);
    let created = october_run(&mut store, &session);
    assert_eq!(
        created.len(),
        1,
        "le document de solde, et aucun avis d'octobre"
    );
    assert!(created[0].starts_with("S2026"), "{created:?}");
    assert!(
        october_run(&mut store, &session).is_empty(),
        "une seule fois"
    );
    let doc = store
        .read(&session)
        .document(&created[0])
        .expect("lecture")
        .expect("document");
    assert_eq!(doc.kind, DocumentKind::Settlement);
    // Au dernier avis : 80,00 dus (avis de septembre, DG réglé) ; depuis : retenue et
    // dépôt rendu ; solde final 250,00 en faveur du locataire.
    assert_eq!(doc.previous_balance, eur("80,00"));
    assert_eq!(doc.balance, eur("-250,00"));
    assert_eq!(doc.amount, eur("120,00"));
    assert_eq!(doc.reference, "porte à remplacer");
    let text = printed_text(&store, &session, &created[0]);
    for expected in [
        "Solde de tout compte",
        "Sortie du logement le 30/09/2026",
        "porte à remplacer",
        "120,00",
        "450,00",
        "Solde en votre faveur",
        "250,00",
        "remboursé",
    ] {
        assert!(text.contains(expected), "« {expected} » absent : {text}");
    }
    // Le document établi, le solde ne s'annule plus sans le supprimer d'abord.
    let err = settlement::run_undo(&mut store, &session, "BAIL1").expect_err("document");
    assert!(err.to_string().contains("supprimez-le d'abord"), "{err}");
    store
        .write(&session, "suppression", |repo| {
            notices::delete_document(repo, &created[0])
        })
        .expect("suppression du document");
    settlement::run_undo(&mut store, &session, "BAIL1").expect("annulation");
    assert!(store.verify().expect("vérification").is_empty());
}
