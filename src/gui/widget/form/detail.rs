//! Les tableaux de détail d'un onglet (périodes, rubriques, allocations, lignes d'une
//! pièce) : leurs lignes nouvelles, enregistrées, modifiées ou marquées pour suppression,
//! leurs cellules et leurs erreurs, et leur affichage en grille.

use std::collections::BTreeMap;

use iced::widget::{button, checkbox, column, container, pick_list, row, text, Column, Space};
use iced::{Alignment, Length};

use super::search::{proposed, typed, Suggest};
use super::{shown, Field, Kind, Message, Reader, Value, DETAIL_WIDTH};
use crate::gui::widget::table::HeaderFit;
use crate::gui::widget::{inputs, measure, Element};
use crate::gui::{text as wording, theme};
use crate::model::Invalid;

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
    /// Colonnes larges de ce que montrent leur titre et leurs valeurs (mesurés), plutôt
    /// que de la part donnée à chaque champ.
    measured: bool,
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
            measured: false,
        }
    }

    /// Tableau dont les colonnes prennent la largeur de leur contenu : titre, valeurs,
    /// choix proposés, zone de saisie d'une date ou d'un montant (mesurés avec les polices
    /// embarquées). La place en plus se partage à proportion.
    pub fn measured(mut self) -> Self {
        self.measured = true;
        self
    }

    /// Ce qu'il faut à chaque colonne, en pixels : au moins (`need`) son titre et ses
    /// valeurs ; pour être à l'aise (`want`), de quoi taper une date ou un montant dans une
    /// zone vide et montrer le plus long des choix proposés.
    pub fn needs(&self) -> (Vec<f32>, Vec<f32>) {
        self.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // une colonne d'identité d'une ligne enregistrée se montre en texte
                let values = self.rows.iter().map(|r| {
                    let as_text = r.saved || (c.fixed && r.original.is_some());
                    (shown(&r.values[i]), as_text)
                });
                let (content, comfort) = content_need(c, values);
                let need = header_need(c).max(content);
                (need, need.max(comfort))
            })
            .unzip()
    }

    /// Largeur de chaque colonne dans un tableau large de `total` pixels : pour un tableau
    /// mesuré, ce qu'il lui faut (voir `measure::column_widths`) ; sinon, la part donnée
    /// au champ.
    pub fn widths(&self, total: f32) -> Vec<f32> {
        let portions: Vec<u16> = self.columns.iter().map(|c| c.width).collect();
        let room = (total - REMOVE_WIDTH - theme::SPACE_XS * self.columns.len() as f32).max(0.0);
        if self.measured {
            let (need, want) = self.needs();
            return measure::column_widths(room, &need, &want, &portions);
        }
        let sum: f32 = portions.iter().map(|&p| f32::from(p)).sum();
        portions
            .iter()
            .map(|&p| room * f32::from(p) / sum)
            .collect()
    }

    /// Part de la largeur de chaque colonne : les largeurs qu'elles ont quand la fenêtre a
    /// sa taille d'ouverture (`DETAIL_WIDTH`), qui grandissent ou rétrécissent avec elle.
    fn portions(&self) -> Vec<u16> {
        if !self.measured {
            return self.columns.iter().map(|c| c.width).collect();
        }
        // Au trente-deuxième de pixel ; les deux pixels gardés en réserve reviennent aux
        // colonnes à proportion de leur largeur, plus que ce que l'arrondi leur retire.
        self.widths(DETAIL_WIDTH - 2.0)
            .into_iter()
            .map(|w| (w * 32.0).round().clamp(1.0, f32::from(u16::MAX)) as u16)
            .collect()
    }

    /// Chaque colonne, ce qu'il lui faut au moins et la largeur qu'elle a quand la
    /// fenêtre a sa taille d'ouverture (tests : ni titre ni valeur coupés).
    pub fn column_fits(&self) -> Vec<HeaderFit> {
        let portions = self.portions();
        let sum: f32 = portions.iter().map(|&p| f32::from(p)).sum();
        let room = DETAIL_WIDTH - REMOVE_WIDTH - theme::SPACE_XS * self.columns.len() as f32;
        self.columns
            .iter()
            .zip(self.needs().0)
            .zip(portions)
            .map(|((c, needed), p)| HeaderFit {
                title: c.label.to_string(),
                needed,
                width: room * f32::from(p) / sum,
            })
            .collect()
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

    pub(super) fn clear_errors(&mut self) {
        for r in &mut self.rows {
            r.errors.clear();
            r.general.clear();
        }
    }

    pub(super) fn has_errors(&self) -> bool {
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
    pub(super) fn close_suggestions(&mut self) -> bool {
        self.suggest.take().is_some()
    }

    pub(super) fn update(&mut self, message: DetailMessage) -> bool {
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

    /// Le tableau : titre et « + détail », en-tête des colonnes, puis chaque ligne avec
    /// les fiches proposées sous elle et ses messages.
    pub(super) fn view<'a, M: Clone + 'a>(
        &'a self,
        index: usize,
        map: fn(Message) -> M,
        editable: bool,
    ) -> Element<'a, M> {
        let mut lines = Column::new().spacing(theme::SPACE_XS);
        lines = lines.push(self.header_view());
        if self.rows.is_empty() {
            lines = lines.push(
                text(wording::NO_DETAIL)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            );
        }
        for (r, line) in self.rows.iter().enumerate() {
            lines = lines.push(self.row_view(index, r, line, map, editable));
            if let Some(proposals) = self.suggestions_view(r, index, map) {
                lines = lines.push(proposals);
            }
            for message in self.row_messages(line) {
                lines = lines.push(message);
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

    /// L'en-tête des colonnes (libellés des colonnes obligatoires en gras).
    fn header_view<'a, M: 'a>(&'a self) -> Element<'a, M> {
        let header = row(self
            .columns
            .iter()
            .zip(self.portions())
            .map(|(c, portion)| {
                let label = text(c.label)
                    .size(theme::TEXT_SMALL)
                    .wrapping(text::Wrapping::None);
                let label = if c.required {
                    label.font(theme::FONT_BOLD)
                } else {
                    label
                };
                container(label)
                    .width(Length::FillPortion(portion))
                    .padding([0.0, theme::SPACE_XS])
                    .clip(true)
                    .into()
            }))
        .push(Space::new().width(REMOVE_WIDTH))
        .spacing(theme::SPACE_XS);
        // pas de marge sur les côtés : les titres restent au-dessus de leurs cellules
        container(header)
            .padding([theme::SPACE_XS, 0.0])
            .width(Length::Fill)
            .style(theme::table_header)
            .into()
    }

    /// Une ligne : ses cellules, puis « – » (ou « rétablir ») si le tableau se modifie.
    fn row_view<'a, M: Clone + 'a>(
        &'a self,
        index: usize,
        r: usize,
        line: &'a DetailRow,
        map: fn(Message) -> M,
        editable: bool,
    ) -> Element<'a, M> {
        let row_live = editable && !line.saved && !line.removed;
        let portions = self.portions();
        let cells = row(self.columns.iter().enumerate().map(|(i, c)| {
            // Les colonnes d'identité d'une ligne enregistrée ne se modifient plus.
            let live = row_live && !(c.fixed && line.original.is_some());
            let cell = cell_view(c, line, i, (index, r), live, map);
            container(cell)
                .width(Length::FillPortion(portions[i]))
                .into()
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
                .width(REMOVE_WIDTH)
                .style(style)
                .into()
        } else {
            Space::new().width(REMOVE_WIDTH).into()
        };
        cells.push(remove).into()
    }

    /// Les messages sous une ligne : sa suppression au prochain « V », puis ses erreurs
    /// (par colonne, puis générales).
    fn row_messages<'a, M: 'a>(&self, line: &DetailRow) -> Vec<Element<'a, M>> {
        let mut messages: Vec<Element<'a, M>> = Vec::new();
        if line.removed {
            messages.push(
                text(wording::ROW_WILL_BE_DELETED)
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text)
                    .into(),
            );
        }
        let errors = self
            .columns
            .iter()
            .filter_map(|c| line.errors.get(c.key).map(|m| format!("{} : {m}", c.label)))
            .chain(line.general.iter().cloned());
        for m in errors {
            messages.push(
                text(m)
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text)
                    .into(),
            );
        }
        messages
    }
}

/// Largeur du bouton « – » d'une ligne (et de sa place dans l'en-tête).
const REMOVE_WIDTH: f32 = 34.0;

/// Corps du texte des cellules.
const CELL_TEXT: f32 = theme::TEXT_SMALL + 1.0;
/// Marges d'une cellule autour de son texte (zone de saisie : bord et curseur compris).
const CELL_MARGIN: f32 = 2.0 * (theme::SPACE_XS + 1.0) + 1.0;
/// Place de la flèche d'une liste de choix (celle d'iced : la taille du texte, plus la
/// marge de gauche).
const CHOICE_HANDLE: f32 = CELL_TEXT + theme::SPACE_XS;
/// Un texte libre qui tient dans cette largeur (marge comprise) se montre toujours en
/// entier.
const SHORT_TEXT: f32 = 130.0;
/// Largeur d'une case à cocher (et de sa marge).
const CHECK_WIDTH: f32 = 24.0;

/// Ce qu'il faut au titre d'une colonne (en gras si elle est obligatoire).
fn header_need(c: &Field) -> f32 {
    measure::text_width(c.label, theme::TEXT_SMALL, c.required) + 2.0 * theme::SPACE_XS
}

/// Ce qu'il faut aux cellules d'une colonne : au moins sa plus longue valeur (dans une
/// liste de choix, avec sa flèche) et une date entière ; et, pour être à l'aise, la place
/// d'un montant de milliers d'euros ou du plus long des choix proposés.
fn content_need<'a>(c: &Field, values: impl Iterator<Item = (&'a str, bool)>) -> (f32, f32) {
    let width = |t: &str| measure::text_width(t, CELL_TEXT, false);
    let around = 2.0 * theme::SPACE_XS + CHOICE_HANDLE;
    let mut widest: f32 = 0.0;
    let mut widest_choice: f32 = 0.0;
    for (value, as_text) in values {
        let w = width(value);
        if as_text || !matches!(c.kind, Kind::Choice(_)) {
            widest = widest.max(w);
        } else {
            widest_choice = widest_choice.max(w + around - CELL_MARGIN);
        }
    }
    let widest = widest.max(widest_choice);
    match &c.kind {
        Kind::Check => (CHECK_WIDTH, CHECK_WIDTH),
        Kind::Choice(options) => {
            let longest = options.iter().map(|o| width(o)).fold(0.0, f32::max);
            (widest + CELL_MARGIN, longest + around)
        }
        // une date se lit toujours en entier, et l'aide « jj/mm/aaaa » d'une zone vide aussi
        Kind::Date => {
            let empty = width(wording::DATE_PLACEHOLDER).max(width("00/00/0000"));
            let need = widest.max(empty) + CELL_MARGIN;
            (need, need)
        }
        Kind::Amount => (widest + CELL_MARGIN, width("0 000,00") + CELL_MARGIN),
        // Un long texte libre (référence, libellé) se coupe faute de place ; un court,
        // jamais (comme dans les listes).
        _ => {
            let content = widest + CELL_MARGIN;
            let need = if content <= SHORT_TEXT { content } else { 0.0 };
            (need, content.max(width("000") + CELL_MARGIN))
        }
    }
}

/// Une cellule de la colonne `c` d'une ligne (`at` : le tableau et la ligne) : case,
/// liste de choix, recherche ou zone de saisie si elle se modifie (`live`), sinon son
/// texte.
fn cell_view<'a, M: Clone + 'a>(
    c: &'a Field,
    line: &'a DetailRow,
    i: usize,
    at: (usize, usize),
    live: bool,
    map: fn(Message) -> M,
) -> Element<'a, M> {
    let (index, r) = at;
    let value = &line.values[i];
    let invalid = line.errors.contains_key(c.key);
    let key = c.key;
    match (&c.kind, value) {
        (Kind::Check, Value::Flag(flag)) => container(checkbox(*flag).on_toggle_maybe(
            live.then_some(move |f| map(Message::Detail(index, DetailMessage::Toggle(r, key, f)))),
        ))
        .center_x(Length::Fill)
        .into(),
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
            let on_input: Option<Box<dyn Fn(String) -> M + 'a>> = if c.kind != Kind::ReadOnly {
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
    }
}
