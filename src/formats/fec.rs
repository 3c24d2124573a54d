//! Fichier des écritures comptables (FEC, art. A47 A-1 du livre des procédures
//! fiscales) : 18 colonnes, séparateur `|`, dates AAAAMMJJ, virgule décimale, une ligne
//! par écriture, nommé `<SIREN>FEC<AAAAMMJJ>.txt` (date de clôture de l'exercice).

use chrono::NaiveDate;

use crate::ledger::LedgerLine;
use crate::model::money::{format_money_plain, round_cents};
use crate::model::Money;

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

/// Ajoute une date `AAAAMMJJ`.
fn push_date(out: &mut String, date: NaiveDate) {
    use chrono::Datelike;
    let (year, month, day) = (date.year(), date.month(), date.day());
    match u32::try_from(year) {
        Ok(y) if y <= 9999 => {
            push_digits(out, y, 4);
            push_digits(out, month, 2);
            push_digits(out, day, 2);
        }
        // Années hors de 0..=9999 : le format de chrono (signe, chiffres en plus).
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "{}", date.format("%Y%m%d"));
        }
    }
}

/// Ajoute `value` sur `width` chiffres (complété de zéros à gauche).
fn push_digits(out: &mut String, value: u32, width: u32) {
    let mut power = 10u32.pow(width.saturating_sub(1));
    while power > 0 {
        out.push(char::from(b'0' + ((value / power) % 10) as u8));
        power /= 10;
    }
}

/// Le `|` sépare les champs : il ne peut pas figurer dans un libellé (ni un saut de
/// ligne) ; ils sont remplacés par une espace.
fn push_field(out: &mut String, text: &str) {
    if text.bytes().any(|b| matches!(b, b'|' | b'\r' | b'\n')) {
        out.extend(text.chars().map(|c| match c {
            '|' | '\r' | '\n' => ' ',
            c => c,
        }));
    } else {
        out.push_str(text);
    }
}

/// Ajoute un montant comme `format_money_plain` (virgule décimale, deux décimales, sans
/// séparateur de milliers, zéro sans signe), sans chaîne intermédiaire.
fn push_amount(out: &mut String, amount: Money) {
    let rounded = round_cents(amount);
    if rounded.is_zero() {
        out.push_str("0,00");
        return;
    }
    let scale = rounded.scale();
    let cents = if scale <= 2 {
        rounded
            .mantissa()
            .unsigned_abs()
            .checked_mul(10u128.pow(2 - scale))
    } else {
        None
    };
    let Some(cents) = cents else {
        out.push_str(&format_money_plain(amount));
        return;
    };
    if rounded.is_sign_negative() {
        out.push('-');
    }
    let units = cents / 100;
    let mut digits = [0u8; 40];
    let mut n = 0;
    let mut rest = units;
    loop {
        digits[n] = b'0' + (rest % 10) as u8;
        n += 1;
        rest /= 10;
        if rest == 0 || n == digits.len() {
            break;
        }
    }
    for d in digits[..n].iter().rev() {
        out.push(char::from(*d));
    }
    out.push(',');
    push_digits(out, (cents % 100) as u32, 2);
}

/// Ligne d'en-tête (noms des 18 colonnes), fin de ligne comprise.
pub fn header() -> String {
    format!("{}\r\n", COLUMNS.join("|"))
}

/// Une ligne du FEC pour une écriture, fin de ligne comprise.
pub fn line(l: &LedgerLine) -> String {
    let mut out = String::with_capacity(192);
    push_line(&mut out, l);
    out
}

/// Ajoute à `out` la ligne du FEC d'une écriture, fin de ligne comprise, sans
/// allocation quand `out` a déjà la place : pour un FEC d'un million de lignes,
/// réemployer le même tampon (`clear` puis `push_line`) ou écrire toutes les lignes
/// dans un seul.
pub fn push_line(out: &mut String, l: &LedgerLine) {
    let piece_ref = if l.reference.is_empty() {
        &l.number
    } else {
        &l.reference
    };
    push_field(out, &l.journal);
    out.push('|');
    push_field(out, &l.journal_label);
    out.push('|');
    out.push_str(&l.number);
    out.push('|');
    push_date(out, l.value_date);
    out.push('|');
    push_field(out, &l.account);
    out.push('|');
    push_field(out, &l.account_label);
    out.push('|');
    push_field(out, l.tiers.as_deref().unwrap_or(""));
    out.push('|');
    push_field(out, if l.tiers.is_some() { &l.tiers_name } else { "" });
    out.push('|');
    push_field(out, piece_ref);
    out.push('|');
    push_date(out, l.value_date);
    out.push('|');
    push_field(out, l.display_label());
    out.push('|');
    push_amount(out, l.debit);
    out.push('|');
    push_amount(out, l.credit);
    // EcritureLet, DateLet vides ; ValidDate ; Montantdevise, Idevise vides.
    out.push_str("|||");
    push_date(out, l.recorded_on);
    out.push_str("||\r\n");
}

/// Le FEC des écritures données (déjà triées par pièce puis ligne).
pub fn write(lines: &[LedgerLine]) -> String {
    let mut out = header();
    out.reserve(lines.len() * 160);
    for l in lines {
        push_line(&mut out, l);
    }
    out
}
