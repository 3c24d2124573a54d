//! Fenêtre « Écritures comptables » (manuel : « La saisie des écritures comptables ») :
//! la liste des pièces d'une période, et la pièce (en-tête, modèle, tableau des
//! écritures) avec « Générer écritures » (modèle), « Valider écritures » (retire les
//! lignes à 0 et contrôle l'équilibre), l'état de verrouillage et « Autoriser édition ».
//! Toutes les règles sont celles du grand livre (`crate::ledger`).

use chrono::{Datelike, NaiveDate};
use iced::widget::{column, container, pick_list, row};
use iced::{Alignment, Length};

use super::records::{list_header, Rejected};
use super::{Ctx, Data, Event, Shortcut};
use crate::gui::widget::form::{self, Detail, Field, Form, Value, NONE};
use crate::gui::widget::picker::{self, Picker};
use crate::gui::widget::table::{self, by_text, Order, Table, MAX_ROWS};
use crate::gui::widget::{inputs, pane_label, shortcut, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::ledger::locks::{self, LockError, USER_ORIGINS};
use crate::ledger::template::{draft_from_template, validate_entries, TemplateRequest};
use crate::ledger::{self, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::model::{Invalid, Money, PaymentMode, ThirdPartyKind};
use crate::store::{StoreError, VoucherFilter};

/// Une pièce dans la liste.
pub use crate::store::VoucherSummary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Number,
    Journal,
    Date,
    Label,
    Template,
    Tiers,
    Amount,
}

fn columns() -> Vec<table::Column<VoucherSummary, Column>> {
    vec![
        table::Column::text(Column::Number, wording::COL_VOUCHER, 2, |v| &v.number),
        table::Column::text(Column::Journal, wording::COL_JOURNAL, 1, |v| &v.journal),
        table::Column::computed(
            Column::Date,
            wording::COL_DATE,
            2,
            false,
            |v| format_date(v.value_date),
            |a, b| (a.value_date, &a.number).cmp(&(b.value_date, &b.number)),
        ),
        table::Column::text(Column::Label, wording::COL_LABEL, 6, |v| &v.label),
        table::Column::text(Column::Template, wording::COL_TEMPLATE, 3, |v| &v.template),
        table::Column::text(Column::Tiers, wording::COL_TIERS, 2, |v| &v.tiers),
        table::Column::computed(
            Column::Amount,
            wording::COL_AMOUNT,
            2,
            true,
            |v: &VoucherSummary| format_money(v.amount),
            |a: &VoucherSummary, b: &VoucherSummary| a.amount.cmp(&b.amount),
        )
        .plain(|v| format_money_plain(v.amount)),
    ]
}

pub const FILTER_ID: &str = "filtre-pieces";
/// Identifiant de la zone de recherche du tiers.
pub const TIERS_PICKER_ID: &str = "recherche-tiers-pieces";
/// Largeur de la zone de recherche du tiers.
const TIERS_WIDTH: f32 = 340.0;
const ENTRIES: usize = 0;

/// Ce que l'utilisateur fait dans la fenêtre.
#[derive(Debug, Clone)]
pub enum Message {
    From(String),
    To(String),
    Journal(String),
    /// Recherche et choix du tiers (pièces dont une écriture porte sur lui).
    Tiers(picker::Message),
    List(table::Message<Column>),
    Form(form::Message),
    New,
    /// Ouvre la pièce de ce numéro, même hors de la période chargée.
    OpenNumber(String),
    /// « Générer écritures ».
    Generate,
    /// « Valider écritures ».
    Check,
    /// « Autoriser édition pièce ».
    AllowEdit,
}

/// La fenêtre.
pub struct Vouchers {
    from: String,
    to: String,
    journal: String,
    journals: Vec<String>,
    tiers: Picker,
    table: Table<VoucherSummary, Column>,
    load_error: Option<String>,
    /// La sélection a plus de `MAX_ROWS` pièces : seules les premières sont chargées.
    truncated: bool,
    form: Option<Form>,
}

/// Erreur d'enregistrement : du grand livre ou du verrouillage.
enum Refusal {
    Ledger(LedgerError),
    Lock(LockError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Ledger(LedgerError::Store(e))
    }
}

impl From<LedgerError> for Refusal {
    fn from(e: LedgerError) -> Self {
        Refusal::Ledger(e)
    }
}

impl From<LockError> for Refusal {
    fn from(e: LockError) -> Self {
        Refusal::Lock(e)
    }
}

impl Vouchers {
    /// La fenêtre sans ses données, lues à sa première ouverture (`reload`) : le
    /// démarrage de l'application ne lit pas le grand livre pour une fenêtre fermée.
    pub fn unloaded(ctx: &Ctx) -> Self {
        // Le mois en cours : sur 2 millions d'écritures, une année ferait des centaines de
        // milliers de pièces ; la période se change dans le volet.
        let today = ctx.db.today;
        let from = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        let to = crate::model::dates::add_months(from, 1)
            .and_then(|next| next.pred_opt())
            .unwrap_or(today);
        Vouchers {
            from: format_date(from),
            to: format_date(to),
            journal: wording::ALL.to_string(),
            journals: Vec::new(),
            tiers: tiers_picker(ctx.data),
            table: Table::new(
                columns(),
                Vec::new(),
                Some((Column::Date, Order::Ascending)),
                FILTER_ID,
                wording::VOUCHERS_NOUN,
            ),
            load_error: None,
            truncated: false,
            form: None,
        }
    }

    pub fn new(ctx: &Ctx) -> Self {
        let mut screen = Self::unloaded(ctx);
        screen.reload(ctx);
        screen
    }

    pub fn table(&self) -> &Table<VoucherSummary, Column> {
        &self.table
    }

    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    /// La recherche du tiers du volet de sélection.
    pub fn tiers(&self) -> &Picker {
        &self.tiers
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> iced::Task<M> {
        self.table.take_scroll()
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    pub fn has_unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(Form::is_dirty)
    }

    /// Relit les pièces de la période (après un enregistrement, ou un changement de
    /// période ou de journal).
    pub fn reload(&mut self, ctx: &Ctx) {
        self.journals = std::iter::once(wording::ALL.to_string())
            .chain(ctx.data.journals.iter().map(|j| j.reference.clone()))
            .collect();
        self.tiers.set_choices(ctx.data.party_choices());
        if let Some(form) = self.form.as_mut() {
            form.renew_choices(&blank(ctx.data, ctx.db.today));
        }
        let (from, to) = match (inputs::date(&self.from), inputs::date(&self.to)) {
            (Ok(f), Ok(t)) => (f, t),
            (Err(e), _) | (_, Err(e)) => {
                self.load_error = Some(e);
                return;
            }
        };
        let filter = VoucherFilter {
            from: Some(from),
            to: Some(to),
            journal: (self.journal != wording::ALL).then(|| self.journal.clone()),
            tiers: self.tiers.chosen().map(str::to_string),
            limit: None,
        };
        match ctx.db.read(|repo| load(repo, filter)) {
            Ok((rows, truncated)) => {
                self.load_error = None;
                self.truncated = truncated;
                self.table.set_rows(rows);
            }
            Err(e) => self.load_error = Some(e.to_string()),
        }
    }

    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        shortcut::list_and_form(
            self.form.as_ref(),
            shortcut,
            Message::Form,
            Message::List,
            Message::New,
        )
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::From(from) => {
                self.from = from;
                if !inputs::date_is_invalid(&self.from) {
                    self.reload(ctx);
                }
                None
            }
            Message::To(to) => {
                self.to = to;
                if !inputs::date_is_invalid(&self.to) {
                    self.reload(ctx);
                }
                None
            }
            Message::Journal(journal) => {
                self.journal = journal;
                self.reload(ctx);
                None
            }
            Message::Tiers(m) => {
                if self.tiers.update(m).is_some() {
                    self.reload(ctx);
                }
                None
            }
            Message::List(m) => match self.table.update(m)? {
                table::Event::Selected(i) => {
                    self.table.row(i).map(|v| Event::Selected(v.number.clone()))
                }
                table::Event::Open(i) => {
                    let number = self.table.row(i)?.number.clone();
                    self.form = Some(open(&number, ctx));
                    Some(Event::Selected(number))
                }
                table::Event::Query => None,
            },
            Message::New => {
                self.form = Some(blank(ctx.data, ctx.db.today));
                None
            }
            Message::OpenNumber(number) => {
                self.form = Some(open(&number, ctx));
                Some(Event::Selected(number))
            }
            Message::Generate => {
                self.generate(ctx);
                None
            }
            Message::Check => {
                self.check(ctx);
                None
            }
            Message::AllowEdit => {
                let number = self.form.as_ref()?.reference()?.to_string();
                let result = ctx.db.write(wording::AUDIT_ALLOW_EDIT, |repo| {
                    locks::allow_edit(repo, &number)
                });
                match result {
                    Ok(()) => {
                        let mut reopened = open(&number, ctx);
                        reopened.set_notice(Some(wording::EDIT_ALLOWED.to_string()));
                        self.form = Some(reopened);
                    }
                    Err(e) => {
                        if let Some(f) = self.form.as_mut() {
                            f.set_general(e.to_string());
                        }
                    }
                }
                None
            }
            Message::Form(m) => self.form_message(m, ctx),
        }
    }

    fn form_message(&mut self, message: form::Message, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        // Le choix d'un modèle propose son journal.
        if let form::Message::Input("modele", template) = &message {
            if let Some(t) = ctx.data.templates.iter().find(|t| &t.reference == template) {
                form.set("journal", t.journal.clone());
            }
        }
        match form.update(message)? {
            form::Request::New => {
                self.form = Some(blank(ctx.data, ctx.db.today));
                None
            }
            form::Request::Close => {
                self.form = None;
                None
            }
            form::Request::Delete => {
                let Some(number) = form.reference().map(str::to_string) else {
                    self.form = None;
                    return None;
                };
                let today = ctx.db.today;
                match ctx.db.write(wording::AUDIT_DELETE_VOUCHER, |repo| {
                    locks::delete(repo, &number, today)
                }) {
                    Ok(()) => {
                        self.form = None;
                        self.reload(ctx);
                        Some(Event::Changed)
                    }
                    Err(e) => {
                        form.set_general(e.to_string());
                        None
                    }
                }
            }
            form::Request::Save => self.save(ctx),
        }
    }

    /// « Générer écritures » : les écritures du modèle remplacent le tableau.
    fn generate(&mut self, ctx: &Ctx) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        if !form.is_editable() {
            return;
        }
        form.clear_errors();
        let request = match request(form) {
            Ok(r) => r,
            Err(errors) => {
                form.set_errors(errors);
                return;
            }
        };
        let result = ctx.db.read(|repo| {
            let lctx = LedgerContext::load(repo)?;
            draft_from_template(repo, &lctx, &request)
        });
        match result {
            Ok(draft) => {
                if form.text("libelle").trim().is_empty() {
                    form.set("libelle", draft.label.clone());
                }
                form.set("journal", draft.journal.clone());
                set_entries(form, &draft.entries, false);
                form.touch();
            }
            Err(e) => show_ledger_error(form, &e),
        }
    }

    /// « Valider écritures » : retire les lignes à 0, puis contrôle la pièce entière.
    fn check(&mut self, ctx: &Ctx) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        form.clear_errors();
        let draft = match draft(form) {
            Ok(d) => d,
            Err(rejected) => {
                rejected.show(form);
                return;
            }
        };
        let entries = validate_entries(draft.entries.clone());
        if form.is_editable() && entries.len() != draft.entries.len() {
            set_entries(form, &entries, false);
            form.touch();
        }
        let draft = VoucherDraft { entries, ..draft };
        match ctx
            .db
            .read(|repo| LedgerContext::load(repo).map_err(LedgerError::from))
            .and_then(|lctx| ledger::validate(&draft, &lctx))
        {
            Ok(()) => {
                let total: Money = draft.entries.iter().map(|e| e.debit).sum();
                form.set_info(wording::voucher_balanced(&format_money(total)));
            }
            Err(e) => show_ledger_error(form, &e),
        }
    }

    /// « V » : une nouvelle pièce passe par `ledger::post`, une pièce modifiée par
    /// `locks::modify` (verrou et règles du grand livre).
    fn save(&mut self, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        form.clear_errors();
        if !form.is_editable() {
            form.set_general(wording::VOUCHER_READ_ONLY);
            return None;
        }
        let mut draft = match draft(form) {
            Ok(d) => d,
            Err(rejected) => {
                rejected.show(form);
                return None;
            }
        };
        draft.entries = validate_entries(draft.entries);
        let existing = form.reference().map(str::to_string);
        let today = ctx.db.today;
        let result = ctx.db.write(wording::AUDIT_VOUCHER, |repo| {
            let lctx = LedgerContext::load(repo)?;
            match &existing {
                Some(number) => {
                    locks::modify(repo, &lctx, number, &draft, today)?;
                    Ok::<String, Refusal>(number.clone())
                }
                None => Ok(ledger::post(repo, &lctx, &draft)?),
            }
        });
        match result {
            Ok(number) => {
                self.form = Some(open(&number, ctx));
                if let Some(f) = self.form.as_mut() {
                    f.set_info(wording::voucher_saved(&number));
                }
                self.reload(ctx);
                Some(Event::Changed)
            }
            Err(Refusal::Ledger(e)) => {
                show_ledger_error(form, &e);
                None
            }
            Err(Refusal::Lock(LockError::Ledger(e))) => {
                show_ledger_error(form, &e);
                None
            }
            Err(Refusal::Lock(e)) => {
                form.set_general(e.to_string());
                None
            }
        }
    }

    pub fn view<'a>(&'a self) -> Element<'a, Message> {
        if let Some(form) = &self.form {
            let editable = form.is_editable();
            let mut actions = vec![
                tool_button(
                    wording::GENERATE_ENTRIES,
                    editable.then_some(Message::Generate),
                    theme::secondary_button,
                ),
                tool_button(
                    wording::CHECK_ENTRIES,
                    Some(Message::Check),
                    theme::secondary_button,
                ),
            ];
            if form.reference().is_some() && !editable {
                actions.push(tool_button(
                    wording::ALLOW_EDIT,
                    Some(Message::AllowEdit),
                    theme::secondary_button,
                ));
            }
            return form.view(Message::Form, None, actions);
        }
        let selected = self.journals.iter().find(|j| **j == self.journal);
        let selection = container(
            row![
                pane_label(wording::PANE_PERIOD),
                pane_label(wording::FROM),
                inputs::date_input(&self.from, false, Some(Box::new(Message::From))),
                pane_label(wording::TO),
                inputs::date_input(&self.to, false, Some(Box::new(Message::To))),
                pane_label(wording::F_JOURNAL),
                pick_list(self.journals.as_slice(), selected, Message::Journal)
                    .text_size(theme::TEXT_BODY)
                    .padding(theme::SPACE_XS + 2.0),
                pane_label(wording::COL_TIERS),
                container(self.tiers.view(false, Message::Tiers)).width(TIERS_WIDTH),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Start),
        )
        .padding([theme::SPACE_S, theme::SPACE_M])
        .width(Length::Fill)
        .style(theme::card);
        let mut page = column![list_header(wording::VOUCHERS, Message::New), selection]
            .spacing(theme::SPACE_M);
        if let Some(e) = &self.load_error {
            page = page.push(form::banner(e.as_str(), theme::error_banner));
        }
        if self.truncated {
            page = page.push(form::banner(wording::TOO_MANY_ROWS, theme::error_banner));
        }
        page.push(self.table.view().map(Message::List)).into()
    }
}

