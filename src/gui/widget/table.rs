//! Liste filtrable et triable, commune aux fenêtres : volet de sélection (période, état,
//! type…), zone de filtre, compte « n / total », en-têtes cliquables (tri), lignes
//! cliquables (Ctrl+clic et Maj+clic pour la sélection multiple, double-clic ou Entrée
//! pour ouvrir la fiche), navigation au clavier (flèches, Début, Fin, Page préc./suiv. ;
//! Maj étend la sélection ; la zone défile pour montrer la ligne courante), export CSV de
//! ce qui est affiché.
//!
//! Seules les lignes visibles sont construites : une liste de 100 000 lignes reste
//! fluide, car le défilement ne crée jamais plus d'une cinquantaine de lignes.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use iced::keyboard::Modifiers;
use iced::widget::operation::{self, AbsoluteOffset};
use iced::widget::{
    button, column, container, mouse_area, pick_list, responsive, row, scrollable, text,
    text_input, tooltip, Id, Row, Space,
};
use iced::{alignment, Alignment, Length, Task};

use super::measure;
use super::save::{self, SaveBox};
use super::{inputs, Element};
use crate::gui::{text as wording, theme};
use crate::model::codes::fold;

/// Hauteur supposée de la zone des lignes avant que le premier défilement ne la donne.
const INITIAL_VIEWPORT: f32 = 2400.0;
/// Lignes construites en plus au-dessus et au-dessous de la partie visible.
const MARGIN_ROWS: usize = 2;
/// Hauteur du titre d'un groupe de colonnes, au-dessus de leurs titres.
const GROUP_HEIGHT: f32 = 24.0;
/// Place laissée à droite des colonnes pour la barre de défilement, qui passe dessus.
const SCROLLBAR_ROOM: f32 = 12.0;
/// Une colonne dont le texte le plus large tient dans cette largeur (marge comprise) le
/// montre toujours en entier.
const SHORT_TEXT: f32 = 130.0;

/// Une colonne : titre, largeur relative, texte d'une cellule, ordre de tri.
pub struct Column<T, C> {
    pub id: C,
    pub title: &'static str,
    /// Part de la largeur (`Length::FillPortion`).
    pub width: u16,
    /// Aligné à droite (montants, surfaces).
    pub numeric: bool,
    pub content: Content<T>,
    /// Texte de la cellule dans l'export CSV (montant sans séparateur de milliers) ;
    /// `None` = le texte affiché.
    pub plain: Option<fn(&T) -> String>,
    /// Titre commun à cette colonne et à ses voisines de même groupe, au-dessus de leurs
    /// titres (« Nouveau solde » sur « Débit » et « Crédit »).
    pub group: Option<&'static str>,
}

/// D'où vient le texte d'une cellule et comment la colonne se trie.
pub enum Content<T> {
    /// Un champ texte affiché tel quel, trié sans casse ni accents.
    Field(fn(&T) -> &str),
    /// Un texte calculé (date, montant, libellé) avec son propre ordre.
    Computed {
        cell: fn(&T) -> String,
        compare: fn(&T, &T) -> Ordering,
    },
}

impl<T, C> Column<T, C> {
    /// Colonne d'un champ texte.
    pub fn text(id: C, title: &'static str, width: u16, field: fn(&T) -> &str) -> Self {
        Column {
            id,
            title,
            width,
            numeric: false,
            content: Content::Field(field),
            plain: None,
            group: None,
        }
    }

    /// Colonne calculée ; `numeric` l'aligne à droite.
    pub fn computed(
        id: C,
        title: &'static str,
        width: u16,
        numeric: bool,
        cell: fn(&T) -> String,
        compare: fn(&T, &T) -> Ordering,
    ) -> Self {
        Column {
            id,
            title,
            width,
            numeric,
            content: Content::Computed { cell, compare },
            plain: None,
            group: None,
        }
    }

    /// Texte de la colonne dans l'export CSV.
    pub fn plain(mut self, plain: fn(&T) -> String) -> Self {
        self.plain = Some(plain);
        self
    }

    /// Place la colonne sous un titre commun à ses voisines de même groupe.
    pub fn group(mut self, group: &'static str) -> Self {
        self.group = Some(group);
        self
    }

    /// Titre de la colonne dans l'export CSV : groupe et titre (« Nouveau solde débit »).
    fn full_title(&self) -> String {
        match self.group {
            Some(group) => format!("{group} {}", self.title.to_lowercase()),
            None => self.title.to_string(),
        }
    }

    fn cell(&self, row: &T) -> String {
        match &self.content {
            Content::Field(field) => field(row).to_string(),
            Content::Computed { cell, .. } => cell(row),
        }
    }

    fn compare(&self, a: &T, b: &T) -> Ordering {
        match &self.content {
            Content::Field(field) => by_text(field(a), field(b)),
            Content::Computed { compare, .. } => compare(a, b),
        }
    }
}

