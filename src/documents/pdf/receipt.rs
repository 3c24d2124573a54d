//! Quittance de loyer (paiement complet) ou reçu (paiement partiel), loi de 1989 art. 21.

use super::super::ReceiptDoc;
use super::{
    euros, running_head, Col, Layout, Letterhead, Style, Table, BODY, INK, LEFT, MUTED, RIGHT,
    ROW_H, SMALL, WIDTH,
};
use crate::model::dates::format_date;

impl Layout {
    pub(super) fn receipt(&mut self, lh: &Letterhead, r: &ReceiptDoc) {
        let h = &r.header;
        let title = if r.full {
            "Quittance de loyer"
        } else {
            "Reçu"
        };
        self.begin_document(running_head(title, h));
        self.tenant_top(lh, title, "Numéro", h);
        self.y += 4.0;
        let landlord = if lh.landlord_name.trim().is_empty() {
            "Le bailleur"
        } else {
            lh.landlord_name.trim()
        };
        let start = format_date(r.period_start);
        let end = format_date(r.period_end);
        if r.full {
            let mut body = format!(
                "{landlord}, bailleur, reconnaît avoir reçu de {} la somme de {} au titre du \
                 loyer et des charges de la période du {start} au {end}",
                h.tenant_name.trim(),
                euros(r.paid),
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

            const DETAIL: [Col; 2] = [
                Col::left(LEFT + 2.0, RIGHT - 34.0),
                Col::right(RIGHT - 32.0, RIGHT - 2.0),
            ];
            let detail = Table {
                cols: &DETAIL,
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
            self.y += 4.0;
            self.paragraph(
                "Quittance délivrée en application de l'article 21 de la loi n° 89-462 du \
                 6 juillet 1989. Elle ne présume pas du paiement des termes antérieurs.",
                Style::Regular,
                SMALL,
                MUTED,
            );
        } else {
            let body = format!(
                "Reçu de {} la somme de {} en paiement partiel de l'avis d'échéance du {start} \
                 au {end}, ce reçu ne vaut pas quittance.",
                h.tenant_name.trim(),
                euros(r.paid),
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
        self.y += 6.0;
        self.ensure(10.0);
        let signed = format!("Le {}, pour le bailleur : {landlord}", format_date(h.date));
        let signed = self.fit(&signed, Style::Regular, BODY, WIDTH);
        self.text_right(RIGHT, self.y + 3.5, &signed, Style::Regular, BODY, INK);
        self.y += 6.0;
        self.end_document();
    }
}
