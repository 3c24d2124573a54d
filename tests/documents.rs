//! Documents PDF (S18) : avis, quittance, reçu, appel de dépôt, facture, avoir, bordereau.
//! Le texte est relu dans le PDF produit (polices Identity-H décodées par leur ToUnicode).

mod common;

use std::str::FromStr;

use abri::documents::pdf::{render, render_to_file, PdfError};
use abri::documents::{
    load_letterhead, DepositSlipDoc, Document, Letterhead, LineKind, MovementLine, NoticeDoc,
    NoticeLine, OneOffDoc, OneOffKind, PaymentRequest, ReceiptDoc, ReceiptPayment, Recipient,
    SlipLine, TenantHeader, DEFAULT_LEGAL_TEXT,
};
use abri::model::Money;
use chrono::NaiveDate;
use common::pdf::extract_pages;
use printpdf::lopdf::{self, Object};

fn money(text: &str) -> Money {
    Money::from_str(text).expect("montant de test")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test")
}

fn letterhead() -> Letterhead {
    Letterhead {
        landlord_name: "Association Toit Commun".into(),
        logo_text: "12 rue des Tilleuls\n69003 Lyon\nTél. : 04 72 00 00 00".into(),
        welcome_text: "Accueil du lundi au vendredi, de 9 h à 12 h.".into(),
        legal_text: "Conditions de règlement : payable à l'échéance.".into(),
        logo_png: None,
        iban: "FR76 3000 4000 0300 0012 3456 789".into(),
        bic: "CCBPFRPPLYO".into(),
    }
}

fn header(number: &str) -> TenantHeader {
    TenantHeader {
        number: number.into(),
        tenant_ref: "LOC0042".into(),
        tenant_name: "DUPONT Jeanne".into(),
        lease_ref: "BAIL-2024-007".into(),
        unit_ref: "L-0012".into(),
        unit_address: "3 place de la Croix-Rousse, apt 12, 69004 Lyon".into(),
        recipient: Recipient {
            name: "Mme DUPONT Jeanne".into(),
            address_lines: vec![
                "3 place de la Croix-Rousse".into(),
                "Appartement 12".into(),
                "69004 LYON".into(),
            ],
        },
        date: date(2026, 2, 25),
    }
}

fn line(label: &str, amount: &str, kind: LineKind) -> NoticeLine {
    NoticeLine {
        label: label.into(),
        amount: money(amount),
        kind,
    }
}

fn notice(movements: usize) -> NoticeDoc {
    NoticeDoc {
        header: header("A2026000012"),
        period_start: date(2026, 3, 1),
        period_end: date(2026, 3, 31),
        due_date: date(2026, 3, 5),
        previous_balance: money("409.92"),
        movements: (0..movements)
            .map(|i| MovementLine {
                date: date(2026, 2, 1 + (i % 25) as u32),
                label: format!("Règlement chèque n° {}", 1000 + i),
                debit: Money::ZERO,
                credit: money("409.92"),
            })
            .collect(),
        lines: vec![
            line("Loyer", "354.84", LineKind::Billing),
            line("Provision pour charges", "42.58", LineKind::Billing),
            line("Assurance", "12.50", LineKind::Billing),
        ],
        balance: money("409.92"),
        deferred: Money::ZERO,
        total_due: money("409.92"),
        housing_aid: Money::ZERO,
        payment: PaymentRequest::Payer {
            reference: "BAIL-2024-007".into(),
        },
        run_message: String::new(),
        message: String::new(),
    }
}

fn quittance() -> ReceiptDoc {
    ReceiptDoc {
        header: header("Q2026000012"),
        full: true,
        period_start: date(2026, 3, 1),
        period_end: date(2026, 3, 31),
        rent: money("354.84"),
        charges: money("42.58"),
        other_lines: vec![line("Assurance", "12.50", LineKind::Billing)],
        paid: money("409.92"),
        called: money("409.92"),
        payments: vec![ReceiptPayment {
            date: date(2026, 3, 4),
            means: "chèque n° 0001234".into(),
            amount: money("409.92"),
            aid: false,
        }],
        expected_aid: Money::ZERO,
        aid_payer: String::new(),
    }
}

