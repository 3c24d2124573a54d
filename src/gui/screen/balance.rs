//! Fenêtre « Balance » (manuel : « Les balances ») : balance générale (par compte) ou
//! auxiliaire (par compte et tiers) sur une période, aux six colonnes du manuel.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use iced::widget::{column, container, pick_list, row, text};
use iced::{Alignment, Length};

use super::{Ctx, Event};
use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::{form, inputs, Element};
use crate::gui::{text as wording, theme};
use crate::ledger::balance::{trial_balance, TrialBalanceRow};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::model::Money;

/// Une ligne de balance avec les libellés du compte et du tiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceLine {
    pub row: TrialBalanceRow,
    pub label: String,
    pub tiers_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Account,
    Label,
    Tiers,
    OpeningDebit,
    OpeningCredit,
    Debit,
    Credit,
    ClosingDebit,
    ClosingCredit,
}

fn amount(m: Money) -> String {
    if m.is_zero() {
        String::new()
    } else {
        format_money(m)
    }
}

macro_rules! money_column {
    ($id:expr, $group:expr, $title:expr, $field:ident) => {
        table::Column::computed(
            $id,
            $title,
            2,
            true,
            |l: &BalanceLine| amount(l.row.$field),
            |a: &BalanceLine, b: &BalanceLine| a.row.$field.cmp(&b.row.$field),
        )
        .plain(|l: &BalanceLine| format_money_plain(l.row.$field))
        .group($group)
    };
}

fn columns(by_party: bool) -> Vec<table::Column<BalanceLine, Column>> {
    let mut columns: Vec<table::Column<BalanceLine, Column>> = vec![
        table::Column::computed(
            Column::Account,
            wording::COL_ACCOUNT,
            2,
            false,
            |l| l.row.account.clone(),
            |a, b| (&a.row.account, &a.row.tiers).cmp(&(&b.row.account, &b.row.tiers)),
        ),
        table::Column::text(Column::Label, wording::COL_ACCOUNT_LABEL, 4, |l| &l.label),
    ];
    if by_party {
        columns.push(table::Column::computed(
            Column::Tiers,
            wording::COL_TIERS,
            3,
            false,
            |l| match &l.row.tiers {
                Some(t) if l.tiers_name.is_empty() => t.clone(),
                Some(t) => format!("{t} {}", l.tiers_name),
                None => String::new(),
            },
            |a, b| a.row.tiers.cmp(&b.row.tiers),
        ));
    }
    let (opening, period, closing) = (
        wording::BALANCE_GROUP_OPENING,
        wording::BALANCE_GROUP_PERIOD,
        wording::BALANCE_GROUP_CLOSING,
    );
    columns.extend([
        money_column!(
            Column::OpeningDebit,
            opening,
            wording::COL_DEBIT,
            opening_debit
        ),
        money_column!(
            Column::OpeningCredit,
            opening,
            wording::COL_CREDIT,
            opening_credit
        ),
        money_column!(Column::Debit, period, wording::COL_DEBIT, period_debit),
        money_column!(Column::Credit, period, wording::COL_CREDIT, period_credit),
        money_column!(
            Column::ClosingDebit,
            closing,
            wording::COL_DEBIT,
            closing_debit
        ),
        money_column!(
            Column::ClosingCredit,
            closing,
            wording::COL_CREDIT,
            closing_credit
        ),
    ]);
    columns
}

fn table_of(by_party: bool) -> Table<BalanceLine, Column> {
    Table::new(
        columns(by_party),
        Vec::new(),
        Some((Column::Account, Order::Ascending)),
        FILTER_ID,
        wording::BALANCE_NOUN,
    )
}

/// Présentation : générale ou auxiliaire.
pub const PRESENTATIONS: [&str; 2] = [wording::BALANCE_BY_ACCOUNT, wording::BALANCE_BY_PARTY];

#[derive(Debug, Clone)]
pub enum Message {
    From(String),
    To(String),
    Presentation(&'static str),
    Lines(table::Message<Column>),
}

pub const FILTER_ID: &str = "filtre-balance";

pub struct Balance {
    from: String,
    to: String,
    by_party: bool,
    totals: [Money; 6],
    error: Option<String>,
    table: Table<BalanceLine, Column>,
}

impl Balance {
    /// La fenêtre sans ses données, lues à sa première ouverture (`reload`) : le
    /// démarrage de l'application ne lit pas le grand livre pour une fenêtre fermée.
    pub fn unloaded(ctx: &Ctx) -> Self {
        let year = ctx.db.today.year();
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(ctx.db.today);
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(ctx.db.today);
        Balance {
            from: format_date(from),
            to: format_date(to),
            by_party: false,
            totals: [Money::ZERO; 6],
            error: None,
            table: table_of(false),
        }
    }