/// Recherche du tiers du volet : tous les tiers (locataires compris), par référence ou
/// nom ; sans choix, toutes les pièces.
fn tiers_picker(data: &Data) -> Picker {
    Picker::shared(
        data.party_choices(),
        "",
        wording::TIERS_PICKER_PLACEHOLDER,
        TIERS_PICKER_ID,
    )
    .clearable()
}

/// Les pièces du filtre (sans leurs écritures), au plus `MAX_ROWS` ; `true` si le filtre
/// en a davantage.
pub fn load(
    repo: &crate::store::Repo,
    filter: VoucherFilter,
) -> Result<(Vec<VoucherSummary>, bool), StoreError> {
    let mut rows = repo.voucher_summaries(&VoucherFilter {
        limit: Some(MAX_ROWS + 1),
        ..filter
    })?;
    let truncated = rows.len() > MAX_ROWS;
    rows.truncate(MAX_ROWS);
    Ok((rows, truncated))
}

/// Formulaire d'une nouvelle pièce.
fn blank(data: &Data, today: NaiveDate) -> Form {
    let refs = |it: &mut dyn Iterator<Item = String>| it.collect::<Vec<_>>();
    let entries = Detail::new(
        wording::ENTRIES_TABLE,
        0,
        vec![
            Field::choice(
                "compte",
                wording::F_ACCOUNT,
                refs(&mut data.accounts.iter().map(|a| a.reference.clone())),
                true,
            )
            .required()
            .width(3),
            Field::search("tiers", wording::F_TIERS, data.party_choices()).width(3),
            Field::text("analytique", wording::F_ANALYTIC).width(2),
            Field::text("libelle", wording::F_ENTRY_LABEL).width(4),
            Field::amount("debit", wording::COL_DEBIT).width(2),
            Field::amount("credit", wording::COL_CREDIT).width(2),
        ],
    );
    let mut form = Form::new(
        wording::NEW_VOUCHER,
        vec![wording::TAB_VOUCHER],
        vec![
            Field::read_only("numero", wording::F_VOUCHER_NUMBER),
            Field::read_only("etat", wording::F_LOCK_STATE),
            Field::choice(
                "modele",
                wording::F_TEMPLATE,
                data.templates.iter().map(|t| t.reference.clone()),
                true,
            ),
            Field::choice(
                "journal",
                wording::F_JOURNAL,
                data.journals.iter().map(|j| j.reference.clone()),
                true,
            )
            .required(),
            Field::date("date", wording::F_VALUE_DATE).required(),
            Field::text("remise", wording::F_BATCH),
            Field::search("tiers", wording::F_TIERS, data.tenant_choices()),
            Field::search(
                "organisme",
                wording::F_PAYER_BODY,
                data.party_choices_of(ThirdPartyKind::PayerBody),
            ),
            Field::search("location", wording::F_LEASE, data.lease_choices()),
            Field::amount("montant", wording::F_VOUCHER_AMOUNT),
            Field::text("libelle", wording::F_VOUCHER_LABEL).required(),
            Field::text("reference", wording::F_VOUCHER_REFERENCE),
            Field::choice(
                "mode",
                wording::F_PAYMENT_MODE,
                PaymentMode::ALL.iter().map(|m| m.label().to_string()),
                true,
            ),
            Field::date("date_reglement", wording::F_PAYMENT_DATE),
            Field::text("analytique", wording::F_ANALYTIC),
        ],
    )
    .with_detail(entries);
    form.set("date", format_date(today));
    form.set("etat", wording::NEW_VOUCHER_STATE);
    form
}

