//! Fichier de prélèvements SEPA (`pain.008`, étape 2 du ticket 21) : chaque fichier
//! écrit est validé par `xmllint` contre le schéma officiel de sa version
//! (`tests/fixtures/xsd/`), et son contenu vérifié avec des chiffres calculés à la main.

use std::path::Path;
use std::process::Command;

use abri::formats::sepa::{
    self, Collection, Creditor, DebitFile, DebtorAddress, PainVersion, SepaError, SequenceType,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test valide")
}

fn euros(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// Un prélèvement du 05/03/2026, sans adresse ; le reste est fixé par chaque cas.
fn debit(e2e: &str, cents: i64, sequence: SequenceType, name: &str, iban: &str) -> Collection {
    Collection {
        end_to_end_id: e2e.to_string(),
        amount: euros(cents),
        mandate_id: format!("RUM-{e2e}"),
        mandate_signed: ymd(2025, 11, 14),
        sequence,
        debtor_name: name.to_string(),
        debtor_iban: iban.to_string(),
        debtor_bic: None,
        debtor_address: None,
        remittance: format!("Loyer 03/2026 {}", &e2e[..6]),
        collection_date: ymd(2026, 3, 5),
    }
}

/// Quatre prélèvements du 05/03/2026, premiers et suivants mêlés dans la liste :
/// FRST 90,00 + 60,00 = 150,00 ; RCUR 512,40 + 120,00 = 632,40 ; en tout 782,40.
fn sample() -> DebitFile {
    let mut first = debit(
        "LOC012-202603",
        9000,
        SequenceType::First,
        "Hélène Lefèvre",
        "FR14 2004 1010 0505 0001 3M02 606",
    );
    first.debtor_bic = Some("PSSTFRPPPAR".to_string());
    first.debtor_address = Some(DebtorAddress {
        street: Some("12 rue de l'Église".to_string()),
        postcode: Some("42000".to_string()),
        town: "Saint-Étienne".to_string(),
        country: "fr".to_string(),
    });
    let mut second = debit(
        "LOC027-202603",
        51240,
        SequenceType::Recurring,
        "Jürgen Müller",
        "DE89370400440532013000",
    );
    second.debtor_bic = Some("COBADEFFXXX".to_string());
    let third = debit(
        "LOC031-202603",
        6000,
        SequenceType::First,
        "M. & Mme François Garçon",
        "FR3330002005500000157841Z25",
    );
    let mut fourth = debit(
        "LOC044-202603",
        12000,
        SequenceType::Recurring,
        "Zoé N’Diaye-Œuvray",
        "FR8410278060760002040140142",
    );
    fourth.debtor_bic = Some("CMCIFR2A".to_string());
    fourth.debtor_address = Some(DebtorAddress {
        street: None,
        postcode: None,
        town: "Créteil".to_string(),
        country: "FR".to_string(),
    });
    DebitFile {
        msg_id: "ABRI-20260301-0001".to_string(),
        created_at: ymd(2026, 3, 1).and_hms_opt(10, 30, 0).expect("heure"),
        creditor: Creditor {
            name: "Association Abri & Logement Solidaire Île-de-France".to_string(),
            iban: "FR76 3000 6000 0112 3456 7890 189".to_string(),
            bic: "AGRIFRPP".to_string(),
            ics: "FR72ZZZ123456".to_string(),
        },
        collections: vec![first, second, third, fourth],
    }
}

/// Valide `xml` avec `xmllint --noout --schema` ; échoue si xmllint manque.
fn assert_valid(xml: &str, version: PainVersion) {
    let xsd = match version {
        PainVersion::V08 => "pain.008.001.08.xsd",
        PainVersion::V02 => "pain.008.001.02.xsd",
    };
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/xsd")
        .join(xsd);
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let file = dir.path().join("prelevements.xml");
    std::fs::write(&file, xml).expect("écriture du fichier à valider");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "xmllint introuvable ({e}) : installez le paquet Debian libxml2-utils \
                 (scripts/test.sh l'installe) ; ce test ne peut pas être sauté"
            )
        });
    assert!(
        output.status.success(),
        "le fichier n'est pas valide selon {xsd} :\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Les blocs `<PmtInf>…</PmtInf>` du fichier, dans l'ordre.
fn payment_blocks(xml: &str) -> Vec<&str> {
    xml.split("<PmtInf>")
        .skip(1)
        .map(|rest| rest.split("</PmtInf>").next().unwrap_or(rest))
        .collect()
}

fn write(file: &DebitFile, version: PainVersion) -> String {
    sepa::write(file, version).expect("fichier de prélèvements écrit")
}

#[test]
fn pain_008_001_08_valide_selon_le_schema() {
    assert_valid(&write(&sample(), PainVersion::V08), PainVersion::V08);
}

#[test]
fn pain_008_001_02_valide_selon_le_schema() {
    assert_valid(&write(&sample(), PainVersion::V02), PainVersion::V02);
}

#[test]
fn en_tete_nombre_et_somme_de_controle() {
    for version in [PainVersion::V08, PainVersion::V02] {
        let xml = write(&sample(), version);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(xml.contains(&format!("<Document xmlns=\"{}\">", version.namespace())));
        let header = xml.split("</GrpHdr>").next().unwrap_or_default();
        assert!(header.contains("<MsgId>ABRI-20260301-0001</MsgId>"));
        assert!(header.contains("<CreDtTm>2026-03-01T10:30:00</CreDtTm>"));
        assert!(header.contains("<NbOfTxs>4</NbOfTxs>"));
        // 90,00 + 60,00 + 512,40 + 120,00
        assert!(header.contains("<CtrlSum>782.40</CtrlSum>"));
    }
}

#[test]
fn un_lot_par_type_de_sequence_et_date() {
    let xml = write(&sample(), PainVersion::V08);
    let blocks = payment_blocks(&xml);
    assert_eq!(blocks.len(), 2);
    // FRST : 90,00 + 60,00, dans l'ordre de la liste
    assert!(blocks[0].contains("<PmtInfId>ABRI-20260301-0001-1</PmtInfId>"));
    assert!(blocks[0].contains("<SeqTp>FRST</SeqTp>"));
    assert!(blocks[0].contains("<NbOfTxs>2</NbOfTxs>"));
    assert!(blocks[0].contains("<CtrlSum>150.00</CtrlSum>"));
    assert!(blocks[0].contains("<InstdAmt Ccy=\"EUR\">90.00</InstdAmt>"));
    assert!(blocks[0].contains("<InstdAmt Ccy=\"EUR\">60.00</InstdAmt>"));
    let first = blocks[0].find("LOC012-202603").expect("LOC012");
    let third = blocks[0].find("LOC031-202603").expect("LOC031");
    assert!(first < third);
    // RCUR : 512,40 + 120,00
    assert!(blocks[1].contains("<PmtInfId>ABRI-20260301-0001-2</PmtInfId>"));
    assert!(blocks[1].contains("<SeqTp>RCUR</SeqTp>"));
    assert!(blocks[1].contains("<NbOfTxs>2</NbOfTxs>"));
    assert!(blocks[1].contains("<CtrlSum>632.40</CtrlSum>"));
    assert!(blocks[1].contains("<InstdAmt Ccy=\"EUR\">512.40</InstdAmt>"));
    assert!(blocks[1].contains("<InstdAmt Ccy=\"EUR\">120.00</InstdAmt>"));
    for block in blocks {
        assert!(block.contains("<ReqdColltnDt>2026-03-05</ReqdColltnDt>"));
        assert!(block.contains("<SvcLvl>\n") || block.contains("<SvcLvl>"));
        assert!(block.contains("<Cd>SEPA</Cd>"));
        assert!(block.contains("<Cd>CORE</Cd>"));
        assert!(block.contains("<Id>FR72ZZZ123456</Id>"));
        assert!(block.contains("<Prtry>SEPA</Prtry>"));
        assert!(block.contains("<IBAN>FR7630006000011234567890189</IBAN>"));
    }
}

#[test]
fn dates_differentes_lots_separes_dans_l_ordre_des_dates() {
    let mut file = sample();
    file.collections[1].collection_date = ymd(2026, 3, 10);
    let xml = write(&file, PainVersion::V08);
    let blocks = payment_blocks(&xml);
    let summary: Vec<(bool, bool, bool)> = blocks
        .iter()
        .map(|b| {
            (
                b.contains("<SeqTp>FRST</SeqTp>"),
                b.contains("2026-03-05"),
                b.contains("<CtrlSum>512.40</CtrlSum>"),
            )
        })
        .collect();
    // 05/03 FRST (150,00), 05/03 RCUR (120,00), 10/03 RCUR (512,40)
    assert_eq!(
        summary,
        vec![
            (true, true, false),
            (false, true, false),
            (false, false, true)
        ]
    );
    assert!(blocks[1].contains("<CtrlSum>120.00</CtrlSum>"));
    assert_valid(&xml, PainVersion::V08);
}

#[test]
fn noms_et_libelles_translitteres() {
    for version in [PainVersion::V08, PainVersion::V02] {
        let xml = write(&sample(), version);
        // « & » devient « et », les accents et ligatures tombent
        assert!(xml.contains("<Nm>Association Abri et Logement Solidaire Ile-de-France</Nm>"));
        assert!(xml.contains("<Nm>Helene Lefevre</Nm>"));
        assert!(xml.contains("<Nm>Jurgen Muller</Nm>"));
        assert!(xml.contains("<Nm>M. et Mme Francois Garcon</Nm>"));
        assert!(xml.contains("<Nm>Zoe N'Diaye-OEuvray</Nm>"));
        assert!(xml.contains("<Ustrd>Loyer 03/2026 LOC012</Ustrd>"));
        assert!(!xml.contains('&'), "aucun « & » ni entité dans le fichier");
        assert!(xml.is_ascii(), "que des caractères du jeu SEPA");
    }
}

#[test]
fn mandat_banque_et_adresse_selon_la_version() {
    let v08 = write(&sample(), PainVersion::V08);
    assert!(v08.contains("<MndtId>RUM-LOC012-202603</MndtId>"));
    assert!(v08.contains("<DtOfSgntr>2025-11-14</DtOfSgntr>"));
    assert!(v08.contains("<BICFI>AGRIFRPP</BICFI>"));
    assert!(v08.contains("<BICFI>PSSTFRPPPAR</BICFI>"));
    assert!(v08.contains("<Id>NOTPROVIDED</Id>"));
    assert!(!v08.contains("<BIC>"));
    assert!(v08.contains("<StrtNm>12 rue de l'Eglise</StrtNm>"));
    assert!(v08.contains("<PstCd>42000</PstCd>"));
    assert!(v08.contains("<TwnNm>Saint-Etienne</TwnNm>"));
    assert!(v08.contains("<TwnNm>Creteil</TwnNm>"));
    assert!(v08.contains("<Ctry>FR</Ctry>"));

    let v02 = write(&sample(), PainVersion::V02);
    assert!(v02.contains("<BIC>AGRIFRPP</BIC>"));
    assert!(!v02.contains("BICFI"));
    assert!(v02.contains("<AdrLine>12 rue de l'Eglise</AdrLine>"));
    assert!(v02.contains("<AdrLine>42000 Saint-Etienne</AdrLine>"));
    assert!(v02.contains("<AdrLine>Creteil</AdrLine>"));
    assert!(!v02.contains("TwnNm"));
}

#[test]
fn meme_entree_meme_fichier() {
    let file = sample();
    assert_eq!(
        write(&file, PainVersion::V08),
        write(&file, PainVersion::V08)
    );
}

fn refused(file: &DebitFile) -> String {
    match sepa::write(file, PainVersion::V08) {
        Ok(_) => panic!("le fichier aurait dû être refusé"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn iban_a_la_cle_fausse_refuse() {
    let mut file = sample();
    file.collections[2].debtor_iban = "FR3430002005500000157841Z25".to_string();
    assert_eq!(
        refused(&file),
        "Prélèvement n° 3 (LOC031-202603) : IBAN invalide : la clé de contrôle ne correspond pas \
         (vérifiez les chiffres saisis)"
    );
}

#[test]
fn creancier_ics_ou_bic_faux_refuse() {
    let mut file = sample();
    file.creditor.ics = "FR73ZZZ123456".to_string();
    let message = refused(&file);
    assert!(
        message.starts_with(
            "Créancier (bailleur) : Identifiant créancier SEPA (ICS) invalide : la clé de contrôle"
        ),
        "{message}"
    );
    let mut file = sample();
    file.creditor.bic = "AGRI".to_string();
    assert!(refused(&file).contains("BIC invalide"));
    let mut file = sample();
    file.collections[0].debtor_bic = Some("12345678".to_string());
    assert!(refused(&file).starts_with("Prélèvement n° 1 (LOC012-202603) : BIC invalide"));
}

#[test]
fn liste_vide_refusee() {
    let mut file = sample();
    file.collections.clear();
    assert_eq!(sepa::write(&file, PainVersion::V08), Err(SepaError::Empty));
    assert!(refused(&file).contains("aucun prélèvement"));
}

#[test]
fn montants_hors_limites_refuses() {
    for (amount, expected) in [
        (Decimal::ZERO, "doit être supérieur à zéro"),
        (euros(-1000), "doit être supérieur à zéro"),
        (Decimal::new(12345, 3), "au plus deux décimales"),
        (
            euros(100_000_000_000),
            "dépasse le maximum SEPA de 999 999 999,99 €",
        ),
    ] {
        let mut file = sample();
        file.collections[1].amount = amount;
        let message = refused(&file);
        assert!(
            message.starts_with("Prélèvement n° 2 (LOC027-202603) : le montant"),
            "{message}"
        );
        assert!(message.contains(expected), "{message}");
    }
    // la limite elle-même passe
    let mut file = sample();
    file.collections[1].amount = euros(99_999_999_999);
    let xml = write(&file, PainVersion::V08);
    assert!(xml.contains("<InstdAmt Ccy=\"EUR\">999999999.99</InstdAmt>"));
    assert_valid(&xml, PainVersion::V08);
}

#[test]
fn identifiants_hors_regles_refuses() {
    let mut file = sample();
    file.msg_id = "A".repeat(36);
    let message = refused(&file);
    assert!(
        message.starts_with("Identifiant du message (MsgId) : "),
        "{message}"
    );
    assert!(
        message.contains("35 caractères au maximum, 36 saisis"),
        "{message}"
    );

    let mut file = sample();
    file.collections[3].end_to_end_id = "LOC044-Été".to_string();
    let message = refused(&file);
    assert!(
        message.contains("référence de bout en bout (EndToEndId)"),
        "{message}"
    );
    assert!(
        message.contains("le caractère « É » n'est pas autorisé"),
        "{message}"
    );

    let mut file = sample();
    file.collections[3].end_to_end_id = "LOC012-202603".to_string();
    assert!(refused(&file).contains("figure déjà dans le fichier"));

    let mut file = sample();
    file.collections[0].mandate_id = "R".repeat(36);
    assert!(refused(&file).contains("Référence unique de mandat (RUM) trop longue"));
}

#[test]
fn dates_et_adresse_controlees() {
    let mut file = sample();
    file.collections[0].collection_date = ymd(2026, 2, 28);
    assert!(refused(&file).contains("antérieure à la création du fichier"));

    let mut file = sample();
    file.collections[0].mandate_signed = ymd(2026, 4, 1);
    assert!(refused(&file).contains("après la date de prélèvement"));

    let mut file = sample();
    if let Some(address) = file.collections[0].debtor_address.as_mut() {
        address.country = "France".to_string();
    }
    assert!(refused(&file).contains("code en deux lettres"));

    let mut file = sample();
    file.collections[1].debtor_name = "«»".to_string();
    assert!(refused(&file).contains("nom du débiteur est obligatoire"));
}

#[test]
#[should_panic(expected = "n'est pas valide")]
fn le_validateur_refuse_un_fichier_fautif() {
    let xml =
        write(&sample(), PainVersion::V08).replace("<SeqTp>RCUR</SeqTp>", "<SeqTp>XXXX</SeqTp>");
    assert_valid(&xml, PainVersion::V08);
}

/// Le fichier de l'exemple est gardé tel quel dans `tests/fixtures/sepa/` (fichier de
/// référence, lisible, décrit dans docs/formats/sepa.md, relu élément par élément contre
/// la définition du message pain.008 et validé par son XSD) ; tout changement de
/// l'écriture s'y voit, et se reporte à la main dans le fichier après relecture.
#[test]
fn fichiers_de_reference() {
    for (version, name) in [
        (PainVersion::V08, "pain.008.001.08.xml"),
        (PainVersion::V02, "pain.008.001.02.xml"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sepa")
            .join(name);
        let xml = write(&sample(), version);
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("fichier de référence {name} illisible : {e}"));
        assert_eq!(xml, expected, "le fichier écrit diffère de {name}");
    }
}

/// 5 000 prélèvements de 90,00 € (ordre de grandeur d'une grande association) : un seul
/// lot RCUR de 450 000,00 €, toujours valide.
#[test]
fn cinq_mille_prelevements() {
    let mut file = sample();
    let model = file.collections[1].clone();
    file.collections = (0..5000)
        .map(|i| Collection {
            end_to_end_id: format!("LOC{i:05}-202603"),
            amount: euros(9000),
            ..model.clone()
        })
        .collect();
    let started = std::time::Instant::now();
    let xml = write(&file, PainVersion::V08);
    let elapsed = started.elapsed();
    assert_eq!(payment_blocks(&xml).len(), 1);
    assert!(xml.contains("<NbOfTxs>5000</NbOfTxs>"));
    assert!(xml.contains("<CtrlSum>450000.00</CtrlSum>"));
    assert_valid(&xml, PainVersion::V08);
    println!("5 000 prélèvements écrits en {elapsed:?}");
}
