//! Fenêtre « Locations » (manuel : « Saisie d'une fiche location ») : la liste des
//! contrats, et la fiche avec ses onglets Locataire, Périodes, Rubriques (deux tableaux :
//! facturation FAC, puis échéances et informations ECH + INF), Règlement, Révision, Avis,
//! Situation (avec « comptes de dépôts ») et Notes.
//!
//! Un fichier par sujet : la liste (`list`), la fiche et ses valeurs (`form`), son
//! enregistrement (`save`), la génération des avis (`generate`), les documents de la
//! location et ceux hors avis (`documents`), les onglets Révision (`revision`) et
//! Situation (`situation`). Ici : l'état de la fenêtre et l'aiguillage de ses messages.

mod caf;
mod documents;
mod form;
mod generate;
mod list;
mod revision;
mod save;
mod settle;
mod situation;

use chrono::NaiveDate;
use iced::Task;

pub use generate::{notice_report, Generation, SCOPE_ALL, SCOPE_CURRENT, SCOPE_SELECTION};
pub use list::LeaseRow;
pub use save::{build, Change, Draft};

use super::caf_file::{self, CafFile};
use super::one_off::{self, OneOff};
use super::revision_terms::{self, TermsEntry};
use super::settlement::{self, SettlementDialog};
use super::situation::Situation;
use super::{Ctx, Data, Event, Shortcut};
use crate::gui::text as wording;
use crate::gui::widget::form::Form;
use crate::gui::widget::save::{self as save_box, SaveBox};
use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::treatment::{self, Treatment};
use crate::gui::widget::{self, modal, shortcut, Element};
use crate::model::dates::format_date;
use crate::model::{DocumentKind, Lease};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Unit,
    Address,
    Tenant,
    TenantName,
    Start,
    MoveOut,
    Payment,
}

pub const FILTER_ID: &str = "filtre-locations";

/// Onglets de la fiche.
pub const TAB_TENANT: usize = 0;
pub const TAB_PERIODS: usize = 1;
pub const TAB_ITEMS: usize = 2;
pub const TAB_PAYMENT: usize = 3;
pub const TAB_REVISION: usize = 4;
pub const TAB_NOTICES: usize = 5;
pub const TAB_SITUATION: usize = 6;
pub const TAB_NOTES: usize = 7;

/// Tableaux de détail.
pub const PERIODS: usize = 0;
pub const BILLING: usize = 1;
pub const OTHER: usize = 2;

/// Ce que l'utilisateur fait dans la fenêtre.
#[derive(Debug, Clone)]
pub enum Message {
    List(table::Message<Column>),
    Form(widget::form::Message),
    New,
    /// Onglet Situation : date de la situation.
    SituationDate(String),
    /// Onglet Situation : « comptes de dépôts ».
    SituationDeposits(bool),
    /// Onglet Situation : ouvrir la situation détaillée.
    OpenSituation,
    /// « Générer les avis d'échéance… » : ouvre la boîte du traitement.
    Generate,
    GenPeriod(String),
    GenValueDate(String),
    GenScope(&'static str),
    GenMessage(String),
    Treatment(treatment::Message),
    /// « Appeler le dépôt de garantie… », « Facture hors loyer… », « Avoir hors loyer… » :
    /// ouvre la boîte du document.
    OneOff(DocumentKind),
    OneOffDialog(one_off::Message),
    /// « Solde de tout compte… » : ouvre la boîte sur la location courante.
    Settlement,
    SettlementDialog(settlement::Message),
    /// « Traiter un fichier CAF… » : ouvre la boîte du traitement.
    CafFile,
    CafFileDialog(caf_file::Message),
    /// Onglet Avis : clic sur un document.
    DocumentPick(String),
    /// Onglet Avis : « Voir le PDF » du document choisi.
    DocumentView,
    /// Onglet Avis : « Imprimer » le document choisi (zone d'enregistrement du PDF).
    DocumentPrint(save_box::Message),
    /// Onglet Révision : conditions de révision de la location.
    Terms(revision_terms::Message),
}

/// La fenêtre.
pub struct Leases {
    table: Table<LeaseRow, Column>,
    form: Option<Form>,
    situation_date: String,
    deposits: bool,
    situation: Option<Result<Situation, String>>,
    generation: Option<(Treatment, Generation)>,
    /// Boîte d'appel de dépôt, de facture ou d'avoir ouverte.
    one_off: Option<(Treatment, OneOff)>,
    /// Boîte du solde de tout compte ouverte.
    settlement: Option<(Treatment, SettlementDialog)>,
    /// Boîte « Traitement d'un fichier CAF » ouverte.
    caf_file: Option<(Treatment, CafFile)>,
    /// Message au-dessus de la liste (location supprimée).
    info: Option<String>,
    /// Documents de la location ouverte (onglet Avis), lus à son ouverture.
    documents: Result<Vec<crate::model::TenantDocument>, String>,
    /// Onglet Avis : le document choisi, la zone d'impression, le dernier message.
    chosen_document: Option<String>,
    document_print: SaveBox,
    document_info: Option<Result<String, String>>,
    /// Onglet Révision : conditions de révision de la location ouverte.
    terms: Option<TermsEntry>,
}

impl Leases {
    pub fn new(data: &Data, today: NaiveDate) -> Self {
        let mut table = Table::new(
            list::columns(),
            list::rows(data),
            Some((Column::Reference, Order::Ascending)),
            FILTER_ID,
            wording::LEASES_NOUN,
        );
        for pane in list::panes() {
            table = table.with_pane(pane);
        }
        Leases {
            table,
            form: None,
            situation_date: format_date(today),
            deposits: false,
            situation: None,
            generation: None,
            one_off: None,
            settlement: None,
            caf_file: None,
            info: None,
            documents: Ok(Vec::new()),
            chosen_document: None,
            document_print: SaveBox::new(),
            document_info: None,
            terms: None,
        }
    }

