//! Solde de tout compte : relevé depuis le dernier avis, dépôt de garantie et retenue
//! avec son motif, solde final et comment il se règle.

use super::{euros, running_head, Layout, Letterhead, Style, Table, INK, LABEL_AMOUNT};
use crate::documents::SettlementDoc;
use crate::model::dates::format_date;
use crate::model::Money;

const TITLE: &str = "Solde de tout compte";

/// En-tête des pages de suite, et titre du PDF s'il ne contient que ce document.
pub(super) fn settlement_head(d: &SettlementDoc) -> String {
    running_head(TITLE, &d.header)
}

impl Layout {
    pub(super) fn settlement(&mut self, lh: &Letterhead, d: &SettlementDoc) {
        self.begin_document(settlement_head(d));
        self.tenant_top(lh, TITLE, "N° de document", &d.header);
        if let Some(out) = d.move_out_date {
            self.y += 1.0;
            self.paragraph(
                &format!("Sortie du logement le {}.", format_date(out)),
                Style::Bold,
                10.0,
                INK,
            );
        }
        self.account_statement(d.previous_balance, &d.movements);
        self.settlement_deposit(d);
        self.y += 2.5;
        let (label, amount) = final_balance(d.balance);
        self.total_line(label, &euros(amount), true);
        self.y += 3.0;
        self.paragraph(&d.ending, Style::Regular, 10.0, INK);
        self.message(&d.message);
        self.bottom_text(&lh.legal_text);
        self.end_document();
    }

    /// Dépôt de garantie : montant détenu, retenue et son motif.
    fn settlement_deposit(&mut self, d: &SettlementDoc) {
        let table = Table {
            cols: &LABEL_AMOUNT,
            headers: &["Libellé", "Montant"],
        };
        self.section_title("Dépôt de garantie");
        self.table_header(&table);
        self.table_row(
            &table,
            &["Dépôt de garantie détenu", &euros(d.deposit_held)],
            Style::Regular,
            INK,
        );
        if !d.withholding.is_zero() {
            let label = format!(
                "Retenue sur le dépôt de garantie — {}",
                d.withholding_reason
            );
            self.table_row(
                &table,
                &[&label, &euros(d.withholding)],
                Style::Regular,
                INK,
            );
        }
        let returned = d.deposit_held - d.withholding;
        self.table_row(
            &table,
            &["Dépôt rendu au compte du locataire", &euros(returned)],
            Style::Bold,
            INK,
        );
    }
}

/// Libellé et montant du solde final.
fn final_balance(balance: Money) -> (&'static str, Money) {
    if balance.is_sign_negative() && !balance.is_zero() {
        ("Solde en votre faveur", -balance)
    } else if balance.is_zero() {
        ("Solde de vos comptes", Money::ZERO)
    } else {
        ("Solde restant dû", balance)
    }
}
