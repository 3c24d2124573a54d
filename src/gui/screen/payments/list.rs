//! La liste des règlements enregistrés (manuel : « Les règlements ») : date de valeur,
//! locataire, location, mode, remise, banque, référence, montant et ventilation, avec le
//! volet de sélection (période, journal, mode, remise, locataire) et, sous la liste, le
//! nombre et le total des règlements affichés. Les règlements sont lus par
//! `treatments::payments::booked_payments`, seulement ceux de la sélection.

use std::collections::HashMap;
use std::ops::Deref;

use chrono::{Datelike, NaiveDate};
use iced::widget::{column, container, pick_list, row, text};
use iced::{Alignment, Length};

use crate::gui::screen::{Ctx, Data, Event};
use crate::gui::widget::picker::{self, Picker};
use crate::gui::widget::table::{self, by_text, Order, Table, MAX_ROWS};
use crate::gui::widget::{form, inputs, pane_label, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::model::PaymentMode;
use crate::store::{PaymentFilter, PaymentSummary};
use crate::treatments::payments::{booked_payments, drawn_bank, payments_total};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Date,
    Tenant,
    Name,
    Lease,
    Mode,
    Batch,
    Bank,
    Reference,
    Amount,
    Allocation,
}

fn mode_label(p: &PaymentLine) -> &'static str {
    p.mode.map(PaymentMode::label).unwrap_or_default()
}

/// Un règlement de la liste, avec sa ventilation en clair ; il se lit comme le règlement
/// lui-même (`line.number`, `line.amount`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLine {
    pub payment: PaymentSummary,
    /// « LO 180,00 · DG 257,43 » : le compte de gestion crédité (à défaut, le compte) et
    /// son montant.
    pub allocation: String,
}

impl Deref for PaymentLine {
    type Target = PaymentSummary;

    fn deref(&self) -> &PaymentSummary {
        &self.payment
    }
}

/// Les lignes de la liste : la ventilation de chaque règlement nomme les comptes de
/// gestion (LO, DG, DV, EV) plutôt que leurs numéros.
fn lines_of(payments: Vec<PaymentSummary>, data: &Data) -> Vec<PaymentLine> {
    let gestion: HashMap<&str, &'static str> = data
        .accounts
        .iter()
        .filter_map(|a| Some((a.reference.as_str(), a.gestion?.code())))
        .collect();
    payments
        .into_iter()
        .map(|payment| {
            let allocation = payment
                .allocation
                .iter()
                .map(|(account, amount)| {
                    let name = gestion.get(account.as_str()).copied().unwrap_or(account);
                    wording::allocation_part(name, &format_money(*amount))
                })
                .collect::<Vec<_>>()
                .join(" · ");
            PaymentLine {
                payment,
                allocation,
            }
        })
        .collect()
}

/// Colonnes ; les largeurs sont des parts de 5 pixels sur les 1 000 de la liste dans la
/// fenêtre de 1 280 pixels.
fn columns() -> Vec<table::Column<PaymentLine, Column>> {
    vec![
        table::Column::computed(
            Column::Date,
            wording::COL_VALUE_DATE,
            19,
            false,
            |p| format_date(p.value_date),
            |a, b| (a.value_date, &a.number).cmp(&(b.value_date, &b.number)),
        ),
        table::Column::text(Column::Tenant, wording::COL_TENANT, 16, |p| &p.tiers),
        table::Column::text(Column::Name, wording::COL_TENANT_NAME, 30, |p| {
            &p.tiers_name
        }),
        table::Column::text(Column::Lease, wording::COL_LEASE, 15, |p| &p.lease),
        table::Column::computed(
            Column::Mode,
            wording::COL_MODE,
            20,
            false,
            |p| mode_label(p).to_string(),
            |a, b| by_text(mode_label(a), mode_label(b)),
        ),
        table::Column::text(Column::Batch, wording::COL_BATCH, 31, |p| &p.batch_no),
        table::Column::computed(
            Column::Bank,
            wording::COL_BANK,
            14,
            false,
            |p| drawn_bank(p),
            |a, b| by_text(&drawn_bank(a), &drawn_bank(b)),
        ),
        table::Column::text(Column::Reference, wording::COL_PAYMENT_REFERENCE, 14, |p| {
            &p.reference
        }),
        table::Column::computed(
            Column::Amount,
            wording::COL_AMOUNT,
            17,
            true,
            |p: &PaymentLine| format_money(p.amount),
            |a: &PaymentLine, b: &PaymentLine| a.amount.cmp(&b.amount),
        )
        .plain(|p: &PaymentLine| format_money_plain(p.amount)),
        table::Column::text(Column::Allocation, wording::COL_ALLOCATION, 24, |p| {
            &p.allocation
        }),
    ]
}

