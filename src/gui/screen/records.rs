//! Fenêtre d'un type de fiche (immeubles, lots, locataires, tiers) : la liste, puis le
//! formulaire d'une fiche ouverte par double-clic ou Entrée, ou d'une nouvelle fiche par
//! « + » (Ctrl+N). Une fiche enregistrée se modifie (« V ») et se supprime (« – », après
//! confirmation) ; le refus du store s'affiche en tête de la fiche. Ce qui change d'un
//! type de fiche à l'autre (colonnes, champs, lecture du formulaire, écritures en base)
//! est décrit par le trait [`Entity`].

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
    /// Enregistre les modifications de la fiche `reference`.
    fn update(&self, reference: &str, repo: &Repo) -> Result<(), StoreError>;
    /// Supprime la fiche `reference` (le store refuse si quelque chose y renvoie).
    fn delete(reference: &str, repo: &Repo) -> Result<(), StoreError>;
    /// Question à poser avant d'enregistrer la fiche `original` ainsi modifiée (lot changé
    /// d'immeuble…), s'il y en a une.
    fn confirm_save(&self, _original: Option<&Self>) -> Option<String> {
        None
    }
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
    /// Message au-dessus de la liste (fiche supprimée).
    info: Option<String>,
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
        Records {
            table,
            form: None,
            info: None,
        }
    }

    /// Nouvelles données après un enregistrement : la liste est relue ; la fiche ouverte,
    /// si elle n'a pas de modification en cours, est relue telle qu'enregistrée (valeurs
    /// complétées par la base), sur le même onglet et avec le même message.
    pub fn reload(&mut self, data: &Data, today: NaiveDate) {
        self.table.set_rows(E::rows(data));
        let Some(form) = &self.form else {
            return;
        };
        if form.is_dirty() || form.pending().is_some() || !form.general_errors().is_empty() {
            return;
        }
        let Some(reference) = form.reference() else {
            return;
        };
        let Some(record) = self
            .table
            .rows()
            .iter()
            .find(|r| r.reference() == reference)
        else {
            return;
        };
        let (tab, info) = (form.tab(), form.info().map(str::to_string));
        let mut fresh = Self::opened(record, data, today);
        let _ = fresh.update(form::Message::Tab(tab));
        if let Some(info) = info {
            fresh.set_info(info);
        }
        self.form = Some(fresh);
    }

    /// Message affiché au-dessus de la liste (fiche supprimée).
    pub fn info(&self) -> Option<&str> {
        self.info.as_deref()
    }

    pub fn table(&self) -> &Table<E, E::Column> {
        &self.table
    }

    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> iced::Task<M> {
        self.table.take_scroll()
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
            (Some(_), Shortcut::Enter | Shortcut::Move(..)) => None,
            (None, Shortcut::New) => Some(Message::New),
            (None, Shortcut::Enter) => Some(Message::List(table::Message::OpenCurrent)),
            (None, Shortcut::Move(step, extend)) => {
                Some(Message::List(table::Message::Move(step, extend)))
            }
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
                    self.form = Some(Self::opened(record, ctx.data, ctx.db.today));
                    self.info = None;
                    Some(Event::Selected(reference))
                }
                table::Event::Query => None,
            },
            Message::New => {
                self.form = Some(E::blank(ctx.data, ctx.db.today));
                self.info = None;
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
                    form::Request::Delete => self.delete(ctx),
                    form::Request::Save => self.save(ctx),
                }
            }
        }
    }

    /// Formulaire d'une fiche enregistrée : modifiable, sauf sa référence.
    fn opened(record: &E, data: &Data, today: NaiveDate) -> Form {
        let mut form = record.open(data, today);
        form.set_editable(true);
        form.set_details_editable(true);
        form.set_can_delete(true);
        form.set_notice(None);
        form
    }

    /// « V » : lit et valide la fiche, puis l'ajoute (nouvelle fiche) ou enregistre ses
    /// modifications ; les erreurs restent sous leurs champs, rien de tapé n'est perdu.
    fn save(&mut self, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        let confirmed = form.take_save_confirmed();
        form.clear_errors();
        if !form.is_new() && !form.is_dirty() {
            form.set_info(wording::NOTHING_CHANGED);
            return None;
        }
        let record = match E::build(form, ctx.db.today) {
            Ok(record) => record,
            Err(rejected) => {
                rejected.show(form);
                return None;
            }
        };
        let original = form.reference().map(str::to_string);
        if !confirmed {
            let stored = original
                .as_deref()
                .and_then(|r| self.table.rows().iter().find(|x| x.reference() == r));
            if let Some(question) = record.confirm_save(stored) {
                form.ask_save(question);
                return None;
            }
        }
        let result = ctx.db.write(wording::AUDIT_FORM, |repo| match &original {
            None => record.insert(repo),
            Some(reference) => record.update(reference, repo),
        });
        match result {
            Ok(()) => {
                let reference = record.reference().to_string();
                let message = if original.is_some() {
                    wording::record_updated(&reference)
                } else {
                    wording::record_saved(&reference)
                };
                form.saved(reference, message);
                Some(Event::Changed)
            }
            Err(error) => {
                form.set_store_error(&error);
                None
            }
        }
    }

    /// « – » confirmé : abandonne une fiche nouvelle, supprime une fiche enregistrée ; un
    /// refus (fiche encore utilisée) s'affiche en tête de la fiche.
    fn delete(&mut self, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        let Some(reference) = form.reference().map(str::to_string) else {
            // « – » sur une fiche pas encore enregistrée : on l'abandonne.
            self.form = None;
            return None;
        };
        form.clear_errors();
        match ctx
            .db
            .write(wording::AUDIT_DELETE, |repo| E::delete(&reference, repo))
        {
            Ok(()) => {
                self.form = None;
                self.info = Some(wording::record_deleted(&reference));
                Some(Event::Changed)
            }
            Err(error) => {
                form.set_refusal(&error);
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
            None => {
                let mut page = column![list_header(E::TITLE, Message::New)].spacing(theme::SPACE_M);
                if let Some(info) = &self.info {
                    page = page.push(form::banner(info.as_str(), theme::info_banner));
                }
                page.push(
                    self.table
                        .view_with(vec![tool_button(
                            wording::SELECT_ALL,
                            Some(table::Message::SelectAll),
                            theme::secondary_button,
                        )])
                        .map(Message::List),
                )
                .into()
            }
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