fn recu() -> ReceiptDoc {
    ReceiptDoc {
        full: false,
        header: header("R2026000003"),
        rent: Money::ZERO,
        charges: Money::ZERO,
        other_lines: Vec::new(),
        paid: money("200"),
        payments: vec![ReceiptPayment {
            date: date(2026, 3, 4),
            means: "virement".into(),
            amount: money("200"),
            aid: false,
        }],
        ..quittance()
    }
}

fn one_off(kind: OneOffKind) -> OneOffDoc {
    OneOffDoc {
        header: header("D2026000001"),
        kind,
        reference: if kind == OneOffKind::Invoice {
            "Remplacement de la serrure".into()
        } else {
            String::new()
        },
        amount: money("600"),
        previous_deposits: if kind == OneOffKind::DepositCall {
            money("150")
        } else {
            Money::ZERO
        },
        instalments: (kind == OneOffKind::DepositCall).then(|| (money("100"), date(2026, 4, 1))),
    }
}

fn slip() -> DepositSlipDoc {
    let cheque = |tenant: &str, bank: &str, number: &str, amount: &str| SlipLine {
        tenant_name: tenant.into(),
        bank: bank.into(),
        reference: number.into(),
        amount: money(amount),
    };
    DepositSlipDoc {
        landlord_name: "Association Toit Commun".into(),
        account: "FR76 3000 4000 0300 0012 3456 789 — Banque Populaire".into(),
        batch_no: "REM-2026-014".into(),
        date: date(2026, 3, 6),
        cheques: vec![
            cheque("DUPONT Jeanne", "Crédit Agricole", "0001234", "409.92"),
            cheque("MARTIN Paul", "La Banque Postale", "7654321", "1234.56"),
            cheque("NGUYEN Thi", "Société Générale", "0000777", "52.10"),
        ],
        cash: vec![cheque("LEFÈVRE Anaïs", "", "Reçu 58", "20")],
    }
}

fn render_text(docs: &[Document]) -> Vec<String> {
    let pdf = render(docs, &letterhead()).expect("rendu PDF");
    assert!(pdf.starts_with(b"%PDF-"));
    extract_pages(&pdf)
}

fn assert_contains(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "« {e} » absent du texte :\n{text}");
    }
}

#[test]
fn notice_shows_tenant_period_lines_and_total() {
    let pages = render_text(&[Document::Notice(notice(1))]);
    assert_eq!(pages.len(), 1);
    assert_contains(
        &pages[0],
        &[
            "Association Toit Commun",
            "Avis d'échéance",
            "A2026000012",
            "DUPONT Jeanne",
            "LOC0042",
            "BAIL-2024-007",
            "L-0012",
            "Mme DUPONT Jeanne",
            "69004 LYON",
            "du 01/03/2026 au 31/03/2026",
            "échéance le 05/03/2026",
            "Relevé de compte",
            "Solde antérieur 409,92",
            "Règlement chèque n° 1000",
            "Loyer 354,84 €",
            "Provision pour charges 42,58 €",
            "Assurance 12,50 €",
            "Solde 409,92 €",
            "Total à payer 409,92 €",
            "Conditions de règlement",
            "Accueil du lundi au vendredi",
        ],
    );
    assert!(!pages[0].contains("Différé"), "pas de différé à zéro");
}

#[test]
fn notice_marks_info_and_instalment_lines_and_deferred_amount() {
    let mut n = notice(0);
    n.lines
        .push(line("Aide au logement estimée", "120", LineKind::Info));
    n.lines
        .push(line("Plan d'apurement", "50", LineKind::Instalment));
    n.balance = money("1234.56");
    n.deferred = money("800");
    n.total_due = money("434.56");
    n.run_message = "Régularisation des charges 2025 en avril.".into();
    n.message = "Merci de votre règlement.".into();
    let pages = render_text(&[Document::Notice(n)]);
    assert_contains(
        &pages[0],
        &[
            "Aide au logement estimée (pour information) 120,00 €",
            "Plan d'apurement (échéance) 50,00 €",
            "Solde 1 234,56 €",
            "Différé (échéanciers) -800,00 €",
            "Total à payer 434,56 €",
            "Régularisation des charges 2025 en avril.",
            "Merci de votre règlement.",
        ],
    );
}