pub const FILTER_ID: &str = "filtre-reglements";
/// Identifiant de la zone de recherche du locataire.
pub const TENANT_PICKER_ID: &str = "recherche-locataire-reglements";
const TENANT_WIDTH: f32 = 260.0;

/// Ce que l'utilisateur fait dans la liste et son volet de sélection.
#[derive(Debug, Clone)]
pub enum Message {
    From(String),
    To(String),
    Journal(String),
    Mode(String),
    Batch(String),
    Tenant(picker::Message),
    List(table::Message<Column>),
}

/// La liste des règlements enregistrés.
pub struct Booked {
    from: String,
    to: String,
    journal: String,
    journals: Vec<String>,
    mode: String,
    modes: Vec<String>,
    batch: String,
    tenant: Picker,
    table: Table<PaymentLine, Column>,
    load_error: Option<String>,
    /// La sélection a plus de `MAX_ROWS` règlements : seuls les premiers sont chargés.
    truncated: bool,
}

impl Booked {
    /// La liste sans ses règlements, lus à la première ouverture de la fenêtre : le mois
    /// précédent et le mois en cours (les règlements d'un avis arrivent souvent le mois
    /// suivant), tous journaux, modes, remises et locataires.
    pub fn unloaded(data: &Data, today: NaiveDate) -> Self {
        let month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        let from = crate::model::dates::add_months(month, -1).unwrap_or(month);
        let to = crate::model::dates::add_months(month, 1)
            .and_then(|next| next.pred_opt())
            .unwrap_or(today);
        let modes = std::iter::once(wording::ALL.to_string())
            .chain(PaymentMode::ALL.iter().map(|m| m.label().to_string()))
            .collect();
        Booked {
            from: format_date(from),
            to: format_date(to),
            journal: wording::ALL.to_string(),
            journals: Vec::new(),
            mode: wording::ALL.to_string(),
            modes,
            batch: String::new(),
            tenant: Picker::shared(
                data.tenant_choices(),
                "",
                wording::TENANT_PICKER_PLACEHOLDER,
                TENANT_PICKER_ID,
            )
            .clearable(),
            table: Table::new(
                columns(),
                Vec::new(),
                Some((Column::Date, Order::Ascending)),
                FILTER_ID,
                wording::PAYMENTS_NOUN,
            ),
            load_error: None,
            truncated: false,
        }
    }

    pub fn table(&self) -> &Table<PaymentLine, Column> {
        &self.table
    }

