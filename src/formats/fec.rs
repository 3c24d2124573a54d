//! Fichier des écritures comptables (FEC, art. A47 A-1 du livre des procédures
//! fiscales) : 18 colonnes, séparateur `|`, dates AAAAMMJJ, virgule décimale, une ligne
//! par écriture, nommé `<SIREN>FEC<AAAAMMJJ>.txt` (date de clôture de l'exercice).

use chrono::NaiveDate;

use crate::ledger::LedgerLine;
use crate::model::money::format_money_plain;

/// Les 18 colonnes, dans l'ordre réglementaire.
pub const COLUMNS: [&str; 18] = [
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
];

/// Nom réglementaire du fichier.
pub fn file_name(siren: &str, closing: NaiveDate) -> String {
    format!("{siren}FEC{}", closing.format("%Y%m%d")) + ".txt"
}

fn fec_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// Le `|` sépare les champs : il ne peut pas figurer dans un libellé.
fn field(text: &str) -> String {
    text.replace(['|', '\r', '\n'], " ")
}

/// Ligne d'en-tête (noms des 18 colonnes), fin de ligne comprise.
pub fn header() -> String {
    format!("{}\r\n", COLUMNS.join("|"))
}

/// Une ligne du FEC pour une écriture, fin de ligne comprise.
pub fn line(l: &LedgerLine) -> String {
    let label = l.display_label();
    let piece_ref = if l.reference.is_empty() {
        &l.number
    } else {
        &l.reference
    };
    let fields = [
        field(&l.journal),
        field(&l.journal_label),
        l.number.clone(),
        fec_date(l.value_date),
        field(&l.account),
        field(&l.account_label),
        field(l.tiers.as_deref().unwrap_or("")),
        field(if l.tiers.is_some() { &l.tiers_name } else { "" }),
        field(piece_ref),
        fec_date(l.value_date),
        field(label),
        format_money_plain(l.debit),
        format_money_plain(l.credit),
        String::new(),
        String::new(),
        fec_date(l.recorded_on),
        String::new(),
        String::new(),
    ];
    format!("{}\r\n", fields.join("|"))
}

/// Le FEC des écritures données (déjà triées par pièce puis ligne).
pub fn write(lines: &[LedgerLine]) -> String {
    let mut out = header();
    for l in lines {
        out.push_str(&line(l));
    }
    out
}