#[test]
fn euro_sign_and_french_accents_survive_extraction() {
    let mut n = notice(0);
    n.message = "Créé à Lyon : façade côté cour, é à ç ô ù û ï œ « » — 15 €".into();
    let pages = render_text(&[Document::Notice(n)]);
    assert_contains(&pages[0], &["é à ç ô ù û ï œ « » — 15 €", "€", "Créé"]);
}

#[test]
fn each_document_starts_on_its_own_page() {
    let docs = [
        Document::Notice(notice(2)),
        Document::Receipt(quittance()),
        Document::Receipt(recu()),
        Document::OneOff(one_off(OneOffKind::DepositCall)),
        Document::OneOff(one_off(OneOffKind::Invoice)),
        Document::OneOff(one_off(OneOffKind::CreditNote)),
        Document::DepositSlip(slip()),
    ];
    let pages = render_text(&docs);
    assert_eq!(pages.len(), docs.len());
    let titles = [
        "Avis d'échéance",
        "Quittance de loyer",
        "Reçu",
        "Appel du dépôt de garantie",
        "Facture",
        "Avoir",
        "Bordereau de remise en banque",
    ];
    for (page, title) in pages.iter().zip(titles) {
        assert!(page.contains(title), "« {title} » absent de :\n{page}");
    }
}

#[test]
fn long_notice_overflows_to_a_second_page() {
    let pages = render_text(&[Document::Notice(notice(80))]);
    assert_eq!(pages.len(), 2, "80 écritures tiennent sur deux pages");
    assert_contains(&pages[0], &["Règlement chèque n° 1000", "Page 1/2"]);
    assert_contains(
        &pages[1],
        &[
            "Avis d'échéance n° A2026000012 — DUPONT Jeanne (suite)",
            "Règlement chèque n° 1079",
            "Total à payer 409,92 €",
            "Page 2/2",
        ],
    );
    // L'en-tête du tableau est répété sur la page de suite.
    assert_contains(&pages[1], &["Date Libellé Débit (€) Crédit (€)"]);
    // Chaque écriture n'est imprimée qu'une fois.
    let all = pages.join("\n");
    for i in 0..80 {
        let label = format!("Règlement chèque n° {} ", 1000 + i);
        assert_eq!(all.matches(&label).count(), 1, "{label}");
    }
}

#[test]
fn quittance_follows_article_21() {
    let pages = render_text(&[Document::Receipt(quittance())]);
    assert_eq!(pages.len(), 1);
    let text = pages[0].replace('\n', " ");
    assert_contains(
        &text,
        &[
            "Quittance de loyer",
            "Association Toit Commun, bailleur, reconnaît avoir reçu de DUPONT Jeanne la somme \
             de 409,92 € au titre du loyer et des charges de la période du 01/03/2026 au \
             31/03/2026",
            "et lui en donne quittance",
            "Loyer 354,84 €",
            "Charges 42,58 €",
            "Assurance 12,50 €",
            "Total 409,92 €",
            "loi n° 89-462 du 6 juillet 1989",
        ],
    );
}

#[test]
fn partial_payment_gives_a_receipt_not_a_quittance() {
    let pages = render_text(&[Document::Receipt(recu())]);
    let text = pages[0].replace('\n', " ");
    assert_contains(
        &text,
        &[
            "Reçu",
            "Reçu de DUPONT Jeanne la somme de 200,00 € en paiement partiel de l'avis",
            "du 01/03/2026 au 31/03/2026, ce reçu ne vaut pas quittance.",
            "Montant appelé 409,92 €",
            "Montant reçu 200,00 €",
            "Reste dû 209,92 €",
        ],
    );
    assert!(!text.contains("Quittance de loyer"));
}

