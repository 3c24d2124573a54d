//! Fenêtre d'un type de fiche (immeubles, lots, locataires, tiers) : la liste, puis le
//! formulaire d'une fiche ouverte par double-clic ou Entrée, ou d'une nouvelle fiche par
//! « + » (Ctrl+N). Une fiche enregistrée se modifie (« V ») et se supprime (« – », après
//! confirmation) ; le refus du store s'affiche en tête de la fiche. Ce qui change d'un
//! type de fiche à l'autre (colonnes, champs, lecture du formulaire, écritures en base)
//! est décrit par le trait [`Entity`] ; les onglets qu'un type de fiche ajoute avec leur
//! propre état (clés de répartition d'un immeuble) par le trait [`Panel`].

use std::convert::Infallible;

use chrono::NaiveDate;
use iced::widget::column;

use super::{Ctx, Data, Event, Shortcut};
use crate::gui::text as wording;
use crate::gui::theme;
use crate::gui::widget::form::{self, Form};
use crate::gui::widget::table::{self, Order, Pane, Table};
use crate::gui::widget::{shortcut, tool_button, Element};
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
pub trait Entity: Sized + PartialEq + 'static {
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
    /// Après une saisie dans le formulaire d'une nouvelle fiche : complète ce qui en
    /// découle (la référence proposée d'un lot, une fois son immeuble choisi).
    fn follow_input(_form: &mut Form, _data: &Data) {}
    /// Contenu d'un onglet sans champ (liste des lots d'un immeuble…).
    fn extra<'a, M: 'a>(_form: &'a Form, _data: &'a Data) -> Option<Element<'a, M>> {
        None
    }
}

/// Refus d'une écriture du panneau : l'élément du panneau en cause (une clé…) et l'erreur.
#[derive(Debug)]
pub struct PanelRefusal {
    pub item: usize,
    pub error: StoreError,
}

/// Échec d'un enregistrement : sur la fiche, ou sur un élément du panneau.
enum SaveError {
    Record(StoreError),
    Panel(PanelRefusal),
}

impl From<StoreError> for SaveError {
    fn from(error: StoreError) -> Self {
        SaveError::Record(error)
    }
}

/// Onglets qu'un type de fiche ajoute au formulaire générique, avec leur état et leurs
/// messages (clés de répartition d'un immeuble). Ce qu'ils contiennent s'enregistre avec
/// la fiche (« V »), dans la même transaction ; une modification y rend la fiche
/// « modifiée » (garde contre l'abandon).
pub trait Panel<E: Entity>: Default {
    type Message: Clone + std::fmt::Debug;
    /// Une fiche s'ouvre (`None` : nouvelle fiche) : le panneau repart de ce qui est
    /// enregistré.
    fn open(&mut self, record: Option<&E>, data: &Data);
    /// Un message du panneau ; `form.touch()` quand le contenu change.
    fn update(&mut self, message: Self::Message, form: &mut Form);
    /// Contenu de l'onglet courant, s'il appartient au panneau.
    fn view<'a>(&'a self, form: &'a Form) -> Option<Element<'a, Self::Message>>;
    /// Lit et valide ce qui change : faux si des erreurs s'affichent (rien n'est perdu).
    fn check(&mut self) -> bool;
    /// Écrit ce qui change pour la fiche `reference`, dans sa transaction.
    fn write(&self, reference: &str, repo: &Repo) -> Result<(), PanelRefusal>;
    /// Affiche le refus d'une écriture sur son élément.
    fn refused(&mut self, refusal: PanelRefusal);
    /// Efface les messages avant une nouvelle tentative.
    fn clear_errors(&mut self);
    /// Des erreurs sont affichées dans le panneau.
    fn has_errors(&self) -> bool;
    /// L'onglet qui montre les erreurs du panneau, s'il y en a.
    fn error_tab(&self) -> Option<usize>;
}

/// Pas d'onglet propre : le formulaire générique seul.
#[derive(Debug, Default)]
pub struct NoPanel;

impl<E: Entity> Panel<E> for NoPanel {
    type Message = Infallible;
    fn open(&mut self, _record: Option<&E>, _data: &Data) {}
    fn update(&mut self, message: Infallible, _form: &mut Form) {
        match message {}
    }
    fn view<'a>(&'a self, _form: &'a Form) -> Option<Element<'a, Infallible>> {
        None
    }
    fn check(&mut self) -> bool {
        true
    }
    fn write(&self, _reference: &str, _repo: &Repo) -> Result<(), PanelRefusal> {
        Ok(())
    }
    fn refused(&mut self, _refusal: PanelRefusal) {}
    fn clear_errors(&mut self) {}
    fn has_errors(&self) -> bool {
        false
    }
    fn error_tab(&self) -> Option<usize> {
        None
    }
}