/// Un critère du volet de sélection.
pub enum Pane<T> {
    /// Liste de choix ; l'option 0 est « tous ».
    Choice {
        label: &'static str,
        options: Vec<&'static str>,
        selected: usize,
        test: fn(&T, usize) -> bool,
    },
    /// Période « du … au … » (bornes facultatives, incluses).
    Period {
        label: &'static str,
        from: String,
        to: String,
        test: fn(&T, Option<NaiveDate>, Option<NaiveDate>) -> bool,
    },
    /// Période « du … au … » qui choisit les lignes chargées : la fenêtre relit la base
    /// quand elle change (`Event::Query`) ; la liste ne filtre rien elle-même.
    Query {
        label: &'static str,
        from: String,
        to: String,
    },
}

impl<T> Pane<T> {
    fn keeps(&self, row: &T) -> bool {
        match self {
            Pane::Choice { selected, test, .. } => *selected == 0 || test(row, *selected),
            Pane::Period { from, to, test, .. } => {
                let from = inputs::opt_date(from).ok().flatten();
                let to = inputs::opt_date(to).ok().flatten();
                (from.is_none() && to.is_none()) || test(row, from, to)
            }
            Pane::Query { .. } => true,
        }
    }
}

/// Un titre de colonne ou de groupe, la largeur qu'il lui faut et celle qu'il a.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderFit {
    pub title: String,
    pub needed: f32,
    pub width: f32,
}

/// Au plus ce nombre de lignes chargées par une fenêtre qui lit la base selon sa période
/// (au-delà, elle le dit et demande une période plus courte).
pub const MAX_ROWS: usize = 100_000;

/// Déplacement de la ligne courante au clavier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

/// Sens du tri.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Ascending,
    Descending,
}

/// Ce que l'utilisateur fait sur la liste.
#[derive(Debug, Clone)]
pub enum Message<C> {
    /// Nouveau texte du filtre.
    Filter(String),
    /// Clic sur un en-tête : trie sur cette colonne, ou inverse le sens si elle l'est déjà.
    Sort(C),
    /// La zone des lignes a défilé ou changé de taille.
    Scrolled {
        offset: f32,
        height: f32,
    },
    /// Clic sur une ligne (indice dans la liste complète) ; Ctrl ajoute ou retire la
    /// ligne de la sélection, Maj sélectionne jusqu'à elle.
    Select(usize),
    /// Double-clic sur une ligne : ouvre la fiche.
    Open(usize),
    /// Entrée : ouvre la fiche de la ligne courante.
    OpenCurrent,
    /// Flèches, Début, Fin, Page préc./suiv. : déplace la ligne courante parmi les lignes
    /// affichées ; `true` (Maj) étend la sélection depuis la ligne d'ancrage.
    Move(Move, bool),
    /// Le pointeur entre sur une ligne, ou la quitte.
    Hover(usize),
    Unhover(usize),
    /// Touches de modification enfoncées (Ctrl, Maj).
    Modifiers(Modifiers),
    /// Sélectionne toutes les lignes affichées.
    SelectAll,
    /// Critère de choix du volet de sélection.
    Pane(usize, usize),
    /// Bornes d'un critère de période.
    PaneFrom(usize, String),
    PaneTo(usize, String),
    /// Export CSV de ce qui est affiché.
    Export(save::Message),
}

/// Ce que la liste signale : une ligne choisie ou ouverte (indice dans la liste complète).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Selected(usize),
    Open(usize),
    /// La période qui choisit les lignes chargées a changé (et se lit) : à relire.
    Query,
}

/// État d'une liste.
pub struct Table<T, C> {
    columns: Vec<Column<T, C>>,
    rows: Vec<T>,
    /// Texte affiché de chaque cellule, calculé une fois.
    cells: Vec<Vec<String>>,
    /// Texte de recherche de chaque ligne (sans casse ni accents).
    haystacks: Vec<String>,
    /// Largeur du texte le plus large de chaque colonne (cellules et pied), en pixels.
    content_widths: Vec<f32>,
    /// Ligne des totaux sous le tableau, une cellule par colonne (vide : aucune).
    footer: Vec<String>,
    filter: String,
    sort: Option<(C, Order)>,
    panes: Vec<Pane<T>>,
    /// Indices (dans `rows`) des lignes retenues, dans l'ordre d'affichage.
    visible: Vec<usize>,
    selected: BTreeSet<usize>,
    /// Ligne courante (dernier clic ou déplacement au clavier) : Entrée l'ouvre.
    current: Option<usize>,
    /// Ligne d'ancrage : Maj+clic et Maj+flèche sélectionnent depuis elle.
    anchor: Option<usize>,
    hover: Option<usize>,
    modifiers: Modifiers,
    offset: f32,
    viewport: f32,
    filter_id: &'static str,
    noun: &'static str,
    export: SaveBox,
    /// Zone défilante des lignes (pour la faire suivre la ligne courante).
    scroll_id: Id,
    /// Défilement demandé par un déplacement au clavier, pas encore envoyé à iced.
    pending_scroll: Option<f32>,
}