#[test]
fn deposit_call_invoice_and_credit_note() {
    let pages = render_text(&[
        Document::OneOff(one_off(OneOffKind::DepositCall)),
        Document::OneOff(one_off(OneOffKind::Invoice)),
        Document::OneOff(one_off(OneOffKind::CreditNote)),
    ]);
    assert_contains(
        &pages[0].replace('\n', " "),
        &[
            "Appel du dépôt de garantie",
            "D2026000001",
            "Dépôts déjà appelés sur les locations précédentes 150,00 €",
            "Dépôt de garantie 600,00 €",
            "Total à payer 600,00 €",
            "Règlement en échéances de 100,00 € à partir de l'avis du 01/04/2026",
        ],
    );
    assert_contains(
        &pages[1],
        &[
            "Facture",
            "Facture — Remplacement de la serrure 600,00 €",
            "Total à payer 600,00 €",
            "Règlement à réception",
        ],
    );
    assert!(!pages[1].contains("Dépôts déjà appelés"));
    assert_contains(&pages[2], &["Avoir", "Montant en votre faveur 600,00 €"]);
}

#[test]
fn deposit_slip_lists_cheques_cash_and_totals() {
    let pages = render_text(&[Document::DepositSlip(slip())]);
    assert_eq!(pages.len(), 1);
    assert_contains(
        &pages[0],
        &[
            "Bordereau de remise en banque",
            "REM-2026-014",
            "06/03/2026",
            "FR76 3000 4000 0300 0012 3456 789",
            "Locataire Banque N° de chèque Montant",
            "DUPONT Jeanne Crédit Agricole 0001234 409,92",
            "MARTIN Paul La Banque Postale 7654321 1 234,56",
            "NGUYEN Thi Société Générale 0000777 52,10",
            "Total chèques (3 chèques) 1 696,58 €",
            "LEFÈVRE Anaïs Reçu 58 20,00",
            "Total espèces 20,00 €",
            "Nombre de chèques : 3",
            "Total de la remise 1 716,58 €",
        ],
    );
}

/// Chaque montant d'un tableau porte « € », comme les totaux (format français).
#[test]
fn table_amounts_carry_the_euro_sign() {
    let pages = render_text(&[Document::DepositSlip(slip())]);
    assert_contains(
        &pages[0],
        &[
            "DUPONT Jeanne Crédit Agricole 0001234 409,92 €",
            "MARTIN Paul La Banque Postale 7654321 1 234,56 €",
            "LEFÈVRE Anaïs Reçu 58 20,00 €",
        ],
    );
    let pages = render_text(&[Document::Notice(notice(1))]);
    assert_contains(
        &pages[0],
        &[
            "Solde antérieur 409,92 €",
            "Règlement chèque n° 1000 409,92 €",
        ],
    );
}

#[test]
fn long_deposit_slip_repeats_the_table_header() {
    let mut s = slip();
    let model = s.cheques[0].clone();
    s.cheques = (0..70)
        .map(|i| SlipLine {
            reference: format!("{:07}", i),
            ..model.clone()
        })
        .collect();
    let pages = render_text(&[Document::DepositSlip(s)]);
    assert_eq!(pages.len(), 2);
    assert_contains(
        &pages[1],
        &[
            "Bordereau de remise en banque n° REM-2026-014 (suite)",
            "Locataire Banque N° de chèque Montant",
            "Nombre de chèques : 70",
            "Page 2/2",
        ],
    );
}

#[test]
fn two_hundred_notices_render() {
    let docs: Vec<Document> = (0..200).map(|_| Document::Notice(notice(3))).collect();
    let pdf = render(&docs, &letterhead()).expect("rendu PDF");
    let doc = lopdf::Document::load_mem(&pdf).expect("le PDF se relit");
    assert_eq!(doc.get_pages().len(), 200);
}

