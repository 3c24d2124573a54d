//! Fenêtre « Situation des comptes locataires » (manuel : « La comptabilité des
//! locataires ») : les écritures d'un locataire sur une période, toutes locations
//! confondues, avec le solde courant ; le solde antérieur, le nouveau solde, le différé
//! et le « à payer ». Le tableau de synthèse par compte de gestion sert aussi à l'onglet
//! Situation de la fenêtre Locations.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use iced::widget::{checkbox, column, container, row, text, Column as Col};
use iced::{alignment, Alignment, Length};

use super::{Ctx, Data};
use crate::gui::widget::picker::{self, Picker};
use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::{inputs, pane_label, Element};
use crate::gui::{text as wording, theme};
use crate::ledger::balance::sides;
use crate::ledger::statement::{self, DueLine, TenantLine, TenantStatement};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::model::{Gestion, Money};
use crate::store::{Repo, StoreError};

/// La situation calculée d'un locataire.
#[derive(Debug, Clone, PartialEq)]
pub struct Situation {
    pub tenant: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub statement: TenantStatement,
    pub dues: Vec<DueLine>,
    /// Comptes de gestion affichés : (gestion, compte, intitulé).
    pub accounts: Vec<(Gestion, String, String)>,
}

impl Situation {
    /// Nouveau solde « débit − crédit » (positif = le locataire doit).
    pub fn closing(&self) -> Money {
        self.statement.closing()
    }

    pub fn deferred(&self) -> Money {
        self.dues.iter().map(|d| d.deferred).sum()
    }

    pub fn due(&self) -> Money {
        self.dues.iter().map(|d| d.due).sum()
    }
}

