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
