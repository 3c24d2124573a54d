//! Fenêtre « Prélèvements » (manuel : « Les prélèvements bancaires », étapes 1 et 2) :
//! la boîte de la période (du, au ; le mois suivant par défaut), puis la liste des
//! prélèvements faite par `treatments::direct_debit` (un par locataire, la règle du
//! montant, les locations écartées avec leur raison), son export CSV, et « Générer
//! fichier SEPA » (voir `file`).

pub mod file;

use chrono::{Datelike, NaiveDate};
use iced::widget::{column, container, row, scrollable, text, Column as Lines, Space};
use iced::{Alignment, Length, Task};

use super::{Ctx, Event, Shortcut};
use crate::gui::widget::shortcut::list_only;
use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::treatment::{self, Treatment};
use crate::gui::widget::{inputs, modal, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::{add_months, format_date};
use crate::model::money::{format_money, format_money_plain};
use crate::treatments::direct_debit::{load, plan, Debit, DebitList, DebitOptions, Skipped};

pub use file::{SepaFile, VERSIONS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Tenant,
    Name,
    Lease,
    Iban,
    Bic,
    Mandate,
    Date,
    Amount,
    Rule,
}

fn columns() -> Vec<table::Column<Debit, Column>> {
    vec![
        table::Column::text(Column::Tenant, wording::COL_TENANT, 16, |d| &d.tenant),
        table::Column::text(Column::Name, wording::COL_NAME, 30, |d| &d.name),
        table::Column::text(Column::Lease, wording::COL_LEASE, 16, |d| &d.lease),
        table::Column::computed(
            Column::Iban,
            wording::COL_IBAN,
            20,
            false,
            |d: &Debit| crate::documents::mask_iban(&d.iban),
            |a: &Debit, b: &Debit| a.iban.cmp(&b.iban),
        ),
        table::Column::text(Column::Bic, wording::COL_BIC, 18, |d| &d.bic),
        table::Column::text(Column::Mandate, wording::COL_RUM, 26, |d| &d.mandate_ref),
        table::Column::computed(
            Column::Date,
            wording::COL_DATE,
            18,
            false,
            |d: &Debit| format_date(d.date),
            |a: &Debit, b: &Debit| a.date.cmp(&b.date),
        ),
        table::Column::computed(
            Column::Amount,
            wording::COL_AMOUNT,
            18,
            true,
            |d: &Debit| format_money(d.amount),
            |a: &Debit, b: &Debit| a.amount.cmp(&b.amount),
        )
        .plain(|d: &Debit| format_money_plain(d.amount)),
        table::Column::computed(
            Column::Rule,
            wording::COL_RULE,
            26,
            false,
            Debit::rule_label,
            |a: &Debit, b: &Debit| a.rule_label().cmp(&b.rule_label()),
        ),
    ]
}

pub const FILTER_ID: &str = "filtre-prelevements";

#[derive(Debug, Clone)]
pub enum Message {
    /// « Générer les prélèvements… » : la boîte de la période.
    Ask,
    From(String),
    To(String),
    /// « OK » de la boîte : la liste de la période.
    Show,
    /// « Annuler » de la boîte.
    Dismiss,
    List(table::Message<Column>),
    /// « Générer fichier SEPA » : la boîte du fichier.
    File,
    /// Options de la boîte du fichier.
    Sepa(file::Message),
    Treatment(treatment::Message),
}

/// Actions de démarrage (captures d'écran, `ABRI_ACTION`) : « periode » ouvre la boîte
/// de la période, « liste:DU:AU » montre la liste de la période, « sepa » ouvre la boîte
/// du fichier, « sepa:simuler » en calcule le plan.
pub fn startup(action: &str) -> Option<Vec<Message>> {
    let mut parts = action.split(':');
    Some(match (parts.next()?, parts.next(), parts.next()) {
        ("periode", None, None) => vec![Message::Ask],
        ("liste", Some(from), Some(to)) => vec![
            Message::From(from.to_string()),
            Message::To(to.to_string()),
            Message::Show,
        ],
        ("sepa", None, None) => vec![Message::File],
        ("sepa", Some("simuler"), None) => {
            vec![Message::File, Message::Treatment(treatment::Message::Run)]
        }
        _ => return None,
    })
}

/// La fenêtre.
pub struct Debits {
    from: String,
    to: String,
    /// La boîte de la période est ouverte ; son erreur de saisie.
    asking: bool,
    period_error: Option<String>,
    /// La période de la liste affichée et ses locations écartées.
    list: Option<(DebitOptions, Vec<Skipped>)>,
    table: Table<Debit, Column>,
    /// La boîte « Fichier de prélèvements SEPA ».
    file: Option<(Treatment, SepaFile)>,
}

impl Debits {
    /// La fenêtre vide, la période proposée étant le mois qui suit `today`.
    pub fn new(today: NaiveDate) -> Self {
        let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        let from = add_months(first, 1).unwrap_or(today);
        let to = add_months(from, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(from);
        Debits {
            from: format_date(from),
            to: format_date(to),
            asking: false,
            period_error: None,
            list: None,
            table: Table::new(
                columns(),
                Vec::new(),
                Some((Column::Tenant, Order::Ascending)),
                FILTER_ID,
                wording::DEBITS_NOUN,
            ),
            file: None,
        }
    }

    pub fn table(&self) -> &Table<Debit, Column> {
        &self.table
    }

    /// La période de la liste affichée, et ses locations écartées.
    pub fn list(&self) -> Option<&(DebitOptions, Vec<Skipped>)> {
        self.list.as_ref()
    }

    /// La boîte de la période est ouverte.
    pub fn is_asking(&self) -> bool {
        self.asking
    }

    pub fn period(&self) -> (&str, &str) {
        (&self.from, &self.to)
    }

    /// La boîte du fichier SEPA, si elle est ouverte.
    pub fn file(&self) -> Option<&(Treatment, SepaFile)> {
        self.file.as_ref()
    }

    pub fn is_busy(&self) -> bool {
        self.file.as_ref().is_some_and(|(t, _)| t.is_running())
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    pub fn follow<M: Send + 'static>(&mut self) -> Task<M> {
        self.table.take_scroll()
    }

    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        match shortcut {
            Shortcut::Escape if self.asking => Some(Message::Dismiss),
            Shortcut::Enter if self.asking => Some(Message::Show),
            _ if self.asking || self.file.is_some() => None,
            _ => list_only(shortcut).map(Message::List),
        }
    }

    /// La période saisie, contrôlée.
    fn window(&self) -> Result<DebitOptions, String> {
        let from =
            inputs::date(&self.from).map_err(|e| wording::field_error(wording::DEBITS_FROM, &e))?;
        let to =
            inputs::date(&self.to).map_err(|e| wording::field_error(wording::DEBITS_TO, &e))?;
        if to < from {
            return Err(wording::DEBITS_TO_BEFORE_FROM.to_string());
        }
        Ok(DebitOptions { from, to })
    }

    /// Calcule la liste de la période saisie ; la boîte se ferme si elle a réussi.
    fn show(&mut self, ctx: &Ctx) {
        let window = match self.window() {
            Ok(w) => w,
            Err(e) => {
                self.period_error = Some(e);
                return;
            }
        };
        let list = ctx
            .db
            .read(|repo| load(repo, &window).map(|s| plan(&s, &window)));
        match list {
            Ok(list) => self.set_list(list),
            Err(e) => {
                self.period_error = Some(e.to_string());
                return;
            }
        }
        self.asking = false;
        self.period_error = None;
    }

    fn set_list(&mut self, list: DebitList) {
        let total = list.total();
        let window = DebitOptions {
            from: list.from,
            to: list.to,
        };
        self.list = Some((window, list.skipped));
        self.table.set_rows(list.debits);
        let mut footer = vec![String::new(); 9];
        footer[0] = wording::UNPAID_TOTAL.to_string();
        footer[7] = format_money(total);
        self.table.set_footer(footer);
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        let none = (Task::none(), None);
        match message {
            Message::Ask => {
                self.asking = true;
                self.period_error = None;
            }
            Message::From(v) => self.from = v,
            Message::To(v) => self.to = v,
            Message::Show => self.show(ctx),
            Message::Dismiss => self.asking = false,
            Message::List(m) => {
                let event = match self.table.update(m) {
                    Some(table::Event::Selected(i)) => {
                        self.table.row(i).map(|d| Event::Selected(d.tenant.clone()))
                    }
                    Some(table::Event::Open(i)) => self
                        .table
                        .row(i)
                        .map(|d| Event::OpenSituation(d.tenant.clone())),
                    Some(table::Event::Query) | None => None,
                };
                return (Task::none(), event);
            }
            Message::File => {
                if let Some((window, _)) = &self.list {
                    self.file = Some(file::open(window, ctx));
                }
            }
            Message::Sepa(m) => {
                if let Some((_, options)) = self.file.as_mut() {
                    return (options.update(m).map(Message::Sepa), None);
                }
            }
            Message::Treatment(m) => return self.file_message(m, ctx),
        }
        none
    }

    /// Un message de la boîte du fichier : plan, puis écriture et enregistrement.
    fn file_message(
        &mut self,
        message: treatment::Message,
        ctx: &Ctx,
    ) -> (Task<Message>, Option<Event>) {
        let Some((t, options)) = self.file.as_mut() else {
            return (Task::none(), None);
        };
        let was_applying = t.is_applying();
        let simulation = match t.update(message) {
            Some(treatment::Request::Plan) => true,
            Some(treatment::Request::Apply) => false,
            Some(treatment::Request::Close) => {
                self.file = None;
                return (Task::none(), None);
            }
            None => {
                let done = was_applying && t.is_finished();
                return (Task::none(), done.then_some(Event::Changed));
            }
        };
        let task = file::spawn(t, options, simulation, ctx);
        (
            task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
            None,
        )
    }

    pub fn view(&self) -> Element<'_, Message> {
        let period = match &self.list {
            Some((w, _)) => wording::debits_period(&format_date(w.from), &format_date(w.to)),
            None => wording::DEBITS_NO_LIST.to_string(),
        };
        let generate =
            (self.list.is_some() && !self.table.rows().is_empty()).then_some(Message::File);
        let header = row![
            text(wording::DEBITS)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            text(period).size(theme::TEXT_BODY).style(theme::muted_text),
            Space::new().width(Length::Fill),
            tool_button(
                wording::DEBITS_CHANGE_PERIOD,
                Some(Message::Ask),
                theme::secondary_button
            ),
            tool_button(wording::GENERATE_SEPA, generate, theme::primary_button),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);
        let mut page = column![header].spacing(theme::SPACE_M);
        page = page.push(container(self.table.view().map(Message::List)).height(Length::Fill));
        if let Some((_, skipped)) = self.list.as_ref().filter(|(_, s)| !s.is_empty()) {
            page = page.push(skipped_view(skipped));
        }
        let page: Element<'_, Message> = page.into();
        if self.asking {
            return modal(page, self.period_view());
        }
        match &self.file {
            Some((t, options)) => modal(page, t.view(options.view(), Message::Treatment)),
            None => page,
        }
    }

    /// La boîte de la période.
    fn period_view(&self) -> Element<'_, Message> {
        let label = |t: &'static str| {
            text(t)
                .size(theme::TEXT_BODY)
                .width(Length::Fixed(theme::LABEL_WIDTH))
        };
        let mut dialog = column![
            text(wording::DEBITS_PERIOD_TITLE)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            row![
                label(wording::DEBITS_FROM),
                inputs::date_input(&self.from, false, Some(Box::new(Message::From))),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            row![
                label(wording::DEBITS_TO),
                inputs::date_input(&self.to, false, Some(Box::new(Message::To))),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            text(wording::DEBITS_PERIOD_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_M);
        if let Some(e) = &self.period_error {
            dialog = dialog.push(
                text(e.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text),
            );
        }
        dialog
            .push(
                row![
                    Space::new().width(Length::Fill),
                    tool_button(
                        wording::CANCEL,
                        Some(Message::Dismiss),
                        theme::secondary_button
                    ),
                    tool_button(wording::OK, Some(Message::Show), theme::primary_button),
                ]
                .spacing(theme::SPACE_S),
            )
            .into()
    }
}

/// Les locations écartées et leur raison, sous la liste.
fn skipped_view(skipped: &[Skipped]) -> Element<'_, Message> {
    let mut lines = Lines::new().spacing(2.0).push(
        text(wording::skipped_title(skipped.len()))
            .font(theme::FONT_BOLD)
            .size(theme::TEXT_SMALL),
    );
    for s in skipped {
        lines = lines.push(
            text(wording::debit_skipped(
                &s.tenant, &s.name, &s.lease, &s.reason,
            ))
            .size(theme::TEXT_SMALL),
        );
    }
    container(scrollable(lines.padding(theme::SPACE_S)).height(Length::Shrink))
        .max_height(130.0)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}
