//! Fenêtre « Impayés » (S16 : impayés avec ancienneté) : les locataires débiteurs à la
//! date choisie, leur solde réparti par ancienneté (`treatments::unpaid`), et la ligne
//! des totaux sous la liste. « Exporter en CSV » écrit ce qui est affiché ; un
//! double-clic ouvre la situation des comptes du locataire.

use iced::widget::{column, container, row, text};
use iced::{Alignment, Length};

use super::{Ctx, Event, Shortcut};
use crate::gui::widget::shortcut::list_only;
use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::{form, inputs, pane_label, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::model::Money;
use crate::treatments::unpaid::{load_unpaid, unpaid_totals, UnpaidRow, BUCKETS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Tenant,
    Name,
    Units,
    Balance,
    Bucket(usize),
    Oldest,
}

/// Un montant, vide s'il est nul.
fn amount(m: Money) -> String {
    if m.is_zero() {
        String::new()
    } else {
        format_money(m)
    }
}

macro_rules! bucket_column {
    ($i:literal) => {
        table::Column::computed(
            Column::Bucket($i),
            BUCKETS[$i],
            BUCKET_WIDTH,
            true,
            |r: &UnpaidRow| amount(r.buckets[$i]),
            |a: &UnpaidRow, b: &UnpaidRow| a.buckets[$i].cmp(&b.buckets[$i]),
        )
        .plain(|r: &UnpaidRow| format_money_plain(r.buckets[$i]))
    };
}

fn columns() -> Vec<table::Column<UnpaidRow, Column>> {
    vec![
        table::Column::text(Column::Tenant, wording::COL_TENANT, 18, |r| &r.tenant),
        table::Column::text(Column::Name, wording::COL_NAME, 32, |r| &r.name),
        table::Column::text(Column::Units, wording::COL_UNITS, 16, |r| &r.units),
        table::Column::computed(
            Column::Balance,
            wording::COL_UNPAID_BALANCE,
            BALANCE_WIDTH,
            true,
            |r: &UnpaidRow| format_money(r.balance),
            |a: &UnpaidRow, b: &UnpaidRow| a.balance.cmp(&b.balance),
        )
        .plain(|r: &UnpaidRow| format_money_plain(r.balance)),
        bucket_column!(0),
        bucket_column!(1),
        bucket_column!(2),
        bucket_column!(3),
        table::Column::computed(
            Column::Oldest,
            wording::COL_OLDEST_DEBIT,
            OLDEST_WIDTH,
            false,
            |r| r.oldest.map(format_date).unwrap_or_default(),
            |a, b| a.oldest.cmp(&b.oldest),
        ),
    ]
}

/// Parts de largeur (5 pixels sur les 1 000 de la liste dans la fenêtre de 1 280) : du
/// solde, de chaque tranche, de la date du plus ancien débit.
const BALANCE_WIDTH: u16 = 20;
const BUCKET_WIDTH: u16 = 22;
const OLDEST_WIDTH: u16 = 26;

pub const FILTER_ID: &str = "filtre-impayes";

#[derive(Debug, Clone)]
pub enum Message {
    /// Date de la situation.
    At(String),
    List(table::Message<Column>),
}

/// La fenêtre.
pub struct Unpaid {
    at: String,
    table: Table<UnpaidRow, Column>,
    error: Option<String>,
}

impl Unpaid {
    /// La fenêtre sans ses données, lues à sa première ouverture (`reload`) : les
    /// impayés se calculent sur tout le grand livre.
    pub fn unloaded(ctx: &Ctx) -> Self {
        Unpaid {
            at: format_date(ctx.db.today),
            table: Table::new(
                columns(),
                Vec::new(),
                Some((Column::Balance, Order::Descending)),
                FILTER_ID,
                wording::UNPAID_NOUN,
            ),
            error: None,
        }
    }

    pub fn table(&self) -> &Table<UnpaidRow, Column> {
        &self.table
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    /// Totaux des lignes affichées : solde, puis chaque tranche d'ancienneté.
    pub fn totals(&self) -> [Money; 5] {
        unpaid_totals(self.table.visible_rows())
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> iced::Task<M> {
        self.table.take_scroll()
    }

    /// Recalcule les impayés à la date choisie.
    pub fn reload(&mut self, ctx: &Ctx) {
        let at = match inputs::date(&self.at) {
            Ok(at) => at,
            Err(e) => {
                self.error = Some(e);
                return;
            }
        };
        match ctx.db.read(|repo| load_unpaid(repo, at)) {
            Ok(rows) => {
                self.table.set_rows(rows);
                self.refresh_footer();
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Les flèches déplacent la ligne courante ; Entrée ouvre la situation du locataire.
    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        list_only(shortcut).map(Message::List)
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::At(at) => {
                self.at = at;
                if !inputs::date_is_invalid(&self.at) {
                    self.reload(ctx);
                }
                None
            }
            Message::List(m) => match self.table.update(m)? {
                table::Event::Query => {
                    self.refresh_footer();
                    None
                }
                table::Event::Selected(i) => {
                    self.table.row(i).map(|r| Event::Selected(r.tenant.clone()))
                }
                table::Event::Open(i) => self
                    .table
                    .row(i)
                    .map(|r| Event::OpenSituation(r.tenant.clone())),
            },
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let selection = container(
            row![
                pane_label(wording::UNPAID_AT),
                inputs::date_input(&self.at, false, Some(Box::new(Message::At))),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        )
        .padding([theme::SPACE_S, theme::SPACE_M])
        .width(Length::Fill)
        .style(theme::card);
        let mut page = column![
            text(wording::UNPAID_TITLE)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            selection
        ]
        .spacing(theme::SPACE_M);
        if let Some(e) = &self.error {
            page = page.push(form::banner(e.as_str(), theme::error_banner));
        }
        // La ligne des totaux (lignes affichées) est le pied du tableau, alignée sur ses
        // colonnes.
        page.push(self.table.view().map(Message::List)).into()
    }

    /// Le pied du tableau : les totaux des lignes affichées sous leurs colonnes.
    fn refresh_footer(&mut self) {
        let mut footer = vec![
            wording::UNPAID_TOTAL.to_string(),
            String::new(),
            String::new(),
        ];
        footer.extend(self.totals().into_iter().map(format_money));
        footer.push(String::new());
        self.table.set_footer(footer);
    }
}
