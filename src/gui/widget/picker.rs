//! Choix d'une fiche parmi des milliers en tapant (location d'une boîte de traitement,
//! tiers d'un volet de sélection) : une zone de recherche, et sous elle au plus
//! `MAX_MATCHES` fiches dont la référence ou le libellé contient tous les mots tapés
//! (sans casse ni accents). Un clic, ou Entrée pour la première, choisit la fiche ; taper
//! exactement une référence la choisit aussi. La fiche choisie s'affiche sous la zone, qui
//! se vide pour la recherche suivante ; le choix reste tant qu'un autre n'est pas fait
//! (ou qu'il n'est pas retiré, quand la zone le permet). Une liste déroulante de 10 000
//! locations ne se lirait pas ; celle-ci reste courte quel que soit le nombre de fiches.

use iced::widget::{button, column, container, row, scrollable, text, text_input, Column};
use iced::{Alignment, Length};

use super::Element;
use crate::gui::{text as wording, theme};
use crate::model::codes::fold;

/// Au plus ce nombre de fiches proposées sous la zone de recherche.
pub const MAX_MATCHES: usize = 50;
/// Hauteur de la liste des fiches proposées (elle défile au-delà).
const LIST_HEIGHT: f32 = 220.0;

/// Une fiche proposée : sa référence (ce qui est choisi) et son libellé.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub key: String,
    pub label: String,
    /// Référence et libellé sans casse ni accents, pour la recherche.
    haystack: String,
}

impl Item {
    /// Le texte montré : « référence — libellé ».
    pub fn display(&self) -> String {
        if self.label.is_empty() {
            self.key.clone()
        } else {
            format!("{} — {}", self.key, self.label)
        }
    }
}

/// Ce que l'utilisateur fait dans la zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Nouveau texte de la recherche.
    Query(String),
    /// Clic sur une fiche proposée (indice dans la liste complète).
    Choose(usize),
    /// Entrée : la première fiche proposée.
    Submit,
    /// Retire le choix (zone facultative : « tous »).
    Clear,
}

/// État de la zone de recherche.
#[derive(Debug, Clone)]
pub struct Picker {
    items: Vec<Item>,
    query: String,
    /// Indices des fiches proposées (au plus `MAX_MATCHES`).
    matches: Vec<usize>,
    /// Nombre de fiches qui correspondent (toutes, pas seulement celles montrées).
    found: usize,
    chosen: Option<usize>,
    /// La liste des fiches proposées est montrée (l'utilisateur tape).
    open: bool,
    placeholder: &'static str,
    /// Identifiant de la zone de recherche (focus, tests).
    id: &'static str,
    /// Le choix peut être retiré (critère facultatif).
    clearable: bool,
}

impl Picker {
    /// Zone sur les fiches `(référence, libellé)`, avec la fiche `chosen` déjà choisie
    /// (si elle y est).
    pub fn new(
        items: Vec<(String, String)>,
        chosen: &str,
        placeholder: &'static str,
        id: &'static str,
    ) -> Self {
        let items = items
            .into_iter()
            .map(|(key, label)| Item {
                haystack: format!("{} {}", fold(&key), fold(&label)),
                key,
                label,
            })
            .collect();
        let mut picker = Picker {
            items,
            query: String::new(),
            matches: Vec::new(),
            found: 0,
            chosen: None,
            open: false,
            placeholder,
            id,
            clearable: false,
        };
        if let Some(index) = picker.items.iter().position(|i| i.key == chosen) {
            picker.choose(index);
        }
        picker
    }

    /// Le choix peut être retiré par un bouton (critère facultatif).
    pub fn clearable(mut self) -> Self {
        self.clearable = true;
        self
    }

