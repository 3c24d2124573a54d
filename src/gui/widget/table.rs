//! Liste filtrable et triable, commune aux fenêtres de fiches : zone de filtre, compte
//! des lignes, en-têtes cliquables (tri), lignes cliquables (sélection).
//!
//! Seules les lignes visibles sont construites : une base de 10 000 immeubles reste
//! fluide, car le défilement ne crée jamais plus d'une cinquantaine de lignes.

use std::cmp::Ordering;

use iced::widget::{button, column, container, row, scrollable, text, text_input, Space};
use iced::{alignment, Alignment, Length};

use super::Element;
use crate::gui::{text as wording, theme};
use crate::model::codes::fold;

/// Hauteur supposée de la zone des lignes avant que le premier défilement ne la donne.
const INITIAL_VIEWPORT: f32 = 2400.0;
/// Lignes construites en plus au-dessus et au-dessous de la partie visible.
const MARGIN_ROWS: usize = 2;

/// Une colonne : titre, largeur relative, texte d'une cellule, ordre de tri.
pub struct Column<T, C> {
    pub id: C,
    pub title: &'static str,
    /// Part de la largeur (`Length::FillPortion`).
    pub width: u16,
    /// Aligné à droite (montants, surfaces).
    pub numeric: bool,
    pub content: Content<T>,
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
    Scrolled { offset: f32, height: f32 },
    /// Clic sur une ligne (indice dans la liste complète).
    Select(usize),
}

/// État d'une liste.
pub struct Table<T, C> {
    columns: Vec<Column<T, C>>,
    rows: Vec<T>,
    /// Texte affiché de chaque cellule, calculé une fois.
    cells: Vec<Vec<String>>,
    /// Texte de recherche de chaque ligne (sans casse ni accents).
    haystacks: Vec<String>,
    filter: String,
    sort: Option<(C, Order)>,
    /// Indices (dans `rows`) des lignes retenues, dans l'ordre d'affichage.
    visible: Vec<usize>,
    selected: Option<usize>,
    offset: f32,
    viewport: f32,
    filter_id: &'static str,
    noun: &'static str,
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
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| columns.iter().map(|c| c.cell(r)).collect())
            .collect();
        let haystacks = cells
            .iter()
            .map(|line| {
                line.iter()
                    .map(|c| fold(c))
                    .collect::<Vec<_>>()
                    .join("\u{1}")
            })
            .collect();
        let mut table = Table {
            columns,
            rows,
            cells,
            haystacks,
            filter: String::new(),
            sort,
            visible: Vec::new(),
            selected: None,
            offset: 0.0,
            viewport: INITIAL_VIEWPORT,
            filter_id,
            noun,
        };
        table.refresh();
        table
    }

    /// Applique un message ; renvoie la ligne choisie par un clic.
    pub fn update(&mut self, message: Message<C>) -> Option<&T> {
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
                let row = self.rows.get(index)?;
                self.selected = Some(index);
                Some(row)
            }
        }
    }

    /// Recalcule les lignes retenues et leur ordre.
    fn refresh(&mut self) {
        let needle = fold(&self.filter);
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| needle.is_empty() || self.haystacks[i].contains(&needle))
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

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn sort(&self) -> Option<(C, Order)> {
        self.sort
    }

    pub fn selected(&self) -> Option<&T> {
        self.selected.and_then(|i| self.rows.get(i))
    }

    /// « n / total immeubles ».
    pub fn count_label(&self) -> String {
        wording::row_count(self.visible.len(), self.rows.len(), self.noun)
    }

    /// Identifiant de la zone de filtre.
    pub fn filter_id(&self) -> &'static str {
        self.filter_id
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

    /// Filtre, compte, en-têtes et lignes.
    pub fn view(&self) -> Element<'_, Message<C>>
    where
        C: 'static,
    {
        let toolbar = row![
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

        let headers = row(self.columns.iter().map(|column| {
            let arrow = match self.sort {
                Some((id, Order::Ascending)) if id == column.id => wording::SORT_ASCENDING,
                Some((id, Order::Descending)) if id == column.id => wording::SORT_DESCENDING,
                _ => "",
            };
            let label = row![
                text(column.title)
                    .font(theme::FONT_BOLD)
                    .size(theme::TEXT_BODY)
                    .wrapping(text::Wrapping::None),
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
                .height(theme::HEADER_HEIGHT)
                .width(Length::FillPortion(column.width))
                .style(theme::header_cell)
                .into()
        }));
        let header = container(
            headers
                .height(theme::HEADER_HEIGHT)
                .align_y(Alignment::Center),
        )
        .width(Length::Fill)
        .style(theme::table_header);

        let body: Element<'_, Message<C>> = if self.visible.is_empty() {
            let message = if self.rows.is_empty() {
                wording::NO_ROW
            } else {
                wording::NO_MATCH
            };
            container(
                text(message)
                    .size(theme::TEXT_BODY)
                    .style(theme::muted_text),
            )
            .padding(theme::SPACE_XL)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
        } else {
            let (first, last) = self.window();
            let mut lines = column![Space::new().height(first as f32 * theme::ROW_HEIGHT)];
            for position in first..last {
                lines = lines.push(self.line(position));
            }
            lines = lines
                .push(Space::new().height((self.visible.len() - last) as f32 * theme::ROW_HEIGHT));
            scrollable(lines)
                .on_scroll(|viewport| Message::Scrolled {
                    offset: viewport.absolute_offset().y,
                    height: viewport.bounds().height,
                })
                .width(Length::Fill)
                .height(Length::Fill)
                .into()
        };

        let frame = container(column![header, body])
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::table_frame);
        column![toolbar, frame].spacing(theme::SPACE_M).into()
    }

    /// Une ligne du tableau, à la position `position` de l'affichage.
    fn line(&self, position: usize) -> Element<'_, Message<C>>
    where
        C: 'static,
    {
        let index = self.visible[position];
        let cells = self
            .columns
            .iter()
            .zip(&self.cells[index])
            .map(|(column, content)| {
                let align = if column.numeric {
                    alignment::Horizontal::Right
                } else {
                    alignment::Horizontal::Left
                };
                container(
                    text(content.as_str())
                        .size(theme::TEXT_BODY)
                        .wrapping(text::Wrapping::None),
                )
                .padding([0.0, theme::SPACE_S])
                .width(Length::FillPortion(column.width))
                .height(Length::Fill)
                .align_x(align)
                .align_y(alignment::Vertical::Center)
                .clip(true)
                .into()
            });
        button(row(cells).height(Length::Fill))
            .on_press(Message::Select(index))
            .padding(0)
            .width(Length::Fill)
            .height(theme::ROW_HEIGHT)
            .style(theme::table_row(position, self.selected == Some(index)))
            .into()
    }
}

/// Ordre alphabétique sans casse ni accents (« Évry » entre « Dijon » et « Fréjus »).
pub fn by_text(a: &str, b: &str) -> Ordering {
    fold(a).cmp(&fold(b)).then_with(|| a.cmp(b))
}
