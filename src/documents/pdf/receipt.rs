//! Quittance de loyer (paiement complet) ou reçu (paiement partiel), loi de 1989 art. 21.

use super::{
    euros, running_head, Col, Layout, Letterhead, Style, Table, BODY, INK, LABEL_AMOUNT, LEFT,
    MUTED, RIGHT, ROW_H, SMALL, WIDTH,
};
use crate::documents::ReceiptDoc;
use crate::model::dates::format_date;
use crate::model::Money;

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
        let aid = r.aid_received();
        let from = if aid.is_zero() {
            format!("de {} la somme de {}", h.tenant_name.trim(), euros(r.paid))
        } else {
            format!(
                "pour {} la somme de {} dont {} d'aide au logement versée par {} pour le \
                 compte du locataire,",
                h.tenant_name.trim(),
                euros(r.paid),
                euros(aid),
                aid_payer(r)
            )
        };
        let mut body = format!(
            "{landlord}, bailleur, reconnaît avoir reçu {from} au titre du loyer et des \
             charges de la période du {} au {}",
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
        self.receipt_payments(r);
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

    /// Reçu d'un paiement partiel : formule, montants appelé, reçu et restant dû ; avec
    /// une aide au logement, la part du locataire et l'aide encore attendue.
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
        self.receipt_payments(r);
        self.y += 4.0;
        self.ensure(5.0 * ROW_H + 10.0);
        self.total_line("Montant appelé", &euros(r.called), false);
        if !r.expected_aid.is_zero() {
            self.total_line("Aide au logement attendue", &euros(-r.expected_aid), false);
            self.total_line(
                "Part à votre charge",
                &euros(r.called - r.expected_aid),
                false,
            );
        }
        self.total_line("Montant reçu", &euros(r.paid), false);
        self.total_line("Reste dû", &euros(r.still_due()), true);
        self.y += 4.0;
        if r.aid_pending() > Money::ZERO {
            let pending = format!(
                "L'aide au logement de {} attendue de {} n'a pas encore été versée : elle \
                 complètera le règlement de la période.",
                euros(r.aid_pending()),
                aid_payer(r)
            );
            self.paragraph(&pending, Style::Regular, 9.0, INK);
            self.y += 2.0;
        }
        self.paragraph(
            "Une quittance sera délivrée lorsque le loyer et les charges de la période \
             auront été entièrement réglés (loi n° 89-462 du 6 juillet 1989, art. 21).",
            Style::Regular,
            SMALL,
            MUTED,
        );
    }

    /// Les règlements imputés sur la période : date, moyen, montant.
    fn receipt_payments(&mut self, r: &ReceiptDoc) {
        if r.payments.is_empty() {
            return;
        }
        const PAYMENTS: [Col; 3] = [
            Col::left(LEFT + 2.0, LEFT + 24.0),
            Col::left(LEFT + 26.0, RIGHT - 34.0),
            Col::right(RIGHT - 32.0, RIGHT - 2.0),
        ];
        let table = Table {
            cols: &PAYMENTS,
            headers: &["Date", "Règlement", "Montant"],
        };
        self.section_title("Règlements reçus");
        self.table_header(&table);
        for p in &r.payments {
            let date = format_date(p.date);
            let amount = euros(p.amount);
            self.table_row(&table, &[&date, &p.means, &amount], Style::Regular, INK);
        }
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

/// L'organisme qui verse l'aide, ou « l'organisme payeur » s'il n'est pas connu.
fn aid_payer(r: &ReceiptDoc) -> &str {
    if r.aid_payer.trim().is_empty() {
        "l'organisme payeur"
    } else {
        r.aid_payer.trim()
    }
}