impl<T, C: Copy + PartialEq> Table<T, C> {
    /// `filter_id` identifie la zone de filtre (tests, focus) ; `noun` est le nom des
    /// lignes au pluriel pour le compte ; `sort` est le tri initial.
    pub fn new(
        columns: Vec<Column<T, C>>,
        rows: Vec<T>,
        sort: Option<(C, Order)>,
        filter_id: &'static str,
        noun: &'static str,
    ) -> Self {
        let mut table = Table {
            columns,
            rows: Vec::new(),
            cells: Vec::new(),
            haystacks: Vec::new(),
            content_widths: Vec::new(),
            footer: Vec::new(),
            filter: String::new(),
            sort,
            panes: Vec::new(),
            visible: Vec::new(),
            selected: BTreeSet::new(),
            current: None,
            anchor: None,
            hover: None,
            modifiers: Modifiers::default(),
            offset: 0.0,
            viewport: INITIAL_VIEWPORT,
            filter_id,
            noun,
            export: SaveBox::new(),
            scroll_id: Id::unique(),
            pending_scroll: None,
        };
        table.set_rows(rows);
        table
    }

    /// Ajoute un critère au volet de sélection.
    pub fn with_pane(mut self, pane: Pane<T>) -> Self {
        self.panes.push(pane);
        self.refresh();
        self
    }

    /// Remplace les lignes (après un enregistrement) en gardant filtre, tri et critères ;
    /// la sélection est effacée.
    pub fn set_rows(&mut self, rows: Vec<T>) {
        self.cells = rows
            .iter()
            .map(|r| self.columns.iter().map(|c| c.cell(r)).collect())
            .collect();
        self.haystacks = self
            .cells
            .iter()
            .map(|line: &Vec<String>| {
                line.iter()
                    .map(|c| fold(c))
                    .collect::<Vec<_>>()
                    .join("\u{1}")
            })
            .collect();
        self.rows = rows;
        self.measure();
        self.selected.clear();
        self.current = None;
        self.anchor = None;
        self.hover = None;
        self.refresh();
    }

    /// Applique un message ; renvoie la ligne choisie ou ouverte.
    pub fn update(&mut self, message: Message<C>) -> Option<Event> {
        match message {
            Message::Filter(filter) => {
                self.filter = filter;
                self.refresh();
                None
            }
            Message::Sort(column) => {
                self.sort = match self.sort {
                    Some((current, Order::Ascending)) if current == column => {
                        Some((column, Order::Descending))
                    }
                    _ => Some((column, Order::Ascending)),
                };
                self.refresh();
                None
            }
            Message::Scrolled { offset, height } => {
                self.offset = offset.max(0.0);
                if height > 0.0 {
                    self.viewport = height;
                }
                None
            }
            Message::Select(index) => {
                self.rows.get(index)?;
                if self.modifiers.command() {
                    if !self.selected.remove(&index) {
                        self.selected.insert(index);
                    }
                    self.anchor = Some(index);
                } else if self.modifiers.shift() {
                    self.select_range(index);
                } else {
                    self.select_only(index);
                }
                self.current = Some(index);
                Some(Event::Selected(index))
            }
            Message::Open(index) => {
                self.rows.get(index)?;
                self.current = Some(index);
                if !self.selected.contains(&index) {
                    self.selected.clear();
                    self.selected.insert(index);
                    self.anchor = Some(index);
                }
                Some(Event::Open(index))
            }
            // Seulement une ligne affichée : un filtre a pu cacher la ligne courante.
            Message::OpenCurrent => self
                .current
                .filter(|i| self.visible.contains(i))
                .map(Event::Open),
            Message::Move(step, extend) => self.step(step, extend).map(Event::Selected),
            Message::Hover(index) => {
                self.hover = Some(index);
                None
            }
            Message::Unhover(index) => {
                if self.hover == Some(index) {
                    self.hover = None;
                }
                None
            }
            Message::Modifiers(modifiers) => {
                self.modifiers = modifiers;
                None
            }
            Message::SelectAll => {
                self.selected = self.visible.iter().copied().collect();
                None
            }
            Message::Pane(pane, option) => {
                if let Some(Pane::Choice {
                    selected, options, ..
                }) = self.panes.get_mut(pane)
                {
                    if option < options.len() {
                        *selected = option;
                    }
                }
                self.refresh();
                None
            }
            Message::PaneFrom(pane, value) => self.set_bound(pane, value, true),
            Message::PaneTo(pane, value) => self.set_bound(pane, value, false),
            Message::Export(message) => {
                if let Some(path) = self.export.update(message) {
                    match self.to_csv() {
                        Ok(csv) => self.export.write(path, csv.as_bytes()),
                        Err(e) => self.export.done(Err(e)),
                    }
                }
                None
            }
        }
    }

