//! Lecture des retours de la banque (formats/sepa/returns.rs) sur les exemples écrits à
//! la main, un par version (tests/fixtures/sepa/returns/, décrits dans
//! docs/formats/sepa.md).

use abri::formats::sepa::returns::{
    read_return, reason_label, BankReturn, Outcome, ReturnError, ReturnKind,
};
use abri::model::money::from_cents;
use chrono::NaiveDate;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn read(xml: &str) -> BankReturn {
    read_return(xml.as_bytes()).expect("retour lisible")
}

fn rejected(code: &str) -> Outcome {
    Outcome::Rejected {
        reason: code.to_string(),
    }
}

#[test]
fn camt_054_version_02_a_credit_and_a_return_after_credit() {
    let r = read(include_str!("fixtures/sepa/returns/camt.054.001.02.xml"));
    assert_eq!((r.kind, r.version), (ReturnKind::Camt054, "001.02"));
    assert_eq!(r.msg_id, "BQ-CAMT02-0001");
    assert_eq!(r.created, ymd(2026, 3, 6));
    assert_eq!(r.creditor_ibans, ["FR7630006000011234567890189"]);
    assert_eq!(r.items.len(), 2);
    let (a, b) = (&r.items[0], &r.items[1]);
    assert_eq!(a.end_to_end_id, "LOC012-20260305");
    assert_eq!(a.amount, from_cents(9_000));
    assert_eq!(a.date, ymd(2026, 3, 5));
    assert_eq!(a.outcome, Outcome::Booked);
    assert_eq!(a.debtor_name, "M. MARTIN Eric");
    assert_eq!(b.end_to_end_id, "LOC014-20260305");
    assert_eq!(b.amount, from_cents(6_000));
    assert_eq!(b.date, ymd(2026, 3, 6));
    assert_eq!(b.outcome, rejected("MD06"));
}

#[test]
fn camt_054_version_08_two_credits() {
    let r = read(include_str!("fixtures/sepa/returns/camt.054.001.08.xml"));
    assert_eq!((r.kind, r.version), (ReturnKind::Camt054, "001.08"));
    let amounts: Vec<_> = r.items.iter().map(|i| i.amount).collect();
    assert_eq!(amounts, [from_cents(9_000), from_cents(6_000)]);
    assert!(r.items.iter().all(|i| i.outcome == Outcome::Booked));
    assert_eq!(r.items[1].debtor_name, "Mme PETIT Lea");
}

#[test]
fn pain_002_version_03_two_rejects_with_their_reason() {
    let r = read(include_str!("fixtures/sepa/returns/pain.002.001.03.xml"));
    assert_eq!((r.kind, r.version), (ReturnKind::Pain002, "001.03"));
    assert_eq!(r.original_msg_id.as_deref(), Some("ABRI-20260301-0001"));
    assert_eq!(r.group_rejection, None, "GrpSts PART : rejet partiel");
    assert_eq!(r.creditor_ics, ["FR72ZZZ123456"]);
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.items[0].end_to_end_id, "LOC021-20260305");
    assert_eq!(r.items[0].amount, from_cents(51_240));
    assert_eq!(r.items[0].date, ymd(2026, 3, 4), "date du compte rendu");
    assert_eq!(r.items[0].outcome, rejected("AM04"));
    assert_eq!(r.items[1].amount, from_cents(12_000));
    assert_eq!(r.items[1].outcome, rejected("MD01"));
    assert_eq!(r.items[1].debtor_name, "M. LEROY Paul");
}

#[test]
fn pain_002_version_10_one_reject() {
    let r = read(include_str!("fixtures/sepa/returns/pain.002.001.10.xml"));
    assert_eq!((r.kind, r.version), (ReturnKind::Pain002, "001.10"));
    assert_eq!(r.items.len(), 1);
    assert_eq!(r.items[0].outcome, rejected("AC04"));
    assert_eq!(r.items[0].debtor_name, "Mme DURAND Anne");
}

#[test]
fn reasons_are_said_in_french() {
    assert_eq!(reason_label("AM04"), "provision insuffisante");
    assert_eq!(reason_label("AC04"), "compte clôturé");
    assert_eq!(reason_label("MD01"), "pas de mandat");
    assert_eq!(reason_label("MS02"), "refus du débiteur");
}

#[test]
fn a_pending_entry_is_left_aside_and_a_group_reject_is_read() {
    let camt = include_str!("fixtures/sepa/returns/camt.054.001.08.xml");
    let pending = camt.replacen("<Sts><Cd>BOOK</Cd></Sts>", "<Sts><Cd>PDNG</Cd></Sts>", 1);
    let r = read(&pending);
    assert_eq!(r.items.len(), 1);
    assert!(r.ignored[0].contains("PDNG"), "{:?}", r.ignored);

    let pain = include_str!("fixtures/sepa/returns/pain.002.001.03.xml");
    let whole = pain.replace(
        "<GrpSts>PART</GrpSts>",
        "<GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Cd>FF01</Cd></Rsn></StsRsnInf>",
    );
    assert_eq!(read(&whole).group_rejection.as_deref(), Some("FF01"));
}

#[test]
fn malformed_returns_are_refused_with_the_place() {
    let camt = include_str!("fixtures/sepa/returns/camt.054.001.08.xml");
    let err = |xml: &str| read_return(xml.as_bytes()).expect_err("refusé").to_string();

    let comma = camt.replacen(
        "<Amt Ccy=\"EUR\">90.00</Amt>",
        "<Amt Ccy=\"EUR\">90,00</Amt>",
        2,
    );
    let e = err(&comma);
    assert!(
        e.contains("écriture n° 1") && e.contains("montant « 90,00 » illisible"),
        "{e}"
    );

    let no_ref = camt.replacen("<EndToEndId>LOC012-20260305</EndToEndId>", "", 1);
    assert!(
        err(&no_ref).contains("EndToEndId) absente"),
        "{}",
        err(&no_ref)
    );

    let bad_date = camt.replacen("<Dt>2026-03-05</Dt>", "<Dt>2026-02-30</Dt>", 2);
    assert!(
        err(&bad_date).contains("« 2026-02-30 » illisible"),
        "{}",
        err(&bad_date)
    );

    assert!(matches!(
        read_return(b"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"/>"),
        Err(ReturnError::OtherMessage(m)) if m == "camt.053.001.08"
    ));
    assert!(matches!(
        read_return(b"\xff\xfe<x/>"),
        Err(ReturnError::NotXml(_))
    ));
}
