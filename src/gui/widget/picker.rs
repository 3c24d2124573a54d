//! Choix d'une fiche parmi des milliers en tapant (location d'une boîte de traitement,
//! tiers d'un volet de sélection, locataire de la situation, champs « lot », « tiers »,
//! « location »… des formulaires) : une zone de recherche, et sous elle au plus
//! `MAX_MATCHES` fiches dont la référence ou le libellé contient tous les mots tapés
//! (sans casse ni accents). Un clic, ou Entrée pour la première, choisit la fiche ; taper
//! exactement une référence la choisit aussi. La fiche choisie s'affiche sous la zone, qui
//! se vide pour la recherche suivante ; le choix reste tant qu'un autre n'est pas fait
//! (ou qu'il n'est pas retiré, quand la zone le permet). Une liste déroulante de 10 000
//! locations ne se lirait pas ; celle-ci reste courte quel que soit le nombre de fiches.
//!
//! [`Choices`] (les fiches, partagées) et [`Matches`] (les fiches proposées) servent aussi
//! aux champs de recherche des formulaires (`form::Kind::Search`), dont la valeur est le
//! texte tapé.

use std::collections::HashMap;
use std::sync::Arc;

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

/// Les fiches parmi lesquelles on cherche, préparées pour la recherche.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Choices {
    items: Vec<Item>,
    /// Indice de chaque fiche par sa référence sans casse ni accents.
    by_key: HashMap<String, usize>,
}

/// Une liste de 10 000 fiches ne s'imprime pas (messages des tests) : son compte seul.
impl std::fmt::Debug for Choices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Choices({} fiches)", self.items.len())
    }
}

impl Choices {
    /// Les fiches `(référence, libellé)`.
    pub fn new(items: Vec<(String, String)>) -> Self {
        let items: Vec<Item> = items
            .into_iter()
            .map(|(key, label)| Item {
                haystack: format!("{} {}", fold(&key), fold(&label)),
                key,
                label,
            })
            .collect();
        let mut by_key = HashMap::with_capacity(items.len());
        for (index, item) in items.iter().enumerate().rev() {
            by_key.insert(fold(&item.key), index);
        }
        Choices { items, by_key }
    }

    /// Les mêmes fiches, partagées (un formulaire et ses lignes les lisent sans copie).
    pub fn shared(items: Vec<(String, String)>) -> Arc<Choices> {
        Arc::new(Choices::new(items))
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Item> {
        self.items.get(index)
    }

    /// La fiche dont la référence est exactement `typed` (sans casse ni accents).
    pub fn exact(&self, typed: &str) -> Option<usize> {
        self.by_key.get(&fold(typed)).copied()
    }

    /// La fiche de cette référence.
    pub fn find(&self, key: &str) -> Option<&Item> {
        self.exact(key).and_then(|i| self.get(i))
    }

    /// Les fiches qui contiennent tous les mots de `query`, les `MAX_MATCHES` premières
    /// gardées, toutes comptées.
    pub fn search(&self, query: &str) -> Matches {
        let folded = fold(query);
        let words: Vec<&str> = folded.split_whitespace().collect();
        let mut matches = Matches::default();
        for (index, item) in self.items.iter().enumerate() {
            if words.iter().all(|w| item.haystack.contains(w)) {
                matches.found += 1;
                if matches.shown.len() < MAX_MATCHES {
                    matches.shown.push(index);
                }
            }
        }
        matches
    }
}

/// Les fiches proposées pour une recherche.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// Indices des fiches montrées (au plus `MAX_MATCHES`).
    shown: Vec<usize>,
    /// Nombre de fiches qui correspondent (toutes, pas seulement celles montrées).
    found: usize,
}

impl Matches {
    /// Indice de la première fiche proposée (Entrée).
    pub fn first(&self) -> Option<usize> {
        self.shown.first().copied()
    }

    pub fn found(&self) -> usize {
        self.found
    }