    /// Nouvelle borne (`start` : « du », sinon « au ») d'une période du volet : filtre les
    /// lignes, ou demande une relecture si c'est la période de la requête et qu'elle se
    /// lit.
    fn set_bound(&mut self, pane: usize, value: String, start: bool) -> Option<Event> {
        match self.panes.get_mut(pane) {
            Some(Pane::Period { from, to, .. }) => {
                if start {
                    *from = value;
                } else {
                    *to = value;
                }
                self.refresh();
                None
            }
            Some(Pane::Query { from, to, .. }) => {
                if start {
                    *from = value;
                } else {
                    *to = value;
                }
                let readable = inputs::opt_date(from).is_ok() && inputs::opt_date(to).is_ok();
                readable.then_some(Event::Query)
            }
            _ => None,
        }
    }

    /// Bornes de la période de la requête (première `Pane::Query`), `None` si vide ;
    /// une borne illisible compte comme absente.
    pub fn query_period(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        self.panes
            .iter()
            .find_map(|p| match p {
                Pane::Query { from, to, .. } => Some((
                    inputs::opt_date(from).ok().flatten(),
                    inputs::opt_date(to).ok().flatten(),
                )),
                _ => None,
            })
            .unwrap_or((None, None))
    }

    /// Sélectionne cette seule ligne, point de départ d'une sélection étendue.
    fn select_only(&mut self, index: usize) {
        self.selected.clear();
        self.selected.insert(index);
        self.anchor = Some(index);
    }

    /// Sélectionne les lignes affichées de l'ancrage (à défaut la ligne `index`) jusqu'à
    /// `index` ; l'ancrage ne bouge pas.
    fn select_range(&mut self, index: usize) {
        let anchor = *self.anchor.get_or_insert(index);
        let position = |i| self.visible.iter().position(|&v| v == i);
        match (position(anchor), position(index)) {
            (Some(a), Some(b)) => {
                let (a, b) = (a.min(b), a.max(b));
                self.selected = self.visible[a..=b].iter().copied().collect();
            }
            _ => {
                // L'ancrage est caché par le filtre : on repart de la ligne choisie.
                self.anchor = Some(index);
                self.selected.clear();
                self.selected.insert(index);
            }
        }
    }

    /// Déplace la ligne courante parmi les lignes affichées et fait défiler la zone pour
    /// la montrer ; rend la nouvelle ligne courante (indice dans la liste complète).
    fn step(&mut self, step: Move, extend: bool) -> Option<usize> {
        let last = self.visible.len().checked_sub(1)?;
        let page = ((self.viewport / theme::ROW_HEIGHT).floor() as usize)
            .saturating_sub(1)
            .max(1);
        let here = self
            .current
            .and_then(|c| self.visible.iter().position(|&v| v == c));
        let target = match (here, step) {
            (_, Move::Home) => 0,
            (_, Move::End) => last,
            // Pas encore de ligne courante : on part de la première.
            (None, _) => 0,
            (Some(p), Move::Up) => p.saturating_sub(1),
            (Some(p), Move::Down) => (p + 1).min(last),
            (Some(p), Move::PageUp) => p.saturating_sub(page),
            (Some(p), Move::PageDown) => (p + page).min(last),
        };
        let index = self.visible[target];
        if extend {
            self.select_range(index);
        } else {
            self.select_only(index);
        }
        self.current = Some(index);
        self.reveal(target);
        Some(index)
    }

    /// Fait défiler la zone des lignes juste assez pour montrer la ligne à la position
    /// `position` de l'affichage.
    fn reveal(&mut self, position: usize) {
        let top = position as f32 * theme::ROW_HEIGHT;
        let bottom = top + theme::ROW_HEIGHT;
        let offset = if top < self.offset {
            top
        } else if bottom > self.offset + self.viewport {
            (bottom - self.viewport).max(0.0)
        } else {
            return;
        };
        self.offset = offset;
        self.pending_scroll = Some(offset);
    }

