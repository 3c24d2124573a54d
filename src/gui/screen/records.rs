//! Fenêtre d'un type de fiche (immeubles, lots, locataires, tiers) : la liste, puis le
//! formulaire d'une fiche ouverte par double-clic ou Entrée, ou d'une nouvelle fiche par
//! « + » (Ctrl+N). Ce qui change d'un type de fiche à l'autre (colonnes, champs, lecture
//! du formulaire, ajout en base) est décrit par le trait [`Entity`].

use chrono::NaiveDate;
use iced::widget::column;

use super::{Ctx, Data, Event, Shortcut};
use crate::gui::text as wording;
use crate::gui::theme;
use crate::gui::widget::form::{self, Form};
use crate::gui::widget::table::{self, Order, Pane, Table};
use crate::gui::widget::{tool_button, Element};
use crate::model::Invalid;
use crate::store::{Repo, StoreError};

/// Refus d'un formulaire : erreurs des champs, et erreurs par ligne de détail
/// (tableau, ligne).
#[derive(Debug, Default)]
pub struct Rejected {
    pub fields: Vec<Invalid>,
    pub rows: Vec<(usize, usize, Vec<Invalid>)>,
}

impl Rejected {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.rows.is_empty()
    }

    /// Affiche les erreurs dans le formulaire, sans toucher à ce qui a été tapé.
    pub fn show(self, form: &mut Form) {
        for (detail, row, errors) in self.rows {
            if let Some(d) = form.details.get_mut(detail) {
                d.set_row_errors(row, errors);
            }
        }
        form.set_errors(self.fields);
    }
}

impl From<Vec<Invalid>> for Rejected {
    fn from(fields: Vec<Invalid>) -> Self {
        Rejected {
            fields,
            rows: Vec::new(),
        }
    }
}

/// Un type de fiche affiché dans une fenêtre liste + formulaire.
pub trait Entity: Sized + 'static {
    type Column: Copy + PartialEq + std::fmt::Debug + Send + 'static;
    const TITLE: &'static str;
    const NOUN: &'static str;
    const FILTER_ID: &'static str;

    fn columns() -> Vec<table::Column<Self, Self::Column>>;
    fn default_sort() -> (Self::Column, Order);
    /// Critères du volet de sélection.
    fn panes() -> Vec<Pane<Self>> {
        Vec::new()
    }
    fn reference(&self) -> &str;
    /// Les fiches de ce type parmi les données chargées.
    fn rows(data: &Data) -> Vec<Self>;
    /// Formulaire d'une nouvelle fiche, avec les valeurs proposées.
    fn blank(data: &Data, today: NaiveDate) -> Form;
    /// Formulaire d'une fiche enregistrée.
    fn open(&self, data: &Data, today: NaiveDate) -> Form;
    /// Lit le formulaire et valide la fiche (règles du modèle).
    fn build(form: &Form, today: NaiveDate) -> Result<Self, Rejected>;
    /// Ajoute la fiche en base.
    fn insert(&self, repo: &Repo) -> Result<(), StoreError>;
    /// Contenu d'un onglet sans champ (liste des lots d'un immeuble…).
    fn extra<'a, M: 'a>(_form: &'a Form, _data: &'a Data) -> Option<Element<'a, M>> {
        None
    }
}

/// Ce que l'utilisateur fait dans la fenêtre.
#[derive(Debug, Clone)]
pub enum Message<C> {
    List(table::Message<C>),
    Form(form::Message),
    /// « + » de la liste.
    New,
}

/// La fenêtre : la liste, et le formulaire ouvert s'il y en a un.
pub struct Records<E: Entity> {
    table: Table<E, E::Column>,
    form: Option<Form>,
}

impl<E: Entity> Records<E> {
    pub fn new(data: &Data) -> Self {
        let mut table = Table::new(
            E::columns(),
            E::rows(data),
            Some(E::default_sort()),
            E::FILTER_ID,
            E::NOUN,
        );
        for pane in E::panes() {
            table = table.with_pane(pane);
        }
        Records { table, form: None }
    }

    /// Nouvelles données après un enregistrement : la liste est relue, le formulaire reste.
    pub fn reload(&mut self, data: &Data) {
        self.table.set_rows(E::rows(data));
    }