    /// Applique un message ; rend la référence de la fiche choisie quand le choix change
    /// (vide : plus de fiche choisie).
    pub fn update(&mut self, message: Message) -> Option<String> {
        let before = self.chosen;
        match message {
            Message::Query(query) => {
                self.query = query;
                self.open = !self.query.trim().is_empty();
                self.search();
                let typed = fold(self.query.trim());
                if let Some(exact) = self.items.iter().position(|i| fold(&i.key) == typed) {
                    self.chosen = Some(exact);
                }
            }
            Message::Clear => {
                self.chosen = None;
                self.query.clear();
                self.open = false;
            }
            Message::Choose(index) => {
                if index < self.items.len() {
                    self.choose(index);
                }
            }
            Message::Submit => {
                if let Some(&first) = self.matches.first() {
                    self.choose(first);
                }
            }
        }
        (self.chosen != before).then(|| self.chosen().unwrap_or_default().to_string())
    }

    fn choose(&mut self, index: usize) {
        self.chosen = Some(index);
        self.query.clear();
        self.open = false;
        self.matches.clear();
        self.found = 0;
    }

    /// Les fiches qui contiennent tous les mots tapés, les `MAX_MATCHES` premières
    /// gardées, toutes comptées.
    fn search(&mut self) {
        let folded = fold(&self.query);
        let words: Vec<&str> = folded.split_whitespace().collect();
        self.matches.clear();
        self.found = 0;
        for (index, item) in self.items.iter().enumerate() {
            if words.iter().all(|w| item.haystack.contains(w)) {
                self.found += 1;
                if self.matches.len() < MAX_MATCHES {
                    self.matches.push(index);
                }
            }
        }
    }

    /// Référence de la fiche choisie.
    pub fn chosen(&self) -> Option<&str> {
        self.chosen.map(|i| self.items[i].key.as_str())
    }

    /// Texte de la zone de recherche.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Fiches proposées (vide quand la liste est fermée).
    pub fn matches(&self) -> Vec<&Item> {
        self.matches.iter().map(|&i| &self.items[i]).collect()
    }

    /// Nombre de fiches qui correspondent à la recherche.
    pub fn found(&self) -> usize {
        self.found
    }

    /// La zone, la liste des fiches proposées et leur compte ; `invalid` encadre la zone
    /// en rouge.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        invalid: bool,
        on: impl Fn(Message) -> M + Clone + 'a,
    ) -> Element<'a, M> {
        let input = text_input(self.placeholder, &self.query)
            .id(self.id)
            .on_input({
                let on = on.clone();
                move |q| on(Message::Query(q))
            })
            .on_submit(on(Message::Submit))
            .padding(theme::SPACE_XS + 2.0)
            .size(theme::TEXT_BODY)
            .width(Length::Fill)
            .style(theme::field_input(invalid));
        let mut page = column![input].spacing(theme::SPACE_XS);
        if self.open {
            page = page.push(self.matches_view(on.clone())).push(
                text(wording::picker_found(self.found, self.matches.len()))
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            );
        }
        if let Some(index) = self.chosen {
            let mut line = row![text(wording::picker_chosen(&self.items[index].display()))
                .size(theme::TEXT_BODY)
                .width(Length::Fill)]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center);
            if self.clearable {
                line = line.push(
                    button(text(wording::PICKER_CLEAR).size(theme::TEXT_SMALL))
                        .on_press(on(Message::Clear))
                        .padding([2.0, theme::SPACE_S])
                        .style(theme::secondary_button),
                );
            }
            page = page.push(line);
        }
        page.into()
    }

    /// Les fiches proposées, une par ligne cliquable (la liste défile au-delà de sa
    /// hauteur) ; rien s'il n'y en a pas.
    fn matches_view<'a, M: Clone + 'a>(&'a self, on: impl Fn(Message) -> M + 'a) -> Element<'a, M> {
        if self.matches.is_empty() {
            return Column::new().into();
        }
        let mut list = Column::new();
        for (position, &index) in self.matches.iter().enumerate() {
            list = list.push(
                button(text(self.items[index].display()).size(theme::TEXT_BODY))
                    .on_press(on(Message::Choose(index)))
                    .padding([theme::SPACE_XS, theme::SPACE_S])
                    .width(Length::Fill)
                    .style(theme::table_row(position, false)),
            );
        }
        container(scrollable(list).height(Length::Shrink))
            .max_height(LIST_HEIGHT)
            .width(Length::Fill)
            .style(theme::table_frame)
            .into()
    }
}
