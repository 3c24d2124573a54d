//! Documents ponctuels : appel du dépôt de garantie, facture, avoir.

use super::{euros, running_head, Layout, Letterhead, Style, Table, INK, LABEL_AMOUNT, MUTED};
use crate::documents::{OneOffDoc, OneOffKind};
use crate::model::dates::format_date;

/// Les mots propres à chaque type de document ponctuel, réunis ici.
struct Wording {
    title: &'static str,
    number_label: &'static str,
    /// Libellé de la ligne du montant, suivi de la référence s'il y en a une.
    line_label: &'static str,
    total_label: &'static str,
}

fn wording(kind: OneOffKind) -> Wording {
    match kind {
        OneOffKind::DepositCall => Wording {
            title: "Appel du dépôt de garantie",
            number_label: "N° d'appel",
            line_label: "Dépôt de garantie",
            total_label: "Total à payer",
        },
        OneOffKind::Invoice => Wording {
            title: "Facture",
            number_label: "N° de facture",
            line_label: "Facture",
            total_label: "Total à payer",
        },
        OneOffKind::CreditNote => Wording {
            title: "Avoir",
            number_label: "N° d'avoir",
            line_label: "Avoir",
            total_label: "Montant en votre faveur",
        },
    }
}

/// En-tête des pages de suite, et titre du PDF s'il ne contient que ce document.
pub(super) fn one_off_head(d: &OneOffDoc) -> String {
    running_head(wording(d.kind).title, &d.header)
}

impl Layout {
    pub(super) fn one_off(&mut self, lh: &Letterhead, d: &OneOffDoc) {
        let words = wording(d.kind);
        self.begin_document(one_off_head(d));
        self.tenant_top(lh, words.title, words.number_label, &d.header);
        self.y += 2.0;
        self.one_off_detail(d, &words);
        self.y += 2.5;
        self.total_line(words.total_label, &euros(d.amount), true);
        self.y += 3.0;
        self.paragraph(&settlement(d), Style::Regular, 10.0, INK);
        self.bottom_text(&lh.legal_text);
        self.end_document();
    }

    /// Tableau du détail : la ligne du montant, précédée pour un appel de dépôt des
    /// dépôts déjà appelés sur les locations précédentes.
    fn one_off_detail(&mut self, d: &OneOffDoc, words: &Wording) {
        let detail = Table {
            cols: &LABEL_AMOUNT,
            headers: &["Libellé", "Montant"],
        };
        self.section_title("Détail");
        self.table_header(&detail);
        if d.kind == OneOffKind::DepositCall && !d.previous_deposits.is_zero() {
            let previous = euros(d.previous_deposits);
            self.table_row(
                &detail,
                &[
                    "Dépôts déjà appelés sur les locations précédentes",
                    &previous,
                ],
                Style::Regular,
                MUTED,
            );
        }
        let label = with_reference(words.line_label, d.reference.trim());
        self.table_row(&detail, &[&label, &euros(d.amount)], Style::Regular, INK);
    }
}

/// Phrase sur le règlement : crédit du compte (avoir), échéances ou paiement à réception.
fn settlement(d: &OneOffDoc) -> String {
    match (d.kind, d.instalments) {
        (OneOffKind::CreditNote, _) => {
            "Ce montant est porté au crédit de votre compte locataire.".to_string()
        }
        (_, Some((amount, first))) => format!(
            "Règlement en échéances de {} à partir de l'avis du {}.",
            euros(amount),
            format_date(first)
        ),
        (_, None) => "Règlement à réception de ce document.".to_string(),
    }
}

fn with_reference(label: &str, reference: &str) -> String {
    if reference.is_empty() {
        label.to_string()
    } else {
        format!("{label} — {reference}")
    }
}
