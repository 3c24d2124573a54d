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

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{
    button, checkbox, column, container, pick_list, row, scrollable, text, text_editor, Column,
    Space,
};
use iced::{Alignment, Length};

use super::inputs;
use super::picker::{Choices, Item, Matches};
use super::{modal, Element};
use crate::gui::{text as wording, theme};
use crate::model::{Invalid, Money};
use crate::store::StoreError;

/// Valeur affichée pour « aucun » dans une liste de choix facultative.
pub const NONE: &str = "—";

/// Clé des refus de suppression du store : le message se lit seul.
const REFUSAL_KEY: &str = "suppression";

/// Nature d'un champ.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text,
    Date,
    Amount,
    Number,
    Check,
    /// Liste de choix (libellés affichés ; `NONE` pour un choix facultatif) : pour les
    /// catalogues, courts.
    Choice(Vec<String>),
    /// Référence d'une fiche parmi des milliers (lot, locataire, tiers, location) : la
    /// valeur est le texte tapé, et les fiches dont la référence ou le libellé le
    /// contiennent sont proposées dessous (voir `widget::picker`).
    Search(Arc<Choices>),
    /// Valeur calculée, jamais saisie.
    ReadOnly,
    /// Texte libre sur plusieurs lignes (notes), sur toute la largeur de l'onglet.
    MultiLine,
}

/// Un champ du formulaire (ou une colonne d'un tableau de détail).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Clé du champ : celle des messages de validation du modèle (`Invalid::field`).
    pub key: &'static str,
    pub label: &'static str,
    pub required: bool,
    pub kind: Kind,
    /// Onglet du champ.
    pub tab: usize,
    /// Part de la largeur dans un tableau de détail.
    pub width: u16,
    /// Identité de la fiche (référence, rubrique et début d'une rubrique de location) :
    /// saisie à la création, jamais modifiée ensuite.
    pub fixed: bool,
}

impl Field {
    fn new(key: &'static str, label: &'static str, kind: Kind) -> Self {
        Field {
            key,
            label,
            required: false,
            kind,
            tab: 0,
            width: 2,
            fixed: false,
        }
    }

    pub fn text(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::Text)
    }

    pub fn date(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::Date)
    }

    pub fn amount(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::Amount)
    }

    pub fn number(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::Number)
    }

    pub fn check(key: &'static str, label: &'static str) -> Self {
        Field {
            width: 1,
            ..Field::new(key, label, Kind::Check)
        }
    }

    /// Liste de choix ; facultative, elle commence par « — ».
    pub fn choice(
        key: &'static str,
        label: &'static str,
        options: impl IntoIterator<Item = String>,
        optional: bool,
    ) -> Self {
        let mut all: Vec<String> = Vec::new();
        if optional {
            all.push(NONE.to_string());
        }
        all.extend(options);
        Field::new(key, label, Kind::Choice(all))
    }

    /// Référence d'une fiche cherchée en tapant parmi `choices` ; vide, aucune fiche.
    pub fn search(key: &'static str, label: &'static str, choices: Arc<Choices>) -> Self {
        Field::new(key, label, Kind::Search(choices))
    }

    /// Liste de choix des libellés d'une liste de codes du modèle.
    pub fn labels(key: &'static str, label: &'static str, labels: &[&'static str]) -> Self {
        Field::choice(key, label, labels.iter().map(|l| l.to_string()), false)
    }

    pub fn read_only(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::ReadOnly)
    }

    /// Texte libre sur plusieurs lignes (éditeur de texte).
    pub fn multi_line(key: &'static str, label: &'static str) -> Self {
        Field::new(key, label, Kind::MultiLine)
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn tab(mut self, tab: usize) -> Self {
        self.tab = tab;
        self
    }

    pub fn width(mut self, width: u16) -> Self {
        self.width = width;
        self
    }

    /// Champ d'identité : modifiable sur une fiche (ou une ligne) pas encore enregistrée
    /// seulement.
    pub fn fixed(mut self) -> Self {
        self.fixed = true;
        self
    }

    fn empty_value(&self) -> Value {
        match self.kind {
            Kind::Check => Value::Flag(false),
            Kind::Choice(ref options) if options.first().is_some_and(|o| o == NONE) => {
                Value::Text(NONE.to_string())
            }
            Kind::Choice(ref options) => Value::Text(options.first().cloned().unwrap_or_default()),
            _ => Value::Text(String::new()),
        }
    }
}

/// Valeur d'un champ : le texte tapé, ou une case à cocher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Flag(bool),
}

impl Value {
    fn as_text(&self) -> &str {
        match self {
            Value::Text(t) => t,
            Value::Flag(_) => "",
        }
    }
}

/// Le texte montré d'une valeur : rien pour « aucun » (`NONE`).
fn shown(value: &Value) -> &str {
    match value.as_text() {
        NONE => "",
        t => t,
    }
}

