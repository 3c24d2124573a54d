//! Fichier de règlements à importer (saisie rapide par lot) : mêmes conventions que les
//! listes (`;`, UTF-8 avec ou sans BOM, dates `jj/mm/aaaa`, montants `123,45`).
//!
//! Colonnes : `remise;date_valeur;lot;locataire;montant;mode;date_reglement;reference;
//! banque;modele;organisme` (et `journal`, facultative). Seules `date_valeur` et
//! `montant` doivent figurer dans l'en-tête ; les règles métier (locataire ou lot, date
//! du règlement d'un chèque…) sont contrôlées par le plan des règlements.

use super::csv_lists::{self, CsvList, Row, RowError};
use crate::model::dates::format_date;
use crate::model::money::format_money_plain;
use crate::model::payment::{PaymentInput, DEFAULT_TEMPLATE};
use crate::model::{Invalid, PaymentMode};

/// Une ligne du fichier de règlements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRow(pub PaymentInput);

impl CsvList for PaymentRow {
    const NAME: &'static str = "reglements";
    const COLUMNS: &'static [&'static str] = &[
        "remise",
        "date_valeur",
        "lot",
        "locataire",
        "montant",
        "mode",
        "date_reglement",
        "reference",
        "banque",
        "modele",
        "organisme",
        "journal",
    ];
    const REQUIRED: &'static [&'static str] = &["date_valeur", "montant"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(PaymentRow(PaymentInput {
            line: 0,
            batch_no: r.text("remise"),
            // Date de valeur vide : le plan la signale comme obligatoire.
            value_date: r.opt_date("date_valeur")?,
            unit: r.opt_text("lot"),
            tenant: r.opt_text("locataire"),
            amount: r.money("montant")?,
            mode: r.opt_code("mode", PaymentMode::parse)?,
            payment_date: r.opt_date("date_reglement")?,
            reference: r.text("reference"),
            bank: r.text("banque"),
            template: r
                .opt_text("modele")
                .unwrap_or_else(|| DEFAULT_TEMPLATE.to_string()),
            payer: r.opt_text("organisme"),
            journal: r.text("journal"),
        }))
    }

    fn to_row(&self) -> Vec<String> {
        let p = &self.0;
        vec![
            p.batch_no.clone(),
            p.value_date.map(format_date).unwrap_or_default(),
            p.unit.clone().unwrap_or_default(),
            p.tenant.clone().unwrap_or_default(),
            format_money_plain(p.amount),
            p.mode.map(|m| m.code().to_string()).unwrap_or_default(),
            p.payment_date.map(format_date).unwrap_or_default(),
            p.reference.clone(),
            p.bank.clone(),
            p.template.clone(),
            p.payer.clone().unwrap_or_default(),
            p.journal.clone(),
        ]
    }
}

/// Lit un fichier de règlements ; chaque règlement porte son numéro de ligne (l'en-tête
/// est la ligne 1). La première ligne illisible arrête la lecture.
pub fn read_payments(text: &str) -> Result<Vec<PaymentInput>, RowError> {
    // Le lecteur CSV compte mal les lignes d'un fichier en fins de ligne CRLF (tableurs
    // Windows) : une de moins. Les fins de ligne sont ramenées à LF avant la lecture.
    let text = text.replace("\r\n", "\n");
    Ok(csv_lists::read::<PaymentRow>(&text)?
        .into_iter()
        .map(|(line, PaymentRow(mut input))| {
            input.line = usize::try_from(line).unwrap_or(usize::MAX);
            input
        })
        .collect())
}

/// Écrit des règlements au format du fichier d'import.
pub fn write_payments(inputs: &[PaymentInput]) -> String {
    let rows: Vec<PaymentRow> = inputs.iter().cloned().map(PaymentRow).collect();
    csv_lists::write(&rows)
}
