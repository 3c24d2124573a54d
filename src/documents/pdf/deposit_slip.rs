//! Bordereau de remise en banque : chèques et espèces d'une remise.

use super::super::{DepositSlipDoc, SlipLine};
use super::{euros, Col, Layout, Letterhead, Style, Table, BODY, COL2, INK, LEFT, RIGHT, TOP};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::Money;

impl Layout {
    pub(super) fn deposit_slip(&mut self, lh: &Letterhead, s: &DepositSlipDoc) {
        let title = "Bordereau de remise en banque";
        self.begin_document(format!("{title} n° {}", s.batch_no));
        self.y = self.letterhead(lh, false).max(TOP + 14.0) + 8.0;
        self.title(title, RIGHT);
        let landlord = if s.landlord_name.trim().is_empty() {
            lh.landlord_name.clone()
        } else {
            s.landlord_name.clone()
        };
        self.references(
            LEFT,
            RIGHT,
            &[
                ("Remise n°", s.batch_no.clone()),
                ("Date", format_date(s.date)),
                ("Bailleur", landlord),
                ("Compte", s.account.clone()),
            ],
        );
        self.y += 2.0;

        const CHEQUES: [Col; 4] = [
            Col::left(LEFT + 2.0, LEFT + 70.0),
            Col::left(LEFT + 72.0, LEFT + 112.0),
            Col::left(LEFT + 114.0, RIGHT - 32.0),
            Col::right(RIGHT - 30.0, RIGHT - 2.0),
        ];
        let cheques = Table {
            cols: &CHEQUES,
            headers: &["Locataire", "Banque", "N° de chèque", "Montant"],
        };
        let cheque_total: Money = s.cheques.iter().map(|l| l.amount).sum();
        let cash_total: Money = s.cash.iter().map(|l| l.amount).sum();
        if !s.cheques.is_empty() {
            self.section_title("Chèques");
            self.table_header(&cheques);
            for line in &s.cheques {
                self.slip_row(&cheques, line, true);
            }
            self.y += 2.0;
            let count = match s.cheques.len() {
                1 => "1 chèque".to_string(),
                n => format!("{n} chèques"),
            };
            self.total_line(
                &format!("Total chèques ({count})"),
                &euros(cheque_total),
                false,
            );
        }
        if !s.cash.is_empty() {
            const CASH: [Col; 3] = [
                Col::left(LEFT + 2.0, LEFT + 90.0),
                Col::left(LEFT + 92.0, RIGHT - 32.0),
                Col::right(RIGHT - 30.0, RIGHT - 2.0),
            ];
            let cash = Table {
                cols: &CASH,
                headers: &["Locataire", "Référence", "Montant"],
            };
            self.section_title("Espèces");
            self.table_header(&cash);
            for line in &s.cash {
                self.slip_row(&cash, line, false);
            }
            self.y += 2.0;
            self.total_line("Total espèces", &euros(cash_total), false);
        }
        self.y += 3.0;
        self.ensure(30.0);
        self.text(
            LEFT,
            self.y + 6.0,
            &format!("Nombre de chèques : {}", s.cheques.len()),
            Style::Regular,
            BODY,
            INK,
        );
        self.total_line("Total de la remise", &euros(s.total()), true);
        self.y += 8.0;
        self.text(
            LEFT,
            self.y + 3.5,
            "Signature du déposant :",
            Style::Regular,
            BODY,
            INK,
        );
        self.text(
            COL2 - 8.0,
            self.y + 3.5,
            "Cachet de la banque :",
            Style::Regular,
            BODY,
            INK,
        );
        self.y += 25.0;
        self.end_document();
    }

    fn slip_row(&mut self, table: &Table, line: &SlipLine, cheque: bool) {
        let amount = format_money(line.amount);
        if cheque {
            self.table_row(
                table,
                &[&line.tenant_name, &line.bank, &line.reference, &amount],
                Style::Regular,
                INK,
            );
        } else {
            self.table_row(
                table,
                &[&line.tenant_name, &line.reference, &amount],
                Style::Regular,
                INK,
            );
        }
    }
}