/// Les fiches proposées sous le champ de recherche où l'on tape (`target` : sa clé, ou
/// sa ligne et sa clé dans un tableau de détail). Une seule liste est ouverte à la fois.
#[derive(Debug, Clone, PartialEq)]
struct Suggest<T> {
    target: T,
    matches: Matches,
}

/// Texte tapé dans un champ de recherche, et les propositions qui en découlent : une
/// référence exacte (sans casse ni accents) est reprise telle qu'enregistrée et ferme la
/// liste ; un autre texte, gardé tel quel, ouvre la liste des fiches qui le contiennent.
fn typed<T>(choices: &Choices, target: T, text: String) -> (String, Option<Suggest<T>>) {
    if let Some(item) = choices.exact(text.trim()).and_then(|i| choices.get(i)) {
        return (item.key.clone(), None);
    }
    if text.trim().is_empty() {
        return (text, None);
    }
    let matches = choices.search(&text);
    (text, Some(Suggest { target, matches }))
}

/// La référence de la fiche proposée `index` (clic), ou de la première proposée
/// (Entrée) quand `index` est `None`.
fn proposed<T: PartialEq>(
    choices: &Choices,
    suggest: &Option<Suggest<T>>,
    target: &T,
    index: Option<usize>,
) -> Option<String> {
    let index = match index {
        Some(i) => i,
        None => suggest
            .as_ref()
            .filter(|s| s.target == *target)?
            .matches
            .first()?,
    };
    choices.get(index).map(|item| item.key.clone())
}

/// Ce que l'utilisateur fait dans un tableau de détail.
#[derive(Debug, Clone)]
pub enum DetailMessage {
    Input(usize, &'static str, String),
    Toggle(usize, &'static str, bool),
    /// Clic sur une fiche proposée sous une cellule de recherche (son indice).
    Choose(usize, &'static str, usize),
    /// Entrée dans une cellule de recherche : la première fiche proposée.
    Submit(usize, &'static str),
    /// « + détail ».
    Add,
    /// Retire une ligne pas encore enregistrée ; marque une ligne enregistrée pour
    /// suppression à l'enregistrement (ou la garde, si elle était déjà marquée).
    Remove(usize),
}

/// Une ligne d'un tableau de détail.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailRow {
    pub values: Vec<Value>,
    /// Ligne en lecture seule (pièce verrouillée…) : affichée, non modifiable.
    pub saved: bool,
    /// Ligne enregistrée et modifiable : ses valeurs telles qu'en base, qui l'identifient
    /// et montrent si elle a changé.
    original: Option<Vec<Value>>,
    /// Ligne enregistrée à supprimer au prochain « V ».
    removed: bool,
    errors: BTreeMap<&'static str, String>,
    general: Vec<String>,
}

impl DetailRow {
    fn new(values: Vec<Value>, saved: bool, original: Option<Vec<Value>>) -> Self {
        DetailRow {
            values,
            saved,
            original,
            removed: false,
            errors: BTreeMap::new(),
            general: Vec::new(),
        }
    }
}

/// Tableau de détail d'un onglet (périodes, rubriques, allocations logement).
#[derive(Debug, Clone)]
pub struct Detail {
    pub title: &'static str,
    pub tab: usize,
    pub columns: Vec<Field>,
    pub rows: Vec<DetailRow>,
    defaults: Vec<Value>,
    /// Propositions sous la cellule de recherche où l'on tape (ligne, clé).
    suggest: Option<Suggest<(usize, &'static str)>>,
}

impl Detail {
    pub fn new(title: &'static str, tab: usize, columns: Vec<Field>) -> Self {
        let defaults = columns.iter().map(Field::empty_value).collect();
        Detail {
            title,
            tab,
            columns,
            rows: Vec::new(),
            defaults,
            suggest: None,
        }
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// Valeur proposée pour les nouvelles lignes.
    pub fn set_default(&mut self, key: &str, value: impl Into<String>) {
        if let Some(i) = self.index(key) {
            self.defaults[i] = Value::Text(value.into());
        }
    }

    pub fn set_default_flag(&mut self, key: &str, flag: bool) {
        if let Some(i) = self.index(key) {
            self.defaults[i] = Value::Flag(flag);
        }
    }

    /// Ajoute une ligne enregistrée (lue en base), en lecture seule.
    pub fn push_saved(&mut self, values: Vec<(&str, Value)>) {
        self.push_row(values, true);
    }

    /// Ajoute une ligne ; `saved` la met en lecture seule.
    pub fn push_row(&mut self, values: Vec<(&str, Value)>, saved: bool) {
        let row = self.filled(values);
        self.rows.push(DetailRow::new(row, saved, None));
    }

    /// Ajoute une ligne enregistrée et modifiable : elle se modifie, ou se marque pour
    /// suppression, et « V » l'écrit.
    pub fn push_stored(&mut self, values: Vec<(&str, Value)>) {
        let row = self.filled(values);
        self.rows
            .push(DetailRow::new(row.clone(), false, Some(row)));
    }

    fn filled(&self, values: Vec<(&str, Value)>) -> Vec<Value> {
        let mut row = self.defaults.clone();
        for (key, value) in values {
            if let Some(i) = self.index(key) {
                row[i] = value;
            }
        }
        row
    }

    /// Retire toutes les lignes.
    pub fn clear(&mut self) {
        self.rows.clear();
        self.suggest = None;
    }

    /// Ajoute une ligne à saisir avec les valeurs proposées.
    pub fn add(&mut self) -> usize {
        self.rows
            .push(DetailRow::new(self.defaults.clone(), false, None));
        self.rows.len() - 1
    }

    /// Indices des lignes pas encore enregistrées.
    pub fn new_rows(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| !self.rows[i].saved && self.rows[i].original.is_none())
            .collect()
    }

    /// Indices des lignes enregistrées modifiées (et pas marquées pour suppression).
    pub fn changed_rows(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                !r.removed && r.original.as_ref().is_some_and(|o| *o != r.values)
            })
            .collect()
    }

    /// Indices des lignes enregistrées marquées pour suppression.
    pub fn removed_rows(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| self.rows[i].removed)
            .collect()
    }

    /// La ligne est marquée pour suppression.
    pub fn is_removed(&self, row: usize) -> bool {
        self.rows.get(row).is_some_and(|r| r.removed)
    }

    /// La ligne est enregistrée (modifiable).
    pub fn is_stored(&self, row: usize) -> bool {
        self.rows.get(row).is_some_and(|r| r.original.is_some())
    }

    /// Lecteur des valeurs d'une ligne telles qu'en base (ce qui l'identifie).
    pub fn original_reader(&self, row: usize) -> Reader<'_> {
        Reader {
            fields: &self.columns,
            values: self
                .rows
                .get(row)
                .and_then(|r| r.original.as_deref())
                .unwrap_or(&[]),
            errors: Vec::new(),
        }
    }

