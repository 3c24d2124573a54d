//! Avis d'échéance : relevé de compte, détail de la période, total à payer.

use super::{
    euros, running_head, Col, Layout, Letterhead, Style, Table, INK, LABEL_AMOUNT, LEFT, MUTED,
    RIGHT, ROW_H, SHADE, SMALL, WIDTH,
};
use crate::documents::{LineKind, NoticeDoc};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::Money;

const TITLE: &str = "Avis d'échéance";

/// En-tête des pages de suite, et titre du PDF s'il ne contient que cet avis.
pub(super) fn notice_head(n: &NoticeDoc) -> String {
    running_head(TITLE, &n.header)
}

impl Layout {
    pub(super) fn notice(&mut self, lh: &Letterhead, n: &NoticeDoc) {
        self.begin_document(notice_head(n));
        self.tenant_top(lh, TITLE, "N° d'avis", &n.header);
        self.notice_period(n);
        self.notice_account(n);
        self.notice_lines(n);
        self.notice_totals(n);
        self.message(&n.run_message);
        self.message(&n.message);
        self.bottom_text(&lh.legal_text);
        self.end_document();
    }

    /// Bandeau grisé : période appelée et date d'échéance.
    fn notice_period(&mut self, n: &NoticeDoc) {
        self.y += 1.0;
        self.fill(LEFT, self.y, WIDTH, 7.5, SHADE);
        let period = format!(
            "Période du {} au {}, échéance le {}",
            format_date(n.period_start),
            format_date(n.period_end),
            format_date(n.due_date)
        );
        self.text(LEFT + 2.5, self.y + 5.1, &period, Style::Bold, 10.0, INK);
        self.y += 9.0;
    }

    /// Relevé de compte : solde antérieur puis mouvements depuis le dernier avis.
    fn notice_account(&mut self, n: &NoticeDoc) {
        const ACCOUNT: [Col; 4] = [
            Col::left(LEFT + 2.0, LEFT + 22.0),
            Col::left(LEFT + 24.0, RIGHT - 62.0),
            Col::right(RIGHT - 60.0, RIGHT - 32.0),
            Col::right(RIGHT - 30.0, RIGHT - 2.0),
        ];
        let account = Table {
            cols: &ACCOUNT,
            headers: &["Date", "Libellé", "Débit (€)", "Crédit (€)"],
        };
        self.section_title("Relevé de compte");
        self.table_header(&account);
        // Un solde antérieur négatif est un crédit du locataire.
        let previous = format_money(n.previous_balance.abs());
        let (debit, credit) = if n.previous_balance < Money::ZERO {
            ("", previous.as_str())
        } else {
            (previous.as_str(), "")
        };
        self.table_row(
            &account,
            &["", "Solde antérieur", debit, credit],
            Style::Bold,
            INK,
        );
        for m in &n.movements {
            let date = format_date(m.date);
            let debit = nonzero_money(m.debit);
            let credit = nonzero_money(m.credit);
            self.table_row(
                &account,
                &[&date, &m.label, &debit, &credit],
                Style::Regular,
                INK,
            );
        }
    }

    /// Détail de la période : lignes facturées, échéances, lignes pour information.
    fn notice_lines(&mut self, n: &NoticeDoc) {
        let lines = Table {
            cols: &LABEL_AMOUNT,
            headers: &["Libellé", "Montant"],
        };
        self.section_title("Détail de la période");
        self.table_header(&lines);
        for line in &n.lines {
            let (label, color) = match line.kind {
                LineKind::Billing => (line.label.clone(), INK),
                LineKind::Instalment => (format!("{} (échéance)", line.label), INK),
                LineKind::Info => (format!("{} (pour information)", line.label), MUTED),
            };
            let amount = euros(line.amount);
            self.table_row(&lines, &[&label, &amount], Style::Regular, color);
        }
    }

    /// Solde, part différée par les échéanciers et total à payer, gardés ensemble.
    fn notice_totals(&mut self, n: &NoticeDoc) {
        self.y += 2.5;
        let mut needed = 2.0 * ROW_H + 10.0;
        if !n.deferred.is_zero() {
            needed += ROW_H;
        }
        self.ensure(needed);
        self.total_line("Solde", &euros(n.balance), false);
        if !n.deferred.is_zero() {
            self.total_line("Différé (échéanciers)", &euros(-n.deferred), false);
        }
        self.total_line("Total à payer", &euros(n.total_due), true);
        if n.total_due < Money::ZERO {
            self.text_right(
                RIGHT - 2.0,
                self.y + 2.5,
                "Montant en votre faveur : aucun paiement à effectuer.",
                Style::Regular,
                SMALL,
                MUTED,
            );
            self.y += 4.5;
        }
    }
}

/// Montant d'une colonne débit ou crédit : vide quand il est nul.
fn nonzero_money(amount: Money) -> String {
    if amount.is_zero() {
        String::new()
    } else {
        format_money(amount)
    }
}