    /// Boîte de génération des avis ouverte.
    pub fn generation(&self) -> Option<&(Treatment, Generation)> {
        self.generation.as_ref()
    }

    /// Boîte d'appel de dépôt, de facture ou d'avoir ouverte.
    pub fn one_off(&self) -> Option<&(Treatment, OneOff)> {
        self.one_off.as_ref()
    }

    /// Boîte du solde de tout compte ouverte.
    pub fn settlement(&self) -> Option<&(Treatment, SettlementDialog)> {
        self.settlement.as_ref()
    }

    pub fn is_busy(&self) -> bool {
        self.generation
            .as_ref()
            .is_some_and(|(t, _)| t.is_running())
            || self.one_off.as_ref().is_some_and(|(t, _)| t.is_running())
            || self
                .settlement
                .as_ref()
                .is_some_and(|(t, _)| t.is_running())
            || self.caf_file.as_ref().is_some_and(|(t, _)| t.is_running())
    }

    /// Nouvelles données : la liste est relue ; la location ouverte, si elle n'a pas de
    /// modification en cours, est relue telle qu'enregistrée (sur le même onglet).
    pub fn reload(&mut self, ctx: &Ctx) {
        self.table.set_rows(list::rows(ctx.data));
        if let Some(form) = self.form.as_mut() {
            form.renew_choices(&form::blank(ctx.data, ctx.db.today));
            let unchanged =
                !form.is_dirty() && form.pending().is_none() && form.general_errors().is_empty();
            let stored = form
                .reference()
                .and_then(|r| ctx.data.leases.iter().find(|l| l.reference == r));
            if let (true, Some(lease)) = (unchanged, stored) {
                let (tab, info) = (form.tab(), form.info().map(str::to_string));
                let mut fresh = form::opened(lease, ctx.data, ctx.db.today);
                let _ = fresh.update(widget::form::Message::Tab(tab));
                if let Some(info) = info {
                    fresh.set_info(info);
                }
                self.form = Some(fresh);
            }
        }
        if let Some(entry) = self.terms.as_mut() {
            let outcome = entry.outcome.take();
            *entry = TermsEntry::of(entry.owner.clone(), ctx.data);
            entry.outcome = outcome;
        }
        self.refresh_situation(ctx);
        self.refresh_documents(ctx);
    }

    /// Message au-dessus de la liste (location supprimée).
    pub fn info(&self) -> Option<&str> {
        self.info.as_deref()
    }

    pub fn table(&self) -> &Table<LeaseRow, Column> {
        &self.table
    }

    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    pub fn situation(&self) -> Option<&Result<Situation, String>> {
        self.situation.as_ref()
    }

    pub fn has_unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(Form::is_dirty)
    }