    /// Les fiches montrées, parmi `choices`.
    pub fn items<'a>(&self, choices: &'a Choices) -> Vec<&'a Item> {
        self.shown.iter().filter_map(|&i| choices.get(i)).collect()
    }

    /// Les fiches proposées, une par ligne cliquable (la liste défile au-delà de sa
    /// hauteur), puis leur compte.
    pub fn view<'a, M: Clone + 'a>(
        &self,
        choices: &'a Choices,
        on_choose: impl Fn(usize) -> M + 'a,
    ) -> Element<'a, M> {
        let mut page = column![].spacing(theme::SPACE_XS);
        if !self.shown.is_empty() {
            let mut list = Column::new();
            for (position, &index) in self.shown.iter().enumerate() {
                let Some(item) = choices.get(index) else {
                    continue;
                };
                list = list.push(
                    button(text(item.display()).size(theme::TEXT_BODY))
                        .on_press(on_choose(index))
                        .padding([theme::SPACE_XS, theme::SPACE_S])
                        .width(Length::Fill)
                        .style(theme::table_row(position, false)),
                );
            }
            page = page.push(
                container(scrollable(list).height(Length::Shrink))
                    .max_height(LIST_HEIGHT)
                    .width(Length::Fill)
                    .style(theme::table_frame),
            );
        }
        page.push(
            text(wording::picker_found(self.found, self.shown.len()))
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        )
        .into()
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
    choices: Arc<Choices>,
    query: String,
    /// Fiches proposées (vide quand la liste est fermée).
    matches: Matches,
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
        Picker::shared(Choices::shared(items), chosen, placeholder, id)
    }

    /// Idem, sur des fiches déjà préparées (`Data::lease_choices`…).
    pub fn shared(
        choices: Arc<Choices>,
        chosen: &str,
        placeholder: &'static str,
        id: &'static str,
    ) -> Self {
        let mut picker = Picker {
            choices,
            query: String::new(),
            matches: Matches::default(),
            chosen: None,
            open: false,
            placeholder,
            id,
            clearable: false,
        };
        picker.select(chosen);
        picker
    }

    /// Le choix peut être retiré par un bouton (critère facultatif).
    pub fn clearable(mut self) -> Self {
        self.clearable = true;
        self
    }

    /// Nouvelles fiches (données relues) : le choix est gardé s'il y est encore, la
    /// recherche en cours est refaite.
    pub fn set_choices(&mut self, choices: Arc<Choices>) {
        let chosen = self.chosen().map(str::to_string);
        self.choices = choices;
        self.chosen = chosen.and_then(|key| self.choices.exact(&key));
        if self.open {
            self.matches = self.choices.search(&self.query);
        }
    }

    /// Choisit la fiche de cette référence (aucune si elle n'y est pas).
    pub fn select(&mut self, key: &str) {
        match self.choices.exact(key) {
            Some(index) => self.choose(index),
            None => self.chosen = None,
        }
    }

    /// Applique un message ; rend la référence de la fiche choisie quand le choix change
    /// (vide : plus de fiche choisie).
    pub fn update(&mut self, message: Message) -> Option<String> {
        let before = self.chosen;
        match message {
            Message::Query(query) => {
                self.query = query;
                self.open = !self.query.trim().is_empty();
                self.matches = self.choices.search(&self.query);
                if let Some(exact) = self.choices.exact(self.query.trim()) {
                    self.chosen = Some(exact);
                }
            }
            Message::Clear => {
                self.chosen = None;
                self.query.clear();
                self.open = false;
            }
            Message::Choose(index) => {
                if index < self.choices.len() {
                    self.choose(index);
                }
            }
            Message::Submit => {
                if let Some(first) = self.matches.first() {
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
        self.matches = Matches::default();
    }

    /// Référence de la fiche choisie.
    pub fn chosen(&self) -> Option<&str> {
        self.chosen
            .and_then(|i| self.choices.get(i))
            .map(|item| item.key.as_str())
    }

    /// Texte de la zone de recherche.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Fiches proposées (vide quand la liste est fermée).
    pub fn matches(&self) -> Vec<&Item> {
        self.matches.items(&self.choices)
    }

    /// Nombre de fiches qui correspondent à la recherche.
    pub fn found(&self) -> usize {
        self.matches.found()
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
            let on = on.clone();
            page = page.push(
                self.matches
                    .view(&self.choices, move |i| on(Message::Choose(i))),
            );
        }
        if let Some(item) = self.chosen.and_then(|i| self.choices.get(i)) {
            let mut line = row![text(wording::picker_chosen(&item.display()))
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
}