    /// Tout est enregistré : les lignes marquées disparaissent, les autres lignes
    /// modifiables deviennent les valeurs de référence.
    pub fn commit(&mut self) {
        self.suggest = None;
        self.rows.retain(|r| !r.removed);
        for r in &mut self.rows {
            if !r.saved {
                r.original = Some(r.values.clone());
            }
            r.errors.clear();
            r.general.clear();
        }
    }

    /// Lecteur des valeurs d'une ligne.
    pub fn reader(&self, row: usize) -> Reader<'_> {
        Reader {
            fields: &self.columns,
            values: self
                .rows
                .get(row)
                .map(|r| r.values.as_slice())
                .unwrap_or(&[]),
            errors: Vec::new(),
        }
    }

    /// Place une valeur dans une ligne pas encore enregistrée.
    pub fn set(&mut self, row: usize, key: &str, value: impl Into<String>) {
        if let (Some(i), Some(r)) = (self.index(key), self.rows.get_mut(row)) {
            if !r.saved {
                r.values[i] = Value::Text(value.into());
            }
        }
    }

    pub fn set_flag(&mut self, row: usize, key: &str, flag: bool) {
        if let (Some(i), Some(r)) = (self.index(key), self.rows.get_mut(row)) {
            if !r.saved {
                r.values[i] = Value::Flag(flag);
            }
        }
    }

    /// Case cochée d'une cellule.
    pub fn flag(&self, row: usize, key: &str) -> bool {
        match (self.rows.get(row), self.index(key)) {
            (Some(r), Some(i)) => r.values[i] == Value::Flag(true),
            _ => false,
        }
    }

    /// Texte d'une cellule.
    pub fn text(&self, row: usize, key: &str) -> &str {
        match (self.rows.get(row), self.index(key)) {
            (Some(r), Some(i)) => r.values[i].as_text(),
            _ => "",
        }
    }

    /// Erreurs d'une ligne : par colonne quand la clé est celle d'une colonne.
    pub fn set_row_errors(&mut self, row: usize, errors: Vec<Invalid>) {
        let keys: Vec<&'static str> = self.columns.iter().map(|c| c.key).collect();
        if let Some(r) = self.rows.get_mut(row) {
            r.errors.clear();
            r.general.clear();
            for e in errors {
                if keys.contains(&e.field) {
                    let slot = r.errors.entry(e.field).or_default();
                    if !slot.is_empty() {
                        slot.push_str(" ; ");
                    }
                    slot.push_str(&e.message);
                } else {
                    r.general.push(e.message);
                }
            }
        }
    }

    /// Erreur affichée pour une cellule.
    pub fn error(&self, row: usize, key: &str) -> Option<&str> {
        self.rows
            .get(row)
            .and_then(|r| r.errors.get(key))
            .map(String::as_str)
    }

    /// La ligne est enregistrée : elle passe en lecture seule.
    pub fn mark_saved(&mut self, row: usize) {
        if let Some(r) = self.rows.get_mut(row) {
            r.saved = true;
            r.errors.clear();
            r.general.clear();
        }
    }

    fn clear_errors(&mut self) {
        for r in &mut self.rows {
            r.errors.clear();
            r.general.clear();
        }
    }

    fn has_errors(&self) -> bool {
        self.rows
            .iter()
            .any(|r| !r.errors.is_empty() || !r.general.is_empty())
    }

    /// Texte tapé dans une cellule modifiable ; une cellule de recherche ouvre ou ferme
    /// ses propositions.
    fn input(&mut self, row: usize, key: &'static str, value: String) -> bool {
        let Some(i) = self.index(key) else {
            return false;
        };
        let column = &self.columns[i];
        let open = self
            .rows
            .get(row)
            .is_some_and(|r| !(r.saved || r.removed || (column.fixed && r.original.is_some())));
        if !open {
            return false;
        }
        let value = match &column.kind {
            Kind::Search(choices) => {
                let (value, suggest) = typed(choices, (row, key), value);
                self.suggest = suggest;
                value
            }
            _ => {
                self.suggest = None;
                value
            }
        };
        self.rows[row].values[i] = Value::Text(value);
        true
    }

    /// La fiche proposée sous une cellule de recherche : `index`, ou la première.
    fn proposal(&self, row: usize, key: &'static str, index: Option<usize>) -> Option<String> {
        match &self.columns[self.index(key)?].kind {
            Kind::Search(choices) => proposed(choices, &self.suggest, &(row, key), index),
            _ => None,
        }
    }

    /// Ferme les propositions ouvertes ; vrai s'il y en avait.
    fn close_suggestions(&mut self) -> bool {
        self.suggest.take().is_some()
    }

    fn update(&mut self, message: DetailMessage) -> bool {
        match message {
            DetailMessage::Input(row, key, value) => self.input(row, key, value),
            DetailMessage::Choose(row, key, index) => self
                .proposal(row, key, Some(index))
                .is_some_and(|value| self.input(row, key, value)),
            DetailMessage::Submit(row, key) => self
                .proposal(row, key, None)
                .is_some_and(|value| self.input(row, key, value)),
            DetailMessage::Toggle(row, key, flag) => {
                self.suggest = None;
                let index = self.index(key);
                match (self.rows.get_mut(row), index) {
                    (Some(r), Some(i)) if !r.saved && !r.removed => {
                        r.values[i] = Value::Flag(flag);
                        true
                    }
                    _ => false,
                }
            }
            DetailMessage::Add => {
                self.suggest = None;
                self.add();
                true
            }
            DetailMessage::Remove(row) => {
                self.suggest = None;
                match self.rows.get_mut(row) {
                    Some(r) if r.saved => false,
                    Some(r) if r.original.is_some() => {
                        r.removed = !r.removed;
                        r.errors.clear();
                        r.general.clear();
                        true
                    }
                    Some(_) => {
                        self.rows.remove(row);
                        true
                    }
                    None => false,
                }
            }
        }
    }

    /// Les fiches proposées sous la ligne `row` (toute la largeur du tableau), si l'on
    /// tape dans une de ses cellules de recherche.
    fn suggestions_view<'a, M: Clone + 'a>(
        &'a self,
        row: usize,
        index: usize,
        map: fn(Message) -> M,
    ) -> Option<Element<'a, M>> {
        let suggest = self.suggest.as_ref().filter(|s| s.target.0 == row)?;
        let key = suggest.target.1;
        let Kind::Search(choices) = &self.columns[self.index(key)?].kind else {
            return None;
        };
        Some(suggest.matches.view(choices, move |i| {
            map(Message::Detail(index, DetailMessage::Choose(row, key, i)))
        }))
    }

    fn view<'a, M: Clone + 'a>(
        &'a self,
        index: usize,
        map: fn(Message) -> M,
        editable: bool,
    ) -> Element<'a, M> {
        let header = row(self.columns.iter().map(|c| {
            let label = text(c.label)
                .size(theme::TEXT_SMALL)
                .wrapping(text::Wrapping::None);
            let label = if c.required {
                label.font(theme::FONT_BOLD)
            } else {
                label
            };
            container(label)
                .width(Length::FillPortion(c.width))
                .padding([0.0, theme::SPACE_XS])
                .clip(true)
                .into()
        }))
        .push(Space::new().width(34.0))
        .spacing(theme::SPACE_XS);
        let mut lines = Column::new().spacing(theme::SPACE_XS);
        lines = lines.push(
            container(header)
                .padding(theme::SPACE_XS)
                .width(Length::Fill)
                .style(theme::table_header),
        );
        if self.rows.is_empty() {
            lines = lines.push(
                text(wording::NO_DETAIL)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            );
        }
        for (r, line) in self.rows.iter().enumerate() {
            let row_live = editable && !line.saved && !line.removed;
            let cells = row(self.columns.iter().enumerate().map(|(i, c)| {
                let value = &line.values[i];
                let invalid = line.errors.contains_key(c.key);
                let key = c.key;
                // Les colonnes d'identité d'une ligne enregistrée ne se modifient plus.
                let live = row_live && !(c.fixed && line.original.is_some());
                let cell: Element<'a, M> = match (&c.kind, value) {
                    (Kind::Check, Value::Flag(flag)) => {
                        container(checkbox(*flag).on_toggle_maybe(live.then_some(move |f| {
                            map(Message::Detail(index, DetailMessage::Toggle(r, key, f)))
                        })))
                        .center_x(Length::Fill)
                        .into()
                    }
                    (Kind::Choice(options), Value::Text(t)) if live => {
                        pick_list(options.as_slice(), Some(t), move |s: String| {
                            map(Message::Detail(index, DetailMessage::Input(r, key, s)))
                        })
                        .text_size(theme::TEXT_SMALL + 1.0)
                        .padding(theme::SPACE_XS)
                        .width(Length::Fill)
                        .into()
                    }
                    (Kind::Search(_), v) if live => inputs::search_input(
                        shown(v),
                        invalid,
                        true,
                        move |s| map(Message::Detail(index, DetailMessage::Input(r, key, s))),
                        map(Message::Detail(index, DetailMessage::Submit(r, key))),
                    ),
                    // Ligne enregistrée : du texte, plus lisible qu'une zone grisée.
                    (_, v) if !live => {
                        let t = text(shown(v))
                            .size(theme::TEXT_SMALL + 1.0)
                            .wrapping(text::Wrapping::None);
                        let t = if line.removed {
                            t.style(theme::muted_text)
                        } else {
                            t
                        };
                        container(t)
                            .padding([theme::SPACE_XS, theme::SPACE_XS + 1.0])
                            .width(Length::Fill)
                            .align_x(if c.kind == Kind::Amount {
                                iced::alignment::Horizontal::Right
                            } else {
                                iced::alignment::Horizontal::Left
                            })
                            .clip(true)
                            .into()
                    }
                    (_, v) => {
                        let on_input: Option<Box<dyn Fn(String) -> M + 'a>> =
                            if c.kind != Kind::ReadOnly {
                                Some(Box::new(move |s| {
                                    map(Message::Detail(index, DetailMessage::Input(r, key, s)))
                                }))
                            } else {
                                None
                            };
                        let kind = match c.kind {
                            Kind::Date => inputs::CellKind::Date,
                            Kind::Amount => inputs::CellKind::Amount,
                            _ => inputs::CellKind::Text,
                        };
                        inputs::cell(kind, v.as_text(), invalid, on_input)
                    }
                };
                container(cell).width(Length::FillPortion(c.width)).into()
            }))
            .spacing(theme::SPACE_XS)
            .align_y(Alignment::Center);
            let remove: Element<'a, M> = if editable && !line.saved {
                let (label, style): (&str, fn(&iced::Theme, button::Status) -> button::Style) =
                    if line.removed {
                        (wording::RESTORE_ROW, theme::secondary_button)
                    } else {
                        (wording::REMOVE_ROW, theme::danger_button)
                    };
                button(text(label).size(theme::TEXT_BODY))
                    .on_press(map(Message::Detail(index, DetailMessage::Remove(r))))
                    .padding([theme::SPACE_XS, theme::SPACE_S])
                    .width(34.0)
                    .style(style)
                    .into()
            } else {
                Space::new().width(34.0).into()
            };
            lines = lines.push(cells.push(remove));
            if let Some(proposals) = self.suggestions_view(r, index, map) {
                lines = lines.push(proposals);
            }
            if line.removed {
                lines = lines.push(
                    text(wording::ROW_WILL_BE_DELETED)
                        .size(theme::TEXT_SMALL)
                        .style(theme::error_text),
                );
            }
            let messages: Vec<String> = self
                .columns
                .iter()
                .filter_map(|c| line.errors.get(c.key).map(|m| format!("{} : {m}", c.label)))
                .chain(line.general.iter().cloned())
                .collect();
            for m in messages {
                lines = lines.push(text(m).size(theme::TEXT_SMALL).style(theme::error_text));
            }
        }
        let add = button(text(wording::ADD_ROW).size(theme::TEXT_BODY))
            .on_press_maybe(editable.then(|| map(Message::Detail(index, DetailMessage::Add))))
            .padding([theme::SPACE_XS, theme::SPACE_M])
            .style(theme::secondary_button);
        column![
            row![
                text(self.title)
                    .font(theme::FONT_BOLD)
                    .size(theme::TEXT_BODY),
                Space::new().width(Length::Fill),
                add
            ]
            .align_y(Alignment::Center),
            lines
        ]
        .spacing(theme::SPACE_S)
        .into()
    }
}