    pub fn table(&self) -> &Table<E, E::Column> {
        &self.table
    }

    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    /// Un formulaire a des modifications non enregistrées.
    pub fn has_unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(Form::is_dirty)
    }

    /// Le message d'un raccourci clavier dans l'état actuel de la fenêtre.
    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message<E::Column>> {
        match (&self.form, shortcut) {
            (Some(f), Shortcut::Escape) if f.pending().is_some() => {
                Some(Message::Form(form::Message::Cancel))
            }
            (Some(f), Shortcut::Enter) if f.pending().is_some() => {
                Some(Message::Form(form::Message::Confirm))
            }
            (Some(_), Shortcut::New) => Some(Message::Form(form::Message::New)),
            (Some(_), Shortcut::Save) => Some(Message::Form(form::Message::Save)),
            (Some(_), Shortcut::Delete) => Some(Message::Form(form::Message::Delete)),
            (Some(_), Shortcut::Escape) => Some(Message::Form(form::Message::Close)),
            (Some(_), Shortcut::Enter) => None,
            (None, Shortcut::New) => Some(Message::New),
            (None, Shortcut::Enter) => Some(Message::List(table::Message::OpenCurrent)),
            (None, _) => None,
        }
    }

    pub fn update(&mut self, message: Message<E::Column>, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::List(m) => match self.table.update(m)? {
                table::Event::Selected(i) => self
                    .table
                    .row(i)
                    .map(|r| Event::Selected(r.reference().to_string())),
                table::Event::Open(i) => {
                    let record = self.table.row(i)?;
                    let reference = record.reference().to_string();
                    self.form = Some(Self::opened(record, ctx));
                    Some(Event::Selected(reference))
                }
            },
            Message::New => {
                self.form = Some(E::blank(ctx.data, ctx.db.today));
                None
            }
            Message::Form(m) => {
                let request = self.form.as_mut()?.update(m)?;
                match request {
                    form::Request::New => {
                        self.form = Some(E::blank(ctx.data, ctx.db.today));
                        None
                    }
                    form::Request::Close => {
                        self.form = None;
                        None
                    }
                    form::Request::Delete => {
                        let form = self.form.as_mut()?;
                        if form.is_new() {
                            // « – » sur une fiche pas encore enregistrée : on l'abandonne.
                            self.form = None;
                        } else {
                            form.set_general(wording::DELETE_UNSUPPORTED);
                        }
                        None
                    }
                    form::Request::Save => self.save(ctx),
                }
            }
        }
    }

    fn opened(record: &E, ctx: &Ctx) -> Form {
        let mut form = record.open(ctx.data, ctx.db.today);
        form.set_notice(Some(wording::CONSULTATION.to_string()));
        form.set_can_delete(false);
        form
    }

    /// « V » : lit, valide et ajoute la fiche ; les erreurs restent sous leurs champs.
    fn save(&mut self, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        form.clear_errors();
        if !form.is_new() {
            form.set_general(wording::NOTHING_TO_SAVE);
            return None;
        }
        let record = match E::build(form, ctx.db.today) {
            Ok(record) => record,
            Err(rejected) => {
                rejected.show(form);
                return None;
            }
        };
        match ctx
            .db
            .write(wording::AUDIT_FORM, |repo| record.insert(repo))
        {
            Ok(()) => {
                let reference = record.reference().to_string();
                form.saved(reference.clone(), wording::record_saved(&reference));
                form.set_notice(Some(wording::CONSULTATION.to_string()));
                form.set_can_delete(false);
                form.set_details_editable(false);
                Some(Event::Changed)
            }
            Err(error) => {
                form.set_store_error(&error);
                None
            }
        }
    }

    pub fn view<'a>(&'a self, data: &'a Data) -> Element<'a, Message<E::Column>> {
        match &self.form {
            Some(form) => {
                let custom = E::extra(form, data);
                form.view(Message::Form, custom, Vec::new())
            }
            None => column![
                list_header(E::TITLE, Message::New),
                self.table
                    .view_with(vec![tool_button(
                        wording::SELECT_ALL,
                        Some(table::Message::SelectAll),
                        theme::secondary_button
                    )])
                    .map(Message::List),
            ]
            .spacing(theme::SPACE_M)
            .into(),
        }
    }
}

/// Titre d'une fenêtre liste et son bouton « + ».
pub fn list_header<'a, M: Clone + 'a>(title: &'a str, new: M) -> Element<'a, M> {
    iced::widget::row![
        iced::widget::text(title)
            .font(theme::FONT_BOLD)
            .size(theme::TEXT_TITLE),
        iced::widget::Space::new().width(iced::Length::Fill),
        tool_button(wording::NEW_RECORD, Some(new), theme::primary_button),
    ]
    .align_y(iced::Alignment::Center)
    .into()
}
