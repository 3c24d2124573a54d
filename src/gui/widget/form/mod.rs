//! Formulaire générique d'une fiche (manuel : « Saisie d'une fiche … ») : onglets, champs
//! étiquetés (libellés des champs obligatoires en gras), messages de validation du modèle
//! sous chaque champ, tableaux de détail (périodes, rubriques, allocations), boutons
//! « + » (nouvelle fiche), « V » (enregistrer), « – » (supprimer, après confirmation) et
//! garde contre l'abandon de modifications non enregistrées.
//!
//! Le formulaire garde le texte tapé tel quel : une erreur de validation ne l'efface
//! jamais. Il ne connaît aucune règle : l'écran qui l'emploie lit les valeurs avec un
//! [`Reader`], construit la fiche du modèle, appelle sa validation et le store, et rend
//! les erreurs au formulaire ([`Form::set_errors`], [`Form::set_store_error`]).
//!
//! Un fichier par sorte de champ : les champs et leurs valeurs (`field`), les champs de
//! recherche et leurs propositions (`search`), les tableaux de détail (`detail`), la
//! lecture des valeurs (`reader`), l'affichage du formulaire et de ses onglets (`view`).
//! Ici : l'état du formulaire et ses messages.

mod detail;
mod field;
mod reader;
mod search;
mod view;

use std::collections::BTreeMap;

use iced::widget::text_editor;

pub use detail::{Detail, DetailMessage, DetailRow};
pub use field::{Field, Kind, Value};
pub use reader::Reader;
pub use view::banner;

use crate::gui::text as wording;
use crate::model::Invalid;
use crate::store::StoreError;
use field::shown;
use search::{typed, Suggest};

/// Valeur affichée pour « aucun » dans une liste de choix facultative.
pub const NONE: &str = "—";

/// Largeur d'un tableau de détail quand la fenêtre a sa taille d'ouverture : la carte de
/// la fiche (large comme une liste) moins sa marge (voir `view`).
pub const DETAIL_WIDTH: f32 = crate::gui::theme::LIST_WIDTH - 2.0 * crate::gui::theme::SPACE_L;

/// Clé des refus de suppression du store : le message se lit seul.
const REFUSAL_KEY: &str = "suppression";

