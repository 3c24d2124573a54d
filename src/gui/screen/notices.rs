//! Fenêtre « Avis » (manuel : « Consultation / Edition des avis d'échéance ») : tous les
//! documents des locataires (avis d'échéance, appels du dépôt de garantie, factures,
//! avoirs), le volet de sélection (nature, impression, période), les indicateurs
//! d'impression cochés ou décochés sur la sélection, l'impression en PDF (documents, ou
//! quittances et reçus) dans une tâche de fond, et la suppression (d'une seule nature de
//! documents à la fois, comme le veut le manuel).

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use iced::widget::{
    checkbox, column, container, pick_list, row, scrollable, text, Column as Col, Space,
};
use iced::{alignment, Alignment, Length, Task};

use super::{Ctx, Data, Event, Shortcut};
use crate::documents;
use crate::gui::widget::browse::{self, Kind, Request};
use crate::gui::widget::form::banner;
use crate::gui::widget::save;
use crate::gui::widget::table::{self, Order, Pane, Table, MAX_ROWS};
use crate::gui::widget::treatment::{self, Report, Treatment};
use crate::gui::widget::{inputs, modal, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::model::{DocumentKind, LineSection, TenantDocument};
use crate::store::DocumentFilter;
use crate::treatments::notices;
use crate::treatments::print::{self, Output, PrintWhat};
use crate::treatments::printer;

/// Un document dans la liste, avec son locataire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    pub doc: TenantDocument,
    pub tenant: String,
    pub tenant_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Number,
    Kind,
    Lease,
    Tenant,
    Period,
    Due,
    Amount,
    TotalDue,
    NoticePrinted,
    ReceiptPrinted,
}

fn period(d: &TenantDocument) -> String {
    match (d.period_start, d.period_end) {
        (Some(s), Some(e)) => notices::period_label((s, e)),
        _ => String::new(),
    }
}

fn columns() -> Vec<table::Column<DocRow, Column>> {
    vec![
        table::Column::computed(
            Column::Number,
            wording::COL_NUMBER,
            4,
            false,
            |r| r.doc.number.clone(),
            |a, b| a.doc.number.cmp(&b.doc.number),
        ),
        table::Column::computed(
            Column::Kind,
            wording::COL_DOCUMENT_TYPE,
            2,
            false,
            |r| wording::kind_short(r.doc.kind).to_string(),
            |a, b| a.doc.kind.cmp(&b.doc.kind),
        ),
        table::Column::computed(
            Column::Lease,
            wording::COL_LEASE,
            3,
            false,
            |r| r.doc.lease.clone(),
            |a, b| a.doc.lease.cmp(&b.doc.lease),
        ),
        table::Column::computed(
            Column::Tenant,
            wording::COL_TENANT,
            7,
            false,
            |r| format!("{} {}", r.tenant, r.tenant_name),
            |a, b| table::by_text(&a.tenant_name, &b.tenant_name),
        ),
        table::Column::computed(
            Column::Period,
            wording::COL_PERIOD,
            3,
            false,
            |r: &DocRow| period(&r.doc),
            |a: &DocRow, b: &DocRow| a.doc.period_start.cmp(&b.doc.period_start),
        ),
        table::Column::computed(
            Column::Due,
            wording::COL_DUE_DATE,
            3,
            false,
            |r| r.doc.due_date.map(format_date).unwrap_or_default(),
            |a, b| a.doc.due_date.cmp(&b.doc.due_date),
        ),
        table::Column::computed(
            Column::Amount,
            wording::COL_AMOUNT,
            3,
            true,
            |r: &DocRow| format_money(r.doc.amount),
            |a: &DocRow, b: &DocRow| a.doc.amount.cmp(&b.doc.amount),
        )
        .plain(|r| format_money_plain(r.doc.amount)),
        table::Column::computed(
            Column::TotalDue,
            wording::COL_DUE,
            3,
            true,
            |r: &DocRow| format_money(r.doc.total_due),
            |a: &DocRow, b: &DocRow| a.doc.total_due.cmp(&b.doc.total_due),
        )
        .plain(|r| format_money_plain(r.doc.total_due)),
        table::Column::computed(
            Column::NoticePrinted,
            wording::COL_NOTICE_PRINTED_SHORT,
            2,
            false,
            |r| wording::yes_no(r.doc.notice_printed).to_string(),
            |a, b| a.doc.notice_printed.cmp(&b.doc.notice_printed),
        ),
        table::Column::computed(
            Column::ReceiptPrinted,
            wording::COL_RECEIPT_PRINTED_SHORT,
            2,
            false,
            |r| wording::yes_no(r.doc.receipt_printed).to_string(),
            |a, b| a.doc.receipt_printed.cmp(&b.doc.receipt_printed),
        ),
    ]
}