    /// Locations choisies dans la liste (génération des avis sur une sélection).
    pub fn selection(&self) -> Vec<&Lease> {
        self.table
            .selection()
            .into_iter()
            .map(|r| &r.lease)
            .collect()
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> Task<M> {
        self.table.take_scroll()
    }

    /// Location ouverte dans le formulaire (enregistrée).
    pub fn current(&self) -> Option<&str> {
        self.form.as_ref().and_then(Form::reference)
    }

    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        // Une boîte de traitement ouverte garde les flèches (la liste est derrière).
        let dialog = self.generation.is_some()
            || self.one_off.is_some()
            || self.settlement.is_some()
            || self.caf_file.is_some();
        if dialog && matches!(shortcut, Shortcut::Move(..)) {
            return None;
        }
        shortcut::list_and_form(
            self.form.as_ref(),
            shortcut,
            Message::Form,
            Message::List,
            Message::New,
        )
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Generate => {
                self.open_generation(ctx);
                (Task::none(), None)
            }
            Message::GenPeriod(_)
            | Message::GenValueDate(_)
            | Message::GenScope(_)
            | Message::GenMessage(_) => {
                self.generation_input(message);
                (Task::none(), None)
            }
            Message::Treatment(m) => self.generation_message(m, ctx),
            Message::OneOff(kind) => {
                self.open_one_off(kind, ctx);
                (Task::none(), None)
            }
            Message::OneOffDialog(m) => self.one_off_message(m, ctx),
            Message::Settlement => {
                self.open_settlement(ctx);
                (Task::none(), None)
            }
            Message::SettlementDialog(m) => self.settlement_message(m, ctx),
            Message::CafFile => {
                self.open_caf_file();
                (Task::none(), None)
            }
            Message::CafFileDialog(m) => self.caf_file_message(m, ctx),
            Message::DocumentPick(_) | Message::DocumentView | Message::DocumentPrint(_) => {
                (Task::none(), self.document_message(message, ctx))
            }
            other => (Task::none(), self.update_inner(other, ctx)),
        }
    }

    fn update_inner(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::Generate
            | Message::GenPeriod(_)
            | Message::GenValueDate(_)
            | Message::GenScope(_)
            | Message::GenMessage(_)
            | Message::Treatment(_)
            | Message::OneOff(_)
            | Message::OneOffDialog(_)
            | Message::Settlement
            | Message::SettlementDialog(_)
            | Message::CafFile
            | Message::CafFileDialog(_)
            | Message::DocumentPick(_)
            | Message::DocumentView
            | Message::DocumentPrint(_) => None,
            Message::Terms(m) => self.terms.as_mut()?.update(m, ctx),
            Message::List(m) => match self.table.update(m)? {
                table::Event::Selected(i) => self
                    .table
                    .row(i)
                    .map(|l| Event::Selected(l.reference.clone())),
                table::Event::Open(i) => {
                    let lease = self.table.row(i)?;
                    let reference = lease.reference.clone();
                    self.form = Some(form::opened(lease, ctx.data, ctx.db.today));
                    self.terms = Some(TermsEntry::of(
                        crate::model::RevisionOwner::Lease(reference.clone()),
                        ctx.data,
                    ));
                    self.situation = None;
                    self.chosen_document = None;
                    self.document_info = None;
                    self.refresh_documents(ctx);
                    Some(Event::Selected(reference))
                }
                table::Event::Query => None,
            },
            Message::New => {
                self.form = Some(form::blank(ctx.data, ctx.db.today));
                self.situation = None;
                None
            }
            Message::SituationDate(_) | Message::SituationDeposits(_) | Message::OpenSituation => {
                self.situation_message(message, ctx)
            }
            Message::Form(m) => self.form_message(m, ctx),
        }
    }

    pub fn view<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let page = self.page(data);
        if let Some((t, dialog)) = &self.settlement {
            return modal(
                page,
                t.view(dialog.view().map(Message::SettlementDialog), |m| {
                    Message::SettlementDialog(settlement::Message::Treatment(m))
                }),
            );
        }
        if let Some((t, dialog)) = &self.caf_file {
            return modal(
                page,
                t.view(dialog.view().map(Message::CafFileDialog), |m| {
                    Message::CafFileDialog(caf_file::Message::Treatment(m))
                }),
            );
        }
        if let Some((t, dialog)) = &self.one_off {
            return modal(
                page,
                t.view(dialog.view().map(Message::OneOffDialog), |m| {
                    Message::OneOffDialog(one_off::Message::Treatment(m))
                }),
            );
        }
        match &self.generation {
            None => page,
            Some((t, g)) => modal(page, t.view(generate::view(g), Message::Treatment)),
        }
    }

    fn page<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        match &self.form {
            None => self.list_view(),
            Some(form) => self.form_view(form, data),
        }
    }
}
