//! Documents ponctuels : appel du dépôt de garantie, facture, avoir.

use super::super::{OneOffDoc, OneOffKind};
use super::{euros, running_head, Col, Layout, Letterhead, Style, Table, INK, LEFT, MUTED, RIGHT};
use crate::model::dates::format_date;

impl Layout {
    pub(super) fn one_off(&mut self, lh: &Letterhead, d: &OneOffDoc) {
        let h = &d.header;
        let (title, number_label) = match d.kind {
            OneOffKind::DepositCall => ("Appel du dépôt de garantie", "N° d'appel"),
            OneOffKind::Invoice => ("Facture", "N° de facture"),
            OneOffKind::CreditNote => ("Avoir", "N° d'avoir"),
        };
        self.begin_document(running_head(title, h));
        self.tenant_top(lh, title, number_label, h);

        const DETAIL: [Col; 2] = [
            Col::left(LEFT + 2.0, RIGHT - 34.0),
            Col::right(RIGHT - 32.0, RIGHT - 2.0),
        ];
        let detail = Table {
            cols: &DETAIL,
            headers: &["Libellé", "Montant"],
        };
        self.y += 2.0;
        self.section_title("Détail");
        self.table_header(&detail);
        let reference = d.reference.trim();
        match d.kind {
            OneOffKind::DepositCall => {
                if !d.previous_deposits.is_zero() {
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
                let label = with_reference("Dépôt de garantie", reference);
                self.table_row(&detail, &[&label, &euros(d.amount)], Style::Regular, INK);
            }
            OneOffKind::Invoice => {
                let label = with_reference("Facture", reference);
                self.table_row(&detail, &[&label, &euros(d.amount)], Style::Regular, INK);
            }
            OneOffKind::CreditNote => {
                let label = with_reference("Avoir", reference);
                self.table_row(&detail, &[&label, &euros(d.amount)], Style::Regular, INK);
            }
        }
        self.y += 2.5;
        let total_label = match d.kind {
            OneOffKind::CreditNote => "Montant en votre faveur",
            _ => "Total à payer",
        };
        self.total_line(total_label, &euros(d.amount), true);
        self.y += 3.0;
        let settlement = match (d.kind, d.instalments) {
            (OneOffKind::CreditNote, _) => {
                "Ce montant est porté au crédit de votre compte locataire.".to_string()
            }
            (_, Some((amount, first))) => format!(
                "Règlement en échéances de {} à partir de l'avis du {}.",
                euros(amount),
                format_date(first)
            ),
            (_, None) => "Règlement à réception de ce document.".to_string(),
        };
        self.paragraph(&settlement, Style::Regular, 10.0, INK);
        self.bottom_text(&lh.legal_text);
        self.end_document();
    }
}

fn with_reference(label: &str, reference: &str) -> String {
    if reference.is_empty() {
        label.to_string()
    } else {
        format!("{label} — {reference}")
    }
}
