//! Avis d'échéance : relevé de compte, détail de la période, total à payer.

use super::{
    euros, running_head, Col, Layout, Letterhead, Style, Table, COL2, INK, LABEL_AMOUNT, LEFT,
    MUTED, PT, RIGHT, ROW_H, SHADE, SMALL, WIDTH,
};
use crate::documents::{LineKind, MovementLine, NoticeDoc, PaymentRequest};
use crate::model::dates::format_date;
use crate::model::validate::format_iban;
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
        self.account_statement(n.previous_balance, &n.movements);
        self.notice_lines(n);
        self.notice_totals(lh, n);
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

    /// Relevé de compte : solde antérieur puis mouvements depuis le dernier avis (avis,
    /// solde de tout compte).
    pub(super) fn account_statement(
        &mut self,
        previous_balance: Money,
        movements: &[MovementLine],
    ) {
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
        let previous = euros(previous_balance.abs());
        let (debit, credit) = if previous_balance < Money::ZERO {
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
        for m in movements {
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

    /// Solde, part différée par les échéanciers et total à payer, gardés ensemble. Avec
    /// une aide au logement attendue, le total dû, l'aide et le reste à charge : le
    /// montant demandé au locataire est le seul en gras. À gauche des totaux, comment
    /// régler.
    fn notice_totals(&mut self, lh: &Letterhead, n: &NoticeDoc) {
        self.y += 2.5;
        let mut needed = 2.0 * ROW_H + 10.0;
        if !n.deferred.is_zero() {
            needed += ROW_H;
        }
        if !n.housing_aid.is_zero() {
            needed += 2.0 * ROW_H;
        }
        let leading = SMALL * PT * 1.4;
        let side: Vec<String> = payment_text(lh, n)
            .iter()
            .flat_map(|p| self.wrap(p, Style::Regular, SMALL, SIDE_WIDTH))
            .collect();
        self.ensure(needed.max(side.len() as f32 * leading + 2.0));
        let top = self.y;
        self.total_line("Solde", &euros(n.balance), false);
        if !n.deferred.is_zero() {
            self.total_line("Différé (échéanciers)", &euros(-n.deferred), false);
        }
        if n.housing_aid.is_zero() {
            self.total_line("Total à payer", &euros(n.total_due), true);
        } else {
            self.total_line("Total dû pour la période", &euros(n.total_due), false);
            self.total_line("Aide au logement attendue", &euros(-n.housing_aid), false);
            self.total_line("Reste à votre charge", &euros(n.tenant_share()), true);
        }
        if n.tenant_share() <= Money::ZERO {
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
        let mut y = top + 1.0;
        for line in &side {
            self.text(
                LEFT,
                y + SMALL * PT * 0.85,
                line,
                Style::Regular,
                SMALL,
                INK,
            );
            y += leading;
        }
        self.y = self.y.max(y);
    }
}

/// Largeur du texte de règlement, à gauche des totaux.
const SIDE_WIDTH: f32 = COL2 - 12.0 - LEFT;

/// Comment régler : le prélèvement annoncé, ou le compte du bailleur, la référence à
/// rappeler sur le virement et l'ordre du chèque. Rien quand il n'y a rien à payer.
fn payment_text(lh: &Letterhead, n: &NoticeDoc) -> Vec<String> {
    if n.tenant_share() <= Money::ZERO {
        return Vec::new();
    }
    match &n.payment {
        PaymentRequest::DirectDebit {
            date,
            masked_iban,
            amount,
        } => vec![
            format!(
                "Montant prélevé le {} sur le compte {masked_iban} : {}.",
                format_date(*date),
                euros(*amount)
            ),
            "Vous n'avez rien à faire ; veillez à ce que votre compte soit approvisionné."
                .to_string(),
        ],
        PaymentRequest::Payer { reference } => payer_lines(lh, reference),
    }
}

/// Virement (compte du bailleur s'il est connu, référence) et chèque (ordre).
fn payer_lines(lh: &Letterhead, reference: &str) -> Vec<String> {
    let landlord = lh.landlord_name.trim();
    let mut lines = Vec::new();
    if !lh.iban.trim().is_empty() {
        let mut transfer = format!("Par virement : IBAN {}", format_iban(&lh.iban));
        if !lh.bic.trim().is_empty() {
            transfer.push_str(&format!(" — BIC {}", lh.bic.trim()));
        }
        if !reference.trim().is_empty() {
            transfer.push_str(&format!(
                " ; indiquez la référence {} dans le libellé du virement.",
                reference.trim()
            ));
        }
        lines.push(transfer);
    }
    if !landlord.is_empty() {
        let mut cheque = format!("Par chèque à l'ordre de {landlord}");
        if !reference.trim().is_empty() {
            cheque.push_str(&format!(
                ", en inscrivant au dos la référence {}",
                reference.trim()
            ));
        }
        cheque.push('.');
        lines.push(cheque);
    }
    lines
}

/// Montant d'une colonne débit ou crédit : vide quand il est nul.
fn nonzero_money(amount: Money) -> String {
    if amount.is_zero() {
        String::new()
    } else {
        euros(amount)
    }
}
