//! Bordereau de remise en banque : chèques et espèces d'une remise.

use super::{euros, Col, Layout, Letterhead, Style, Table, BODY, COL2, INK, LEFT, RIGHT, TOP};
use crate::documents::DepositSlipDoc;
use crate::model::dates::format_date;
use crate::model::Money;

const TITLE: &str = "Bordereau de remise en banque";

/// En-tête des pages de suite, et titre du PDF s'il ne contient que ce bordereau.
pub(super) fn deposit_slip_head(s: &DepositSlipDoc) -> String {
    format!("{TITLE} n° {}", s.batch_no)
}

impl Layout {
    pub(super) fn deposit_slip(&mut self, lh: &Letterhead, s: &DepositSlipDoc) {
        self.begin_document(deposit_slip_head(s));
        self.slip_top(lh, s);
        if !s.cheques.is_empty() {
            self.slip_cheques(s);
        }
        if !s.cash.is_empty() {
            self.slip_cash(s);
        }
        self.slip_total_and_signatures(s);
        self.end_document();
    }

    /// En-tête du bailleur (sans texte d'accueil : le bordereau va à la banque), titre
    /// et références de la remise sur toute la largeur.
    fn slip_top(&mut self, lh: &Letterhead, s: &DepositSlipDoc) {
        self.y = self.letterhead(lh, false).max(TOP + 14.0) + 8.0;
        self.title(TITLE, RIGHT);
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
    }

    /// Tableau des chèques (banque tirée, numéro) et son total.
    fn slip_cheques(&mut self, s: &DepositSlipDoc) {
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
        self.section_title("Chèques");
        self.table_header(&cheques);
        for line in &s.cheques {
            let amount = euros(line.amount);
            self.table_row(
                &cheques,
                &[&line.tenant_name, &line.bank, &line.reference, &amount],
                Style::Regular,
                INK,
            );
        }
        self.y += 2.0;
        let count = match s.cheques.len() {
            1 => "1 chèque".to_string(),
            n => format!("{n} chèques"),
        };
        let total: Money = s.cheques.iter().map(|l| l.amount).sum();
        self.total_line(&format!("Total chèques ({count})"), &euros(total), false);
    }

    /// Tableau des espèces et son total.
    fn slip_cash(&mut self, s: &DepositSlipDoc) {
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
            let amount = euros(line.amount);
            self.table_row(
                &cash,
                &[&line.tenant_name, &line.reference, &amount],
                Style::Regular,
                INK,
            );
        }
        self.y += 2.0;
        let total: Money = s.cash.iter().map(|l| l.amount).sum();
        self.total_line("Total espèces", &euros(total), false);
    }

    /// Total de la remise et cadres de signature, gardés sur la même page.
    fn slip_total_and_signatures(&mut self, s: &DepositSlipDoc) {
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
    }
}
