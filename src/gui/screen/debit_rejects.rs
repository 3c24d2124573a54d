//! Fenêtre « Rejets de prélèvements » (S15, étape 5) : la liste de suivi des
//! prélèvements rejetés par la banque (`treatments::debit_return::rejects`), le motif en
//! français, la contre-passation passée ; export CSV. Un double-clic ouvre la situation
//! des comptes du locataire. La référence de bout en bout n'est pas une colonne : faite
//! du locataire et de la date du prélèvement, elle ne dirait rien de plus, et le motif
//! en français a besoin de la place (elle est dans le CSV de `prelevement rejets`).

use iced::widget::{column, text};
use iced::Task;

use super::{Ctx, Event, Shortcut};
use crate::formats::sepa::returns::reason_label;
use crate::gui::widget::shortcut::list_only;
use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::{form, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::store::DebitReject;
use crate::treatments::debit_return::rejects;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Tenant,
    Name,
    Lease,
    Amount,
    Due,
    RejectedOn,
    Reason,
    Reversal,
}

/// Le motif : son code et son libellé (« AM04 provision insuffisante »).
pub fn reason(r: &DebitReject) -> String {
    format!("{} {}", r.reason_code, reason_label(&r.reason_code))
}

fn columns() -> Vec<table::Column<DebitReject, Column>> {
    vec![
        table::Column::text(Column::Tenant, wording::COL_TENANT, 14, |r| &r.tenant),
        table::Column::text(Column::Name, wording::COL_NAME, 24, |r| &r.tenant_name),
        table::Column::text(Column::Lease, wording::COL_LEASE, 14, |r| &r.lease),
        table::Column::computed(
            Column::Amount,
            wording::COL_AMOUNT,
            16,
            true,
            |r: &DebitReject| format_money(r.amount),
            |a: &DebitReject, b: &DebitReject| a.amount.cmp(&b.amount),
        )
        .plain(|r: &DebitReject| format_money_plain(r.amount)),
        table::Column::computed(
            Column::Due,
            wording::COL_DUE_DATE,
            17,
            false,
            |r: &DebitReject| format_date(r.collection_date),
            |a: &DebitReject, b: &DebitReject| a.collection_date.cmp(&b.collection_date),
        ),
        table::Column::computed(
            Column::RejectedOn,
            wording::COL_REJECTED_ON,
            17,
            false,
            |r: &DebitReject| format_date(r.rejected_on),
            |a: &DebitReject, b: &DebitReject| a.rejected_on.cmp(&b.rejected_on),
        ),
        table::Column::computed(
            Column::Reason,
            wording::COL_REASON,
            34,
            false,
            reason,
            |a: &DebitReject, b: &DebitReject| a.reason_code.cmp(&b.reason_code),
        ),
        table::Column::text(Column::Reversal, wording::COL_REVERSAL, 24, |r| &r.reversal),
    ]
}

pub const FILTER_ID: &str = "filtre-rejets";

#[derive(Debug, Clone)]
pub enum Message {
    List(table::Message<Column>),
}

/// La fenêtre.
pub struct DebitRejects {
    table: Table<DebitReject, Column>,
    error: Option<String>,
}

impl Default for DebitRejects {
    fn default() -> Self {
        DebitRejects {
            table: Table::new(
                columns(),
                Vec::new(),
                Some((Column::RejectedOn, Order::Descending)),
                FILTER_ID,
                wording::DEBIT_REJECTS_NOUN,
            ),
            error: None,
        }
    }
}

impl DebitRejects {
    pub fn table(&self) -> &Table<DebitReject, Column> {
        &self.table
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    pub fn follow<M: Send + 'static>(&mut self) -> Task<M> {
        self.table.take_scroll()
    }

    /// Relit la liste des rejets.
    pub fn reload(&mut self, ctx: &Ctx) {
        match ctx.db.read(rejects) {
            Ok(rows) => {
                self.table.set_rows(rows);
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        list_only(shortcut).map(Message::List)
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        let Message::List(m) = message;
        match self.table.update(m)? {
            table::Event::Query => None,
            table::Event::Selected(i) => {
                self.table.row(i).map(|r| Event::Selected(r.tenant.clone()))
            }
            table::Event::Open(i) => self
                .table
                .row(i)
                .map(|r| Event::OpenSituation(r.tenant.clone())),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![text(wording::DEBIT_REJECTS)
            .font(theme::FONT_BOLD)
            .size(theme::TEXT_TITLE)]
        .spacing(theme::SPACE_M);
        if let Some(e) = &self.error {
            page = page.push(form::banner(e.as_str(), theme::error_banner));
        }
        page.push(self.table.view().map(Message::List)).into()
    }
}
