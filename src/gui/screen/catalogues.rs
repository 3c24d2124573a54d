//! Les catalogues (manuel : « Les catalogues ») en listes de consultation : comptes,
//! journaux, modèles comptables (une ligne par ligne de modèle), rubriques, indices,
//! banques.

use super::index_entry::{self, IndexEntry};
use super::list::List;
use super::{Ctx, Data, Event};
use crate::formats::csv_lists::{flatten_templates, TemplateRow};
use crate::gui::text as wording;
use crate::gui::widget::table::{self, by_text, HeaderFit, Order};
use crate::gui::widget::Element;
use crate::model::dates::format_date;
use crate::model::money::format_money_plain;
use crate::model::{Account, Bank, ChargeItem, Journal, RentIndex};

/// Quel catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catalogue {
    Accounts,
    Journals,
    Templates,
    ChargeItems,
    Indices,
    Banks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountColumn {
    Reference,
    Label,
    Collective,
    Side,
    Gestion,
    Recoverable,
    Analytic,
    Start,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalColumn {
    Reference,
    Label,
    Kind,
    Counter,
    Lock,
    Start,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateColumn {
    Template,
    Label,
    Kind,
    Journal,
    Order,
    AccountCode,
    Account,
    Tiers,
    Debit,
    Credit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemColumn {
    Reference,
    Gestion,
    Type,
    Purpose,
    Account,
    Prorata,
    Settlement,
    Start,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexColumn {
    Series,
    Year,
    Quarter,
    Value,
    Published,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankColumn {
    Reference,
    Name,
    Bic,
}

#[derive(Debug, Clone)]
pub enum Message {
    Accounts(table::Message<AccountColumn>),
    Journals(table::Message<JournalColumn>),
    Templates(table::Message<TemplateColumn>),
    ChargeItems(table::Message<ItemColumn>),
    Indices(table::Message<IndexColumn>),
    /// Saisie d'une valeur d'indice.
    IndexEntry(index_entry::Message),
    Banks(table::Message<BankColumn>),
}

fn yes_no(flag: bool) -> String {
    wording::yes_no(flag).to_string()
}

fn accounts(rows: Vec<Account>) -> List<Account, AccountColumn> {
    use AccountColumn as C;
    List::new(
        wording::CAT_ACCOUNTS,
        wording::ACCOUNTS_NOUN,
        "filtre-comptes",
        vec![
            table::Column::text(C::Reference, wording::COL_ACCOUNT, 3, |a| &a.reference),
            table::Column::text(C::Label, wording::COL_ACCOUNT_LABEL, 6, |a| &a.label),
            table::Column::computed(
                C::Collective,
                wording::COL_COLLECTIVE,
                2,
                false,
                |a| yes_no(a.collective),
                |a, b| a.collective.cmp(&b.collective),
            ),
            table::Column::computed(
                C::Side,
                wording::COL_SIDE,
                2,
                false,
                |a| a.normal_side.label().to_string(),
                |a, b| a.normal_side.cmp(&b.normal_side),
            ),
            table::Column::computed(
                C::Gestion,
                wording::COL_GESTION,
                2,
                false,
                |a| a.gestion.map(|g| g.code().to_string()).unwrap_or_default(),
                |a, b| a.gestion.cmp(&b.gestion),
            ),
            table::Column::computed(
                C::Recoverable,
                wording::COL_RECOVERABLE,
                2,
                false,
                |a| yes_no(a.recoverable),
                |a, b| a.recoverable.cmp(&b.recoverable),
            ),
            table::Column::computed(
                C::Analytic,
                wording::COL_ANALYTIC_REQUIRED,
                2,
                false,
                |a| yes_no(a.analytic_required),
                |a, b| a.analytic_required.cmp(&b.analytic_required),
            ),
            table::Column::computed(
                C::Start,
                wording::COL_START_SHORT,
                2,
                false,
                |a| format_date(a.start_date),
                |a, b| a.start_date.cmp(&b.start_date),
            ),
        ],
        rows,
        (C::Reference, Order::Ascending),
        |a| a.reference.clone(),
    )
}

fn journals(rows: Vec<Journal>) -> List<Journal, JournalColumn> {
    use JournalColumn as C;
    List::new(
        wording::CAT_JOURNALS,
        wording::JOURNALS_NOUN,
        "filtre-journaux",
        vec![
            table::Column::text(C::Reference, wording::COL_REFERENCE, 1, |j| &j.reference),
            table::Column::text(C::Label, wording::COL_ACCOUNT_LABEL, 4, |j| &j.label),
            table::Column::computed(
                C::Kind,
                wording::COL_KIND,
                2,
                false,
                |j| j.kind.label().to_string(),
                |a, b| by_text(a.kind.label(), b.kind.label()),
            ),
            table::Column::text(C::Counter, wording::COL_COUNTER_ACCOUNT, 2, |j| {
                &j.counter_account
            }),
            table::Column::computed(
                C::Lock,
                wording::COL_LOCKED_UNTIL,
                2,
                false,
                |j| j.lock_date.map(format_date).unwrap_or_default(),
                |a, b| a.lock_date.cmp(&b.lock_date),
            ),
            table::Column::computed(
                C::Start,
                wording::COL_START_SHORT,
                2,
                false,
                |j| format_date(j.start_date),
                |a, b| a.start_date.cmp(&b.start_date),
            ),
        ],
        rows,
        (C::Reference, Order::Ascending),
        |j| j.reference.clone(),
    )
}

fn templates(rows: Vec<TemplateRow>) -> List<TemplateRow, TemplateColumn> {
    use TemplateColumn as C;
    List::new(
        wording::CAT_TEMPLATES,
        wording::TEMPLATE_LINES_NOUN,
        "filtre-modeles",
        vec![
            table::Column::computed(
                C::Template,
                wording::COL_TEMPLATE,
                4,
                false,
                |r| r.template.reference.clone(),
                |a, b| {
                    (by_text(&a.template.reference, &b.template.reference))
                        .then(a.line.order.cmp(&b.line.order))
                },
            ),
            table::Column::computed(
                C::Label,
                wording::COL_ACCOUNT_LABEL,
                5,
                false,
                |r| r.template.label.clone(),
                |a, b| by_text(&a.template.label, &b.template.label),
            ),
            table::Column::computed(
                C::Kind,
                wording::COL_JOURNAL_KIND,
                2,
                false,
                |r| r.template.journal_kind.label().to_string(),
                |a, b| a.template.journal_kind.cmp(&b.template.journal_kind),
            ),
            table::Column::computed(
                C::Journal,
                wording::COL_JOURNAL,
                2,
                false,
                |r| r.template.journal.clone(),
                |a, b| by_text(&a.template.journal, &b.template.journal),
            ),
            table::Column::computed(
                C::Order,
                wording::COL_ORDER,
                2,
                true,
                |r| r.line.order.to_string(),
                |a, b| a.line.order.cmp(&b.line.order),
            ),
            table::Column::computed(
                C::AccountCode,
                wording::COL_ACCOUNT_CODE,
                3,
                false,
                |r| r.line.account_code.clone(),
                |a, b| by_text(&a.line.account_code, &b.line.account_code),
            ),
            table::Column::computed(
                C::Account,
                wording::COL_ACCOUNT,
                3,
                false,
                |r| r.line.account_ref.clone(),
                |a, b| by_text(&a.line.account_ref, &b.line.account_ref),
            ),
            table::Column::computed(
                C::Tiers,
                wording::COL_TIERS_CODE,
                3,
                false,
                |r| r.line.tiers_code.clone(),
                |a, b| by_text(&a.line.tiers_code, &b.line.tiers_code),
            ),
            table::Column::computed(
                C::Debit,
                wording::COL_DEBIT,
                2,
                false,
                |r| r.line.debit_code.clone(),
                |a, b| by_text(&a.line.debit_code, &b.line.debit_code),
            ),
            table::Column::computed(
                C::Credit,
                wording::COL_CREDIT,
                2,
                false,
                |r| r.line.credit_code.clone(),
                |a, b| by_text(&a.line.credit_code, &b.line.credit_code),
            ),
        ],
        rows,
        (C::Template, Order::Ascending),
        |r| r.template.reference.clone(),
    )
}

fn charge_items(rows: Vec<ChargeItem>) -> List<ChargeItem, ItemColumn> {
    use ItemColumn as C;
    List::new(
        wording::CAT_ITEMS,
        wording::ITEMS_NOUN,
        "filtre-rubriques",
        vec![
            table::Column::text(C::Reference, wording::COL_REFERENCE, 4, |c| &c.reference),
            table::Column::computed(
                C::Gestion,
                wording::COL_GESTION,
                1,
                false,
                |c| c.gestion.code().to_string(),
                |a, b| a.gestion.cmp(&b.gestion),
            ),
            table::Column::text(C::Type, wording::COL_KIND, 1, |c| &c.item_type),
            table::Column::computed(
                C::Purpose,
                wording::COL_PURPOSE,
                1,
                false,
                |c| c.purpose.code().to_string(),
                |a, b| a.purpose.cmp(&b.purpose),
            ),
            table::Column::text(C::Account, wording::COL_ACCOUNT, 2, |c| &c.account),
            table::Column::computed(
                C::Prorata,
                wording::COL_PRORATA,
                1,
                false,
                |c| yes_no(c.prorata),
                |a, b| a.prorata.cmp(&b.prorata),
            ),
            table::Column::computed(
                C::Settlement,
                wording::COL_SETTLEMENT,
                1,
                false,
                |c| yes_no(c.settlement),
                |a, b| a.settlement.cmp(&b.settlement),
            ),
            table::Column::computed(
                C::Start,
                wording::COL_START_SHORT,
                2,
                false,
                |c| format_date(c.start_date),
                |a, b| a.start_date.cmp(&b.start_date),
            ),
        ],
        rows,
        (C::Reference, Order::Ascending),
        |c| c.reference.clone(),
    )
}

fn indices(rows: Vec<RentIndex>) -> List<RentIndex, IndexColumn> {
    use IndexColumn as C;
    List::new(
        wording::CAT_INDICES,
        wording::INDICES_NOUN,
        "filtre-indices",
        vec![
            table::Column::text(C::Series, wording::COL_SERIES, 2, |i| &i.series),
            table::Column::computed(
                C::Year,
                wording::COL_YEAR,
                1,
                true,
                |i| i.year.to_string(),
                |a, b| a.year.cmp(&b.year),
            ),
            table::Column::computed(
                C::Quarter,
                wording::COL_QUARTER,
                1,
                true,
                |i| wording::quarter(i.quarter),
                |a, b| (a.year, a.quarter).cmp(&(b.year, b.quarter)),
            ),
            table::Column::computed(
                C::Value,
                wording::COL_INDEX_VALUE,
                2,
                true,
                |i| format_money_plain(i.value),
                |a, b| a.value.cmp(&b.value),
            ),
            table::Column::computed(
                C::Published,
                wording::COL_PUBLISHED,
                2,
                false,
                |i| i.published.map(format_date).unwrap_or_default(),
                |a, b| a.published.cmp(&b.published),
            ),
        ],
        rows,
        (C::Year, Order::Descending),
        |i| format!("{} {}T{}", i.series, i.year, i.quarter),
    )
}

fn banks(rows: Vec<Bank>) -> List<Bank, BankColumn> {
    use BankColumn as C;
    List::new(
        wording::CAT_BANKS,
        wording::BANKS_NOUN,
        "filtre-banques",
        vec![
            table::Column::text(C::Reference, wording::COL_REFERENCE, 2, |b| &b.reference),
            table::Column::text(C::Name, wording::COL_NAME, 5, |b| &b.name),
            table::Column::text(C::Bic, wording::COL_BIC, 2, |b| &b.bic),
        ],
        rows,
        (C::Reference, Order::Ascending),
        |b| b.reference.clone(),
    )
}

/// Les six fenêtres de catalogue.
pub struct Catalogues {
    accounts: List<Account, AccountColumn>,
    journals: List<Journal, JournalColumn>,
    templates: List<TemplateRow, TemplateColumn>,
    charge_items: List<ChargeItem, ItemColumn>,
    indices: List<RentIndex, IndexColumn>,
    index_entry: IndexEntry,
    banks: List<Bank, BankColumn>,
}

impl Catalogues {
    pub fn new(data: &Data) -> Self {
        Catalogues {
            accounts: accounts(data.accounts.clone()),
            journals: journals(data.journals.clone()),
            templates: templates(flatten_templates(&data.templates)),
            charge_items: charge_items(data.charge_items.clone()),
            indices: indices(data.indices.clone()),
            index_entry: IndexEntry::new(data.indices.iter().map(|i| i.year).max().unwrap_or(2025)),
            banks: banks(data.banks.clone()),
        }
    }

    pub fn reload(&mut self, data: &Data) {
        self.accounts.set_rows(data.accounts.clone());
        self.journals.set_rows(data.journals.clone());
        self.templates.set_rows(flatten_templates(&data.templates));
        self.charge_items.set_rows(data.charge_items.clone());
        self.indices.set_rows(data.indices.clone());
        self.banks.set_rows(data.banks.clone());
    }

    pub fn total(&self, which: Catalogue) -> usize {
        match which {
            Catalogue::Accounts => self.accounts.total(),
            Catalogue::Journals => self.journals.total(),
            Catalogue::Templates => self.templates.total(),
            Catalogue::ChargeItems => self.charge_items.total(),
            Catalogue::Indices => self.indices.total(),
            Catalogue::Banks => self.banks.total(),
        }
    }

    /// Titres des colonnes du catalogue et leur largeur dans une liste large de `total`
    /// pixels (tests).
    pub fn header_fits(&self, which: Catalogue, total: f32) -> Vec<HeaderFit> {
        match which {
            Catalogue::Accounts => self.accounts.table().header_fits(total),
            Catalogue::Journals => self.journals.table().header_fits(total),
            Catalogue::Templates => self.templates.table().header_fits(total),
            Catalogue::ChargeItems => self.charge_items.table().header_fits(total),
            Catalogue::Indices => self.indices.table().header_fits(total),
            Catalogue::Banks => self.banks.table().header_fits(total),
        }
    }

    /// « n / total » du catalogue (tests).
    pub fn count_label(&self, which: Catalogue) -> String {
        match which {
            Catalogue::Accounts => self.accounts.count_label(),
            Catalogue::Journals => self.journals.count_label(),
            Catalogue::Templates => self.templates.count_label(),
            Catalogue::ChargeItems => self.charge_items.count_label(),
            Catalogue::Indices => self.indices.count_label(),
            Catalogue::Banks => self.banks.count_label(),
        }
    }

    /// Les flèches déplacent la ligne courante du catalogue affiché.
    pub fn shortcut(&self, which: Catalogue, shortcut: super::Shortcut) -> Option<Message> {
        let super::Shortcut::Move(step, extend) = shortcut else {
            return None;
        };
        Some(match which {
            Catalogue::Accounts => Message::Accounts(table::Message::Move(step, extend)),
            Catalogue::Journals => Message::Journals(table::Message::Move(step, extend)),
            Catalogue::Templates => Message::Templates(table::Message::Move(step, extend)),
            Catalogue::ChargeItems => Message::ChargeItems(table::Message::Move(step, extend)),
            Catalogue::Indices => Message::Indices(table::Message::Move(step, extend)),
            Catalogue::Banks => Message::Banks(table::Message::Move(step, extend)),
        })
    }

    /// Défilement du catalogue `which` demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self, which: Catalogue) -> iced::Task<M> {
        match which {
            Catalogue::Accounts => self.accounts.follow(),
            Catalogue::Journals => self.journals.follow(),
            Catalogue::Templates => self.templates.follow(),
            Catalogue::ChargeItems => self.charge_items.follow(),
            Catalogue::Indices => self.indices.follow(),
            Catalogue::Banks => self.banks.follow(),
        }
    }

    /// Zone de saisie des indices (tests).
    pub fn index_entry(&self) -> &IndexEntry {
        &self.index_entry
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::IndexEntry(m) => self.index_entry.update(m, ctx),
            Message::Accounts(m) => self.accounts.update(m),
            Message::Journals(m) => self.journals.update(m),
            Message::Templates(m) => self.templates.update(m),
            Message::ChargeItems(m) => self.charge_items.update(m),
            Message::Indices(m) => self.indices.update(m),
            Message::Banks(m) => self.banks.update(m),
        }
    }

    pub fn view(&self, which: Catalogue) -> Element<'_, Message> {
        match which {
            Catalogue::Accounts => self.accounts.view().map(Message::Accounts),
            Catalogue::Journals => self.journals.view().map(Message::Journals),
            Catalogue::Templates => self.templates.view().map(Message::Templates),
            Catalogue::ChargeItems => self.charge_items.view().map(Message::ChargeItems),
            Catalogue::Indices => iced::widget::column![
                self.index_entry.view().map(Message::IndexEntry),
                self.indices.view().map(Message::Indices),
            ]
            .spacing(crate::gui::theme::SPACE_M)
            .into(),
            Catalogue::Banks => self.banks.view().map(Message::Banks),
        }
    }
}