#[test]
fn fonts_are_embedded_reduced_and_keep_their_outlines() {
    let pdf = render(&[Document::Notice(notice(3))], &letterhead()).expect("rendu PDF");
    // Polices réduites aux glyphes employés : bien moins que les 1,4 Mo de DejaVu.
    assert!(pdf.len() < 400_000, "PDF de {} octets", pdf.len());
    let doc = lopdf::Document::load_mem(&pdf).expect("le PDF se relit");
    let mut programs = 0;
    for object in doc.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        if stream.dict.get(b"Length1").is_err() {
            continue;
        }
        programs += 1;
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let face = ttf_parser::Face::parse(&data, 0).expect("police embarquée lisible");
        // Un glyphe employé (é, glyphe composé) garde son contour ; un glyphe inutilisé
        // (un idéogramme absent, un caractère grec) n'en a plus.
        let e_acute = face.glyph_index('é').expect("é");
        assert!(face.glyph_bounding_box(e_acute).is_some(), "contour de é");
        let euro = face.glyph_index('€').expect("€");
        assert!(face.glyph_bounding_box(euro).is_some(), "contour de €");
        let omega = face.glyph_index('Ω').expect("Ω");
        assert!(face.glyph_bounding_box(omega).is_none(), "Ω non employé");
    }
    assert_eq!(programs, 2, "deux polices embarquées (normale et grasse)");
}

/// Petit logo PNG : une maison bleue (toit, murs, porte) sur fond transparent.
fn sample_logo(width: u32, height: u32) -> Vec<u8> {
    let (w, h) = (width as f32, height as f32);
    let mut rgba = Vec::new();
    for y in 0..height {
        for x in 0..width {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let roof = fy < 0.5 * h && (fx - 0.5 * w).abs() <= fy / (0.5 * h) * 0.5 * w;
            let walls = fy >= 0.5 * h && fx > 0.16 * w && fx < 0.84 * w;
            let door = fy > 0.68 * h && fx > 0.42 * w && fx < 0.58 * w;
            let window = fy > 0.58 * h && fy < 0.72 * h && fx > 0.22 * w && fx < 0.34 * w;
            if door || window {
                rgba.extend_from_slice(&[242, 166, 60, 255]);
            } else if roof || walls {
                rgba.extend_from_slice(&[23, 74, 115, 255]);
            } else {
                rgba.extend_from_slice(&[0, 0, 0, 0]);
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("en-tête PNG");
        writer.write_image_data(&rgba).expect("image PNG");
    }
    out
}

#[test]
fn logo_is_drawn_and_a_bad_logo_is_reported_in_french() {
    let mut lh = letterhead();
    lh.logo_png = Some(sample_logo(600, 400));
    let pdf = render(&[Document::Notice(notice(1))], &lh).expect("rendu avec logo");
    let doc = lopdf::Document::load_mem(&pdf).expect("le PDF se relit");
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name_str).ok() == Some("Image"))
        .count();
    assert_eq!(images, 1);

    lh.logo_png = Some(b"pas une image".to_vec());
    let err = render(&[Document::Notice(notice(1))], &lh).expect_err("logo illisible");
    assert!(matches!(err, PdfError::Logo(_)));
    assert!(err.to_string().contains("logo.png"), "{err}");
}