fn panes() -> Vec<Pane<DocRow>> {
    let mut kinds = vec![wording::ALL];
    kinds.extend(DocumentKind::ALL.iter().map(|k| k.label()));
    vec![
        Pane::Choice {
            label: wording::PANE_DOCUMENT,
            options: kinds,
            selected: 0,
            test: |r, option| {
                option.checked_sub(1).and_then(|i| DocumentKind::ALL.get(i)) == Some(&r.doc.kind)
            },
        },
        Pane::Choice {
            label: wording::PANE_PRINTING,
            options: vec![
                wording::ALL,
                wording::NOTICE_NOT_PRINTED,
                wording::NOTICE_PRINTED,
                wording::RECEIPT_NOT_PRINTED,
                wording::RECEIPT_PRINTED,
            ],
            selected: 0,
            test: |r, option| match option {
                1 => !r.doc.notice_printed,
                2 => r.doc.notice_printed,
                3 => !r.doc.receipt_printed,
                _ => r.doc.receipt_printed,
            },
        },
    ]
}

/// Période chargée par défaut : le mois de `today`.
fn current_month(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let last = crate::model::dates::add_months(first, 1)
        .and_then(|next| next.pred_opt())
        .unwrap_or(today);
    (first, last)
}

/// Les lignes de la liste : chaque document avec le locataire de sa location (tables
/// construites une fois, pas de recherche par document).
pub fn rows_of(docs: Vec<TenantDocument>, data: &Data) -> Vec<DocRow> {
    let tenants: HashMap<&str, &str> = data
        .leases
        .iter()
        .map(|l| (l.reference.as_str(), l.tenant.as_str()))
        .collect();
    let names: HashMap<&str, &str> = data
        .third_parties
        .iter()
        .map(|p| (p.reference.as_str(), p.name.as_str()))
        .collect();
    docs.into_iter()
        .map(|doc| {
            let tenant = tenants.get(doc.lease.as_str()).copied().unwrap_or_default();
            DocRow {
                tenant_name: names.get(tenant).copied().unwrap_or_default().to_string(),
                tenant: tenant.to_string(),
                doc,
            }
        })
        .collect()
}