    /// Le défilement demandé par le dernier déplacement au clavier, à faire par iced (une
    /// tâche vide s'il n'y en a pas).
    pub fn take_scroll<M: Send + 'static>(&mut self) -> Task<M> {
        match self.pending_scroll.take() {
            Some(y) => operation::scroll_to(
                self.scroll_id.clone(),
                AbsoluteOffset {
                    x: None,
                    y: Some(y),
                },
            ),
            None => Task::none(),
        }
    }

    /// Position de défilement de la zone des lignes (haut de la partie visible).
    pub fn scroll_offset(&self) -> f32 {
        self.offset
    }

    /// Recalcule les lignes retenues et leur ordre.
    fn refresh(&mut self) {
        let needle = fold(&self.filter);
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| needle.is_empty() || self.haystacks[i].contains(&needle))
            .filter(|&i| self.panes.iter().all(|p| p.keeps(&self.rows[i])))
            .collect();
        if let Some((id, order)) = self.sort {
            if let Some(column) = self.columns.iter().find(|c| c.id == id) {
                let rows = &self.rows;
                visible.sort_by(|&a, &b| {
                    let ordering = column.compare(&rows[a], &rows[b]);
                    match order {
                        Order::Ascending => ordering,
                        Order::Descending => ordering.reverse(),
                    }
                });
            }
        }
        self.visible = visible;
    }

    /// Lignes retenues par le filtre, dans l'ordre affiché.
    pub fn visible_rows(&self) -> Vec<&T> {
        self.visible.iter().map(|&i| &self.rows[i]).collect()
    }

    /// Toutes les lignes chargées.
    pub fn rows(&self) -> &[T] {
        &self.rows
    }

    pub fn row(&self, index: usize) -> Option<&T> {
        self.rows.get(index)
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn sort(&self) -> Option<(C, Order)> {
        self.sort
    }

    /// La ligne courante (dernier clic).
    pub fn selected(&self) -> Option<&T> {
        self.current.and_then(|i| self.rows.get(i))
    }

    /// Lignes sélectionnées, dans l'ordre affiché.
    pub fn selection(&self) -> Vec<&T> {
        self.visible
            .iter()
            .filter(|i| self.selected.contains(i))
            .map(|&i| &self.rows[i])
            .collect()
    }

    /// Indice (dans la liste complète) de la ligne dont `key` vaut `value`.
    pub fn position(&self, matches: impl Fn(&T) -> bool) -> Option<usize> {
        self.rows.iter().position(matches)
    }

    /// « n / total immeubles ».
    pub fn count_label(&self) -> String {
        wording::row_count(self.visible.len(), self.rows.len(), self.noun)
    }

    /// Identifiant de la zone de filtre.
    pub fn filter_id(&self) -> &'static str {
        self.filter_id
    }

    /// Nombre de lignes que la vue construit (la partie visible et sa marge).
    pub fn built_rows(&self) -> usize {
        let (first, last) = self.window();
        last - first
    }

    /// Zone d'export (état, pour les tests).
    pub fn export_box(&self) -> &SaveBox {
        &self.export
    }

    /// Ce qui est affiché, en CSV pour un tableur français : BOM UTF-8, `;`, fins de
    /// ligne CRLF, montants à virgule sans séparateur de milliers (conventions de
    /// `crate::formats::csv_lists`).
    pub fn to_csv(&self) -> Result<String, String> {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let failed = |e: csv::Error| wording::csv_failed(&e.to_string());
        writer
            .write_record(self.columns.iter().map(|c| c.full_title()))
            .map_err(failed)?;
        for &i in &self.visible {
            let row = &self.rows[i];
            let record: Vec<String> = self
                .columns
                .iter()
                .zip(&self.cells[i])
                .map(|(c, shown)| match c.plain {
                    Some(plain) => plain(row),
                    None => shown.clone(),
                })
                .collect();
            writer.write_record(&record).map_err(failed)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| wording::csv_failed(&e.to_string()))?;
        let body = String::from_utf8(bytes).map_err(|e| wording::csv_failed(&e.to_string()))?;
        Ok(format!("\u{feff}{body}"))
    }

    /// Mesure le texte le plus large de chaque colonne (cellules et pied).
    fn measure(&mut self) {
        self.content_widths = (0..self.columns.len())
            .map(|c| {
                let cells = self.cells.iter().filter_map(|line| line.get(c));
                let cells = cells.map(|s| measure::text_width(s, theme::TEXT_BODY, false));
                let footer = self
                    .footer
                    .get(c)
                    .map(|s| measure::text_width(s, theme::TEXT_BODY, true));
                cells.chain(footer).fold(0.0, f32::max)
            })
            .collect();
    }

    /// Ligne des totaux sous le tableau, une cellule par colonne, alignée sur elles.
    pub fn set_footer(&mut self, footer: Vec<String>) {
        self.footer = footer;
        self.measure();
    }

    /// Ce qu'il faut à l'en-tête d'une colonne : son titre (la plus longue de ses lignes),
    /// la flèche du tri et la marge.
    fn header_need(column: &Column<T, C>) -> f32 {
        let title = measure::lines_width(column.title, theme::TEXT_BODY, true);
        let arrow = measure::text_width(wording::SORT_ASCENDING, theme::TEXT_SMALL, false);
        title + theme::SPACE_XS + arrow + 2.0 * theme::SPACE_S
    }

    /// Ce qu'il faut au titre d'un groupe de colonnes.
    fn group_need(group: &str) -> f32 {
        measure::text_width(group, theme::TEXT_BODY, true) + 2.0 * theme::SPACE_S
    }

    /// Largeur de chaque colonne dans un tableau large de `total` pixels : les titres et
    /// les montants d'abord, puis le texte des autres colonnes (voir
    /// `measure::column_widths`).
    pub fn widths(&self, total: f32) -> Vec<f32> {
        let mut need = Vec::with_capacity(self.columns.len());
        let mut want = Vec::with_capacity(self.columns.len());
        for (i, column) in self.columns.iter().enumerate() {
            let mut header = Self::header_need(column);
            if let Some(group) = column.group {
                let members = self.columns.iter().filter(|c| c.group == Some(group));
                header = header.max(Self::group_need(group) / members.count() as f32);
            }
            let content = self.content_widths.get(i).copied().unwrap_or(0.0);
            let content = content + 2.0 * theme::SPACE_S;
            // Montants, dates, numéros et codes ne se coupent jamais ; seuls les longs
            // textes (noms, libellés, adresses) se raccourcissent faute de place.
            need.push(if column.numeric || content <= SHORT_TEXT {
                header.max(content)
            } else {
                header
            });
            want.push(header.max(content));
        }
        let portions: Vec<u16> = self.columns.iter().map(|c| c.width).collect();
        measure::column_widths(total, &need, &want, &portions)
    }

    /// Largeur des colonnes d'une liste large de `total` pixels : la barre de défilement
    /// passe sur la droite des lignes, on lui laisse sa place.
    fn widths_in(&self, total: f32) -> Vec<f32> {
        self.widths((total - SCROLLBAR_ROOM).max(0.0))
    }

    /// Chaque titre (colonnes et groupes) avec la largeur qu'il lui faut et celle qu'il a
    /// dans une liste large de `total` pixels (tests : aucun titre coupé).
    pub fn header_fits(&self, total: f32) -> Vec<HeaderFit> {
        let widths = self.widths_in(total);
        let mut fits: Vec<HeaderFit> = self
            .columns
            .iter()
            .zip(&widths)
            .map(|(column, &width)| HeaderFit {
                title: column.title.replace('\n', " "),
                needed: Self::header_need(column),
                width,
            })
            .collect();
        for (group, first, last) in self.groups() {
            if let Some(group) = group {
                fits.push(HeaderFit {
                    title: group.to_string(),
                    needed: Self::group_need(group),
                    width: widths[first..last].iter().sum(),
                });
            }
        }
        fits
    }

    /// Suites de colonnes voisines de même groupe : (groupe, première, fin exclue).
    fn groups(&self) -> Vec<(Option<&'static str>, usize, usize)> {
        let mut runs: Vec<(Option<&'static str>, usize, usize)> = Vec::new();
        for (i, column) in self.columns.iter().enumerate() {
            match runs.last_mut() {
                Some((group, _, end)) if column.group.is_some() && *group == column.group => {
                    *end = i + 1
                }
                _ => runs.push((column.group, i, i + 1)),
            }
        }
        runs
    }

    /// Plage des lignes à construire pour la partie visible.
    fn window(&self) -> (usize, usize) {
        let count = self.visible.len();
        let shown = (self.viewport / theme::ROW_HEIGHT).ceil() as usize + 2 * MARGIN_ROWS;
        let first =
            ((self.offset / theme::ROW_HEIGHT).floor() as usize).saturating_sub(MARGIN_ROWS);
        let first = first.min(count.saturating_sub(shown));
        (first, (first + shown).min(count))
    }

    /// Volet de sélection, filtre, compte, en-têtes et lignes ; `actions` s'ajoute à la
    /// barre d'outils (« + », traitements).
    pub fn view_with<'a>(&'a self, actions: Vec<Element<'a, Message<C>>>) -> Element<'a, Message<C>>
    where
        C: 'static,
        T: 'a,
    {
        let mut toolbar = row![
            text_input(wording::FILTER_PLACEHOLDER, &self.filter)
                .id(self.filter_id)
                .on_input(Message::Filter)
                .padding(theme::SPACE_S)
                .size(theme::TEXT_BODY)
                .width(theme::FILTER_WIDTH)
                .style(theme::filter_input),
            text(self.count_label())
                .size(theme::TEXT_BODY)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_L)
        .align_y(Alignment::Center);
        if self.selected.len() > 1 {
            toolbar = toolbar.push(
                text(wording::selected_count(self.selected.len()))
                    .size(theme::TEXT_BODY)
                    .style(theme::muted_text),
            );
        }
        toolbar = toolbar.push(Space::new().width(Length::Fill));
        for action in actions {
            toolbar = toolbar.push(action);
        }
        let today = chrono::Local::now().date_naive();
        toolbar = toolbar.push(self.export.view(
            wording::EXPORT_CSV,
            save::default_path(self.noun, today, "csv"),
            Message::Export,
        ));

        let mut page = column![].spacing(theme::SPACE_M);
        if !self.panes.is_empty() {
            page = page.push(self.pane_view());
        }
        page = page.push(toolbar);

        let table = responsive(move |size| self.grid(size.width));
        page.push(table).into()
    }

    /// Le tableau (en-têtes, lignes et pied) à la largeur `total` : les colonnes ont la
    /// largeur que leur donne `widths`.
    fn grid<'a>(&'a self, total: f32) -> Element<'a, Message<C>>
    where
        C: 'static,
    {
        let widths = self.widths_in(total);
        let header = container(self.header_view(&widths))
            .width(Length::Fill)
            .style(theme::table_header);
        let frame = container(column![header, self.body_view(&widths)])
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::table_frame);
        if self.footer.is_empty() {
            return frame.into();
        }
        let cells =
            self.footer.iter().zip(&self.columns).zip(&widths).map(
                |((content, column), &width)| Self::cell(content, column.numeric, width, true),
            );
        let footer = container(row(cells).height(theme::ROW_HEIGHT))
            .width(Length::Fill)
            .style(theme::total_line);
        column![frame, footer].spacing(theme::SPACE_M).into()
    }

    /// Les en-têtes cliquables (tri), sous le titre de leur groupe s'il y en a un.
    fn header_view<'a>(&'a self, widths: &[f32]) -> Element<'a, Message<C>>
    where
        C: 'static,
    {
        let grouped = self.columns.iter().any(|c| c.group.is_some());
        let mut headers = Row::new();
        for (group, first, last) in self.groups() {
            let titles = (first..last).map(|i| {
                let height = if grouped && group.is_none() {
                    GROUP_HEIGHT + theme::HEADER_HEIGHT
                } else {
                    theme::HEADER_HEIGHT
                };
                self.header_cell(&self.columns[i], widths[i], height)
            });
            let titles = row(titles);
            headers = match group {
                Some(group) => {
                    let width: f32 = widths[first..last].iter().sum();
                    let title = container(Self::fitted(group, width - 2.0 * theme::SPACE_S, true))
                        .padding([0.0, theme::SPACE_S])
                        .width(width)
                        .height(GROUP_HEIGHT)
                        .align_x(alignment::Horizontal::Center)
                        .align_y(alignment::Vertical::Bottom);
                    headers.push(column![title, titles])
                }
                None => headers.push(titles),
            };
        }
        headers.into()
    }

    /// L'en-tête d'une colonne : son titre (raccourci s'il ne tient pas) et la flèche du
    /// tri.
    fn header_cell<'a>(
        &'a self,
        column: &'a Column<T, C>,
        width: f32,
        height: f32,
    ) -> Element<'a, Message<C>>
    where
        C: 'static,
    {
        let arrow = match self.sort {
            Some((id, Order::Ascending)) if id == column.id => wording::SORT_ASCENDING,
            Some((id, Order::Descending)) if id == column.id => wording::SORT_DESCENDING,
            _ => "",
        };
        let room =
            Self::header_need(column) - measure::lines_width(column.title, theme::TEXT_BODY, true);
        let label = row![
            Self::fitted(column.title, width - room, true),
            text(arrow).size(theme::TEXT_SMALL),
        ]
        .spacing(theme::SPACE_XS)
        .align_y(Alignment::Center);
        let align = if column.numeric {
            alignment::Horizontal::Right
        } else {
            alignment::Horizontal::Left
        };
        let label = container(label)
            .width(Length::Fill)
            .height(Length::Fill)
            .align_x(align)
            .align_y(alignment::Vertical::Center)
            .clip(true);
        button(label)
            .on_press(Message::Sort(column.id))
            .padding([0.0, theme::SPACE_S])
            .height(height)
            .width(width)
            .style(theme::header_cell)
            .into()
    }

    /// Un texte sur une ligne, raccourci par « … » s'il dépasse `width` pixels ; le texte
    /// entier s'affiche alors au survol.
    fn fitted<'a>(content: &'a str, width: f32, bold: bool) -> Element<'a, Message<C>>
    where
        C: 'static,
    {
        let font = if bold { theme::FONT_BOLD } else { theme::FONT };
        let line = |s: String| {
            text(s)
                .font(font)
                .size(theme::TEXT_BODY)
                .wrapping(text::Wrapping::None)
        };
        match measure::ellipsize(content, width, theme::TEXT_BODY, bold) {
            None => line(content.to_string()).into(),
            Some(short) => tooltip(
                line(short),
                container(text(content).size(theme::TEXT_BODY))
                    .padding([theme::SPACE_XS, theme::SPACE_S])
                    .style(theme::card),
                tooltip::Position::FollowCursor,
            )
            .into(),
        }
    }

    /// Une cellule large de `width` pixels : son texte, raccourci s'il ne tient pas.
    fn cell<'a>(content: &'a str, numeric: bool, width: f32, bold: bool) -> Element<'a, Message<C>>
    where
        C: 'static,
    {
        let align = if numeric {
            alignment::Horizontal::Right
        } else {
            alignment::Horizontal::Left
        };
        container(Self::fitted(content, width - 2.0 * theme::SPACE_S, bold))
            .padding([0.0, theme::SPACE_S])
            .width(width)
            .height(Length::Fill)
            .align_x(align)
            .align_y(alignment::Vertical::Center)
            .clip(true)
            .into()
    }

    /// Les lignes visibles (et leur marge) dans une zone qui défile, ou le message d'une
    /// liste vide.
    fn body_view<'a>(&'a self, widths: &[f32]) -> Element<'a, Message<C>>
    where
        C: 'static,
    {
        if self.visible.is_empty() {
            let message = if self.rows.is_empty() {
                wording::NO_ROW
            } else {
                wording::NO_MATCH
            };
            return container(
                text(message)
                    .size(theme::TEXT_BODY)
                    .style(theme::muted_text),
            )
            .padding(theme::SPACE_XL)
            .width(Length::Fill)
            .height(Length::Fill)
            .into();
        }
        let (first, last) = self.window();
        let mut lines = column![Space::new().height(first as f32 * theme::ROW_HEIGHT)];
        for position in first..last {
            lines = lines.push(self.line(position, widths));
        }
        lines =
            lines.push(Space::new().height((self.visible.len() - last) as f32 * theme::ROW_HEIGHT));
        scrollable(lines)
            .id(self.scroll_id.clone())
            .on_scroll(|viewport| Message::Scrolled {
                offset: viewport.absolute_offset().y,
                height: viewport.bounds().height,
            })
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    /// La liste sans action supplémentaire.
    pub fn view(&self) -> Element<'_, Message<C>>
    where
        C: 'static,
    {
        self.view_with(Vec::new())
    }

    /// Le volet de sélection : un critère à la suite de l'autre.
    fn pane_view<'a>(&'a self) -> Element<'a, Message<C>>
    where
        C: 'static,
    {
        let mut line: Row<'a, Message<C>> =
            row![].spacing(theme::SPACE_L).align_y(Alignment::Center);
        for (index, pane) in self.panes.iter().enumerate() {
            match pane {
                Pane::Choice {
                    label,
                    options,
                    selected,
                    ..
                } => {
                    let chosen = options.get(*selected).copied();
                    let options = options.clone();
                    let lookup = options.clone();
                    line = line.push(
                        row![
                            text(*label).size(theme::TEXT_BODY),
                            pick_list(options, chosen, move |o: &'static str| {
                                Message::Pane(
                                    index,
                                    lookup.iter().position(|x| *x == o).unwrap_or(0),
                                )
                            })
                            .text_size(theme::TEXT_BODY)
                            .padding(theme::SPACE_XS + 2.0),
                        ]
                        .spacing(theme::SPACE_S)
                        .align_y(Alignment::Center),
                    );
                }
                Pane::Period {
                    label, from, to, ..
                }
                | Pane::Query { label, from, to } => {
                    line = line.push(
                        row![
                            text(*label).size(theme::TEXT_BODY),
                            text(wording::FROM).size(theme::TEXT_BODY),
                            inputs::date_input(
                                from,
                                false,
                                Some(Box::new(move |s| Message::PaneFrom(index, s)))
                            ),
                            text(wording::TO).size(theme::TEXT_BODY),
                            inputs::date_input(
                                to,
                                false,
                                Some(Box::new(move |s| Message::PaneTo(index, s)))
                            ),
                        ]
                        .spacing(theme::SPACE_S)
                        .align_y(Alignment::Center),
                    );
                }
            }
        }
        container(line.wrap().vertical_spacing(theme::SPACE_S))
            .padding([theme::SPACE_S, theme::SPACE_M])
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }

    /// Une ligne du tableau, à la position `position` de l'affichage.
    fn line<'a>(&'a self, position: usize, widths: &[f32]) -> Element<'a, Message<C>>
    where
        C: 'static,
    {
        let index = self.visible[position];
        let cells =
            self.columns.iter().zip(&self.cells[index]).zip(widths).map(
                |((column, content), &width)| Self::cell(content, column.numeric, width, false),
            );
        let line = container(row(cells).height(Length::Fill))
            .width(Length::Fill)
            .height(theme::ROW_HEIGHT)
            .style(theme::table_line(
                position,
                self.selected.contains(&index),
                self.hover == Some(index),
            ));
        mouse_area(line)
            .on_press(Message::Select(index))
            .on_double_click(Message::Open(index))
            .on_enter(Message::Hover(index))
            .on_exit(Message::Unhover(index))
            .interaction(iced::mouse::Interaction::Pointer)
            .into()
    }
}

/// Ordre alphabétique sans casse ni accents (« Évry » entre « Dijon » et « Fréjus »).
pub fn by_text(a: &str, b: &str) -> Ordering {
    fold(a).cmp(&fold(b)).then_with(|| a.cmp(b))
}