    /// Nombre et total des règlements affichés (après le filtre de la liste).
    pub fn totals(&self) -> (usize, crate::model::Money) {
        payments_total(self.table.visible_rows().into_iter().map(|l| &l.payment))
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> iced::Task<M> {
        self.table.take_scroll()
    }

    /// Le filtre du volet de sélection, ou l'erreur d'une date illisible.
    fn filter(&self) -> Result<PaymentFilter, String> {
        let from = inputs::opt_date(&self.from)?;
        let to = inputs::opt_date(&self.to)?;
        let chosen = |value: &str| (value != wording::ALL).then(|| value.to_string());
        Ok(PaymentFilter {
            from,
            to,
            journal: chosen(&self.journal),
            mode: PaymentMode::ALL
                .iter()
                .copied()
                .find(|m| m.label() == self.mode),
            batch_no: Some(self.batch.trim().to_string()).filter(|b| !b.is_empty()),
            tiers: self.tenant.chosen().map(str::to_string),
            limit: None,
        })
    }

    /// Relit les règlements de la sélection (à l'ouverture, après un enregistrement, ou
    /// quand un critère change).
    pub fn reload(&mut self, ctx: &Ctx) {
        self.journals = std::iter::once(wording::ALL.to_string())
            .chain(
                ctx.data
                    .journals
                    .iter()
                    .filter(|j| j.kind == crate::model::JournalKind::Treasury)
                    .map(|j| j.reference.clone()),
            )
            .collect();
        self.tenant.set_choices(ctx.data.tenant_choices());
        let filter = match self.filter() {
            Ok(f) => f,
            Err(e) => {
                self.load_error = Some(e);
                return;
            }
        };
        match ctx.db.read(|repo| booked_payments(repo, filter, MAX_ROWS)) {
            Ok((rows, truncated)) => {
                self.load_error = None;
                self.truncated = truncated;
                self.table.set_rows(lines_of(rows, ctx.data));
            }
            Err(e) => self.load_error = Some(e.to_string()),
        }
    }

    /// Applique un message ; la ligne ouverte (double-clic, Entrée) ouvre sa pièce.
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
            Message::Journal(journal) => {
                self.journal = journal;
                self.reload(ctx);
            }
            Message::Mode(mode) => {
                self.mode = mode;
                self.reload(ctx);
            }
            Message::Batch(batch) => {
                self.batch = batch;
                self.reload(ctx);
            }
            Message::Tenant(m) => {
                if self.tenant.update(m).is_some() {
                    self.reload(ctx);
                }
            }
            Message::List(m) => {
                return match self.table.update(m)? {
                    table::Event::Selected(i) => {
                        self.table.row(i).map(|p| Event::Selected(p.number.clone()))
                    }
                    table::Event::Open(i) => self
                        .table
                        .row(i)
                        .map(|p| Event::OpenVoucher(p.number.clone())),
                    table::Event::Query => None,
                };
            }
        }
        None
    }

    /// Le volet de sélection.
    fn pane(&self) -> Element<'_, Message> {
        let first = row![
            pane_label(wording::PANE_PERIOD),
            inputs::date_input(&self.from, false, Some(Box::new(Message::From))),
            pane_label(wording::TO),
            inputs::date_input(&self.to, false, Some(Box::new(Message::To))),
            pane_label(wording::PANE_JOURNAL),
            choice(&self.journals, &self.journal, Message::Journal),
            pane_label(wording::PANE_MODE),
            choice(&self.modes, &self.mode, Message::Mode),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);
        container(
            column![
                first,
                row![
                    pane_label(wording::PANE_BATCH),
                    inputs::text_field(
                        wording::BATCH_PLACEHOLDER,
                        &self.batch,
                        false,
                        Length::Fixed(170.0),
                        Some(Box::new(Message::Batch)),
                    ),
                    pane_label(wording::PANE_TENANT),
                    container(self.tenant.view(false, Message::Tenant)).width(TENANT_WIDTH),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Start),
            ]
            .spacing(theme::SPACE_S),
        )
        .padding([theme::SPACE_S, theme::SPACE_M])
        .width(Length::Fill)
        .style(theme::card)
        .into()
    }

    /// Volet de sélection, liste, puis le nombre et le total des règlements affichés.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![self.pane()].spacing(theme::SPACE_M);
        if let Some(e) = &self.load_error {
            page = page.push(form::banner(e.as_str(), theme::error_banner));
        }
        if self.truncated {
            page = page.push(form::banner(wording::TOO_MANY_ROWS, theme::error_banner));
        }
        let (count, total) = self.totals();
        let totals = container(
            row![
                text(wording::PAYMENTS_LIST_HINT)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
                iced::widget::Space::new().width(Length::Fill),
                text(wording::payments_total(count, &format_money(total)))
                    .size(theme::TEXT_BODY)
                    .font(theme::FONT_BOLD),
            ]
            .align_y(Alignment::Center),
        )
        .padding([theme::SPACE_S, theme::SPACE_S])
        .width(Length::Fill)
        .style(theme::total_line);
        page.push(self.table.view().map(Message::List))
            .push(totals)
            .into()
    }
}

/// Liste de choix du volet (journal, mode) ; l'option 0 est « Tous ».
fn choice<'a>(
    options: &'a [String],
    selected: &str,
    on: fn(String) -> Message,
) -> Element<'a, Message> {
    pick_list(
        options,
        options.iter().find(|o| *o == selected).cloned(),
        on,
    )
    .text_size(theme::TEXT_BODY)
    .padding(theme::SPACE_XS + 2.0)
    .into()
}