    pub fn new(ctx: &Ctx) -> Self {
        let mut screen = Self::unloaded(ctx);
        screen.reload(ctx);
        screen
    }

    pub fn table(&self) -> &Table<BalanceLine, Column> {
        &self.table
    }

    pub fn totals(&self) -> [Money; 6] {
        self.totals
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    /// Recalcule la balance de la période.
    pub fn reload(&mut self, ctx: &Ctx) {
        let (from, to) = match (inputs::date(&self.from), inputs::date(&self.to)) {
            (Ok(f), Ok(t)) if f <= t => (f, t),
            (Ok(_), Ok(_)) => {
                self.error = Some(wording::PERIOD_REVERSED.to_string());
                return;
            }
            (Err(e), _) | (_, Err(e)) => {
                self.error = Some(e);
                return;
            }
        };
        let by_party = self.by_party;
        match ctx.db.read(|repo| repo.entry_sums(from, to)) {
            Ok(sums) => {
                let labels: HashMap<&str, &str> = ctx
                    .data
                    .accounts
                    .iter()
                    .map(|a| (a.reference.as_str(), a.label.as_str()))
                    .collect();
                let rows = trial_balance(&sums, from, to, by_party);
                let mut totals = [Money::ZERO; 6];
                for r in &rows {
                    for (t, v) in totals.iter_mut().zip(r.columns()) {
                        *t += v;
                    }
                }
                self.totals = totals;
                let mut footer = vec![wording::BALANCE_TOTAL.to_string(), String::new()];
                if by_party {
                    footer.push(String::new());
                }
                footer.extend(totals.iter().map(|&t| format_money(t)));
                let lines = rows
                    .into_iter()
                    .map(|row| BalanceLine {
                        label: labels
                            .get(row.account.as_str())
                            .copied()
                            .unwrap_or_default()
                            .to_string(),
                        tiers_name: row
                            .tiers
                            .as_deref()
                            .map(|t| ctx.data.party_name(t))
                            .unwrap_or_default(),
                        row,
                    })
                    .collect();
                self.table.set_rows(lines);
                self.table.set_footer(footer);
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Les flèches déplacent la ligne courante de la balance.
    pub fn shortcut(&self, shortcut: super::Shortcut) -> Option<Message> {
        match shortcut {
            super::Shortcut::Move(step, extend) => {
                Some(Message::Lines(table::Message::Move(step, extend)))
            }
            _ => None,
        }
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> iced::Task<M> {
        self.table.take_scroll()
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::From(from) => {
                self.from = from;
                if !inputs::date_is_invalid(&self.from) {
                    self.reload(ctx);
                }
            }
            Message::To(to) => {
                self.to = to;
                if !inputs::date_is_invalid(&self.to) {
                    self.reload(ctx);
                }
            }
            Message::Presentation(p) => {
                let by_party = p == wording::BALANCE_BY_PARTY;
                if by_party != self.by_party {
                    self.by_party = by_party;
                    self.table = table_of(by_party);
                }
                self.reload(ctx);
            }
            Message::Lines(m) => {
                if let Some(table::Event::Selected(i)) = self.table.update(m) {
                    return self
                        .table
                        .row(i)
                        .map(|l| Event::Selected(l.row.account.clone()));
                }
            }
        }
        None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let presentation = if self.by_party {
            wording::BALANCE_BY_PARTY
        } else {
            wording::BALANCE_BY_ACCOUNT
        };
        let selection = container(
            row![
                text(wording::PANE_PERIOD).size(theme::TEXT_BODY),
                text(wording::FROM).size(theme::TEXT_BODY),
                inputs::date_input(&self.from, false, Some(Box::new(Message::From))),
                text(wording::TO).size(theme::TEXT_BODY),
                inputs::date_input(&self.to, false, Some(Box::new(Message::To))),
                text(wording::PRESENTATION).size(theme::TEXT_BODY),
                pick_list(PRESENTATIONS, Some(presentation), Message::Presentation)
                    .text_size(theme::TEXT_BODY)
                    .padding(theme::SPACE_XS + 2.0),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        )
        .padding([theme::SPACE_S, theme::SPACE_M])
        .width(Length::Fill)
        .style(theme::card);
        let mut page = column![
            text(wording::BALANCE)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            selection
        ]
        .spacing(theme::SPACE_M);
        if let Some(e) = &self.error {
            page = page.push(form::banner(e.as_str(), theme::error_banner));
        }
        // La ligne des totaux est le pied du tableau, alignée sur ses colonnes.
        page.push(self.table.view().map(Message::Lines)).into()
    }
}