/// Les documents de la période (sans leurs lignes), au plus `MAX_ROWS` ; `true` si la
/// période en a davantage.
pub fn load(
    repo: &crate::store::Repo,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(Vec<TenantDocument>, bool), crate::store::StoreError> {
    let mut docs = repo.document_headers(&DocumentFilter {
        from,
        to,
        limit: Some(MAX_ROWS + 1),
        ..DocumentFilter::default()
    })?;
    let truncated = docs.len() > MAX_ROWS;
    docs.truncate(MAX_ROWS);
    Ok((docs, truncated))
}

/// Ce qu'on imprime.
pub const PRINT_WHAT: [&str; 2] = [wording::PRINT_DOCUMENTS, wording::PRINT_RECEIPTS];
/// Où on l'écrit.
pub const PRINT_OUTPUT: [&str; 2] = [wording::PRINT_ONE_FILE, wording::PRINT_PER_TENANT];

#[derive(Debug, Clone)]
pub enum Message {
    List(table::Message<Column>),
    /// Coche (ou décoche) l'indicateur « avis imprimé » de la sélection.
    MarkPrinted(bool),
    /// Ouvre la boîte d'impression.
    Print,
    PrintWhat(&'static str),
    PrintOutput(&'static str),
    PrintPath(String),
    /// « Parcourir… » : la boîte du système pour le fichier (ou le dossier) des PDF.
    PrintBrowse,
    PrintBrowsed(Option<PathBuf>),
    PrintAt(String),
    PrintMark(bool),
    Treatment(treatment::Message),
    /// Ouvre le premier PDF écrit avec la visionneuse du système.
    OpenPdf,
    /// « Imprimer… » : aperçu de la première page avant l'envoi à l'imprimante (`false` :
    /// retour à la boîte).
    PrintPreview(bool),
    /// Envoie les PDF écrits à l'imprimante du système.
    SendToPrinter,
    /// Demande la suppression de la sélection (question d'abord).
    Delete,
    ConfirmDelete(bool),
    /// Retour à la liste depuis un document ouvert.
    Back,
    /// Ouvre le document de ce numéro, même hors de la période chargée.
    OpenNumber(String),
}

/// Options de la boîte d'impression.
#[derive(Debug, Clone)]
struct PrintOptions {
    what: &'static str,
    output: &'static str,
    path: String,
    at: String,
    mark: bool,
    numbers: Vec<String>,
    files: Vec<PathBuf>,
    /// Boîte du système indisponible, ou imprimante absente : le message.
    notice: Option<String>,
    /// L'aperçu avant impression est affiché.
    preview: bool,
}

pub const FILTER_ID: &str = "filtre-avis";

pub struct Notices {
    table: Table<DocRow, Column>,
    /// Document ouvert, relu avec ses lignes.
    opened: Option<DocRow>,
    /// La période a plus de `MAX_ROWS` documents : seuls les premiers sont chargés.
    truncated: bool,
    print: Option<(Treatment, PrintOptions)>,
    confirm_delete: bool,
    message: Option<Result<String, String>>,
}

impl Notices {
    /// La fenêtre sans ses données, lues à sa première ouverture (`reload`) : le
    /// démarrage de l'application ne lit pas le grand livre pour une fenêtre fermée.
    pub fn unloaded(ctx: &Ctx) -> Self {
        let mut table = Table::new(
            columns(),
            Vec::new(),
            Some((Column::Number, Order::Descending)),
            FILTER_ID,
            wording::DOCUMENTS_NOUN,
        );
        for pane in panes() {
            table = table.with_pane(pane);
        }
        let (first, last) = current_month(ctx.db.today);
        table = table.with_pane(Pane::Query {
            label: wording::PANE_PERIOD,
            from: format_date(first),
            to: format_date(last),
        });
        Notices {
            table,
            opened: None,
            truncated: false,
            print: None,
            confirm_delete: false,
            message: None,
        }
    }

    pub fn new(ctx: &Ctx) -> Self {
        let mut screen = Self::unloaded(ctx);
        screen.reload(ctx);
        screen
    }

    pub fn table(&self) -> &Table<DocRow, Column> {
        &self.table
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> Task<M> {
        self.table.take_scroll()
    }

    pub fn message(&self) -> Option<&Result<String, String>> {
        self.message.as_ref()
    }

    pub fn treatment(&self) -> Option<&Treatment> {
        self.print.as_ref().map(|(t, _)| t)
    }

    pub fn is_busy(&self) -> bool {
        self.print.as_ref().is_some_and(|(t, _)| t.is_running())
    }

    /// Relit les documents de la période du volet de sélection.
    pub fn reload(&mut self, ctx: &Ctx) {
        let (from, to) = self.table.query_period();
        match ctx.db.read(|repo| load(repo, from, to)) {
            Ok((docs, truncated)) => {
                self.truncated = truncated;
                self.table.set_rows(rows_of(docs, ctx.data));
                self.opened = None;
            }
            Err(e) => self.message = Some(Err(wording::cannot_read_data(&e.to_string()))),
        }
    }

    /// Le document ouvert (avec ses lignes).
    pub fn opened(&self) -> Option<&DocRow> {
        self.opened.as_ref()
    }

    /// La période a plus de documents que la liste n'en charge.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// Ouvre un document de la liste.
    fn open(&mut self, index: usize, ctx: &Ctx) {
        if let Some(number) = self.table.row(index).map(|r| r.doc.number.clone()) {
            self.open_number(&number, ctx);
        }
    }

    /// Ouvre le document `number`, relu avec ses lignes.
    fn open_number(&mut self, number: &str, ctx: &Ctx) {
        match ctx.db.read(|repo| repo.document(number)) {
            Ok(Some(doc)) => self.opened = rows_of(vec![doc], ctx.data).pop(),
            Ok(None) => self.message = Some(Err(wording::document_unknown(number))),
            Err(e) => self.message = Some(Err(e.to_string())),
        }
    }

    /// Numéros visés : la sélection, à défaut tout ce qui est affiché.
    fn targets(&self) -> Vec<String> {
        let selection = self.table.selection();
        let rows = if selection.is_empty() {
            self.table.visible_rows()
        } else {
            selection
        };
        rows.into_iter().map(|r| r.doc.number.clone()).collect()
    }

    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        match shortcut {
            Shortcut::Escape if self.confirm_delete => Some(Message::ConfirmDelete(false)),
            Shortcut::Enter if self.confirm_delete => Some(Message::ConfirmDelete(true)),
            Shortcut::Escape if self.opened.is_some() => Some(Message::Back),
            // Une boîte ouverte (ou un document affiché) : la liste derrière ne bouge pas.
            Shortcut::Enter | Shortcut::Move(..)
                if self.print.is_some() || self.opened.is_some() || self.confirm_delete =>
            {
                None
            }
            Shortcut::Enter => Some(Message::List(table::Message::OpenCurrent)),
            Shortcut::Move(step, extend) => Some(Message::List(table::Message::Move(step, extend))),
            Shortcut::Delete => Some(Message::Delete),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        let none = (Task::none(), None);
        match message {
            Message::List(m) => (Task::none(), self.list_message(m, ctx)),
            Message::Back => {
                self.opened = None;
                none
            }
            Message::OpenNumber(number) => {
                self.open_number(&number, ctx);
                let selected = self.opened.as_ref().map(|_| Event::Selected(number));
                (Task::none(), selected)
            }
            Message::MarkPrinted(printed) => (Task::none(), self.mark_printed(printed, ctx)),
            Message::Delete => {
                self.ask_delete();
                none
            }
            Message::ConfirmDelete(yes) => (Task::none(), self.delete_confirmed(yes, ctx)),
            Message::Print => {
                self.open_print(ctx);
                none
            }
            Message::PrintWhat(_)
            | Message::PrintOutput(_)
            | Message::PrintPath(_)
            | Message::PrintBrowsed(_)
            | Message::PrintAt(_)
            | Message::PrintMark(_) => {
                self.print_option(message);
                none
            }
            Message::PrintBrowse => (self.browse_print_path(), None),
            Message::OpenPdf => {
                self.open_pdf();
                none
            }
            Message::PrintPreview(shown) => {
                if let Some((_, o)) = self.print.as_mut() {
                    o.preview = shown && !o.files.is_empty();
                    o.notice = None;
                }
                none
            }
            Message::SendToPrinter => {
                self.send_to_printer();
                none
            }
            Message::Treatment(m) => self.print_message(m, ctx),
        }
    }

    /// Un message de la liste : la ligne choisie pour la barre d'état, le document ouvert,
    /// ou la liste relue pour un nouveau filtre.
    fn list_message(&mut self, message: table::Message<Column>, ctx: &Ctx) -> Option<Event> {
        match self.table.update(message)? {
            table::Event::Selected(i) => self
                .table
                .row(i)
                .map(|r| Event::Selected(r.doc.number.clone())),
            table::Event::Open(i) => {
                self.open(i, ctx);
                None
            }
            table::Event::Query => {
                self.reload(ctx);
                None
            }
        }
    }

    /// Coche (ou décoche) « avis imprimé » sur la sélection.
    fn mark_printed(&mut self, printed: bool, ctx: &Ctx) -> Option<Event> {
        let numbers: Vec<String> = self
            .table
            .selection()
            .into_iter()
            .map(|r| r.doc.number.clone())
            .collect();
        if numbers.is_empty() {
            self.message = Some(Err(wording::SELECT_FIRST.to_string()));
            return None;
        }
        match ctx.db.write(wording::AUDIT_PRINTED, |repo| {
            repo.set_printed(&numbers, false, printed)
        }) {
            Ok(n) => {
                self.message = Some(Ok(wording::flags_changed(n)));
                Some(Event::Changed)
            }
            Err(e) => {
                self.message = Some(Err(e.to_string()));
                None
            }
        }
    }

    /// « Supprimer » : la question, si la sélection n'est que d'une nature.
    fn ask_delete(&mut self) {
        let selection = self.table.selection();
        if selection.is_empty() {
            self.message = Some(Err(wording::SELECT_FIRST.to_string()));
            return;
        }
        let kinds: std::collections::BTreeSet<_> = selection.iter().map(|r| r.doc.kind).collect();
        if selection.len() > 1 && kinds.len() > 1 {
            // Manuel : plusieurs documents ne se suppriment qu'une nature à la fois.
            self.message = Some(Err(wording::DELETE_ONE_KIND.to_string()));
            return;
        }
        self.confirm_delete = true;
    }

    /// Réponse à la question : « oui » supprime la sélection, les plus récents d'abord,
    /// en une transaction.
    fn delete_confirmed(&mut self, yes: bool, ctx: &Ctx) -> Option<Event> {
        self.confirm_delete = false;
        if !yes {
            return None;
        }
        let mut numbers: Vec<String> = self
            .table
            .selection()
            .into_iter()
            .map(|r| r.doc.number.clone())
            .collect();
        // Les plus récents d'abord : un avis ne se supprime que s'il est le dernier.
        numbers.sort();
        numbers.reverse();
        let count = numbers.len();
        match ctx.db.write(wording::AUDIT_DELETE_DOCUMENTS, |repo| {
            for n in &numbers {
                notices::delete_document(repo, n)?;
            }
            Ok::<(), notices::NoticeError>(())
        }) {
            Ok(()) => {
                self.message = Some(Ok(wording::documents_deleted(count)));
                Some(Event::Changed)
            }
            Err(e) => {
                self.message = Some(Err(e.to_string()));
                None
            }
        }
    }

    /// Ouvre la boîte d'impression sur la sélection, à défaut sur ce qui est affiché.
    fn open_print(&mut self, ctx: &Ctx) {
        let numbers = self.targets();
        if numbers.is_empty() {
            self.message = Some(Err(wording::NOTHING_TO_PRINT.to_string()));
            return;
        }
        let path = save::default_path(wording::PRINT_STEM, ctx.db.today, "pdf");
        self.print = Some((
            Treatment::new(wording::PRINT_TITLE, wording::PRINT_STEM),
            PrintOptions {
                what: PRINT_WHAT[0],
                output: PRINT_OUTPUT[0],
                path: path.display().to_string(),
                at: format_date(ctx.db.today),
                mark: true,
                numbers,
                files: Vec::new(),
                notice: None,
                preview: false,
            },
        ));
    }

    /// Saisie d'une option de la boîte d'impression ouverte ; un dossier de sortie perd
    /// l'extension du fichier, un fichier la reprend.
    fn print_option(&mut self, message: Message) {
        let Some((_, o)) = self.print.as_mut() else {
            return;
        };
        match message {
            Message::PrintWhat(w) => o.what = w,
            Message::PrintOutput(w) => {
                o.output = w;
                let base = PathBuf::from(&o.path);
                o.path = if w == PRINT_OUTPUT[1] {
                    base.with_extension("").display().to_string()
                } else {
                    base.with_extension("pdf").display().to_string()
                };
            }
            Message::PrintPath(p) => o.path = p,
            Message::PrintBrowsed(Some(path)) => o.path = path.display().to_string(),
            Message::PrintAt(d) => o.at = d,
            Message::PrintMark(m) => o.mark = m,
            _ => {}
        }
    }

    /// « Parcourir… » : la boîte du système pour le fichier (ou le dossier) des PDF, ou
    /// la raison de son absence.
    fn browse_print_path(&mut self) -> Task<Message> {
        let Some((_, o)) = self.print.as_mut() else {
            return Task::none();
        };
        if let Err(message) = browse::availability() {
            o.notice = Some(message);
            return Task::none();
        }
        o.notice = None;
        let folder = o.output == PRINT_OUTPUT[1];
        let request = Request {
            kind: if folder { Kind::Folder } else { Kind::Save },
            title: if folder {
                wording::PRINT_FOLDER_TITLE
            } else {
                wording::SAVE_AS_TITLE
            },
            proposed: PathBuf::from(o.path.trim()),
            filter: (!folder).then_some((wording::PDF_FILES, &["pdf"][..])),
        };
        browse::task(request, Message::PrintBrowsed)
    }

    /// Ouvre le premier PDF écrit avec la visionneuse du système.
    fn open_pdf(&mut self) {
        if let Some(path) = self.print.as_ref().and_then(|(_, o)| o.files.first()) {
            if let Err(e) = save::open_with_system(path) {
                self.message = Some(Err(e));
            }
        }
    }

    /// Envoie les PDF écrits à l'imprimante : la boîte se ferme et le nombre de fichiers
    /// envoyés s'affiche, ou le message de l'échec reste dans l'aperçu.
    fn send_to_printer(&mut self) {
        let Some((_, o)) = self.print.as_mut() else {
            return;
        };
        match printer::print_files(&o.files) {
            Ok(_) => {
                self.message = Some(Ok(wording::sent_to_printer(o.files.len())));
                self.print = None;
            }
            Err(e) => o.notice = Some(e.to_string()),
        }
    }

    fn print_message(
        &mut self,
        message: treatment::Message,
        ctx: &Ctx,
    ) -> (Task<Message>, Option<Event>) {
        let Some((t, options)) = self.print.as_mut() else {
            return (Task::none(), None);
        };
        // Les fichiers écrits sont rendus par le compte rendu final.
        if let treatment::Message::Progress(treatment::Progress::Done(Ok(report))) = &message {
            options.files = report
                .lines
                .iter()
                .map(|l| PathBuf::from(&l.text))
                .collect();
        }
        let was_running = t.is_running();
        match t.update(message) {
            Some(treatment::Request::Plan) => {
                let receipts = options.what == PRINT_WHAT[1];
                let at = match inputs::date(&options.at) {
                    Ok(at) => at,
                    Err(e) => {
                        let _ = t.update(treatment::Message::Progress(treatment::Progress::Done(
                            Err(e),
                        )));
                        return (Task::none(), None);
                    }
                };
                let path = PathBuf::from(options.path.trim());
                let output = if options.output == PRINT_OUTPUT[1] {
                    Output::PerTenant(path)
                } else {
                    Output::One(path)
                };
                let numbers = options.numbers.clone();
                let mark = options.mark;
                let task = ctx.db.spawn(move |store, session, progress| {
                    print_job(
                        store, session, progress, numbers, receipts, at, output, mark,
                    )
                });
                (
                    task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
                    None,
                )
            }
            Some(treatment::Request::Close) => {
                self.print = None;
                (Task::none(), None)
            }
            _ => {
                // Fin de l'impression : les indicateurs ont pu changer.
                let done = was_running && !t.is_running();
                (Task::none(), done.then_some(Event::Changed))
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let page: Element<'_, Message> = match &self.opened {
            Some(row) => document_view(row),
            None => {
                let actions = vec![tool_button(
                    wording::SELECT_ALL,
                    Some(table::Message::SelectAll),
                    theme::secondary_button,
                )];
                let mut page = column![row![
                    text(wording::NOTICES)
                        .font(theme::FONT_BOLD)
                        .size(theme::TEXT_TITLE),
                    Space::new().width(Length::Fill),
                    tool_button(
                        wording::MARK_PRINTED,
                        Some(Message::MarkPrinted(true)),
                        theme::secondary_button
                    ),
                    tool_button(
                        wording::UNMARK_PRINTED,
                        Some(Message::MarkPrinted(false)),
                        theme::secondary_button
                    ),
                    tool_button(
                        wording::PRINT_BUTTON,
                        Some(Message::Print),
                        theme::primary_button
                    ),
                    tool_button(
                        wording::DELETE_BUTTON,
                        Some(Message::Delete),
                        theme::danger_button
                    ),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center)]
                .spacing(theme::SPACE_M);
                match &self.message {
                    Some(Ok(m)) => page = page.push(banner(m.as_str(), theme::info_banner)),
                    Some(Err(m)) => page = page.push(banner(m.as_str(), theme::error_banner)),
                    None => {}
                }
                if self.truncated {
                    page = page.push(banner(wording::TOO_MANY_ROWS, theme::error_banner));
                }
                page.push(self.table.view_with(actions).map(Message::List))
                    .into()
            }
        };
        if self.confirm_delete {
            let n = self.table.selection().len();
            let dialog = column![
                text(wording::confirm_delete_documents(n)).size(theme::TEXT_BODY),
                row![
                    Space::new().width(Length::Fill),
                    tool_button(
                        wording::CANCEL,
                        Some(Message::ConfirmDelete(false)),
                        theme::secondary_button
                    ),
                    tool_button(
                        wording::DELETE_YES,
                        Some(Message::ConfirmDelete(true)),
                        theme::danger_button
                    ),
                ]
                .spacing(theme::SPACE_S)
            ]
            .spacing(theme::SPACE_L);
            return modal(page, dialog.into());
        }
        match &self.print {
            None => page,
            Some((_, o)) if o.preview => modal(page, self.preview_view(o)),
            Some((t, o)) => {
                let options = print_options(o);
                let mut extra = Vec::new();
                if !o.files.is_empty() && o.output != PRINT_OUTPUT[1] {
                    extra.push(tool_button(
                        wording::OPEN_PDF,
                        Some(Message::OpenPdf),
                        theme::secondary_button,
                    ));
                }
                if !o.files.is_empty() {
                    extra.push(tool_button(
                        wording::PRINT_TO_PRINTER,
                        Some(Message::PrintPreview(true)),
                        theme::secondary_button,
                    ));
                }
                modal(page, t.view_with(options, Message::Treatment, extra))
            }
        }
    }
}

/// L'impression, dans le fil du traitement : données, mise en page, fichiers, puis les
/// indicateurs d'impression.
#[allow(clippy::too_many_arguments)]
fn print_job(
    store: &mut crate::store::Store,
    session: &crate::store::Session,
    progress: &dyn Fn(usize, usize, &str),
    numbers: Vec<String>,
    receipts: bool,
    at: NaiveDate,
    output: Output,
    mark: bool,
) -> Result<Report, String> {
    let total = numbers.len();
    progress(0, total, wording::PRINT_COLLECTING);
    let filter = DocumentFilter {
        numbers: Some(numbers),
        kind: receipts.then_some(DocumentKind::Notice),
        ..DocumentFilter::default()
    };
    let what = if receipts {
        PrintWhat::Receipts { at }
    } else {
        PrintWhat::Documents
    };
    let printables =
        print::collect(&store.read(session), &filter, what).map_err(|e| e.to_string())?;
    progress(printables.len(), total, wording::PRINT_RENDERING);
    let landlord = store.landlord(session).map_err(|e| e.to_string())?;
    let letterhead = documents::letterhead_of(&landlord, None);
    let files = print::write_pdf(&printables, &letterhead, &output).map_err(|e| e.to_string())?;
    if mark {
        let printed: Vec<String> = printables.iter().map(|p| p.number.clone()).collect();
        store
            .write(session, wording::AUDIT_PRINTED, |repo| {
                repo.set_printed(&printed, receipts, true)
            })
            .map_err(|e| e.to_string())?;
    }
    progress(total, total, wording::PRINT_RENDERING);
    let mut report = Report {
        summary: wording::printed_summary(printables.len(), files.len()),
        ..Report::default()
    };
    for f in files {
        report.line(true, f.display().to_string());
    }
    Ok(report)
}

impl Notices {
    /// L'aperçu avant impression : la première page telle que le document la remplit
    /// (destinataire, période, lignes), lue des mêmes données que le PDF, puis l'envoi.
    fn preview_view<'a>(&'a self, o: &'a PrintOptions) -> Element<'a, Message> {
        let first = o
            .numbers
            .first()
            .and_then(|number| self.table.rows().iter().find(|r| &r.doc.number == number));
        let page: Element<'a, Message> = match first {
            Some(row_) => document_view(row_),
            None => text(wording::PREVIEW_UNAVAILABLE)
                .size(theme::TEXT_BODY)
                .into(),
        };
        column![
            text(wording::PREVIEW_TITLE)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            text(wording::preview_scope(o.files.len()))
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
            container(scrollable(page).height(Length::Fixed(360.0)))
                .padding(theme::SPACE_S)
                .style(theme::card),
            o.notice
                .as_deref()
                .map(|n| text(n).size(theme::TEXT_BODY).style(theme::error_text)),
            row![
                Space::new().width(Length::Fill),
                tool_button(
                    wording::PREVIEW_BACK,
                    Some(Message::PrintPreview(false)),
                    theme::secondary_button
                ),
                tool_button(
                    wording::SEND_TO_PRINTER,
                    Some(Message::SendToPrinter),
                    theme::primary_button
                ),
            ]
            .spacing(theme::SPACE_S),
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

/// Options de la boîte d'impression.
fn print_options(o: &PrintOptions) -> Element<'_, Message> {
    let label = |t: &'static str| text(t).size(theme::TEXT_BODY).width(Length::Fixed(160.0));
    let mut lines = column![
        text(wording::print_scope(o.numbers.len())).size(theme::TEXT_BODY),
        row![
            label(wording::PRINT_WHAT_LABEL),
            pick_list(PRINT_WHAT, Some(o.what), Message::PrintWhat)
                .text_size(theme::TEXT_BODY)
                .padding(theme::SPACE_XS + 2.0),
        ]
        .align_y(Alignment::Center),
    ]
    .spacing(theme::SPACE_S);
    if o.what == PRINT_WHAT[1] {
        lines = lines.push(
            row![
                label(wording::PRINT_AT),
                inputs::date_input(&o.at, false, Some(Box::new(Message::PrintAt))),
            ]
            .align_y(Alignment::Center),
        );
    }
    lines
        .push(
            row![
                label(wording::PRINT_OUTPUT_LABEL),
                pick_list(PRINT_OUTPUT, Some(o.output), Message::PrintOutput)
                    .text_size(theme::TEXT_BODY)
                    .padding(theme::SPACE_XS + 2.0),
            ]
            .align_y(Alignment::Center),
        )
        .push(
            row![
                label(wording::PRINT_PATH),
                inputs::text_field(
                    wording::PATH_PLACEHOLDER,
                    &o.path,
                    false,
                    Length::Fill,
                    Some(Box::new(Message::PrintPath)),
                ),
                tool_button(
                    wording::BROWSE,
                    Some(Message::PrintBrowse),
                    theme::secondary_button
                ),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        )
        .push(
            o.notice
                .as_deref()
                .map(|n| text(n).size(theme::TEXT_SMALL).style(theme::error_text)),
        )
        .push(
            checkbox(o.mark)
                .label(wording::PRINT_MARK)
                .on_toggle(Message::PrintMark)
                .text_size(theme::TEXT_BODY),
        )
        .into()
}

/// Un document ouvert : en-tête, lignes de la période et relevé.
fn document_view(row_: &DocRow) -> Element<'_, Message> {
    let d = &row_.doc;
    let field = |label: &'static str, value: String| {
        row![
            text(label)
                .size(theme::TEXT_BODY)
                .font(theme::FONT_BOLD)
                .width(Length::Fixed(190.0)),
            text(value).size(theme::TEXT_BODY)
        ]
    };
    let opt = |x: Option<NaiveDate>| x.map(format_date).unwrap_or_default();
    let header = column![
        field(wording::COL_DOCUMENT_KIND, d.kind.label().to_string()),
        field(wording::COL_LEASE, d.lease.clone()),
        field(
            wording::COL_TENANT,
            format!("{} {}", row_.tenant, row_.tenant_name)
        ),
        field(wording::COL_DATE, format_date(d.value_date)),
        field(wording::COL_PERIOD, period(d)),
        field(wording::COL_DUE_DATE, opt(d.due_date)),
        field(wording::COL_VOUCHER, d.voucher.clone().unwrap_or_default()),
        field(wording::PREVIOUS_BALANCE, format_money(d.previous_balance)),
        field(wording::COL_AMOUNT, format_money(d.amount)),
        field(wording::COL_DEFERRED, format_money(d.deferred)),
        field(wording::COL_DUE, format_money(d.total_due)),
        field(wording::RECIPIENT, d.recipient.join(", ")),
    ]
    .spacing(theme::SPACE_XS);
    let amount_cell = |m: crate::model::Money| {
        container(
            text(if m.is_zero() {
                String::new()
            } else {
                format_money(m)
            })
            .size(theme::TEXT_BODY),
        )
        .width(Length::FillPortion(2))
        .align_x(alignment::Horizontal::Right)
    };
    let mut lines = Col::new().spacing(2.0);
    for (section, title) in [
        (LineSection::Statement, wording::STATEMENT_LINES),
        (LineSection::Period, wording::PERIOD_LINES),
    ] {
        let bold = |t: &'static str| text(t).font(theme::FONT_BOLD).size(theme::TEXT_BODY);
        lines = lines.push(row![
            bold(title).width(Length::FillPortion(8)),
            container(bold(wording::COL_DEBIT))
                .width(Length::FillPortion(2))
                .align_x(alignment::Horizontal::Right),
            container(bold(wording::COL_CREDIT))
                .width(Length::FillPortion(2))
                .align_x(alignment::Horizontal::Right),
        ]);
        for l in d.lines.iter().filter(|l| l.section == section) {
            lines = lines.push(row![
                text(l.date.map(format_date).unwrap_or_default())
                    .size(theme::TEXT_BODY)
                    .width(Length::FillPortion(2)),
                text(l.label.as_str())
                    .size(theme::TEXT_BODY)
                    .width(Length::FillPortion(6)),
                amount_cell(l.debit),
                amount_cell(l.credit),
            ]);
        }
    }
    column![
        row![
            text(wording::document_title(d.kind.label(), &d.number))
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            Space::new().width(Length::Fill),
            tool_button(
                wording::BACK_BUTTON,
                Some(Message::Back),
                theme::secondary_button
            ),
        ]
        .align_y(Alignment::Center),
        container(column![header, lines].spacing(theme::SPACE_L))
            .padding(theme::SPACE_L)
            .width(Length::Fill)
            .style(theme::card),
    ]
    .spacing(theme::SPACE_M)
    .into()
}