/// Formulaire d'une pièce enregistrée, avec son état de verrouillage.
fn open(number: &str, ctx: &Ctx) -> Form {
    let mut form = blank(ctx.data, ctx.db.today).existing(number.to_string());
    form.title = wording::voucher_title(number);
    let today = ctx.db.today;
    let loaded = ctx.db.read(|repo| {
        let stored = repo.voucher(number)?;
        let state = locks::lock_state(repo, number, today).map_err(|e| match e {
            LockError::Ledger(LedgerError::Store(s)) => s,
            other => StoreError::Invalid(vec![Invalid::new("etat", other.to_string())]),
        })?;
        Ok::<_, StoreError>((stored, state))
    });
    let (stored, state) = match loaded {
        Ok((Some(stored), state)) => (stored, state),
        Ok((None, _)) => {
            form.set_general(wording::voucher_unknown(number));
            return form;
        }
        Err(e) => {
            form.set_general(e.to_string());
            return form;
        }
    };
    let d = &stored.draft;
    let by_user = USER_ORIGINS.contains(&d.origin.as_str());
    let editable = by_user && (stored.unlocked_once || state.is_none());
    let state_text = if !by_user {
        wording::voucher_from_treatment(&d.origin)
    } else if stored.unlocked_once {
        wording::EDIT_ALLOWED.to_string()
    } else {
        match &state {
            Some(reason) => wording::voucher_locked(&reason.to_string()),
            None => wording::VOUCHER_EDITABLE.to_string(),
        }
    };
    form.set_editable(editable);
    form.set_details_editable(editable);
    form.set_can_delete(editable);
    form.set_notice(Some(state_text.clone()));
    form.set("numero", number);
    form.set("etat", state_text);
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| NONE.to_string());
    form.set("modele", opt(&d.template));
    form.set("journal", d.journal.clone());
    form.set("date", format_date(d.value_date));
    form.set("remise", d.batch_no.clone());
    form.set("tiers", opt(&d.tiers));
    form.set("location", opt(&d.lease));
    form.set("libelle", d.label.clone());
    form.set("reference", d.reference.clone());
    form.set("mode", d.payment_mode.map_or(NONE, PaymentMode::label));
    form.set(
        "date_reglement",
        d.payment_date.map(format_date).unwrap_or_default(),
    );
    form.set("analytique", d.analytic.clone());
    let total: Money = d.entries.iter().map(|e| e.debit).sum();
    form.set("montant", format_money(total));
    set_entries(&mut form, &d.entries, !editable);
    form
}

