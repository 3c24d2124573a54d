//! Quittance de loyer (paiement complet) ou reçu (paiement partiel), loi de 1989 art. 21.

use super::{
    euros, running_head, Layout, Letterhead, Style, Table, BODY, INK, LABEL_AMOUNT, MUTED, RIGHT,
    ROW_H, SMALL, WIDTH,
};
use crate::documents::ReceiptDoc;
use crate::model::dates::format_date;

/// Une quittance seulement quand l'avis est entièrement réglé (art. 21) ; un reçu sinon.
fn title(r: &ReceiptDoc) -> &'static str {
    if r.full {
        "Quittance de loyer"
    } else {
        "Reçu"
    }
}

/// En-tête des pages de suite, et titre du PDF s'il ne contient que ce document.
pub(super) fn receipt_head(r: &ReceiptDoc) -> String {
    running_head(title(r), &r.header)
}

impl Layout {
    pub(super) fn receipt(&mut self, lh: &Letterhead, r: &ReceiptDoc) {
        self.begin_document(receipt_head(r));
        self.tenant_top(lh, title(r), "Numéro", &r.header);
        self.y += 4.0;
        let landlord = if lh.landlord_name.trim().is_empty() {
            "Le bailleur"
        } else {
            lh.landlord_name.trim()
        };
        if r.full {
            self.quittance_body(r, landlord);
        } else {
            self.partial_receipt_body(r);
        }
        self.receipt_signature(r, landlord);
        self.end_document();
    }

    /// Quittance : formule, détail du règlement, total et rappel de la loi.
    fn quittance_body(&mut self, r: &ReceiptDoc, landlord: &str) {
        let h = &r.header;
        let mut body = format!(
            "{landlord}, bailleur, reconnaît avoir reçu de {} la somme de {} au titre du \
             loyer et des charges de la période du {} au {}",
            h.tenant_name.trim(),
            euros(r.paid),
            format_date(r.period_start),
            format_date(r.period_end),
        );
        if !h.unit_address.trim().is_empty() {
            body.push_str(&format!(
                ", pour le logement situé {}",
                h.unit_address.trim()
            ));
        }
        body.push_str(", et lui en donne quittance, sous réserve de tous ses droits.");
        self.paragraph(&body, Style::Regular, 10.0, INK);
        self.y += 3.0;
        self.quittance_detail(r);
        self.y += 4.0;
        self.paragraph(
            "Quittance délivrée en application de l'article 21 de la loi n° 89-462 du \
             6 juillet 1989. Elle ne présume pas du paiement des termes antérieurs.",
            Style::Regular,
            SMALL,
            MUTED,
        );
    }

    /// Loyer, charges et autres lignes réglées, puis le total (la loi veut le détail).
    fn quittance_detail(&mut self, r: &ReceiptDoc) {
        let detail = Table {
            cols: &LABEL_AMOUNT,
            headers: &["Détail", "Montant"],
        };
        self.section_title("Détail du règlement");
        self.table_header(&detail);
        self.table_row(&detail, &["Loyer", &euros(r.rent)], Style::Regular, INK);
        self.table_row(
            &detail,
            &["Charges", &euros(r.charges)],
            Style::Regular,
            INK,
        );
        for line in &r.other_lines {
            let amount = euros(line.amount);
            self.table_row(&detail, &[&line.label, &amount], Style::Regular, INK);
        }
        self.y += 2.5;
        self.total_line("Total", &euros(r.paid), true);
    }

    /// Reçu d'un paiement partiel : formule, montants appelé, reçu et restant dû.
    fn partial_receipt_body(&mut self, r: &ReceiptDoc) {
        let body = format!(
            "Reçu de {} la somme de {} en paiement partiel de l'avis d'échéance du {} au {}, \
             ce reçu ne vaut pas quittance.",
            r.header.tenant_name.trim(),
            euros(r.paid),
            format_date(r.period_start),
            format_date(r.period_end),
        );
        self.paragraph(&body, Style::Regular, 10.0, INK);
        self.y += 4.0;
        self.ensure(3.0 * ROW_H + 10.0);
        self.total_line("Montant appelé", &euros(r.called), false);
        self.total_line("Montant reçu", &euros(r.paid), false);
        self.total_line("Reste dû", &euros(r.called - r.paid), true);
        self.y += 4.0;
        self.paragraph(
            "Une quittance sera délivrée lorsque le loyer et les charges de la période \
             auront été entièrement réglés (loi n° 89-462 du 6 juillet 1989, art. 21).",
            Style::Regular,
            SMALL,
            MUTED,
        );
    }

    /// Date et bailleur signataire, à droite sous le corps.
    fn receipt_signature(&mut self, r: &ReceiptDoc, landlord: &str) {
        self.y += 6.0;
        self.ensure(10.0);
        let signed = format!(
            "Le {}, pour le bailleur : {landlord}",
            format_date(r.header.date)
        );
        let signed = self.fit(&signed, Style::Regular, BODY, WIDTH);
        self.text_right(RIGHT, self.y + 3.5, &signed, Style::Regular, BODY, INK);
        self.y += 6.0;
    }
}