#[test]
fn empty_selection_and_unwritable_file_give_french_errors() {
    let err = render(&[], &letterhead()).expect_err("rien à imprimer");
    assert!(err.to_string().contains("aucun document"), "{err}");

    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("absent").join("avis.pdf");
    let err = render_to_file(&[Document::Notice(notice(0))], &letterhead(), &path)
        .expect_err("dossier absent");
    assert!(err.to_string().contains("impossible d'écrire"), "{err}");

    let path = dir.path().join("avis.pdf");
    render_to_file(&[Document::Notice(notice(0))], &letterhead(), &path).expect("écriture");
    let bytes = std::fs::read(&path).expect("relecture");
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn letterhead_defaults_and_user_files() {
    let defaults = load_letterhead("Association Toit Commun", None);
    assert_eq!(defaults.landlord_name, "Association Toit Commun");
    assert!(defaults.logo_text.contains("Lyon"));
    assert!(defaults.welcome_text.contains("Accueil"));
    assert_eq!(defaults.legal_text, DEFAULT_LEGAL_TEXT.trim());
    assert!(defaults.logo_png.is_none());

    let dir = tempfile::tempdir().expect("dossier temporaire");
    // logo.txt enregistré en Windows-1252 par un éditeur ancien, fins de ligne CRLF.
    std::fs::write(
        dir.path().join("logo.txt"),
        b"1 all\xE9e des Ch\xEAnes\r\n75011 Paris\r\n",
    )
    .expect("écriture");
    std::fs::write(dir.path().join("accueil.txt"), "").expect("écriture");
    std::fs::write(dir.path().join("logo.png"), sample_logo(40, 30)).expect("écriture");
    let custom = load_letterhead("  Foyer Soleil ", Some(dir.path()));
    assert_eq!(custom.landlord_name, "Foyer Soleil");
    assert_eq!(custom.logo_text, "1 allée des Chênes\n75011 Paris");
    assert_eq!(custom.welcome_text, "", "un fichier vide n'imprime rien");
    assert_eq!(
        custom.legal_text,
        DEFAULT_LEGAL_TEXT.trim(),
        "fichier absent : défaut"
    );
    assert!(custom.logo_png.is_some());

    let pdf = render(&[Document::Notice(notice(0))], &custom).expect("rendu");
    let pages = extract_pages(&pdf);
    assert_contains(
        &pages[0],
        &["Foyer Soleil", "1 allée des Chênes", "75011 Paris"],
    );
}

/// Écrit des exemples dans /tmp pour les regarder (pdftoppm -png -r 80 …).
#[test]
#[ignore]
fn write_samples() {
    let mut lh = load_letterhead("Association Toit Commun", None);
    lh.logo_png = Some(sample_logo(300, 240));
    // Un avis cohérent : 800 € de dette sous plan d'apurement (50 € par mois).
    let mut n = notice(0);
    n.previous_balance = money("1029.92");
    n.movements = vec![
        MovementLine {
            date: date(2026, 2, 5),
            label: "Règlement chèque n° 1000".into(),
            debit: Money::ZERO,
            credit: money("229.92"),
        },
        MovementLine {
            date: date(2026, 2, 6),
            label: "Régularisation des charges 2025".into(),
            debit: money("35.40"),
            credit: Money::ZERO,
        },
        MovementLine {
            date: date(2026, 2, 10),
            label: "Règlement par virement".into(),
            debit: Money::ZERO,
            credit: money("35.40"),
        },
    ];
    n.lines
        .push(line("Aide au logement estimée", "180", LineKind::Info));
    n.lines
        .push(line("Plan d'apurement", "50", LineKind::Instalment));
    n.balance = money("1209.92");
    n.deferred = money("750");
    n.total_due = money("459.92");
    n.run_message = "Les bureaux seront fermés le lundi 6 avril 2026 (lundi de Pâques).".into();
    n.message = "Merci de nous transmettre votre attestation d'assurance 2026.".into();
    let docs = [
        Document::Notice(n),
        Document::Notice(notice(80)),
        Document::Receipt(quittance()),
        Document::Receipt(recu()),
        Document::OneOff(one_off(OneOffKind::DepositCall)),
        Document::OneOff(one_off(OneOffKind::Invoice)),
        Document::OneOff(one_off(OneOffKind::CreditNote)),
        Document::DepositSlip(slip()),
    ];
    let path = std::path::Path::new("/tmp/abri-documents.pdf");
    render_to_file(&docs, &lh, path).expect("écriture");
    println!("écrit : {}", path.display());
}

/// Débit de rendu : `cargo test --release --test documents -- --ignored --nocapture`.
#[test]
#[ignore]
fn notices_per_second() {
    let mut lh = letterhead();
    let docs: Vec<Document> = (0..1000).map(|_| Document::Notice(notice(4))).collect();
    for logo in [false, true] {
        lh.logo_png = logo.then(|| sample_logo(300, 240));
        render(&docs[..10], &lh).expect("échauffement");
        let start = std::time::Instant::now();
        let pdf = render(&docs, &lh).expect("rendu PDF");
        let elapsed = start.elapsed().as_secs_f64();
        println!(
            "1000 avis{} en {:.3} s : {:.0} pages/s, {} Ko",
            if logo { " avec logo" } else { "" },
            elapsed,
            1000.0 / elapsed,
            pdf.len() / 1024
        );
    }
    let start = std::time::Instant::now();
    let pdf = render(&docs[..1], &lh).expect("rendu PDF");
    println!(
        "1 avis en {:.3} s, {} Ko",
        start.elapsed().as_secs_f64(),
        pdf.len() / 1024
    );
}