/// Remplace les lignes du tableau des écritures.
fn set_entries(form: &mut Form, entries: &[EntryDraft], saved: bool) {
    let Some(detail) = form.details.get_mut(ENTRIES) else {
        return;
    };
    detail.clear();
    let amount = |m: Money| {
        if m.is_zero() {
            String::new()
        } else {
            format_money(m)
        }
    };
    for e in entries {
        detail.push_row(
            vec![
                ("compte", Value::Text(e.account.clone())),
                (
                    "tiers",
                    Value::Text(e.tiers.clone().unwrap_or_else(|| NONE.to_string())),
                ),
                ("analytique", Value::Text(e.analytic.clone())),
                ("libelle", Value::Text(e.label.clone())),
                ("debit", Value::Text(amount(e.debit))),
                ("credit", Value::Text(amount(e.credit))),
            ],
            saved,
        );
    }
}

/// En-tête lu pour « Générer écritures ».
fn request(form: &Form) -> Result<TemplateRequest, Vec<Invalid>> {
    let mut r = form.reader();
    let template = r.text("modele");
    if template.is_empty() {
        r.fail("modele", wording::TEMPLATE_REQUIRED);
    }
    let value_date = r.date("date");
    let amount = r.money_or_zero("montant");
    let mode = r.opt_code("mode", PaymentMode::parse);
    let payment_date = r.opt_date("date_reglement");
    let request = TemplateRequest {
        template,
        journal: r.text("journal"),
        value_date: value_date.unwrap_or_default(),
        tiers: r.opt_text("tiers"),
        payer: r.opt_text("organisme"),
        amount,
        free_label: r.text("libelle"),
        lease: r.opt_text("location"),
        analytic: r.text("analytique"),
        reference: r.text("reference"),
        payment_mode: mode,
        payment_date: payment_date.or(mode.and(value_date)),
    };
    r.finish(Ok(()))?;
    Ok(request)
}