/// Ce que l'utilisateur fait dans le formulaire.
#[derive(Debug, Clone)]
pub enum Message {
    Input(&'static str, String),
    /// Frappe, déplacement ou sélection dans un champ sur plusieurs lignes.
    Edit(&'static str, text_editor::Action),
    Toggle(&'static str, bool),
    /// Clic sur une fiche proposée sous un champ de recherche (son indice).
    Choose(&'static str, usize),
    /// Entrée dans un champ de recherche : la première fiche proposée.
    Submit(&'static str),
    Tab(usize),
    Detail(usize, DetailMessage),
    /// « + » (Ctrl+N).
    New,
    /// « V » (Ctrl+S).
    Save,
    /// « – » (Suppr).
    Delete,
    /// Retour à la liste (Échap).
    Close,
    /// Réponse « oui » à la question posée.
    Confirm,
    /// Réponse « non ».
    Cancel,
}

/// Ce que le formulaire demande à l'écran, confirmations faites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    New,
    Save,
    Delete,
    Close,
}

/// Question en attente de réponse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Delete,
    /// Enregistrer malgré un changement à confirmer (lot changé d'immeuble…).
    Save,
    /// Abandonner les modifications pour faire ceci.
    Discard(Request),
}

/// État d'un formulaire.
#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    tabs: Vec<&'static str>,
    fields: Vec<Field>,
    values: Vec<Value>,
    pub details: Vec<Detail>,
    /// Contenu des éditeurs des champs sur plusieurs lignes (leur texte est aussi dans
    /// `values`).
    editors: BTreeMap<&'static str, text_editor::Content>,
    errors: BTreeMap<&'static str, String>,
    general: Vec<String>,
    info: Option<String>,
    notice: Option<String>,
    tab: usize,
    dirty: bool,
    existing: Option<String>,
    editable: bool,
    details_editable: bool,
    can_delete: bool,
    can_close: bool,
    confirm: Option<Confirm>,
    /// Question posée avant d'enregistrer.
    question: Option<String>,
    /// L'enregistrement en cours a été confirmé.
    save_confirmed: bool,
    /// Propositions sous le champ de recherche où l'on tape.
    suggest: Option<Suggest<&'static str>>,
}

impl Form {
    /// Formulaire vide d'une nouvelle fiche.
    pub fn new(title: impl Into<String>, tabs: Vec<&'static str>, fields: Vec<Field>) -> Self {
        let values = fields.iter().map(Field::empty_value).collect();
        let editors = fields
            .iter()
            .filter(|f| f.kind == Kind::MultiLine)
            .map(|f| (f.key, text_editor::Content::new()))
            .collect();
        Form {
            title: title.into(),
            tabs,
            fields,
            values,
            details: Vec::new(),
            editors,
            errors: BTreeMap::new(),
            general: Vec::new(),
            info: None,
            notice: None,
            tab: 0,
            dirty: false,
            existing: None,
            editable: true,
            details_editable: true,
            can_delete: true,
            can_close: true,
            confirm: None,
            question: None,
            save_confirmed: false,
            suggest: None,
        }
    }

    pub fn with_detail(mut self, detail: Detail) -> Self {
        self.details.push(detail);
        self
    }

    /// Fiche déjà enregistrée : en consultation (champs en lecture seule).
    pub fn existing(mut self, reference: impl Into<String>) -> Self {
        self.existing = Some(reference.into());
        self.editable = false;
        self.details_editable = false;
        self
    }

    /// Champs modifiables ou non (pièce non verrouillée).
    pub fn set_editable(&mut self, editable: bool) {
        self.editable = editable;
    }

    /// Les tableaux de détail d'une fiche enregistrée acceptent de nouvelles lignes
    /// (périodes et rubriques d'une location).
    pub fn set_details_editable(&mut self, editable: bool) {
        self.details_editable = editable;
    }

    pub fn details_editable(&self) -> bool {
        self.details_editable
    }

    /// Référence de la fiche enregistrée, `None` pour une nouvelle fiche.
    pub fn reference(&self) -> Option<&str> {
        self.existing.as_deref()
    }

    pub fn is_new(&self) -> bool {
        self.existing.is_none()
    }

    /// Champs modifiables (nouvelle fiche).
    pub fn is_editable(&self) -> bool {
        self.editable
    }

    /// Avertissement permanent au-dessus des onglets (consultation, verrou…).
    pub fn set_notice(&mut self, notice: Option<String>) {
        self.notice = notice;
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Le bouton « ← Liste » est-il proposé (non pour une fenêtre sans liste) ?
    pub fn set_can_close(&mut self, can: bool) {
        self.can_close = can;
    }

    /// Le bouton « – » est-il proposé ?
    pub fn set_can_delete(&mut self, can: bool) {
        self.can_delete = can;
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    /// La clé d'un champ du formulaire, s'il existe.
    pub fn field_key(&self, key: &str) -> Option<&'static str> {
        self.fields.iter().find(|f| f.key == key).map(|f| f.key)
    }

    /// Place une valeur (chargement d'une fiche, valeur proposée).
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        if let Some(i) = self.index(key) {
            let value = value.into();
            if let Some(editor) = self.editors.get_mut(self.fields[i].key) {
                *editor = text_editor::Content::with_text(&value);
            }
            self.values[i] = Value::Text(value);
        }
    }

    pub fn set_flag(&mut self, key: &str, flag: bool) {
        if let Some(i) = self.index(key) {
            self.values[i] = Value::Flag(flag);
        }
    }

    /// Texte tapé dans un champ.
    pub fn text(&self, key: &str) -> &str {
        self.index(key)
            .map(|i| self.values[i].as_text())
            .unwrap_or_default()
    }

    pub fn flag(&self, key: &str) -> bool {
        self.index(key)
            .is_some_and(|i| self.values[i] == Value::Flag(true))
    }

    /// Lecteur des valeurs des champs.
    pub fn reader(&self) -> Reader<'_> {
        Reader {
            fields: &self.fields,
            values: &self.values,
            errors: Vec::new(),
        }
    }

    pub fn tab(&self) -> usize {
        self.tab
    }

    pub fn tabs(&self) -> &[&'static str] {
        &self.tabs
    }

    /// Des modifications ne sont pas enregistrées.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Message d'erreur affiché sous un champ.
    pub fn error(&self, key: &str) -> Option<&str> {
        self.errors.get(key).map(String::as_str)
    }

    /// Erreurs qui ne portent sur aucun champ affiché.
    pub fn general_errors(&self) -> &[String] {
        &self.general
    }

    /// Question en attente.
    pub fn pending(&self) -> Option<Confirm> {
        self.confirm
    }

    pub fn info(&self) -> Option<&str> {
        self.info.as_deref()
    }

    /// Efface les messages avant une nouvelle tentative.
    pub fn clear_errors(&mut self) {
        self.errors.clear();
        self.general.clear();
        self.info = None;
        for d in &mut self.details {
            d.clear_errors();
        }
    }

    /// Affiche les erreurs de validation : sous leur champ, ou en tête s'il n'y en a pas.
    pub fn set_errors(&mut self, errors: Vec<Invalid>) {
        self.info = None;
        let mut first_tab = None;
        for e in errors {
            match self.index(e.field) {
                Some(i) => {
                    first_tab = first_tab.or(Some(self.fields[i].tab));
                    let slot = self.errors.entry(e.field).or_default();
                    if !slot.is_empty() {
                        slot.push_str(" ; ");
                    }
                    slot.push_str(&e.message);
                }
                // Refus d'une suppression ou d'une modification : la phrase se suffit.
                None if e.field == REFUSAL_KEY => self.general.push(e.message),
                None => self.general.push(e.to_string()),
            }
        }
        // Montre l'onglet de la première erreur si l'onglet courant n'en a aucune.
        if let Some(tab) = first_tab {
            let here = self
                .fields
                .iter()
                .any(|f| f.tab == self.tab && self.errors.contains_key(f.key));
            if !here {
                self.tab = tab;
            }
        }
    }

    /// Erreur générale (en tête du formulaire).
    pub fn set_general(&mut self, message: impl Into<String>) {
        self.info = None;
        self.general.push(message.into());
    }

    /// Erreur du store : les erreurs de validation vont sous leur champ ; une référence
    /// en double ou inconnue va sous le champ qui la contient.
    pub fn set_store_error(&mut self, error: &StoreError) {
        match error {
            StoreError::Invalid(errors) => self.set_errors(errors.clone()),
            StoreError::Duplicate { reference, .. } | StoreError::Unknown { reference, .. } => {
                let field = self
                    .fields
                    .iter()
                    .zip(&self.values)
                    .find(|(_, v)| v.as_text().trim() == reference.as_str())
                    .map(|(f, _)| f.key);
                match field {
                    Some(key) => self.set_errors(vec![Invalid::new(key, error.to_string())]),
                    None => self.set_general(error.to_string()),
                }
            }
            other => self.set_general(other.to_string()),
        }
    }

    /// Enregistrement réussi : la fiche devient (ou reste) une fiche enregistrée, qui se
    /// modifie encore ; ses champs d'identité ne changent plus, ses lignes de détail
    /// deviennent les lignes enregistrées.
    pub fn saved(&mut self, reference: impl Into<String>, message: impl Into<String>) {
        let reference = reference.into();
        self.clear_errors();
        if self.existing.is_none() {
            self.title = reference.clone();
        }
        self.existing = Some(reference);
        self.dirty = false;
        self.save_confirmed = false;
        for d in &mut self.details {
            d.commit();
        }
        self.info = Some(message.into());
    }

    /// Champ d'identité d'une fiche enregistrée : il ne se modifie plus.
    fn is_locked(&self, index: usize) -> bool {
        self.existing.is_some() && self.fields.get(index).is_some_and(|f| f.fixed)
    }

    /// Pose une question avant d'enregistrer (« V » la reposera si elle est refusée).
    pub fn ask_save(&mut self, question: impl Into<String>) {
        self.question = Some(question.into());
        self.confirm = Some(Confirm::Save);
    }

    /// Question en attente avant d'enregistrer.
    pub fn question(&self) -> Option<&str> {
        self.question.as_deref()
    }

    /// L'enregistrement demandé a été confirmé (la confirmation ne sert qu'une fois).
    pub fn take_save_confirmed(&mut self) -> bool {
        std::mem::take(&mut self.save_confirmed)
    }

    /// Suppression refusée par le store : sa raison en tête de la fiche.
    pub fn set_refusal(&mut self, error: &StoreError) {
        self.info = None;
        self.general
            .push(wording::delete_refused(&refusal_text(error)));
    }

    /// Message d'information (contrôle réussi…).
    pub fn set_info(&mut self, message: impl Into<String>) {
        self.info = Some(message.into());
    }

    /// Le contenu a été changé par un automatisme (écritures générées).
    pub fn touch(&mut self) {
        self.dirty = true;
    }

    /// Applique un message ; renvoie ce que l'écran doit faire.
    pub fn update(&mut self, message: Message) -> Option<Request> {
        match message {
            Message::Input(key, value) => {
                self.input(key, value);
                None
            }
            Message::Choose(key, index) => {
                if let Some(value) = self.proposal(key, Some(index)) {
                    self.input(key, value);
                }
                None
            }
            Message::Submit(key) => {
                if let Some(value) = self.proposal(key, None) {
                    self.input(key, value);
                }
                None
            }
            Message::Edit(key, action) => {
                self.edit(key, action);
                None
            }
            Message::Toggle(key, flag) => {
                if self.editable {
                    if let Some(i) = self.index(key) {
                        self.values[i] = Value::Flag(flag);
                        self.dirty = true;
                        self.info = None;
                    }
                }
                None
            }
            Message::Tab(tab) => {
                if tab < self.tabs.len() {
                    self.tab = tab;
                }
                None
            }
            Message::Detail(index, message) => {
                if !self.details_editable {
                    return None;
                }
                self.suggest = None;
                for (i, d) in self.details.iter_mut().enumerate() {
                    if i != index {
                        d.close_suggestions();
                    }
                }
                if let Some(detail) = self.details.get_mut(index) {
                    if detail.update(message) {
                        self.dirty = true;
                        self.info = None;
                    }
                }
                None
            }
            Message::New => self.guard(Request::New),
            // Échap ferme d'abord la liste des fiches proposées.
            Message::Close if self.close_suggestions() => None,
            Message::Close => self.guard(Request::Close),
            Message::Save => {
                self.confirm = None;
                self.save_confirmed = false;
                Some(Request::Save)
            }
            Message::Delete => {
                if self.can_delete {
                    self.confirm = Some(Confirm::Delete);
                }
                None
            }
            Message::Confirm => match self.confirm.take() {
                Some(Confirm::Delete) => Some(Request::Delete),
                Some(Confirm::Save) => {
                    self.question = None;
                    self.save_confirmed = true;
                    Some(Request::Save)
                }
                Some(Confirm::Discard(request)) => {
                    self.dirty = false;
                    Some(request)
                }
                None => None,
            },
            Message::Cancel => {
                self.confirm = None;
                self.question = None;
                None
            }
        }
    }

    /// Texte tapé dans un champ modifiable ; un champ de recherche ouvre ou ferme ses
    /// propositions.
    fn input(&mut self, key: &'static str, value: String) {
        let Some(i) = self.index(key) else {
            return;
        };
        if !self.editable || self.fields[i].kind == Kind::ReadOnly || self.is_locked(i) {
            return;
        }
        for d in &mut self.details {
            d.close_suggestions();
        }
        let value = match &self.fields[i].kind {
            Kind::Search(choices) => {
                let (value, suggest) = typed(choices, key, value);
                self.suggest = suggest;
                value
            }
            _ => {
                self.suggest = None;
                value
            }
        };
        if let Some(editor) = self.editors.get_mut(key) {
            *editor = text_editor::Content::with_text(&value);
        }
        self.values[i] = Value::Text(value);
        self.dirty = true;
        self.info = None;
    }

    /// Ferme les listes de fiches proposées ; vrai s'il y en avait une.
    fn close_suggestions(&mut self) -> bool {
        let mut closed = self.suggest.take().is_some();
        for d in &mut self.details {
            closed |= d.close_suggestions();
        }
        closed
    }

    /// Les listes de choix et les fiches des champs de recherche de `fresh` (le même
    /// formulaire construit sur des données relues) remplacent les siennes ; les valeurs
    /// tapées restent.
    pub fn renew_choices(&mut self, fresh: &Form) {
        self.close_suggestions();
        renew(&mut self.fields, &fresh.fields);
        for (detail, new) in self.details.iter_mut().zip(&fresh.details) {
            renew(&mut detail.columns, &new.columns);
        }
    }

    /// Action dans l'éditeur d'un champ sur plusieurs lignes : les déplacements et la
    /// sélection toujours, la frappe si le formulaire est modifiable ; le texte du champ
    /// suit l'éditeur.
    fn edit(&mut self, key: &'static str, action: text_editor::Action) {
        let Some(i) = self.index(key) else {
            return;
        };
        let is_edit = action.is_edit();
        if is_edit && !self.editable {
            return;
        }
        let Some(editor) = self.editors.get_mut(key) else {
            return;
        };
        editor.perform(action);
        if is_edit {
            self.values[i] = Value::Text(editor.text());
            self.dirty = true;
            self.info = None;
        }
    }

    /// Demande confirmation avant d'abandonner des modifications.
    fn guard(&mut self, request: Request) -> Option<Request> {
        if self.dirty {
            self.confirm = Some(Confirm::Discard(request));
            None
        } else {
            Some(request)
        }
    }
}

/// Reprend de `fresh` les choix des champs à choix ou de recherche de même clé.
fn renew(fields: &mut [Field], fresh: &[Field]) {
    for field in fields {
        if !matches!(field.kind, Kind::Choice(_) | Kind::Search(_)) {
            continue;
        }
        if let Some(new) = fresh.iter().find(|f| f.key == field.key) {
            field.kind = new.kind.clone();
        }
    }
}

/// Le texte d'un refus du store : les messages seuls pour un refus de validation (ils
/// disent quoi faire), l'erreur complète sinon.
pub fn refusal_text(error: &StoreError) -> String {
    match error {
        StoreError::Invalid(errors) => errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join(" ; "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::widget::picker::Choices;

    fn form() -> Form {
        Form::new(
            "Nouvel immeuble",
            vec!["Immeuble", "Lots"],
            vec![
                Field::text("reference", "Référence").required(),
                Field::date("debut", "Début").required(),
                Field::check("actif", "Actif"),
                Field::text("note", "Note").tab(1),
            ],
        )
    }

    #[test]
    fn typed_values_survive_errors_and_guard_asks_before_discarding() {
        let mut f = form();
        assert_eq!(f.update(Message::Input("reference", "B1".into())), None);
        f.update(Message::Input("debut", "32/13/2026".into()));
        f.update(Message::Toggle("actif", true));
        assert!(f.is_dirty());
        let mut r = f.reader();
        assert_eq!(r.text("reference"), "B1");
        assert_eq!(r.date("debut"), None);
        assert!(r.flag("actif"));
        let errors = r.finish(Err(vec![Invalid::new("note", "trop court")]));
        let errors = errors.expect_err("deux erreurs");
        f.set_errors(errors);
        assert!(f.error("debut").is_some());
        assert_eq!(f.error("note"), Some("trop court"));
        assert_eq!(f.text("debut"), "32/13/2026", "rien n'est perdu");
        // Fermer demande confirmation ; « non » garde tout.
        assert_eq!(f.update(Message::Close), None);
        assert_eq!(f.pending(), Some(Confirm::Discard(Request::Close)));
        f.update(Message::Cancel);
        assert_eq!(f.text("reference"), "B1");
        f.update(Message::Close);
        assert_eq!(f.update(Message::Confirm), Some(Request::Close));
    }

    #[test]
    fn a_search_field_that_finds_no_record_is_in_error() {
        let choices = Choices::shared(vec![("LOC001".into(), "DUPONT".into())]);
        let mut f = Form::new(
            "Nouvelle location",
            vec!["Location"],
            vec![Field::search("locataire", "Locataire", choices)],
        );
        f.update(Message::Input("locataire", "XYZ".into()));
        let errors = f.reader().finish(Ok(())).expect_err("introuvable");
        assert_eq!(errors[0].field, "locataire");
        assert_eq!(errors[0].message, "locataire « XYZ » introuvable");
        f.update(Message::Input("locataire", "loc001".into()));
        assert_eq!(f.reader().finish(Ok(())), Ok(()), "retrouvé sans casse");
        f.update(Message::Input("locataire", "".into()));
        assert_eq!(f.reader().finish(Ok(())), Ok(()), "vide : pas d'erreur ici");
    }

    #[test]
    fn delete_needs_confirmation_and_saved_forms_keep_their_identity() {
        let mut f = Form::new(
            "Nouvel immeuble",
            vec!["Immeuble"],
            vec![
                Field::text("reference", "Référence").required().fixed(),
                Field::text("ville", "Ville"),
            ],
        );
        assert_eq!(f.update(Message::Delete), None);
        assert_eq!(f.update(Message::Confirm), Some(Request::Delete));
        f.update(Message::Input("reference", "B1".into()));
        f.saved("B1", "ok");
        assert!(!f.is_dirty());
        // La référence ne change plus ; le reste se modifie.
        f.update(Message::Input("reference", "X".into()));
        assert_eq!(f.text("reference"), "B1");
        assert!(!f.is_dirty());
        f.update(Message::Input("ville", "Lyon".into()));
        assert_eq!(f.text("ville"), "Lyon");
        assert!(f.is_dirty());
        // Une question avant d'enregistrer : « oui » rend l'enregistrement confirmé.
        f.ask_save("Changer d'immeuble ?");
        assert_eq!(f.pending(), Some(Confirm::Save));
        assert_eq!(f.update(Message::Confirm), Some(Request::Save));
        assert!(f.take_save_confirmed());
        assert!(!f.take_save_confirmed(), "une seule fois");
    }

    #[test]
    fn stored_detail_rows_are_edited_removed_restored_and_committed() {
        let mut d = Detail::new(
            "Périodes",
            0,
            vec![
                Field::date("debut", "Début").fixed(),
                Field::number("mois", "Mois"),
            ],
        );
        d.push_stored(vec![
            ("debut", Value::Text("01/01/2026".into())),
            ("mois", Value::Text("12".into())),
        ]);
        d.push_stored(vec![
            ("debut", Value::Text("01/01/2027".into())),
            ("mois", Value::Text("12".into())),
        ]);
        assert!(d.changed_rows().is_empty());
        // La colonne d'identité ne bouge pas, la durée oui.
        assert!(!d.update(DetailMessage::Input(0, "debut", "02/01/2026".into())));
        assert!(d.update(DetailMessage::Input(0, "mois", "24".into())));
        assert_eq!(d.changed_rows(), [0]);
        assert_eq!(d.original_reader(0).text("mois"), "12");
        // « – » marque, un second clic garde la ligne ; une nouvelle ligne part aussitôt.
        d.update(DetailMessage::Remove(1));
        assert_eq!(d.removed_rows(), [1]);
        d.update(DetailMessage::Remove(1));
        assert!(d.removed_rows().is_empty());
        d.update(DetailMessage::Remove(1));
        let new = d.add();
        assert_eq!(d.new_rows(), [new]);
        d.update(DetailMessage::Remove(new));
        assert_eq!(d.rows.len(), 2);
        d.commit();
        assert_eq!(d.rows.len(), 1);
        assert!(d.changed_rows().is_empty());
        assert_eq!(d.text(0, "mois"), "24");
        assert!(d.is_stored(0));
    }
}