/// Calcule la situation d'un locataire comme la ligne de commande (`abri situation
/// --locataire`) : mêmes fonctions du grand livre, mêmes données.
pub fn compute(
    repo: &Repo,
    tenant: &str,
    from: NaiveDate,
    to: NaiveDate,
    deposits: bool,
) -> Result<Situation, StoreError> {
    let leases: Vec<(String, String, NaiveDate)> = repo
        .leases()?
        .into_iter()
        .filter(|l| l.tenant == tenant)
        .map(|l| (l.reference, l.unit, l.start_date))
        .collect();
    let chart = repo.accounts()?;
    let gestion = statement::gestion_accounts(&chart, deposits);
    let ctx = statement::TenantContext {
        gestion_accounts: &gestion,
        leases: &leases,
    };
    let lines = repo.tiers_lines(tenant, Some(to))?;
    let situation = statement::tenant_statement(&lines, tenant, &ctx, from, to);
    let refs: Vec<&str> = leases.iter().map(|(r, _, _)| r.as_str()).collect();
    let instalments = statement::active_instalments(&repo.lease_items()?, &refs, to);
    let dues = statement::deferred_and_due(&situation.by_account, &instalments);
    let labels: BTreeMap<&str, &str> = chart
        .iter()
        .map(|a| (a.reference.as_str(), a.label.as_str()))
        .collect();
    let accounts = gestion
        .iter()
        .map(|(account, g)| {
            (
                *g,
                account.clone(),
                labels
                    .get(account.as_str())
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    Ok(Situation {
        tenant: tenant.to_string(),
        from,
        to,
        statement: situation,
        dues,
        accounts,
    })
}

/// Montant affiché, vide s'il est nul (comme les colonnes du manuel).
fn amount(m: Money) -> String {
    if m.is_zero() {
        String::new()
    } else {
        format_money(m)
    }
}

/// Solde présenté d'un côté : « 2 190,00 D » (débiteur) ou « 45,00 C » (créditeur).
fn sided(balance: Money) -> String {
    let (d, c) = sides(balance);
    if !d.is_zero() {
        wording::debit_side(&format_money(d))
    } else if !c.is_zero() {
        wording::credit_side(&format_money(c))
    } else {
        format_money(Money::ZERO)
    }
}

/// Tableau de synthèse par compte de gestion : GestionC, CompteR, Intitulé, Solde D,
/// Solde C, Différé, À payer (manuel : onglet Situation des locations).
pub fn summary_view<'a, M: 'a>(s: &'a Situation) -> Element<'a, M> {
    let cell = |t: String, w: u16, right: bool| {
        container(text(t).size(theme::TEXT_BODY))
            .width(Length::FillPortion(w))
            .align_x(if right {
                alignment::Horizontal::Right
            } else {
                alignment::Horizontal::Left
            })
            .padding([2.0, theme::SPACE_S])
    };
    let head = |t: &'static str, w: u16, right: bool| {
        container(text(t).size(theme::TEXT_BODY).font(theme::FONT_BOLD))
            .width(Length::FillPortion(w))
            .align_x(if right {
                alignment::Horizontal::Right
            } else {
                alignment::Horizontal::Left
            })
            .padding([2.0, theme::SPACE_S])
    };
    let mut lines = Col::new().push(
        container(row![
            head(wording::COL_GESTION, 1, false),
            head(wording::COL_ACCOUNT, 2, false),
            head(wording::COL_ACCOUNT_LABEL, 4, false),
            head(wording::COL_BALANCE_DEBIT, 2, true),
            head(wording::COL_BALANCE_CREDIT, 2, true),
            head(wording::COL_DEFERRED, 2, true),
            head(wording::COL_DUE, 2, true),
        ])
        .padding([theme::SPACE_XS, 0.0])
        .style(theme::table_header),
    );
    for (g, account, label) in &s.accounts {
        let due = s.dues.iter().find(|d| &d.account == account);
        let (d, c) = due.map(|d| sides(d.balance)).unwrap_or_default();
        lines = lines.push(row![
            cell(g.code().to_string(), 1, false),
            cell(account.clone(), 2, false),
            cell(label.clone(), 4, false),
            cell(amount(d), 2, true),
            cell(amount(c), 2, true),
            cell(due.map(|d| amount(d.deferred)).unwrap_or_default(), 2, true),
            cell(due.map(|d| amount(d.due)).unwrap_or_default(), 2, true),
        ]);
    }
    let (d, c) = sides(s.closing());
    lines = lines.push(
        container(row![
            head(wording::BALANCE_TOTAL, 7, false),
            cell(amount(d), 2, true),
            cell(amount(c), 2, true),
            cell(amount(s.deferred()), 2, true),
            cell(format_money(s.due()), 2, true),
        ])
        .padding([theme::SPACE_XS, 0.0])
        .style(theme::total_line),
    );
    container(lines)
        .width(Length::Fill)
        .style(theme::table_frame)
        .into()
}

/// Colonnes du relevé (manuel : LotR, Gest, CompteR, ValeurD, JournalR, PieceR, Libelle,
/// DebitE, CreditE, SoldeE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Unit,
    Gestion,
    Account,
    Date,
    Journal,
    Voucher,
    Label,
    Debit,
    Credit,
    Running,
}

fn columns() -> Vec<table::Column<TenantLine, Column>> {
    vec![
        table::Column::text(Column::Unit, wording::COL_UNIT, 3, |l| &l.unit),
        table::Column::computed(
            Column::Gestion,
            wording::COL_GESTION,
            3,
            false,
            |l| l.gestion.code().to_string(),
            |a, b| a.gestion.cmp(&b.gestion),
        ),
        table::Column::text(Column::Account, wording::COL_ACCOUNT, 4, |l| {
            &l.entry.account
        }),
        table::Column::computed(
            Column::Date,
            wording::COL_DATE,
            4,
            false,
            |l| format_date(l.entry.value_date),
            |a, b| {
                (a.entry.value_date, &a.entry.number, a.entry.line_no).cmp(&(
                    b.entry.value_date,
                    &b.entry.number,
                    b.entry.line_no,
                ))
            },
        ),
        table::Column::text(Column::Journal, wording::COL_JOURNAL, 3, |l| {
            &l.entry.journal
        }),
        table::Column::text(Column::Voucher, wording::COL_VOUCHER, 4, |l| {
            &l.entry.number
        }),
        table::Column::computed(
            Column::Label,
            wording::COL_LABEL,
            8,
            false,
            |l| l.entry.display_label().to_string(),
            |a, b| table::by_text(a.entry.display_label(), b.entry.display_label()),
        ),
        table::Column::computed(
            Column::Debit,
            wording::COL_DEBIT,
            4,
            true,
            |l: &TenantLine| amount(l.entry.debit),
            |a: &TenantLine, b: &TenantLine| a.entry.debit.cmp(&b.entry.debit),
        )
        .plain(|l| format_money_plain(l.entry.debit)),
        table::Column::computed(
            Column::Credit,
            wording::COL_CREDIT,
            4,
            true,
            |l: &TenantLine| amount(l.entry.credit),
            |a: &TenantLine, b: &TenantLine| a.entry.credit.cmp(&b.entry.credit),
        )
        .plain(|l| format_money_plain(l.entry.credit)),
        table::Column::computed(
            Column::Running,
            wording::COL_RUNNING,
            4,
            true,
            |l: &TenantLine| format_money(l.running),
            |a: &TenantLine, b: &TenantLine| a.running.cmp(&b.running),
        )
        .plain(|l| format_money_plain(l.running)),
    ]
}

/// Ce que l'utilisateur fait dans la fenêtre.
#[derive(Debug, Clone)]
pub enum Message {
    /// Recherche et choix du locataire (référence ou nom).
    Tenant(picker::Message),
    From(String),
    To(String),
    /// « Comptes de dépôts ».
    Deposits(bool),
    Lines(table::Message<Column>),
}

pub const FILTER_ID: &str = "filtre-situation";
/// Identifiant de la zone de recherche du locataire.
pub const TENANT_PICKER_ID: &str = "recherche-locataire-situation";
/// Largeur de la zone de recherche du locataire.
const TENANT_WIDTH: f32 = 340.0;

/// La fenêtre.
pub struct TenantSituation {
    picker: Picker,
    tenant: Option<String>,
    from: String,
    to: String,
    deposits: bool,
    result: Option<Result<Situation, String>>,
    table: Table<TenantLine, Column>,
}

impl TenantSituation {
    pub fn new(data: &Data, today: NaiveDate) -> Self {
        let from = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        TenantSituation {
            picker: Picker::shared(
                data.tenant_choices(),
                "",
                wording::TENANT_PICKER_PLACEHOLDER,
                TENANT_PICKER_ID,
            ),
            tenant: None,
            from: format_date(from),
            to: format_date(today),
            deposits: false,
            result: None,
            table: Table::new(
                columns(),
                Vec::new(),
                Some((Column::Date, Order::Ascending)),
                FILTER_ID,
                wording::LINES_NOUN,
            ),
        }
    }

    /// Nouvelles données : les locataires proposés et la situation affichée sont relus.
    pub fn reload(&mut self, ctx: &Ctx) {
        self.picker.set_choices(ctx.data.tenant_choices());
        self.refresh(ctx);
    }

    /// Affiche la situation d'un locataire (depuis l'onglet Situation d'une location).
    pub fn show(&mut self, tenant: &str, ctx: &Ctx) {
        self.picker.select(tenant);
        self.tenant = Some(tenant.to_string());
        self.refresh(ctx);
    }

    /// La zone de recherche du locataire.
    pub fn picker(&self) -> &Picker {
        &self.picker
    }

    pub fn result(&self) -> Option<&Result<Situation, String>> {
        self.result.as_ref()
    }

    pub fn tenant(&self) -> Option<&str> {
        self.tenant.as_deref()
    }

    pub fn table(&self) -> &Table<TenantLine, Column> {
        &self.table
    }

    fn refresh(&mut self, ctx: &Ctx) {
        let Some(tenant) = self.tenant.clone() else {
            return;
        };
        let (from, to) = match (inputs::date(&self.from), inputs::date(&self.to)) {
            (Ok(from), Ok(to)) if from <= to => (from, to),
            (Ok(_), Ok(_)) => {
                self.result = Some(Err(wording::PERIOD_REVERSED.to_string()));
                return;
            }
            (Err(e), _) | (_, Err(e)) => {
                self.result = Some(Err(e));
                return;
            }
        };
        let deposits = self.deposits;
        let result = ctx
            .db
            .read(|repo| compute(repo, &tenant, from, to, deposits))
            .map_err(|e| e.to_string());
        let lines = match &result {
            Ok(s) => s.statement.lines.clone(),
            Err(_) => Vec::new(),
        };
        self.table.set_rows(lines);
        self.result = Some(result);
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) {
        match message {
            Message::Tenant(m) => {
                if let Some(tenant) = self.picker.update(m) {
                    self.tenant = Some(tenant);
                    self.refresh(ctx);
                }
            }
            Message::From(from) => {
                self.from = from;
                if !inputs::date_is_invalid(&self.from) {
                    self.refresh(ctx);
                }
            }
            Message::To(to) => {
                self.to = to;
                if !inputs::date_is_invalid(&self.to) {
                    self.refresh(ctx);
                }
            }
            Message::Deposits(deposits) => {
                self.deposits = deposits;
                self.refresh(ctx);
            }
            Message::Lines(m) => {
                self.table.update(m);
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let selection = container(
            row![
                pane_label(wording::F_TENANT),
                container(self.picker.view(false, Message::Tenant)).width(TENANT_WIDTH),
                pane_label(wording::FROM),
                inputs::date_input(&self.from, false, Some(Box::new(Message::From))),
                pane_label(wording::TO),
                inputs::date_input(&self.to, false, Some(Box::new(Message::To))),
                container(
                    checkbox(self.deposits)
                        .label(wording::DEPOSIT_ACCOUNTS)
                        .on_toggle(Message::Deposits)
                        .text_size(theme::TEXT_BODY)
                )
                .padding([theme::SPACE_XS + 2.0, 0.0]),
            ]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Start),
        )
        .padding([theme::SPACE_S, theme::SPACE_M])
        .width(Length::Fill)
        .style(theme::card);
        let mut page = column![
            text(wording::SITUATION)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            selection
        ]
        .spacing(theme::SPACE_M);
        match &self.result {
            None => {
                page = page.push(
                    text(wording::CHOOSE_TENANT_HINT)
                        .size(theme::TEXT_BODY)
                        .style(theme::muted_text),
                );
            }
            Some(Err(message)) => {
                page = page.push(crate::gui::widget::form::banner(
                    message.as_str(),
                    theme::error_banner,
                ));
            }
            Some(Ok(s)) => {
                let part = |label: &'static str, value: String| {
                    row![
                        text(label).size(theme::TEXT_BODY),
                        text(value).size(theme::TEXT_BODY).font(theme::FONT_BOLD),
                    ]
                    .spacing(theme::SPACE_S)
                };
                let footer = container(
                    row![
                        part(wording::PREVIOUS_BALANCE, sided(s.statement.opening)),
                        part(wording::NEW_BALANCE, sided(s.closing())),
                        part(wording::COL_DEFERRED, format_money(s.deferred())),
                        part(wording::COL_DUE, format_money(s.due())),
                    ]
                    .spacing(theme::SPACE_XL),
                )
                .padding([theme::SPACE_S, theme::SPACE_M])
                .width(Length::Fill)
                .style(theme::total_line);
                page = page
                    .push(self.table.view().map(Message::Lines))
                    .push(footer)
                    .push(summary_view(s));
            }
        }
        page.into()
    }
}