/// Ce que l'utilisateur fait dans la fenêtre.
#[derive(Debug, Clone)]
pub enum Message<C, X = Infallible> {
    List(table::Message<C>),
    Form(form::Message),
    /// « + » de la liste.
    New,
    /// Dans un onglet du panneau.
    Panel(X),
}

/// La fenêtre : la liste, et le formulaire ouvert s'il y en a un.
pub struct Records<E: Entity, P: Panel<E> = NoPanel> {
    table: Table<E, E::Column>,
    form: Option<Form>,
    /// Onglets propres au type de fiche, pour la fiche ouverte.
    panel: P,
    /// Message au-dessus de la liste (fiche supprimée).
    info: Option<String>,
}

impl<E: Entity, P: Panel<E>> Records<E, P> {
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
            panel: P::default(),
            info: None,
        }
    }

    /// Nouvelles données après un enregistrement : la liste est relue ; la fiche ouverte,
    /// si elle n'a pas de modification en cours, est relue telle qu'enregistrée (valeurs
    /// complétées par la base), sur le même onglet et avec le même message.
    pub fn reload(&mut self, data: &Data, today: NaiveDate) {
        self.table.set_rows(E::rows(data));
        let Some(form) = self.form.as_mut() else {
            return;
        };
        form.renew_choices(&E::blank(data, today));
        if form.is_dirty()
            || form.pending().is_some()
            || !form.general_errors().is_empty()
            || self.panel.has_errors()
        {
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
        self.panel.open(Some(record), data);
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

    /// Les onglets propres au type de fiche (clés de répartition…).
    pub fn panel(&self) -> &P {
        &self.panel
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
    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message<E::Column, P::Message>> {
        shortcut::list_and_form(
            self.form.as_ref(),
            shortcut,
            Message::Form,
            Message::List,
            Message::New,
        )
    }

    pub fn update(&mut self, message: Message<E::Column, P::Message>, ctx: &Ctx) -> Option<Event> {
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
                    self.panel.open(Some(record), ctx.data);
                    self.info = None;
                    Some(Event::Selected(reference))
                }
                table::Event::Query => None,
            },
            Message::New => {
                self.form = Some(E::blank(ctx.data, ctx.db.today));
                self.panel.open(None, ctx.data);
                self.info = None;
                None
            }
            Message::Panel(m) => {
                let form = self.form.as_mut()?;
                self.panel.update(m, form);
                None
            }
            Message::Form(m) => {
                let form = self.form.as_mut()?;
                let request = form.update(m);
                if form.is_new() {
                    E::follow_input(form, ctx.data);
                }
                match request? {
                    form::Request::New => {
                        self.form = Some(E::blank(ctx.data, ctx.db.today));
                        self.panel.open(None, ctx.data);
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
        self.panel.clear_errors();
        if !form.is_new() && !form.is_dirty() {
            form.set_info(wording::NOTHING_CHANGED);
            return None;
        }
        let built = E::build(form, ctx.db.today);
        let panel_ok = self.panel.check();
        let record = match built {
            Ok(record) if panel_ok => record,
            Ok(_) => {
                form.set_general(wording::PANEL_HAS_ERRORS);
                show_tab(form, self.panel.error_tab());
                return None;
            }
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
        // La fiche n'est réécrite que si elle a changé (un changement du panneau seul ne
        // l'écrit pas).
        let stored = original
            .as_deref()
            .and_then(|r| self.table.rows().iter().find(|x| x.reference() == r));
        let record_changed = stored.is_none_or(|s| *s != record);
        let panel = &self.panel;
        let result = ctx.db.write(wording::AUDIT_FORM, |repo| {
            match &original {
                None => record.insert(repo).map_err(SaveError::Record)?,
                Some(reference) if record_changed => {
                    record.update(reference, repo).map_err(SaveError::Record)?
                }
                Some(_) => {}
            }
            panel
                .write(record.reference(), repo)
                .map_err(SaveError::Panel)
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
            Err(SaveError::Record(error)) => {
                form.set_store_error(&error);
                None
            }
            Err(SaveError::Panel(refusal)) => {
                form.set_general(wording::PANEL_REFUSED);
                self.panel.refused(refusal);
                show_tab(form, self.panel.error_tab());
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

    pub fn view<'a>(&'a self, data: &'a Data) -> Element<'a, Message<E::Column, P::Message>> {
        match &self.form {
            Some(form) => {
                let custom = match self.panel.view(form) {
                    Some(panel) => Some(panel.map(Message::Panel)),
                    None => E::extra(form, data),
                };
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

/// Montre l'onglet des erreurs du panneau.
fn show_tab(form: &mut Form, tab: Option<usize>) {
    if let Some(tab) = tab {
        let _ = form.update(form::Message::Tab(tab));
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