/// La pièce telle qu'elle est saisie.
fn draft(form: &Form) -> Result<VoucherDraft, Rejected> {
    let mut rejected = Rejected::default();
    let mut r = form.reader();
    let journal = r.text("journal");
    if journal.is_empty() {
        r.fail("journal", wording::REQUIRED);
    }
    let value_date = r.date("date");
    let mode = r.opt_code("mode", PaymentMode::parse);
    let payment_date = r.opt_date("date_reglement");
    let mut entries = Vec::new();
    if let Some(d) = form.details.get(ENTRIES) {
        for row in 0..d.rows.len() {
            let mut er = d.reader(row);
            let account = er.text("compte");
            if account.is_empty() {
                er.fail("compte", wording::REQUIRED);
            }
            let entry = EntryDraft {
                account,
                tiers: er.opt_text("tiers"),
                analytic: er.text("analytique"),
                label: er.text("libelle"),
                debit: er.money_or_zero("debit"),
                credit: er.money_or_zero("credit"),
            };
            if let Err(errors) = er.finish(Ok(())) {
                rejected.rows.push((ENTRIES, row, errors));
            }
            entries.push(entry);
        }
    }
    let draft = VoucherDraft {
        journal,
        value_date: value_date.unwrap_or_default(),
        label: r.text("libelle"),
        template: r.opt_text("modele"),
        tiers: r.opt_text("tiers"),
        lease: r.opt_text("location"),
        analytic: r.text("analytique"),
        payment_mode: mode,
        payment_date: payment_date.or(mode.and(value_date)),
        batch_no: r.text("remise"),
        reference: r.text("reference"),
        origin: USER_ORIGINS[0].to_string(),
        entries,
    };
    if let Err(errors) = r.finish(Ok(())) {
        rejected.fields = errors;
    }
    if rejected.is_empty() {
        Ok(draft)
    } else {
        Err(rejected)
    }
}