/// Lecture des valeurs tapées : chaque valeur illisible devient une erreur sur son champ,
/// et la lecture continue pour tout signaler d'un coup.
pub struct Reader<'a> {
    fields: &'a [Field],
    values: &'a [Value],
    errors: Vec<Invalid>,
}

impl<'a> Reader<'a> {
    fn value(&self, key: &str) -> Option<&'a Value> {
        let values = self.values;
        self.fields
            .iter()
            .position(|f| f.key == key)
            .and_then(|i| values.get(i))
    }

    /// Texte du champ, sans espaces autour (« — » = vide).
    pub fn text(&self, key: &str) -> String {
        match self.value(key) {
            Some(Value::Text(t)) if t.trim() != NONE => t.trim().to_string(),
            _ => String::new(),
        }
    }

    /// Texte facultatif : vide → `None`.
    pub fn opt_text(&self, key: &str) -> Option<String> {
        Some(self.text(key)).filter(|t| !t.is_empty())
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(self.value(key), Some(Value::Flag(true)))
    }

    /// Signale une erreur sur un champ.
    pub fn fail(&mut self, key: &'static str, message: impl Into<String>) {
        self.errors.push(Invalid::new(key, message));
    }

    fn read<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        match parse(&self.text(key)) {
            Ok(v) => Some(v),
            Err(m) => {
                self.fail(key, m);
                None
            }
        }
    }

    pub fn date(&mut self, key: &'static str) -> Option<NaiveDate> {
        self.read(key, inputs::date)
    }

    pub fn opt_date(&mut self, key: &'static str) -> Option<NaiveDate> {
        self.read(key, inputs::opt_date).flatten()
    }

    pub fn money(&mut self, key: &'static str) -> Option<Money> {
        self.read(key, inputs::money)
    }

    /// Montant qui vaut zéro quand il est vide.
    pub fn money_or_zero(&mut self, key: &'static str) -> Money {
        self.read(key, inputs::money_or_zero).unwrap_or_default()
    }

    pub fn opt_money(&mut self, key: &'static str) -> Option<Money> {
        self.read(key, inputs::opt_money).flatten()
    }

    pub fn opt_number<T: std::str::FromStr>(&mut self, key: &'static str) -> Option<T> {
        self.read(key, inputs::opt_number::<T>).flatten()
    }

    /// Nombre entier obligatoire.
    pub fn number<T: std::str::FromStr>(&mut self, key: &'static str) -> Option<T> {
        let value = self.opt_number::<T>(key);
        if value.is_none() && !self.errors.iter().any(|e| e.field == key) {
            self.fail(key, wording::REQUIRED);
        }
        value
    }

    /// Code d'une liste du modèle (libellé affiché ou code).
    pub fn code<T>(
        &mut self,
        key: &'static str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.read(key, |t| {
            if t.is_empty() {
                Err(wording::REQUIRED.to_string())
            } else {
                parse(t)
            }
        })
    }

    pub fn opt_code<T>(
        &mut self,
        key: &'static str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.read(key, |t| {
            if t.is_empty() {
                Ok(None)
            } else {
                parse(t).map(Some)
            }
        })
        .flatten()
    }

    /// Erreurs de lecture, puis celles de la validation du modèle (sauf sur les champs
    /// déjà signalés, où la valeur de remplacement n'a pas de sens).
    pub fn finish(self, validation: Result<(), Vec<Invalid>>) -> Result<(), Vec<Invalid>> {
        let mut errors = self.errors;
        if let Err(more) = validation {
            for e in more {
                if !errors.iter().any(|x| x.field == e.field) {
                    errors.push(e);
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Erreurs de lecture seules.
    pub fn errors(&self) -> &[Invalid] {
        &self.errors
    }
}

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

    /// La fiche proposée sous un champ de recherche : `index`, ou la première.
    fn proposal(&self, key: &'static str, index: Option<usize>) -> Option<String> {
        match &self.fields[self.index(key)?].kind {
            Kind::Search(choices) => proposed(choices, &self.suggest, &key, index),
            _ => None,
        }
    }

    /// Les fiches proposées sous le champ de recherche `key` (vide s'il n'y en a pas).
    pub fn proposals(&self, key: &str) -> Vec<&Item> {
        let (Some(suggest), Some(i)) = (&self.suggest, self.index(key)) else {
            return Vec::new();
        };
        match &self.fields[i].kind {
            Kind::Search(choices) if suggest.target == key => suggest.matches.items(choices),
            _ => Vec::new(),
        }
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

    /// Formulaire complet : titre et boutons, messages, onglets, contenu de l'onglet.
    /// `custom` remplace le contenu des onglets sans champ ni détail (Situation…) ;
    /// `actions` s'ajoute aux boutons (traitements de la fiche).
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        map: fn(Message) -> M,
        custom: Option<Element<'a, M>>,
        actions: Vec<Element<'a, M>>,
    ) -> Element<'a, M> {
        let small = |label: &'a str,
                     message: Option<Message>,
                     style: fn(&iced::Theme, button::Status) -> button::Style| {
            button(text(label).size(theme::TEXT_BODY))
                .on_press_maybe(message.map(map))
                .padding([theme::SPACE_XS + 2.0, theme::SPACE_M])
                .style(style)
        };
        let mut toolbar = row![
            small(
                wording::NEW_BUTTON,
                Some(Message::New),
                theme::secondary_button
            ),
            small(
                wording::SAVE_BUTTON,
                Some(Message::Save),
                theme::primary_button,
            ),
            small(
                wording::DELETE_BUTTON,
                self.can_delete.then_some(Message::Delete),
                theme::danger_button,
            ),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);
        if self.can_close {
            toolbar = toolbar.push(small(
                wording::BACK_BUTTON,
                Some(Message::Close),
                theme::secondary_button,
            ));
        }
        toolbar = toolbar.push(Space::new().width(Length::Fill));
        for action in actions {
            toolbar = toolbar.push(action);
        }
        let mut title = row![text(self.title.as_str())
            .font(theme::FONT_BOLD)
            .size(theme::TEXT_TITLE)]
        .spacing(theme::SPACE_L)
        .align_y(Alignment::Center);
        if self.dirty && self.existing.is_some() {
            title = title.push(
                text(wording::UNSAVED_CHANGES)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            );
        }
        let toolbar = column![title, toolbar].spacing(theme::SPACE_S);
        let mut page = Column::new().spacing(theme::SPACE_M).push(toolbar);
        if let Some(notice) = &self.notice {
            page = page.push(banner(notice.as_str(), theme::warning_banner));
        }
        if !self.general.is_empty() {
            page = page.push(banner(self.general.join("\n"), theme::error_banner));
        } else if !self.errors.is_empty() || self.details.iter().any(Detail::has_errors) {
            page = page.push(banner(wording::FORM_HAS_ERRORS, theme::error_banner));
        }
        if let Some(info) = &self.info {
            page = page.push(banner(info.as_str(), theme::info_banner));
        }
        let tabs = row(self.tabs.iter().enumerate().map(|(i, title)| {
            let has_error = self
                .fields
                .iter()
                .any(|f| f.tab == i && self.errors.contains_key(f.key))
                || self.details.iter().any(|d| d.tab == i && d.has_errors());
            let label = if has_error {
                text(wording::tab_with_error(title))
                    .size(theme::TEXT_BODY)
                    .style(theme::error_text)
            } else {
                text(*title).size(theme::TEXT_BODY)
            };
            button(label)
                .on_press(map(Message::Tab(i)))
                .padding([theme::SPACE_S, theme::SPACE_L])
                .style(theme::tab(i == self.tab))
                .into()
        }))
        .spacing(2.0);
        if self.tabs.len() > 1 {
            page = page.push(tabs);
        }

        let fields: Vec<(usize, &Field)> = self
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.tab == self.tab && f.kind != Kind::MultiLine)
            .collect();
        let mut content = Column::new().spacing(theme::SPACE_M);
        for pair in fields.chunks(2) {
            let mut line = row![].spacing(theme::SPACE_XL);
            for (i, field) in pair {
                line = line.push(self.field_view(*i, field, map));
            }
            if pair.len() == 1 {
                line = line.push(Space::new().width(Length::Fill));
            }
            content = content.push(line);
        }
        for field in self
            .fields
            .iter()
            .filter(|f| f.tab == self.tab && f.kind == Kind::MultiLine)
        {
            content = content.push(self.multi_line_view(field, map));
        }
        for (index, detail) in self.details.iter().enumerate() {
            if detail.tab == self.tab {
                content = content.push(detail.view(index, map, self.details_editable));
            }
        }
        if let Some(custom) = custom {
            content = content.push(custom);
        }
        let body = container(scrollable(content.padding(theme::SPACE_L)).height(Length::Fill))
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::card);
        page = page.push(body);

        let base: Element<'a, M> = page.into();
        match self.confirm {
            None => base,
            Some(confirm) => {
                let (question, yes) = match confirm {
                    Confirm::Delete => (wording::confirm_delete(&self.title), wording::DELETE_YES),
                    Confirm::Save => (self.question.clone().unwrap_or_default(), wording::SAVE_YES),
                    Confirm::Discard(_) => {
                        (wording::CONFIRM_DISCARD.to_string(), wording::DISCARD_YES)
                    }
                };
                let dialog = column![
                    text(question).size(theme::TEXT_BODY),
                    row![
                        Space::new().width(Length::Fill),
                        small(
                            wording::CANCEL,
                            Some(Message::Cancel),
                            theme::secondary_button
                        ),
                        small(yes, Some(Message::Confirm), theme::danger_button),
                    ]
                    .spacing(theme::SPACE_S)
                ]
                .spacing(theme::SPACE_L);
                modal(base, dialog.into())
            }
        }
    }

    /// Un champ sur plusieurs lignes : libellé au-dessus, éditeur sur toute la largeur,
    /// message d'erreur dessous.
    fn multi_line_view<'a, M: Clone + 'a>(
        &'a self,
        field: &'a Field,
        map: fn(Message) -> M,
    ) -> Element<'a, M> {
        let key = field.key;
        let label = field_label(field);
        let mut cell = column![label].spacing(theme::SPACE_XS).width(Length::Fill);
        if let Some(content) = self.editors.get(key) {
            cell = cell.push(
                text_editor(content)
                    .on_action(move |a| map(Message::Edit(key, a)))
                    .size(theme::TEXT_BODY)
                    .padding(theme::SPACE_S)
                    .min_height(theme::NOTES_HEIGHT)
                    .style(theme::text_area),
            );
        }
        if let Some(message) = self.errors.get(key) {
            cell = cell.push(
                text(message.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text),
            );
        }
        cell.into()
    }

    /// Un champ de recherche : la zone, et dessous les fiches proposées quand on y tape,
    /// sinon le libellé de la fiche dont la référence y est.
    fn search_view<'a, M: Clone + 'a>(
        &'a self,
        key: &'static str,
        choices: &'a Choices,
        value: &'a Value,
        invalid: bool,
        editable: bool,
        map: fn(Message) -> M,
    ) -> Element<'a, M> {
        let input = if editable {
            inputs::search_input(
                shown(value),
                invalid,
                false,
                move |s| map(Message::Input(key, s)),
                map(Message::Submit(key)),
            )
        } else {
            inputs::text_field(
                "",
                shown(value),
                invalid,
                Length::Fixed(theme::INPUT_WIDTH),
                None,
            )
        };
        let mut cell = column![input].spacing(2.0).width(theme::INPUT_WIDTH);
        match &self.suggest {
            Some(s) if s.target == key && editable => {
                cell = cell.push(
                    s.matches
                        .view(choices, move |i| map(Message::Choose(key, i))),
                );
            }
            _ => {
                if let Some(item) = choices.find(value.as_text()) {
                    cell = cell.push(
                        text(item.label.as_str())
                            .size(theme::TEXT_SMALL)
                            .style(theme::muted_text),
                    );
                }
            }
        }
        cell.into()
    }

    /// Un champ : libellé (gras s'il est obligatoire), zone de saisie, message d'erreur.
    fn field_view<'a, M: Clone + 'a>(
        &'a self,
        index: usize,
        field: &'a Field,
        map: fn(Message) -> M,
    ) -> Element<'a, M> {
        let key = field.key;
        let label = field_label(field);
        let error = self.errors.get(key);
        let invalid = error.is_some();
        let editable = self.editable && field.kind != Kind::ReadOnly && !self.is_locked(index);
        let on_input = || -> Option<Box<dyn Fn(String) -> M + 'a>> {
            editable.then(|| {
                Box::new(move |s| map(Message::Input(key, s))) as Box<dyn Fn(String) -> M + 'a>
            })
        };
        let value = &self.values[index];
        let input: Element<'a, M> = match (&field.kind, value) {
            (Kind::Check, Value::Flag(flag)) => checkbox(*flag)
                .on_toggle_maybe(editable.then_some(move |f| map(Message::Toggle(key, f))))
                .into(),
            (Kind::Choice(options), Value::Text(t)) if editable => {
                pick_list(options.as_slice(), Some(t), move |s: String| {
                    map(Message::Input(key, s))
                })
                .text_size(theme::TEXT_BODY)
                .padding(theme::SPACE_XS + 2.0)
                .width(theme::INPUT_WIDTH)
                .into()
            }
            (Kind::Search(choices), v) => self.search_view(key, choices, v, invalid, editable, map),
            (Kind::Date, v) => inputs::date_input(v.as_text(), invalid, on_input()),
            (Kind::Amount, v) => inputs::amount_input(v.as_text(), invalid, on_input()),
            (_, v) => inputs::text_field(
                "",
                v.as_text(),
                invalid,
                Length::Fixed(theme::INPUT_WIDTH),
                on_input(),
            ),
        };
        // Un champ de recherche s'allonge vers le bas (fiches proposées, libellé) : son
        // libellé reste au niveau de la zone.
        let line = if matches!(field.kind, Kind::Search(_)) {
            let label = container(label)
                .width(theme::LABEL_WIDTH)
                .padding([theme::SPACE_XS + 2.0, 0.0]);
            row![label, input].align_y(Alignment::Start)
        } else {
            row![container(label).width(theme::LABEL_WIDTH), input].align_y(Alignment::Center)
        };
        let mut cell = column![line].spacing(2.0).width(Length::Fill);
        if let Some(message) = error {
            cell = cell.push(row![
                Space::new().width(theme::LABEL_WIDTH),
                text(message.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text)
                    .width(Length::Fill)
            ]);
        }
        cell.into()
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

/// Bandeau de message.
pub fn banner<'a, M: 'a>(
    message: impl text::IntoFragment<'a>,
    style: fn(&iced::Theme) -> container::Style,
) -> Element<'a, M> {
    container(text(message).size(theme::TEXT_BODY))
        .padding([theme::SPACE_S, theme::SPACE_M])
        .width(Length::Fill)
        .style(style)
        .into()
}

/// Libellé d'un champ, en gras s'il est obligatoire.
fn field_label(field: &Field) -> iced::widget::Text<'_> {
    let label = text(field.label).size(theme::TEXT_BODY);
    if field.required {
        label.font(theme::FONT_BOLD)
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