/// Place une erreur du grand livre sur sa ligne d'écriture ou sur son champ d'en-tête.
fn show_ledger_error(form: &mut Form, error: &LedgerError) {
    use LedgerError as E;
    let line = match error {
        E::ZeroLine { line }
        | E::BothSides { line }
        | E::Negative { line }
        | E::Cents { line }
        | E::UnknownAccount { line, .. }
        | E::ClosedAccount { line, .. }
        | E::TiersRequired { line, .. }
        | E::TiersForbidden { line, .. }
        | E::AnalyticRequired { line, .. } => Some(*line),
        _ => None,
    };
    if let Some(line) = line {
        let key = match error {
            E::TiersRequired { .. } | E::TiersForbidden { .. } => "tiers",
            E::AnalyticRequired { .. } => "analytique",
            E::UnknownAccount { .. } | E::ClosedAccount { .. } => "compte",
            _ => "debit",
        };
        if let Some(d) = form.details.get_mut(ENTRIES) {
            d.set_row_errors(
                line.saturating_sub(1),
                vec![Invalid::new(key, error.to_string())],
            );
        }
        return;
    }
    let field = match error {
        E::UnknownJournal(_) | E::ClosedJournal { .. } | E::JournalLocked { .. } => Some("journal"),
        E::ClosedPeriod { .. } | E::AfterNotice { .. } | E::BeforeLeaseStart { .. } => Some("date"),
        E::UnknownTemplate(_) | E::JournalKind { .. } => Some("modele"),
        E::UnknownLease(_) | E::LockedLease(_) => Some("location"),
        E::TiersMissing(_) => Some("tiers"),
        E::PayerMissing(_) => Some("organisme"),
        _ => None,
    };
    match (field, error) {
        (_, E::Store(e)) => form.set_store_error(e),
        (Some(key), _) => form.set_errors(vec![Invalid::new(key, error.to_string())]),
        (None, _) => form.set_general(error.to_string()),
    }
}

/// Tri des pièces par numéro (tests).
pub fn numbers(screen: &Vouchers) -> Vec<String> {
    let mut out: Vec<String> = screen
        .table
        .visible_rows()
        .into_iter()
        .map(|v| v.number.clone())
        .collect();
    out.sort_by(|a, b| by_text(a, b));
    out
}
